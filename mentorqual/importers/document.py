"""The raw text of one transcript file, before parsing, and the size limit on reading it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

MAX_BYTES_ENV = "MENTORQUAL_MAX_BYTES"
# The most bytes one transcript may have: a .txt file's size, or everything a .docx
# holds uncompressed (python-docx loads every part into memory). A long interview
# transcribed verbatim is under 1 MB; 20 MB of transcript imports in about 16 s and
# 0.5 GB, so a wrong file (a log, a dump, a zip bomb) is refused at once instead.
MAX_TRANSCRIPT_BYTES = 20_000_000


@dataclass
class Document:
    """Decoded text of a file, one line per paragraph, plus warnings met while reading.

    A reader that knows more than the text shows may say so: ``structure`` holds the
    (0-based) numbers of lines that are headings or table headers, never speech, and
    ``speakers`` the names that are speaker labels even if they occur only once (a
    table's speaker column, a caption's voice).
    """

    text: str
    source_format: str
    warnings: list[str] = field(default_factory=list)
    structure: frozenset[int] = frozenset()
    speakers: frozenset[str] = frozenset()


def max_transcript_bytes() -> int:
    """The size limit of one transcript: ``$MENTORQUAL_MAX_BYTES``, else
    :data:`MAX_TRANSCRIPT_BYTES`."""
    value = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not value:
        return MAX_TRANSCRIPT_BYTES
    try:
        limit = int(value.replace("_", ""))
    except ValueError:
        limit = 0
    if limit <= 0:
        raise InputError(f"{MAX_BYTES_ENV}={value!r}: not a positive whole number of bytes")
    return limit


def too_large(path: Path, limit: int, size: str = "") -> InputError:
    """The error for a transcript over the size limit; ``size`` says how large it is."""
    return InputError(
        f"{path}: {size + ', ' if size else ''}more than the {megabytes(limit)} a transcript "
        f"may have; set {MAX_BYTES_ENV} (in bytes) to change the limit"
    )


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; a file over the size limit is refused without reading it
    all (which also stops at devices such as ``/dev/zero`` that never end)."""
    limit = max_transcript_bytes()
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise too_large(path, limit, megabytes(size))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise too_large(path, limit)
    return data


def megabytes(size: int) -> str:
    """``20000000`` -> ``'20 MB'``."""
    return f"{size / 1e6:g} MB"


class DocumentBuilder:
    """Collects the lines of a document read from a structured file (Word, OpenDocument,
    captions), with the lines that are structure and the names that are speakers."""

    def __init__(self, source_format: str) -> None:
        self.source_format = source_format
        self.lines: list[str] = []
        self.structure: set[int] = set()
        self.speakers: set[str] = set()
        self.warnings: list[str] = []

    def add(self, text: str) -> None:
        """Lines of text, as they are."""
        self.lines.extend(_lines(text))

    def add_structure(self, text: str) -> None:
        """Lines that are never speech: a heading, a table's header row."""
        for line in _lines(text):
            self.structure.add(len(self.lines))
            self.lines.append(line)

    def add_turn(self, speaker: str, text: str, stamp: str = "") -> None:
        """A speaker's turn, written ``[stamp] Speaker: text``; lines after the first are
        further paragraphs. Without a speaker the text continues the turn before."""
        prefix = f"[{stamp}] " if stamp else ""
        first, *rest = _lines(text)
        if speaker:
            self.speakers.add(speaker)
            self.lines.append(f"{prefix}{speaker}: {first}".rstrip())
        else:
            self.lines.append(f"{prefix}{first}")
        self.lines.extend(rest)

    def document(self) -> Document:
        return Document(
            "\n".join(self.lines),
            self.source_format,
            self.warnings,
            frozenset(self.structure),
            frozenset(self.speakers),
        )


def _lines(text: str) -> list[str]:
    """The lines of ``text``, split where the transcript parser will split them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
