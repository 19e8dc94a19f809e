"""Human codings as CSV: one row per (interview, segment, code, coder).

Columns: ``interview``, ``segment`` (a locator such as ``p12`` or a verbatim quote
from the paragraph), ``code`` and, optionally, ``coder``. A row with an interview but
no segment and no code says "this coder coded this interview and found nothing".
The columns of ``codings export`` are accepted too, so an export reads back in.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import InputError
from ..types import CodingRow
from .csvfile import csv_rows

REQUIRED = ("interview", "segment", "code")
# Written by `codings export`; read and ignored so that an export imports again.
IGNORED = frozenset({"region", "role", "speaker", "start", "end", "text", "score"})
# Of those, the coded passage (offsets and text) is kept: it codes exactly that passage
# when its text still stands there.
ALIASES = {"segment_id": "segment", "locator": "segment", "theme": "code", "kode": "code"}


def read_codings_csv(path: Path, coder: str | None = None) -> list[CodingRow]:
    """Read a codings CSV (comma or semicolon separated, UTF-8 with or without BOM)."""
    reader = csv_rows(path)
    try:
        columns = [ALIASES.get(c.strip().lower(), c.strip().lower()) for c in next(reader)]
    except StopIteration:
        raise InputError(f"{path}: the file is empty") from None
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in (*REQUIRED, "coder", *IGNORED)]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown column(s) {', '.join(unknown)}")
        raise InputError(
            f"{path}, line 1: {'; '.join(problems)}; "
            "expected interview, segment, code and optionally coder"
        )
    if coder is None and "coder" not in columns:
        raise InputError(f"{path}: no 'coder' column; name the coder with --coder")

    rows: list[CodingRow] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns):
            raise InputError(f"{path}, row {number}: {len(cells)} cells but {len(columns)} columns")
        record = {
            name: unicodedata.normalize("NFC", value.strip())
            for name, value in zip(columns, cells, strict=False)
        }
        row_coder = record.get("coder", "")
        if coder is not None and row_coder and row_coder != coder:
            raise InputError(
                f"{path}, row {number}: coder is {row_coder!r} but --coder is {coder!r}"
            )
        name = coder or row_coder
        if not name:
            raise InputError(f"{path}, row {number}: empty coder")
        if not record.get("interview"):
            raise InputError(f"{path}, row {number}: empty interview")
        segment, code = record.get("segment", ""), record.get("code", "")
        if bool(segment) != bool(code):
            raise InputError(
                f"{path}, row {number}: give both segment and code, or neither "
                "(to mark an interview coded with no codes)"
            )
        start, end = record.get("start", ""), record.get("end", "")
        exported = start.isdigit() and end.isdigit()
        rows.append(
            CodingRow(
                number,
                record["interview"],
                segment,
                code,
                name,
                int(start) if exported else None,
                int(end) if exported else None,
                record.get("text", ""),
            )
        )
    return rows
