"""The agreement report writer: xlsx sheets, Markdown tables, Word styles, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorqual.agreement import Audit, AuditUnit, audit
from mentorqual.errors import InputError
from mentorqual.reports import agreement as report
from mentorqual.reports.agreement import AGREEMENT_SUFFIXES, write_agreement
from mentorqual.reports.language import Lang, say


def unit(segment: int, text: str = "") -> AuditUnit:
    interview, region = ("HS01", "Hovedstaden") if segment <= 3 else ("NJ01", "Nordjylland")
    return AuditUnit(segment, interview, region, f"p{segment}", text or f"Afsnit {segment}.")


# tryghed: A on 1, 2, 3 and B on 1, 2, 4 (kappa 1/3); kurser: A on 1, B on 1 and 2.
UNITS = [unit(1), unit(2, "=SUM(A1:A9) er ikke en formel"), *(unit(s) for s in range(3, 7))]
ASSESSED = {"A": set(range(1, 7)), "B": set(range(1, 7))}
CODINGS = {
    "A": {(1, "tryghed"), (2, "tryghed"), (3, "tryghed"), (1, "kurser")},
    "B": {(1, "tryghed"), (2, "tryghed"), (4, "tryghed"), (1, "kurser"), (2, "kurser")},
}
LABELS = {"tryghed": "Tryghed", "kurser": "Kurser"}
ABOUT = ["Projekt: test.db", "Kodebog: mentorordning"]


@pytest.fixture(scope="module")
def result() -> Audit:
    codes = ["tryghed", "kurser"]
    return audit(UNITS, ["A", "B"], ASSESSED, CODINGS, codes, LABELS, by="region", n_boot=200)


def write(path: Path, result: Audit, lang: Lang = "da") -> Path:
    title = "Enighed mellem kodere" if lang == "da" else "Inter-coder agreement"
    write_agreement(path, result, title=title, about=ABOUT, lang=lang)
    return path


def test_xlsx_has_the_sheets_with_frozen_headers(tmp_path: Path, result: Audit) -> None:
    from openpyxl import load_workbook

    book = load_workbook(write(tmp_path / "agreement.xlsx", result))
    assert book.sheetnames == ["Oversigt", "Uenigheder", "Matricer", "Pr. region", "Om"]
    assert all(sheet.freeze_panes == "A2" for sheet in book)
    overview = book["Oversigt"]
    header = [c.value for c in overview[1]]
    assert header[:6] == ["Tema", "Enheder", "Forekomst A", "Forekomst B", "Enighed", "Cohens κ"]
    rows = {
        r[0]: dict(zip(header, r, strict=True)) for r in overview.iter_rows(2, values_only=True)
    }
    assert list(rows) == ["Tryghed", "Kurser", "Alle temaer"]
    assert rows["Tryghed"]["Cohens κ"] == pytest.approx(1 / 3)
    assert rows["Tryghed"]["Krippendorffs α"] == pytest.approx(7 / 18)
    assert rows["Tryghed"]["κ-vurdering"] == "rimelig"
    assert rows["Tryghed"]["α-vurdering"] == "upålidelig"
    assert rows["Tryghed"]["Enheder"] == 6
    assert overview["E2"].number_format == "0.0%"

    disagreements = book["Uenigheder"]
    assert [c.value for c in disagreements[1]] == [
        "Interview", "Region", "Afsnit", "Tekst", "A", "B", "Uenige om",
    ]  # fmt: skip
    assert [r[2:] for r in disagreements.iter_rows(2, values_only=True)] == [
        ("p2", "'=SUM(A1:A9) er ikke en formel", "tryghed", "tryghed, kurser", "kurser"),
        ("p3", "Afsnit 3.", "tryghed", "(ingen)", "tryghed"),
        ("p4", "Afsnit 4.", "(ingen)", "tryghed", "tryghed"),
    ]
    matrices = list(book["Matricer"].iter_rows(2, values_only=True))
    assert matrices[:2] == [
        ("Tryghed", "Koincidensmatrix", "fravær", 4, 2),
        ("Tryghed", "Koincidensmatrix", "til stede", 2, 4),
    ]
    assert matrices[2][1] == "Konfusionsmatrix (rækker A, kolonner B)"
    regions = [r[:2] for r in book["Pr. region"].iter_rows(2, values_only=True)]
    assert regions[0] == ("Nordjylland", "Tryghed") and regions[-1] == (
        "Hovedstaden",
        "Alle temaer",
    )
    notes = [r[0] for r in book["Om"].iter_rows(2, values_only=True)]
    assert notes[:3] == ["Enighed mellem kodere", *ABOUT]
    assert any(n.startswith("κ-vurdering (Landis & Koch 1977)") for n in notes)
    assert any(n.startswith("α-vurdering (Krippendorff 2004)") for n in notes)


def test_undefined_statistics_are_empty_cells_with_a_note(tmp_path: Path, result: Audit) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(write(tmp_path / "agreement.xlsx", result))["Pr. region"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)]
    kurser = next(r for r in rows if (r["Region"], r["Tema"]) == ("Nordjylland", "Kurser"))
    assert kurser["Cohens κ"] is None and kurser["Krippendorffs α"] is None
    assert kurser["Noter"].startswith("Ingen variation")


def test_markdown_contains_the_tables(tmp_path: Path, result: Audit) -> None:
    text = write(tmp_path / "agreement.md", result).read_text(encoding="utf-8")
    assert text.startswith("# Enighed mellem kodere\n\n- Projekt: test.db\n")
    assert "## Oversigt" in text and "## Pr. region" in text and "## Om tallene" in text
    assert "| Tema | Enheder | Forekomst A | Forekomst B | Enighed | Cohens κ |" in text
    # Danish numbers: a decimal comma, and a (no-break) space before %.
    assert (
        "| Tryghed | 6 | 50,0\u00a0% | 50,0\u00a0% | 66,7\u00a0% | 0,333 | rimelig | 0,389 |"
        in text
    )
    assert "## Uenigheder (3)" in text
    assert "| HS01 | Hovedstaden | p3 | Afsnit 3. | tryghed | (ingen) | tryghed |" in text
    assert "| fravær | 4 | 2 |" in text  # tryghed's coincidence matrix


def test_docx_uses_heading_styles_and_real_tables(tmp_path: Path, result: Audit) -> None:
    from docx import Document

    document = Document(str(write(tmp_path / "agreement.docx", result)))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style is not None]
    assert styles[0] == ("Title", "Enighed mellem kodere")
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == ["Oversigt", "Pr. region", "Matricer", "Uenigheder (3)", "Om tallene"]
    assert ("Heading 2", "Nordjylland") in styles and ("Heading 2", "Tryghed") in styles
    overview = document.tables[0]
    assert overview.style is not None and overview.style.name == "Table Grid"
    assert [c.text for c in overview.rows[0].cells][:2] == ["Tema", "Enheder"]
    assert [c.text for c in overview.rows[1].cells][:6] == [
        "Tryghed", "6", "50,0\u00a0%", "50,0\u00a0%", "66,7\u00a0%", "0,333",
    ]  # fmt: skip
    last = document.tables[-1]  # the disagreements
    assert len(last.rows) == 4 and last.rows[3].cells[0].text == "NJ01"


def test_interview_units_drop_the_paragraph_columns(tmp_path: Path) -> None:
    by_interview = audit(
        UNITS, ["A", "B"], ASSESSED, CODINGS, ["tryghed"], unit="interview", bootstrap=False
    )
    text = write(tmp_path / "agreement.md", by_interview).read_text(encoding="utf-8")
    assert "| Interview | Region | A | B | Uenige om |" in text
    assert "| NJ01 | Nordjylland | (ingen) | tryghed | tryghed |" in text
    assert "Uden bootstrap-interval for α." in text and "## Pr. region" not in text


def test_three_coders_show_fleiss_and_unassessed_units(tmp_path: Path) -> None:
    assessed = {**ASSESSED, "C": {1, 2}}
    codings = {**CODINGS, "C": {(1, "tryghed")}}
    three = audit(UNITS, ["A", "B", "C"], assessed, codings, ["tryghed"], bootstrap=False)
    text = write(tmp_path / "agreement.md", three).read_text(encoding="utf-8")
    assert "| Fleiss' κ |" in text and "Konfusionsmatrix (rækker" not in text
    assert "| HS01 | Hovedstaden | p3 | Afsnit 3. | tryghed | (ingen) | ikke vurderet |" in text


# What tells the two languages apart: headings, words and notes of each.
DANISH = ("Oversigt", "Uenigheder", "Forekomst", "Enighed", "rimelig", "upålidelig",
          "Koincidensmatrix", "fravær", "til stede", "Alle temaer", "Om tallene", "Ingen variation",
          "Noter", "Pr. region")  # fmt: skip
ENGLISH = ("Overview", "Disagreements", "Prevalence", "Agreement", "fair", "unreliable",
           "Coincidence matrix", "absent", "present", "All themes", "About the figures",
           "No variation", "Notes", "By region")  # fmt: skip


def test_english_markdown_has_no_danish_and_decimal_points(tmp_path: Path, result: Audit) -> None:
    text = write(tmp_path / "agreement.md", result, "en").read_text(encoding="utf-8")
    for word in ENGLISH:
        assert word in text, word
    for word in DANISH:
        assert word not in text, word
    assert "| Theme | Units | Prevalence A | Prevalence B | Agreement | Cohen's κ |" in text
    assert "| Tryghed | 6 | 50.0% | 50.0% | 66.7% | 0.333 | fair | 0.389 |" in text
    assert "| HS01 | Hovedstaden | p3 | Afsnit 3. | tryghed | (none) | tryghed |" in text
    assert ",333" not in text and "\u00a0%" not in text


def test_danish_markdown_has_none_of_the_english(tmp_path: Path, result: Audit) -> None:
    text = write(tmp_path / "agreement.md", result, "da").read_text(encoding="utf-8")
    for word in DANISH:
        assert word in text, word
    for word in ("Overview", "Disagreements", "Prevalence", "Coincidence", "All themes", "Notes"):
        assert word not in text, word
    assert "0.333" not in text and "50.0%" not in text


def test_english_docx_and_xlsx(tmp_path: Path, result: Audit) -> None:
    from docx import Document
    from openpyxl import load_workbook

    document = Document(str(write(tmp_path / "agreement.docx", result, "en")))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.style is not None]
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == [
        "Overview", "By region", "Matrices", "Disagreements (3)", "About the figures",
    ]  # fmt: skip
    cells = " ".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "0.333" in cells and "0,333" not in cells
    assert not [w for w in DANISH if w in cells]
    book = load_workbook(write(tmp_path / "agreement.xlsx", result, "en"))
    assert book.sheetnames == ["Overview", "Disagreements", "Matrices", "By region", "About"]
    notes = [r[0] for r in book["About"].iter_rows(2, values_only=True)]
    assert not [w for w in DANISH if any(w in n for n in notes[len(ABOUT) + 1 :])]


@pytest.mark.parametrize(("lang", "other"), [("da", "en"), ("en", "da")])
def test_the_audit_s_notes_and_overall_row_in_the_report_s_language(
    tmp_path: Path, result: Audit, lang: Lang, other: Lang
) -> None:
    from openpyxl import load_workbook

    # Nordjylland: nobody coded kurser, so the audit noted that every rating is absent.
    note = next(n for a in result.groups for n in a.notes)
    text = write(tmp_path / "agreement.md", result, lang).read_text(encoding="utf-8")
    for key in ("note:all_absent", "ag:all_themes"):
        assert say(lang, key) in text and say(other, key) not in text, key
    assert "| Nordjylland | Kurser | 3 |" in text and "| * |" not in text
    sheet = load_workbook(write(tmp_path / "agreement.xlsx", result, lang)).worksheets[3]
    notes = [r[-1] for r in sheet.iter_rows(2, values_only=True)]
    assert say(lang, note.key) in notes and say(other, note.key) not in notes


@pytest.mark.parametrize("suffix", AGREEMENT_SUFFIXES)
def test_a_failed_write_leaves_no_file(
    tmp_path: Path, result: Audit, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        next(a for a in args if isinstance(a, Path)).write_bytes(b"half a file")
        raise OSError("disk full")

    name = {".xlsx": "_write_xlsx", ".md": "_markdown", ".docx": "_write_docx"}[suffix]
    monkeypatch.setattr(report, name, broken if suffix != ".md" else _raise)
    target = tmp_path / "out" / f"agreement{suffix}"
    with pytest.raises(OSError, match="disk full"):
        write(target, result)
    assert list(target.parent.iterdir()) == []

    target.write_bytes(b"old report")  # an earlier report survives a failed rewrite
    with pytest.raises(OSError, match="disk full"):
        write(target, result)
    assert target.read_bytes() == b"old report"
    assert list(target.parent.iterdir()) == [target]


def _raise(*args: object, **kwargs: object) -> str:
    raise OSError("disk full")


def test_unsupported_suffix(tmp_path: Path, result: Audit) -> None:
    with pytest.raises(InputError) as error:
        write(tmp_path / "agreement.csv", result)
    assert str(error.value) == (
        f"{tmp_path / 'agreement.csv'}: unsupported output type '.csv'; use .xlsx, .md, .docx"
    )
    assert not (tmp_path / "agreement.csv").exists()


def test_the_docx_gives_notes_under_their_table_not_in_a_column(
    tmp_path: Path, result: Audit
) -> None:
    from docx import Document

    document = Document(str(write(tmp_path / "agreement.docx", result, "da")))
    headers = [c.text for t in document.tables for c in t.rows[0].cells]
    assert "Noter" not in headers and "Tema" in headers
    note = say("da", "note:all_absent")
    lines = [p.text for p in document.paragraphs]
    assert f"Kurser: {note}" in lines  # Nordjylland: nobody coded kurser
    assert lines.index(f"Kurser: {note}") > lines.index("Nordjylland")
