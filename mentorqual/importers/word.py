"""Word (.docx) transcripts via python-docx.

Each Word paragraph becomes one line (a soft line break, another). A speaker label may
be a text prefix ("IP: ...") or a bold run at the start of the paragraph ("**IP** ...",
"**IP:** ..."). Headings are structure; a table with a speaker column (time | speaker |
text) is read as turns.

Hostile files: a file over the transcript size limit, on disk or uncompressed, is
refused before python-docx reads it, which stops zip bombs. The uncompressed size is
the one the zip declares, which is safe: Python's zipfile never unpacks more than
that. python-docx parses XML with lxml without resolving entities or using the
network; a part with a DOCTYPE, which Word never writes, is refused rather than read
with its entities silently left out.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .archive import check_archive_size
from .document import Document, DocumentBuilder
from .tables import add_table

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

MAX_LABEL_CHARS = 30
# Style ids of headings, in English and Danish Word ("Heading1", "Overskrift1", "Titel").
HEADING_STYLES = ("heading", "overskrift", "title", "titel", "subtitle", "undertitel")
# The style id of a paragraph, found with lxml directly (python-docx's properties are
# several times slower, and every paragraph is asked).
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STYLE = f"{_W}pPr/{_W}pStyle"
_VAL = f"{_W}val"
_LEADING_SEPARATOR = re.compile(r"^[ \t]*[:\t][ \t]*")


def read_docx(path: Path) -> Document:
    """Read the paragraphs and tables of a .docx file as lines of text.

    Headings (Word's heading and title styles) are structure; a table with a speaker
    column is read as turns (:mod:`.tables`).
    """
    import docx  # python-docx; imported here so that plain-text imports stay light
    from docx.table import Table

    check_archive_size(path)
    try:
        document = docx.Document(str(path))
        doctype = _part_with_doctype(document)
        blocks = [
            _rows(item) if isinstance(item, Table) else _paragraph(item)
            for item in document.iter_inner_content()
        ]
    except Exception as exc:  # python-docx raises many types on damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a valid .docx file ({reason})") from None
    if doctype:
        raise InputError(
            f"{path}: not a valid .docx file ({doctype} has a DOCTYPE declaration, "
            "which Word never writes)"
        )
    bold_prefixes = Counter(b[0] for b in blocks if isinstance(b, tuple) and b[0])
    builder = DocumentBuilder("docx")
    for block in blocks:
        if isinstance(block, list):
            add_table(builder, block)
        elif block[2]:
            builder.add_structure(block[0] + block[1])
        else:
            builder.add(_line(block[0], block[1], bold_prefixes))
    return builder.document()


def _paragraph(item: object) -> tuple[str, str, bool]:
    """A paragraph as (leading bold text, the rest, is a heading)."""
    style_element = item._p.find(_STYLE)  # type: ignore[attr-defined]
    style = str(style_element.get(_VAL) or "") if style_element is not None else ""
    bold, rest = _runs(item)
    return bold, rest, style.casefold().startswith(HEADING_STYLES)


def _rows(table: object) -> list[list[str]]:
    """The text of each row's cells; a merged cell counts once."""
    rows: list[list[str]] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(cell.text)
        rows.append(cells)
    return rows


def _line(bold: str, rest: str, bold_prefixes: Counter[str]) -> str:
    """A paragraph as a line; a bold speaker label becomes ``Label: text``."""
    label = bold.strip().rstrip(":").strip()
    if (
        label
        and _looks_like_label(label)
        and (
            bold.rstrip().endswith(":")
            or _LEADING_SEPARATOR.match(rest)
            or bold_prefixes[bold] >= 2
        )
    ):
        return f"{label}: {_LEADING_SEPARATOR.sub('', rest, count=1).strip()}"
    return bold + rest


def _part_with_doctype(document: WordDocument) -> str | None:
    """The name of the first XML part with a DOCTYPE (and so perhaps entities), if any."""
    from docx.opc.part import XmlPart

    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            info = part.element.getroottree().docinfo
            if info.doctype or info.internalDTD is not None:
                return str(part.partname).lstrip("/")
    return None


def _runs(paragraph: object) -> tuple[str, str]:
    """Split a paragraph into its leading bold text and the rest."""
    bold: list[str] = []
    rest: list[str] = []
    for run in paragraph.runs:  # type: ignore[attr-defined]
        if not rest and run.bold and run.text.strip():
            bold.append(run.text)
        elif not rest and not run.text.strip() and bold:
            bold.append(run.text)
        else:
            rest.append(run.text)
    if not bold:
        return "", paragraph.text  # type: ignore[attr-defined]
    return "".join(bold), "".join(rest)


def _looks_like_label(label: str) -> bool:
    return len(label) <= MAX_LABEL_CHARS and len(label.split()) <= 3 and label[0].isalpha()
