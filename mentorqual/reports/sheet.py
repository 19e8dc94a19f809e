"""A coding sheet: one row per paragraph, one yes/no dropdown column per code.

It opens in Excel and LibreOffice with working dropdowns (data validation), and
reads back in with ``mentorqual codings import SHEET.xlsx --coder NAME``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .files import atomic_path
from .tables import Row, Sheet, write_workbook

SHEET_NAME = "Kodning"
YES, NO = "ja", "nej"
BASE_COLUMNS = ("interview", "region", "segment", "text")


def write_coding_sheet(path: Path, rows: Sequence[Row], codes: Sequence[str]) -> None:
    """Write the sheet; every code cell starts empty (not yet assessed)."""
    columns = [*BASE_COLUMNS, *codes]
    guide = [
        {"Vejledning": line}
        for line in (
            f"Skriv {YES} eller {NO} (eller vælg i listen) for hvert tema i hver række.",
            "En række med mindst ét svar tæller som vurderet; tomme temaer i den række "
            f"tæller som {NO}. En helt tom række tæller som ikke vurderet.",
            "Læs arket ind igen med: mentorqual codings import ARK.xlsx --coder NAVN",
        )
    ]
    with atomic_path(path) as temp:
        write_workbook(
            [
                Sheet(
                    SHEET_NAME,
                    rows,
                    columns,
                    widths={"text": 90, "segment": 10},
                    choices={code: (YES, NO) for code in codes},
                ),
                Sheet("Vejledning", guide, ["Vejledning"], widths={"Vejledning": 100}),
            ],
            temp,
        )
