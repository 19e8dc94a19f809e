"""Word (.docx) transcripts via python-docx.

Each Word paragraph becomes one line. A speaker label may be a text prefix
("IP: ...") or a bold run at the start of the paragraph ("**IP** ...", "**IP:** ...").

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
from .document import Document

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

MAX_LABEL_CHARS = 30
_LEADING_SEPARATOR = re.compile(r"^[ \t]*[:\t][ \t]*")


def read_docx(path: Path) -> Document:
    """Read the paragraphs of a .docx file as lines of text."""
    import docx  # python-docx; imported here so that plain-text imports stay light

    check_archive_size(path)
    try:
        document = docx.Document(str(path))
        doctype = _part_with_doctype(document)
        paragraphs = [_runs(p) for p in document.paragraphs]
    except Exception as exc:  # python-docx raises many types on damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a valid .docx file ({reason})") from None
    if doctype:
        raise InputError(
            f"{path}: not a valid .docx file ({doctype} has a DOCTYPE declaration, "
            "which Word never writes)"
        )

    bold_prefixes = Counter(bold for bold, _ in paragraphs if bold)
    lines: list[str] = []
    for bold, rest in paragraphs:
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
            lines.append(f"{label}: {_LEADING_SEPARATOR.sub('', rest, count=1).strip()}")
        else:
            lines.extend((bold + rest).split("\n"))
    return Document("\n".join(lines), "docx", [])


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
