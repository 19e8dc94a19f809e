"""Tables that open cleanly: sheet names, rounded CSV, Danish Excel, row heights."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mentorqual.reports.language import number, quoted, say
from mentorqual.reports.tables import Sheet, sheet_name, wrapped_lines, write_csv, write_workbook


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Interviews der nævner temaet (%)"], ["Interviews der nævner temaet…"]),
        (["Hovedstaden", "hovedstaden"], ["Hovedstaden", "hovedstaden (2)"]),
        (["a/b: [c]?"], ["a-b- -c--"]),
        (["x" * 40, "x" * 40], ["x" * 30 + "…", "x" * 26 + "… (2)"]),
        (
            ["Konfusionsmatrix for kompetenceafklaring"] * 2,
            ["Konfusionsmatrix for…", "Konfusionsmatrix for… (2)"],
        ),
    ],
)
def test_sheet_names_fit_read_well_and_are_unique(names: list[str], expected: list[str]) -> None:
    taken: set[str] = set()
    shown = [sheet_name(n, taken) for n in names]
    assert shown == expected
    assert all(len(s) <= 31 for s in shown)
    assert len({s.lower() for s in shown}) == len(shown)


def test_csv_values_are_rounded_and_excel_dk_uses_semicolons(tmp_path: Path) -> None:
    rows = [{"region": "Hovedstaden", "pct": 83.33333333333333, "rate": 2.871621621, "n": 6}]
    plain, dk = tmp_path / "plain.csv", tmp_path / "dk.csv"
    columns, decimals = ["region", "pct", "rate", "n"], {"pct": 1, "rate": 2}
    write_csv(rows, columns, plain, decimals=decimals)
    write_csv(rows, columns, dk, decimals=decimals, excel_dk=True)
    assert plain.read_text(encoding="utf-8-sig").splitlines()[1] == "Hovedstaden,83.3,2.87,6"
    assert dk.read_text(encoding="utf-8-sig").splitlines() == [
        "region;pct;rate;n",
        "Hovedstaden;83,3;2,87;6",
    ]
    with dk.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle, delimiter=";")) == ["region", "pct", "rate", "n"]


def test_rows_are_as_high_as_their_wrapped_text(tmp_path: Path) -> None:
    long = "ord " * 60  # 240 characters in a column 40 wide: about 7 lines
    path = tmp_path / "t.xlsx"
    rows = [{"Tekst": long.strip(), "N": 1}]
    sheet = Sheet("Citater", rows, ["Tekst", "N"], widths={"Tekst": 40})
    write_workbook([sheet], path)
    ws = load_workbook(path)["Citater"]
    lines = wrapped_lines(long, 40)
    assert lines >= 6
    assert ws.row_dimensions[2].height >= 15 * lines
    assert ws.row_dimensions[1].height < 20


def test_danish_numbers_and_quotation_marks() -> None:
    assert number(1234.5, 1) == "1.234,5"
    assert number(1234.5, 1, "en") == "1,234.5"
    assert number(float("nan"), 2) == "–"
    assert quoted("Det gav ro.") == "»Det gav ro.«"
    assert quoted("It helped.", "en") == "“It helped.”"
    assert say("da", "human", name="A") == "koder A (menneske)"
    assert say("en", "human", name="A") == "coder A (human)"
