"""The personal-data policy: one home for what happens to text that leaves the project.

Every report, export and view builds one :class:`PiiPolicy` from the command's
:class:`~mentorqual.types.PiiMode` and asks it about the texts it is about to write:
``refuse`` lists every finding in one error and writes nothing, ``redact`` replaces
each finding with its tag and moves offsets exactly (:meth:`PiiPolicy.redact_mapped`),
``allow`` leaves the text as it is. The guard is built once per policy.

Transcript files can also be scanned before they are imported (:func:`scan_files`):
each file is read as ``mentorqual import`` reads it (same decoders, same size limit,
same refusal of binary or damaged files), but not parsed, so front matter and lines
before the first speaker label are scanned too. Nothing is written.

Example:
    >>> report = scan_files([Path("transcripts/")], names=["Solsikken"])  # doctest: +SKIP
    >>> [f"{f.path}, {f.where}" for f in report.findings]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..importers import READERS, canonical, find_transcripts
from ..importers.document import Document
from ..pii import OffsetMap, PiiGuard, PiiKind, redact_with_map, refuse
from ..store import Store
from ..types import PiiMode

__all__ = ["FileFinding", "OffsetMap", "PiiPolicy", "ScanReport", "scan_files", "scan_project"]


class PiiPolicy:
    """What one command does with personal data, with the project's guard.

    Example:
        >>> policy = PiiPolicy(PiiMode.REDACT, names=["Solsikken"])
        >>> policy.check([], "quotes")("Mette ringede fra Solsikken")
        '[NAVN] ringede fra [NAVN]'
    """

    def __init__(self, mode: PiiMode | str = PiiMode.REFUSE, names: Sequence[str] = ()) -> None:
        self.mode = PiiMode(mode)
        self._names = list(names)
        self._guard: PiiGuard | None = None

    @classmethod
    def of(cls, store: Store, mode: PiiMode | str = PiiMode.REFUSE) -> PiiPolicy:
        """The policy with the project's own names (``mentorqual pii add-name``)."""
        mode = PiiMode(mode)
        return cls(mode, store.pii_names() if mode is not PiiMode.ALLOW else ())

    @property
    def guard(self) -> PiiGuard:
        if self._guard is None:
            self._guard = PiiGuard(self._names)
        return self._guard

    def check(self, items: Sequence[tuple[str, str]], what: str) -> Callable[[str], str]:
        """Check ``items`` (where, text) before they leave the project as ``what``;
        returns the function to apply to each text before it is written."""
        if self.mode is PiiMode.ALLOW:
            return _unchanged
        if self.mode is PiiMode.REDACT:
            return self.guard.redact
        guard = self.guard
        refuse(
            [
                f"{where} {hit.kind} {hit.text!r}"
                for where, text in items
                for hit in guard.scan(text)
            ],
            what,
        )
        return _unchanged

    def redact_mapped(
        self, texts: dict[str, str], what: str
    ) -> tuple[dict[str, str], dict[str, OffsetMap]]:
        """Check whole texts (by key) before they leave the project; with ``redact``,
        the redacted texts and, for each changed one, how its offsets move."""
        if self.mode is PiiMode.ALLOW:
            return texts, {}
        guard = self.guard
        hits = {key: guard.scan(text) for key, text in texts.items()}
        if self.mode is PiiMode.REFUSE:
            refuse([f"{key} {h.kind} {h.text!r}" for key, hs in hits.items() for h in hs], what)
            return texts, {}
        result, maps = dict(texts), {}
        for key, found in hits.items():
            if found:
                result[key], maps[key] = redact_with_map(texts[key], found)
        return result, maps


def _unchanged(text: str) -> str:
    return text


def scan_project(store: Store) -> list[tuple[str, str, str, str]]:
    """(interview, locator, kind, text) of every finding in every paragraph."""
    guard = PiiGuard(store.pii_names())
    return [
        (p.interview, p.locator, hit.kind, hit.text)
        for p in store.all_paragraphs()
        for hit in guard.scan(p.text)
    ]


def add_names(store: Store, names: Iterable[str]) -> int:
    """Add names for the guard to look for; returns how many were new."""
    wanted = [n.strip() for n in names if n.strip()]
    if not wanted:
        raise InputError("no names given")
    return store.add_pii_names(wanted)


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
