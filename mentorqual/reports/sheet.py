"""A coding sheet: one row per paragraph with the interviewer's question before it, and
one 1/0 dropdown column per code; a second sheet documents the codes.

It opens in Excel and LibreOffice with working dropdowns (data validation) and row
heights that fit the wrapped text, and reads back in with
``mentorqual codings import SHEET.xlsx --coder NAME``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..types import Theme
from .files import atomic_path
from .tables import Row, Sheet, write_workbook

SHEET_NAME = "Kodning"
CODES_SHEET = "Koder"
GUIDE_SHEET = "Vejledning"
CODED, NOT_CODED = "1", "0"
# How the rows were picked.
UNCERTAINTY, READING = "uncertainty", "reading"
ORDERS = (UNCERTAINTY, READING)

COLUMNS = ("interview", "region", "afsnit", "spørgsmål", "tekst")
WIDTHS = {"interview": 12, "region": 14, "afsnit": 8, "spørgsmål": 40, "tekst": 70}
CODE_COLUMNS = {  # the codes sheet: column -> width
    "Kode": 0,  # as wide as the longest code
    "Navn": 0,
    "Definition": 50,
    "Kod, når": 45,
    "Kod ikke, når": 45,
    "Eksempler": 45,
}
EXAMPLES = {"typical": "Typisk", "borderline": "Grænsetilfælde"}


@dataclass(frozen=True)
class SheetParagraph:
    """A respondent paragraph to code: where it is, the question before it, its text."""

    interview: str
    region: str
    segment: str  # the paragraph's locator, p12
    question: str  # the interviewer's paragraph nearest before it; "" when none
    text: str


@dataclass(frozen=True)
class CodingSheet:
    """The rows to code, the codes to code them with, and how the rows were picked.

    ``order`` is :data:`UNCERTAINTY` (the classifier ``model`` picked the paragraphs it
    is least sure of, about the ``focus`` codes if any) or :data:`READING`. ``model``
    is the project's classifier, None when it has none yet. The rows are paragraphs
    ``coder`` has not assessed; with no coder, paragraphs no human coder has.
    """

    rows: Sequence[SheetParagraph]
    themes: Sequence[Theme]
    order: str
    model: str | None = None
    coder: str | None = None
    focus: Sequence[str] = ()


def header(theme: Theme) -> str:
    """A code column's header: the code and, on a second line, its label; the label
    alone when it is the code in other case ("Tryghed" for tryghed). The importer
    reads the first line.

    Example:
        >>> header(Theme("tryg-kontakt", "Fast kontakt"))
        'tryg-kontakt\\nFast kontakt'
    """
    if theme.label.casefold() == theme.code.casefold():
        return theme.label
    return f"{theme.code}\n{theme.label}"


def write_coding_sheet(path: Path, sheet: CodingSheet) -> None:
    """Write the sheet; every code cell starts empty (not yet assessed)."""
    codes = [header(t) for t in sheet.themes]
    rows: list[Row] = [
        dict(zip(COLUMNS, (p.interview, p.region, p.segment, p.question, p.text), strict=True))
        for p in sheet.rows
    ]
    widths = dict(WIDTHS)
    for code in codes:
        widths[code] = min(max(len(line) for line in code.split("\n")) + 3, 24)
    with atomic_path(path) as temp:
        write_workbook(
            [
                Sheet(
                    SHEET_NAME,
                    rows,
                    [*COLUMNS, *codes],
                    widths=widths,
                    choices={code: (CODED, NOT_CODED) for code in codes},
                    notes=_notes(path, sheet.coder),
                ),
                _codes_sheet(sheet.themes),
                Sheet(
                    GUIDE_SHEET,
                    [{GUIDE_SHEET: line} for line in guide(path, sheet)],
                    [GUIDE_SHEET],
                    widths={GUIDE_SHEET: 100},
                ),
            ],
            temp,
        )


def _notes(path: Path, coder: str | None) -> list[str]:
    return [
        f"Skriv {CODED} under hvert tema, afsnittet skal kodes med, og {NOT_CODED} hvor det "
        f"ikke skal. Temaernes definitioner står i arket »{CODES_SHEET}«, vejledningen i "
        f"»{GUIDE_SHEET}«.",
        f"Læs arket ind med: mentorqual codings import {path.name} --coder {coder or 'NAVN'}",
    ]


def guide(path: Path, sheet: CodingSheet) -> list[str]:
    """The instructions sheet's lines: how to fill in and read back, how the rows
    were picked."""
    name = sheet.coder or "NAVN"
    lines = [
        f"Hver række i arket »{SHEET_NAME}« er et afsnit, informanten sagde. Kolonnen "
        "»spørgsmål« viser interviewerens afsnit lige før (tom, hvis der ikke er noget).",
        f"Skriv {CODED} (eller vælg i listen) under hvert tema, afsnittet skal kodes med, "
        f"og {NOT_CODED} eller ingenting under de andre.",
        "En række med mindst ét svar tæller som vurderet for alle temaer: tomme celler i "
        f"den række tæller som {NOT_CODED}. Passer intet tema, så skriv {NOT_CODED} i én "
        "kolonne. En helt tom række tæller som ikke vurderet og springes over.",
        f"Temaernes navne, definitioner, og hvad der skal og ikke skal kodes, står i arket "
        f"»{CODES_SHEET}«.",
        f"Læs arket ind igen med: mentorqual codings import {path.name} --coder {name}",
    ]
    if sheet.coder is None:
        lines.append("NAVN er koderens navn, fx initialer; samme navn hver gang.")
    lines.append(_picked(sheet))
    return lines


def _picked(sheet: CodingSheet) -> str:
    who = "ingen menneskelig koder" if sheet.coder is None else f"koder {sheet.coder} ikke"
    whose = f"Udvalg: afsnit, som {who} har vurderet endnu"
    if sheet.order == READING:
        why = "" if sheet.model else " (der er endnu ingen trænet klassifikator)"
        return (
            f"{whose}, i læserækkefølge{why}: interviews efter id, afsnittene i den "
            "rækkefølge, de blev sagt."
        )
    about = f" om {', '.join(sheet.focus)}" if sheet.focus else ""
    return (
        f"{whose}: dem, klassifikatoren (model {sheet.model}) er mest i tvivl om{about}, "
        "spredt over interviews og regioner."
    )


def _codes_sheet(themes: Sequence[Theme]) -> Sheet:
    """Code, label, definition, what to code and not, examples; empty columns left out."""
    rows: list[Row] = []
    for t in themes:
        examples = [f"{EXAMPLES.get(k, k)}: {v}" for k, v in t.examples.items() if v]
        values = (
            t.code,
            t.label + (f" (under {t.parent})" if t.parent else ""),
            t.description,
            "\n".join(f"• {line}" for line in t.include),
            "\n".join(f"• {line}" for line in t.exclude),
            "\n".join(examples),
        )
        rows.append(dict(zip(CODE_COLUMNS, values, strict=True)))
    columns = [c for c in CODE_COLUMNS if c in ("Kode", "Navn") or any(r[c] for r in rows)]
    widths = {c: w for c, w in CODE_COLUMNS.items() if w}
    return Sheet(CODES_SHEET, rows, columns, widths=widths)
