"""``metadata.csv`` and ``metadata.xlsx`` beside the transcripts, as people save them.

One row per transcript file, named in the ``file`` (or ``fil``) column. Column names
are read in any case and in Danish (:func:`.metadata.attribute_key`). A CSV file may be
UTF-8 (with or without BOM) or cp1252 (Danish Excel's "CSV (semikolonsepareret)"),
separated by commas or semicolons.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .csvfile import csv_rows
from .metadata import METADATA_FILE, METADATA_XLSX, _attributes, attribute_key
from .word import check_archive_size


@dataclass
class MetadataTable:
    """The rows of one folder's metadata file, keyed by file name, with their row
    numbers; ``path`` is None when the folder has no metadata file."""

    path: Path | None
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    row_numbers: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def row_for(self, path: Path) -> dict[str, str] | None:
        """The row of a transcript file, named with or without its extension."""
        return self.rows.get(path.name, self.rows.get(path.stem))


MetadataCache = dict[Path, MetadataTable]


def metadata_table(folder: Path, cache: MetadataCache | None = None) -> MetadataTable:
    """The metadata of ``folder``: its ``metadata.csv``, else its ``metadata.xlsx``."""
    if cache is not None and folder in cache:
        return cache[folder]
    csv_path, xlsx_path = folder / METADATA_FILE, folder / METADATA_XLSX
    if csv_path.is_file():
        table = _table(csv_path, csv_rows(csv_path, cp1252=True))
        if xlsx_path.is_file():
            table.warnings.append(f"{xlsx_path}: ignored; {csv_path.name} is read instead")
    elif xlsx_path.is_file():
        table = _table(xlsx_path, _xlsx_rows(xlsx_path))
    else:
        table = MetadataTable(None)
    if cache is not None:
        cache[folder] = table
    return table


def read_metadata_csv(path: Path) -> dict[str, dict[str, str]]:
    """Read a ``metadata.csv``: one row per transcript file, keyed by the ``file`` column.

    Comma and semicolon (as Danish Excel writes it) are both accepted.
    """
    return _table(path, csv_rows(path, cp1252=True)).rows


def read_metadata_xlsx(path: Path) -> dict[str, dict[str, str]]:
    """Read a ``metadata.xlsx`` (its first sheet) like a ``metadata.csv``."""
    return _table(path, _xlsx_rows(path)).rows


def metadata_warnings(files: Sequence[Path], cache: MetadataCache | None = None) -> list[str]:
    """Warnings about the metadata files beside ``files``: rows naming a file that is not
    there, and a metadata.xlsx ignored for a metadata.csv.

    Example:
        >>> metadata_warnings([Path("transcripts/HS01.txt")])  # doctest: +SKIP
        ["transcripts/metadata.csv, row 7: no file 'HS07.docx' in the folder"]
    """
    warnings: list[str] = []
    for folder in dict.fromkeys(path.parent for path in files):
        table = metadata_table(folder, cache)
        warnings += table.warnings
        present = {p.name for p in folder.iterdir() if p.is_file()} if table.path else set()
        stems = {Path(name).stem for name in present}
        for name, number in table.row_numbers.items():
            if name not in present and name not in stems:
                warnings.append(f"{table.path}, row {number}: no file {name!r} in the folder")
    return warnings


def _table(path: Path, rows: Iterable[list[str]]) -> MetadataTable:
    reader = iter(rows)
    header = next(reader, [])
    columns = [attribute_key(c) if c.strip() else "" for c in header]
    for number, column in enumerate(columns):
        if column and column in columns[:number]:
            first = header[columns.index(column)].strip()
            raise InputError(
                f"{path}, line 1: columns {first!r} and {header[number].strip()!r} "
                "name the same attribute"
            )
    if "file" not in columns:
        raise InputError(f"{path}, line 1: a 'file' column is required")
    table = MetadataTable(path)
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            raise InputError(f"{path}, row {number}: more cells than columns")
        record = {c: v for c, v in zip(columns, cells, strict=False) if c}
        name = (record.pop("file") or "").strip()
        if not name:
            raise InputError(f"{path}, row {number}: empty 'file' cell")
        if name in table.rows:
            raise InputError(f"{path}, row {number}: file {name!r} is listed twice")
        table.rows[name] = _attributes(record, path, number)
        table.row_numbers[name] = number
    return table


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    """The first sheet's rows as text; numbers as Excel shows them (22, not 22.0)."""
    from openpyxl import load_workbook  # imported here so that plain imports stay light

    check_archive_size(path, ".xlsx")  # zip bombs: refused before anything is unpacked
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        rows = [
            [_cell_text(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)
        ]
    except (OSError, KeyError, ValueError, IndexError, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: not a valid .xlsx file ({exc})") from None
    return iter(rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
