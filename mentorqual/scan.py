"""Scan transcript files for personal data before they are imported.

Each file is read as ``mentorqual import`` reads it (same decoders, same size limit,
same refusal of binary or damaged files), but not parsed: front matter and lines
before the first speaker label are scanned too. Nothing is written.

Example:
    >>> report = scan_files([Path("transcripts/")], names=["Solsikken"])  # doctest: +SKIP
    >>> [f"{f.path}, {f.where}" for f in report.findings]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .importers import READERS, canonical, find_transcripts
from .importers.document import Document
from .pii import PiiGuard, PiiKind

__all__ = ["FileFinding", "ScanReport", "scan_files"]


@dataclass(frozen=True)
class FileFinding:
    """One piece of personal data in a transcript file.

    ``number`` is the line of a .txt file, or the paragraph of a .docx file (Word's
    paragraphs counted from the top, empty ones included; a manual line break inside a
    paragraph counts as the start of another).
    """

    path: Path
    unit: str  # "line" or "paragraph"
    number: int
    kind: PiiKind
    text: str

    @property
    def where(self) -> str:
        """``transcripts/HS01.txt, line 12``."""
        return f"{self.path}, {self.unit} {self.number}"


@dataclass
class ScanReport:
    """The files scanned, what was found in them and the readers' warnings."""

    files: list[Path]
    findings: list[FileFinding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def files_with_findings(self) -> int:
        return len({f.path for f in self.findings})


def scan_files(paths: Iterable[Path], names: Iterable[str] = ()) -> ScanReport:
    """Scan transcript files and folders (recursively, as ``import`` finds them) for
    CPR numbers, phone numbers, e-mail addresses and names: the built-in Danish first
    names plus ``names``.

    Every file is read before any is scanned, so a file that cannot be read raises
    :class:`InputError` and nothing is reported.
    """
    files = find_transcripts([Path(p) for p in paths])
    documents = [(path, _read(path)) for path in files]
    guard = PiiGuard(names)
    report = ScanReport(files)
    for path, document in documents:
        report.warnings += document.warnings
        unit = "line" if document.source_format == "txt" else "paragraph"
        # LF line endings, so that CR LF and CR files number their lines like an editor.
        for number, line in enumerate(canonical(document.text).split("\n"), start=1):
            report.findings += [
                FileFinding(path, unit, number, hit.kind, hit.text) for hit in guard.scan(line)
            ]
    return report


def _read(path: Path) -> Document:
    try:
        return READERS[path.suffix.lower()](path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from None
