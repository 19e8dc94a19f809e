"""Write a table of rows as Markdown, CSV (Excel-friendly) or XLSX, atomically."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .files import atomic_path, check_suffix

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
        ".csv": lambda p: write_csv(rows, columns, p),
        ".xlsx": lambda p: _write_xlsx(rows, columns, p, sheet),
    }
    with atomic_path(path) as temp:
        writers[suffix](temp)


def write_csv(rows: Sequence[Row], columns: Sequence[str], path: Path) -> None:
    # UTF-8 with BOM so that Excel reads æøå right; comma-separated.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        _csv_rows(handle, rows, columns)


def _csv_rows(handle: IO[str], rows: Sequence[Row], columns: Sequence[str]) -> None:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if _safe(row.get(c)) is None else _safe(row.get(c)) for c in columns])


def _write_xlsx(rows: Sequence[Row], columns: Sequence[str], path: Path, sheet: str) -> None:
    write_workbook([Sheet(sheet, rows, columns)], path)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: rows under a bold, frozen, filterable header."""

    name: str
    rows: Sequence[Row]
    columns: Sequence[str]
    formats: Mapping[str, str] = field(default_factory=dict)  # column -> number format
    widths: Mapping[str, int] = field(default_factory=dict)  # column -> width in characters
    choices: Mapping[str, Sequence[str]] = field(default_factory=dict)  # column -> dropdown


def sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", "-", name).strip("'") or "Ark"
    candidate, n = base[:31], 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base[: 31 - len(str(n)) - 1]} {n}"
    taken.add(candidate.lower())
    return candidate


def _dropdown(ws: Any, column: int, rows: int, values: Sequence[str]) -> None:
    """A list validation (dropdown) on a column's data cells; other values are refused."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if rows == 0:
        return
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ugyldig værdi",
        error=f"Vælg {' eller '.join(values)}, eller lad cellen stå tom.",
    )
    first = ws.cell(row=2, column=column).coordinate
    last = ws.cell(row=rows + 1, column=column).coordinate
    validation.add(f"{first}:{last}")
    ws.add_data_validation(validation)


def write_workbook(sheets: Sequence[Sheet], path: Path) -> None:
    """Write worksheets to an .xlsx file (the caller makes the path atomic)."""
    from openpyxl import Workbook  # loaded only when an .xlsx is written
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    taken: set[str] = set()
    for sheet in sheets:
        ws = book.create_sheet(sheet_name(sheet.name, taken))
        ws.append(list(sheet.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in sheet.rows:
            ws.append([_safe(row.get(c)) for c in sheet.columns])
        for name, column in zip(sheet.columns, ws.columns, strict=False):
            width = sheet.widths.get(name) or max(len(_cell(c.value)) for c in column) + 2
            ws.column_dimensions[column[0].column_letter].width = min(max(width, 8), 80)
            number_format = sheet.formats.get(name)
            for c in column[1:]:
                if number_format and isinstance(c.value, float):
                    c.number_format = number_format
                elif isinstance(c.value, float):
                    c.number_format = "0.000"
                c.alignment = Alignment(wrap_text=isinstance(c.value, str), vertical="top")
        for name, values in sheet.choices.items():
            _dropdown(ws, list(sheet.columns).index(name) + 1, len(sheet.rows), values)
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"  # print: one page wide, header on each page
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        if sheet.rows:
            ws.auto_filter.ref = ws.dimensions
    if not sheets:
        book.create_sheet("Tom")
    book.save(str(path))
