"""OpenDocument text (.odt, LibreOffice and Google Docs) transcripts via odfpy.

Read like a Word file: each paragraph is a line, headings are structure, and a table
with a speaker column is read as turns. odfpy parses with defusedxml (no entities, no
network); the archive's size is checked before it is unpacked, and a space run
(``<text:s text:c="...">``) is capped, so a small file cannot grow huge in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from .document import Document, DocumentBuilder
from .tables import add_table
from .word import check_archive_size

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
MAX_SPACES = 100


def read_odt(path: Path) -> Document:
    """Read the paragraphs, headings and tables of an .odt file as lines of text."""
    from odf.opendocument import load  # odfpy; imported here so that imports stay light

    check_archive_size(path, ".odt")
    builder = DocumentBuilder("odt")
    try:
        body = load(str(path)).text
        _add_children(builder, body)
    except Exception as exc:  # odfpy raises many types on damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a valid .odt file ({reason})") from None
    return builder.document()


def _add_children(builder: DocumentBuilder, element: Any) -> None:
    for child in element.childNodes:
        name = getattr(child, "qname", None)
        if name == (_TEXT, "p"):
            builder.add(_text(child))
        elif name == (_TEXT, "h"):
            builder.add_structure(_text(child))
        elif name == (_TABLE, "table"):
            add_table(builder, _rows(child))
        elif name is not None and name[1] in ("list", "list-item", "section", "list-header"):
            _add_children(builder, child)


def _rows(table: Any) -> list[list[str]]:
    rows: list[list[str]] = []
    for child in table.childNodes:
        name = getattr(child, "qname", None)
        if name == (_TABLE, "table-row"):
            rows.append([_cell(cell) for cell in child.childNodes if _is_cell(cell)])
        elif name is not None and name[1] in ("table-header-rows", "table-rows"):
            rows.extend(_rows(child))
    return rows


def _is_cell(element: Any) -> bool:
    return getattr(element, "qname", None) == (_TABLE, "table-cell")


def _cell(cell: Any) -> str:
    return "\n".join(
        _text(p) for p in cell.childNodes if getattr(p, "qname", None) in ((_TEXT, "p"),)
    )


def _text(element: Any) -> str:
    """The text of a paragraph: spaces, tabs and line breaks as written."""
    parts: list[str] = []
    for child in element.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
            continue
        name = getattr(child, "qname", (None, None))[1]
        if name == "line-break":
            parts.append("\n")
        elif name == "tab":
            parts.append("\t")
        elif name == "s":
            count = str(child.getAttribute("c") or "1")
            parts.append(" " * min(int(count) if count.isdigit() else 1, MAX_SPACES))
        elif name not in ("note", "annotation"):
            parts.append(_text(child))
    return "".join(parts)
