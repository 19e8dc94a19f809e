"""Write a table of rows as Markdown, CSV (Excel-friendly) or XLSX, atomically."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import TABLE_SUFFIXES, atomic_path, check_suffix

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
    """Write ``rows`` to ``path``; the format follows the suffix. The columns are keys
    in every format (a table with no report language, such as ``evaluate``'s), and
    decimals are shown with three places, as the Markdown table shows them."""
    columns = list(columns or (rows[0].keys() if rows else []))
    heading = f"# {title}\n\n" if title else ""
    write_by_suffix(
        path,
        TABLE_SUFFIXES,
        rows,
        columns,
        {
            ".md": lambda p: p.write_text(heading + markdown_table(rows, columns), "utf-8"),
            ".xlsx": lambda p: write_workbook([Sheet(sheet, rows, columns)], p),
        },
        decimals=dict.fromkeys(columns, 3),
    )


def write_by_suffix(
    path: Path,
    suffixes: Sequence[str],
    data: Sequence[Row],
    keys: Sequence[str],
    people: Mapping[str, Callable[[Path], object]],
    *,
    decimals: Mapping[str, int] | None = None,
    excel_dk: bool = False,
) -> None:
    """Write ``path``, atomically, as its suffix (one of ``suffixes``) asks. The one
    rule for every report's CSV: a .csv is data, ``data`` under its fixed English
    ``keys`` whatever the report's language (README "CSV columns"), so that scripts
    read it alike; any other suffix is for people, written by its function in
    ``people`` (which takes the temporary path) in the report's language.

    Example:
        write_by_suffix(Path("hits.csv"), TABLE_SUFFIXES, rows, ["interview", "hit"],
                        {".md": write_markdown, ".xlsx": write_sheets})
    """
    suffix = check_suffix(path, suffixes)
    with atomic_path(path) as temp:
        if suffix == ".csv":
            write_csv(data, keys, temp, decimals=decimals, excel_dk=excel_dk)
        else:
            people[suffix](temp)


def write_csv(
    rows: Sequence[Row],
    columns: Sequence[str],
    path: Path,
    *,
    decimals: Mapping[str, int] | None = None,
    excel_dk: bool = False,
) -> None:
    """UTF-8 with BOM (so that Excel reads æøå right), comma-separated, decimal point.

    ``decimals`` rounds the named columns (others are written as they are);
    ``excel_dk`` writes ``;`` and a decimal comma, which Danish Excel opens directly.
    """
    shown = decimals or {}

    def cell(column: str, value: Any) -> Any:
        value = _safe(value)
        if value is None:
            return ""
        if isinstance(value, float):
            text = f"{value:.{shown[column]}f}" if column in shown else repr(value)
            return text.replace(".", ",") if excel_dk else text
        return value

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";" if excel_dk else ",")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(c, row.get(c)) for c in columns])


@dataclass(frozen=True)
class Sheet:
    """One worksheet: rows under a bold, frozen, filterable header."""

    name: str
    rows: Sequence[Row]
    columns: Sequence[str]
    formats: Mapping[str, str] = field(default_factory=dict)  # column -> number format
    widths: Mapping[str, int] = field(default_factory=dict)  # column -> width in characters
    choices: Mapping[str, Sequence[str]] = field(default_factory=dict)  # column -> dropdown
    notes: Sequence[str] = ()  # lines under the table: caption, N, who coded
    muted: Sequence[str] = ()  # columns shown in grey (too few interviews behind them)


def sheet_name(name: str, taken: set[str]) -> str:
    """A worksheet name Excel accepts and a reader can read: at most 31 characters,
    none of []:*?/\\, cut at a word with "…" when too long, unique (" (2)")."""
    base = re.sub(r"[\[\]:*?/\\]", "-", name).strip("' ") or "Ark"
    candidate, n = _shorten(base, 31), 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = _shorten(base, 31 - len(suffix)) + suffix
    taken.add(candidate.lower())
    return candidate


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;-(") + "…"


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


# Points per line of wrapped text; LibreOffice does not grow a row for wrapped text
# that openpyxl writes, so every row gets its height.
LINE_HEIGHT = 15
MUTED = "8C8C8C"


def write_workbook(sheets: Sequence[Sheet], path: Path) -> None:
    """Write worksheets to an .xlsx file (the caller makes the path atomic)."""
    from openpyxl import Workbook  # loaded only when an .xlsx is written

    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    taken: set[str] = set()
    for sheet in sheets:
        _fill_sheet(book.create_sheet(sheet_name(sheet.name, taken)), sheet)
    if not sheets:
        book.create_sheet("Tom")
    book.save(str(path))


def _fill_sheet(ws: Any, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font

    ws.append(list(sheet.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True, color=MUTED if cell.value in sheet.muted else None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in sheet.rows:
        ws.append([_safe(row.get(c)) for c in sheet.columns])
    widths: dict[int, float] = {}
    for index, (name, column) in enumerate(zip(sheet.columns, ws.columns, strict=False), 1):
        width = sheet.widths.get(name) or max(len(_cell(c.value)) for c in column) + 2
        widths[index] = min(max(width, 8), 80)
        ws.column_dimensions[column[0].column_letter].width = widths[index]
        number_format = sheet.formats.get(name)
        for c in column[1:]:
            if number_format and isinstance(c.value, float):
                c.number_format = number_format
            elif isinstance(c.value, float):
                c.number_format = "0.000"
            c.alignment = Alignment(wrap_text=isinstance(c.value, str), vertical="top")
            if name in sheet.muted:
                c.font = Font(color=MUTED)
    for name, values in sheet.choices.items():
        _dropdown(ws, list(sheet.columns).index(name) + 1, len(sheet.rows), values)
    _row_heights(ws, widths)
    if sheet.notes:
        ws.append([])
        for note in sheet.notes:
            ws.append([note])  # one cell, not wrapped: it reads across the empty cells
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"  # print: one page wide, header on each page
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.rows:
        ws.auto_filter.ref = (
            f"A1:{ws.cell(row=len(sheet.rows) + 1, column=len(sheet.columns)).coordinate}"
        )


def _row_heights(ws: Any, widths: Mapping[int, float]) -> None:
    """Give each row the height its most wrapped cell needs."""
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.column in widths:
                lines = max(lines, wrapped_lines(cell.value, widths[cell.column]))
        ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 2


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, wrapped at
    words. A column's width counts digit widths; text runs about 10% narrower."""
    room = max(int(width * 1.1) - 1, 1)
    lines = 0
    for paragraph in text.split("\n"):
        used, count = 0, 1
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > room:
                count, used = count + 1 + (size - 1) // room, size % room or room
            else:
                used += (1 if used else 0) + size
        lines += count
    return max(lines, 1)
