"""The text of a REFI-QDA source that is kept only as a ``.docx`` (``richTextPath``), as
NVivo for Mac exports do with an empty ``.txt``.

The text is the document's paragraphs, one per line, as Word holds them (no speaker
labels rewritten), so that the selections' positions, which NVivo counts on its plain
text, can be mapped onto it; :mod:`.qdpx` decides whether they can be.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..utf16 import Utf16Index
from .document import max_transcript_bytes, megabytes, too_large

__all__ = ["docx_paragraphs", "line_counting", "same_either_way"]


def docx_paragraphs(data: bytes, where: Path) -> list[str]:
    """The paragraphs of a .docx given as bytes; ``where`` names it in errors.

    The zip's declared size is checked before anything is unpacked, and a part with a
    DOCTYPE is refused, as for a .docx transcript.
    """
    import docx  # python-docx: only for a source kept as .docx

    limit = max_transcript_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(f"{where}: not a valid .docx file ({exc})") from None
    if size > limit:
        raise too_large(where, limit, f"{megabytes(size)} uncompressed")
    try:
        document = docx.Document(io.BytesIO(data))
        from .word import _part_with_doctype  # the same check as for transcripts

        doctype = _part_with_doctype(document)
        paragraphs = [p.text for p in document.paragraphs]
    except Exception as exc:  # python-docx raises many types on damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{where}: not a valid .docx file ({reason})") from None
    if doctype:
        raise InputError(f"{where}: not a valid .docx file ({doctype} has a DOCTYPE declaration)")
    return paragraphs


def line_counting(selections: Sequence[tuple[str, str]], text: str) -> tuple[str, bool]:
    """The text as the positions count it, and whether that is known.

    ``selections`` are (name, startPosition). CRLF counts as two units (NVivo), or as
    one (reported of ATLAS.ti) when the selections' names, which ATLAS.ti fills with
    the start of the quotation, fit that count better. Known: the text has no CRLF, or
    the names favour one count.
    """
    if "\r\n" not in text:
        return text, True
    lf = text.replace("\r\n", "\n")
    indexes = {text: Utf16Index(text), lf: Utf16Index(lf)}
    score = {text: 0, lf: 0}
    for given, position in selections:
        name = " ".join(given.rstrip("…").split())[:30]
        if len(name) < 5:
            continue
        for candidate, index in indexes.items():
            try:
                start = index.from_utf16(int(position))
            except ValueError:
                continue
            if " ".join(candidate[start : start + 2 * len(name)].split()).startswith(name):
                score[candidate] += 1
    if score[lf] > score[text]:
        return lf, True
    return text, score[text] > score[lf]


def same_either_way(text: str, lf: Utf16Index, start: int, end: int) -> bool:
    """Whether the UTF-16 positions select the same words in ``text`` (CRLF as two
    units) and in it with LF line endings (one unit)."""
    crlf = Utf16Index(text)
    plain = text.replace("\r\n", "\n")
    try:
        a, b = crlf.from_utf16(start), crlf.from_utf16(end)
        c, d = lf.from_utf16(start), lf.from_utf16(end)
    except ValueError:
        return False
    return text[a:b].replace("\r\n", "\n") == plain[c:d]
