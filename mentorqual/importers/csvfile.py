"""CSV files as spreadsheets write them: UTF-8 with or without BOM, ',' or ';'."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError


def csv_rows(path: Path, *, cp1252: bool = False) -> Iterator[list[str]]:
    """The rows of a CSV file; Danish Excel's semicolons are detected from the header.

    With ``cp1252``, a file that is not UTF-8 is read as cp1252, the encoding of Danish
    Excel's "CSV (semikolonsepareret)"; otherwise it is refused.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not cp1252:
            raise InputError(f"{path}: not UTF-8; save it as 'CSV UTF-8'") from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"{path}: unreadable encoding (neither UTF-8 nor cp1252); save it as 'CSV UTF-8'"
            ) from None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    return _rows(text, delimiter, path)


def _rows(text: str, delimiter: str, path: Path) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as exc:  # such as a cell over the csv module's 131,072 characters
        raise InputError(f"{path}, line {reader.line_num}: not valid CSV ({exc})") from None
