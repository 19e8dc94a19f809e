"""Write a table of rows as Markdown, CSV (Excel-friendly) or XLSX, atomically."""

from __future__ import annotations

import csv
import math
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import InputError

TABLE_SUFFIXES = (".md", ".csv", ".xlsx")
Row = dict[str, Any]


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "–" if math.isnan(value) else f"{value:.3f}"
    return "" if value is None else str(value)


def _safe(value: Any) -> Any:
    """Neutralise text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def markdown_table(rows: Sequence[Row], columns: Sequence[str] | None = None) -> str:
    columns = list(columns or (rows[0].keys() if rows else []))
    lines = [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join("---" for _ in columns) + "|",
    ]
    for row in rows:
        cells = [_cell(row.get(c)).replace("|", "\\|").replace("\n", " ") for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only if the block succeeds."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write here ({exc.strerror})") from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def check_suffix(path: Path, suffixes: Sequence[str] = TABLE_SUFFIXES) -> str:
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise InputError(
            f"{path}: unsupported output type {suffix or '(none)'!r}; use {', '.join(suffixes)}"
        )
    return suffix


def write_table(
    rows: Sequence[Row],
    path: Path,
    *,
    title: str = "",
    columns: Sequence[str] | None = None,
    sheet: str = "Table",
) -> None:
    """Write ``rows`` to ``path``; the format follows the suffix."""
    suffix = check_suffix(path)
    columns = list(columns or (rows[0].keys() if rows else []))
    writers: dict[str, Callable[[Path], object]] = {
        ".md": lambda p: p.write_text(
            (f"# {title}\n\n" if title else "") + markdown_table(rows, columns), encoding="utf-8"
        ),
        ".csv": lambda p: _write_csv(rows, columns, p),
        ".xlsx": lambda p: _write_xlsx(rows, columns, p, sheet),
    }
    with atomic_path(path) as temp:
        writers[suffix](temp)


def _write_csv(rows: Sequence[Row], columns: Sequence[str], path: Path) -> None:
    # UTF-8 with BOM so that Excel reads æøå right; comma-separated.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        _csv_rows(handle, rows, columns)


def _csv_rows(handle: IO[str], rows: Sequence[Row], columns: Sequence[str]) -> None:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if _safe(row.get(c)) is None else _safe(row.get(c)) for c in columns])


def _write_xlsx(rows: Sequence[Row], columns: Sequence[str], path: Path, sheet: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet[:31]
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_safe(row.get(c)) for c in columns])
    for column in ws.columns:
        width = max(len(_cell(c.value)) for c in column)
        ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
        for c in column[1:]:
            if isinstance(c.value, float):
                c.number_format = "0.000"
            c.alignment = Alignment(wrap_text=isinstance(c.value, str), vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    book.save(str(path))
