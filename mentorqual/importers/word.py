"""Word (.docx) transcripts via python-docx.

Each Word paragraph becomes one line. A speaker label may be a text prefix
("IP: ...") or a bold run at the start of the paragraph ("**IP** ...", "**IP:** ...").
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

from ..errors import InputError
from .document import Document

MAX_LABEL_CHARS = 30
_LEADING_SEPARATOR = re.compile(r"^[ \t]*[:\t][ \t]*")


def read_docx(path: Path) -> Document:
    """Read the paragraphs of a .docx file as lines of text."""
    import docx  # python-docx; imported here so that plain-text imports stay light

    if not zipfile.is_zipfile(path):
        raise InputError(f"{path}: not a valid .docx file (not a zip archive)")
    try:
        document = docx.Document(str(path))
        paragraphs = [_runs(p) for p in document.paragraphs]
    except Exception as exc:  # python-docx raises many types on damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a valid .docx file ({reason})") from None

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
