"""A filled coding sheet (.xlsx) from ``mentorqual suggest``: one row per paragraph,
one 1/0 (also ja/nej, yes/no) column per code.

A code column's header is the code or its label; a second line (the label under the
code) is ignored. The paragraph's column is ``afsnit`` (``segment`` in older sheets).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, listing
from .archive import check_archive_size

YES = frozenset({"ja", "j", "yes", "y", "x", "1"})
NO = frozenset({"nej", "n", "no", "0"})
# Columns that are not codes; ``afsnit`` and ``segment`` name the paragraph.
KNOWN = frozenset(
    {"interview", "region", "afsnit", "segment", "spørgsmål", "question", "tekst", "text"}
)


@dataclass(frozen=True)
class SheetRow:
    """One assessed paragraph: the codes answered yes."""

    row: int
    interview: str
    segment: str
    codes: frozenset[str]


def read_coding_sheet(path: Path) -> tuple[list[str], list[SheetRow]]:
    """The sheet's code columns and its assessed rows (rows with at least one answer).

    Every cell of a code column must be empty, ja/yes or nej/no; otherwise one error
    lists the offending cells.
    """
    from openpyxl import load_workbook

    check_archive_size(path, ".xlsx")  # zip bombs: refused before anything is unpacked
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: not a readable .xlsx coding sheet ({exc})") from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_column(c) for c in next(rows, ())]
        missing = [c for c in ("interview", "afsnit") if c not in header]
        if missing:
            raise InputError(f"{path}, row 1: missing column(s) {', '.join(missing)}")
        codes = [h for h in header if h and h not in KNOWN]
        if not codes:
            raise InputError(f"{path}, row 1: no code columns")
        found, bad = _answers(sheet, rows, header, codes)
    finally:
        book.close()
    if bad:
        raise InputError(
            f"{path}: {len(bad)} cell(s) are not 1 or 0 (ja/nej) or empty, nothing was "
            f"imported: {listing(bad)}"
        )
    return codes, found


def _column(value: Any) -> str:
    """A header cell as a column name: its first line, in lower case."""
    name = str(value).strip().split("\n")[0].strip().lower() if value is not None else ""
    return "afsnit" if name == "segment" else name


def _answer(value: Any) -> str:
    """A cell as typed: 1 stays "1" whether the spreadsheet stored it as 1 or 1.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip().lower()


def _answers(
    sheet: Any, rows: Iterator[tuple[Any, ...]], header: list[str], codes: list[str]
) -> tuple[list[SheetRow], list[str]]:
    """The assessed rows, and the cells (or rows) that cannot be read."""
    where = {h: i for i, h in enumerate(header)}
    found: list[SheetRow] = []
    bad: list[str] = []
    for number, values in enumerate(rows, start=2):
        cells = dict(zip(header, values, strict=False))
        answers = {c: _answer(cells.get(c)) for c in codes}
        for code, answer in answers.items():
            if answer and answer not in YES | NO:
                column = sheet.cell(row=1, column=where[code] + 1).column_letter
                bad.append(f"{column}{number} {answer!r}")
        if not any(answers.values()):
            continue
        interview = str(cells.get("interview") or "").strip()
        segment = str(cells.get("afsnit") or "").strip()
        if not interview or not segment:
            bad.append(f"row {number}: no interview or afsnit")
            continue
        yes = frozenset(c for c, a in answers.items() if a in YES)
        found.append(SheetRow(number, interview, segment, yes))
    return found, bad
