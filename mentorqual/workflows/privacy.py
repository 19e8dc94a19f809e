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

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..importers import READERS, canonical, find_transcripts
from ..importers.document import Document
from ..pii import KINDS, OffsetMap, PiiGuard, PiiKind, finding_key, redact_with_map, refuse
from ..store import Store
from ..types import PiiMode

__all__ = [
    "FileFinding",
    "Finding",
    "OffsetMap",
    "PiiPolicy",
    "ScanReport",
    "allow",
    "by_kind",
    "scan_files",
    "scan_project",
]


class PiiPolicy:
    """What one command does with personal data, with the project's guard.

    Example:
        >>> policy = PiiPolicy(PiiMode.REDACT, names=["Solsikken"])
        >>> policy.check([], "quotes")("Mette ringede fra Solsikken")
        '[NAVN] ringede fra [NAVN]'
    """

    def __init__(
        self,
        mode: PiiMode | str = PiiMode.REFUSE,
        names: Sequence[str] = (),
        allow: Sequence[str] = (),
    ) -> None:
        self.mode = PiiMode(mode)
        self._names, self._allow = list(names), list(allow)
        self._guard: PiiGuard | None = None

    @classmethod
    def of(cls, store: Store, mode: PiiMode | str = PiiMode.REFUSE) -> PiiPolicy:
        """The policy with the project's own names (``mentorqual pii add-name``) and
        allow-list (``mentorqual pii allow``)."""
        mode = PiiMode(mode)
        if mode is PiiMode.ALLOW:
            return cls(mode)
        return cls(mode, store.pii_names(), store.pii_allowed())

    @property
    def guard(self) -> PiiGuard:
        if self._guard is None:
            self._guard = PiiGuard(self._names, allow=self._allow)
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


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: where it is (``HS01 p4``, or a file and line), its
    kind and text."""

    where: str
    kind: PiiKind
    text: str

    @property
    def key(self) -> str:
        """``KIND:text``: what ``mentorqual pii allow`` takes to accept this finding."""
        return finding_key(self.kind, self.text)


def by_kind(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each kind, most first."""
    counts = Counter(f.kind for f in findings)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def scan_project(store: Store) -> list[Finding]:
    """Every finding in every paragraph, with the project's names and allow-list."""
    guard = PiiGuard(store.pii_names(), allow=store.pii_allowed())
    return [
        Finding(f"{p.interview} {p.locator}", hit.kind, hit.text)
        for p in store.all_paragraphs()
        for hit in guard.scan(p.text)
    ]


def add_names(store: Store, names: Iterable[str]) -> int:
    """Add names for the guard to look for; returns how many were new."""
    wanted = [n.strip() for n in names if n.strip()]
    if not wanted:
        raise InputError("no names given")
    return store.add_pii_names(wanted)


def allow(store: Store, entries: Iterable[str]) -> int:
    """Add words (``Storm``) or findings (``TELEFON:22 33 44 55``) for the guard not to
    report; returns how many were new. A finding's kind must be one the guard knows."""
    wanted = [" ".join(e.split()) for e in entries if e.strip()]
    if not wanted:
        raise InputError("nothing to allow given")
    bad = [e for e in wanted if _looks_like_key(e) and e.partition(":")[0] not in KINDS]
    if bad:
        raise InputError(
            f"unknown kind in {bad[0]!r}; a finding is KIND:text with KIND one of "
            f"{', '.join(KINDS)}"
        )
    return store.allow_pii(wanted)


def _looks_like_key(entry: str) -> bool:
    kind, colon, _ = entry.partition(":")
    return bool(colon) and kind.isupper()


@dataclass(frozen=True)
class FileFinding(Finding):
    """One piece of personal data in a transcript file; ``where`` is
    ``transcripts/HS01.txt, line 12``.

    ``number`` is the line of a .txt file, or the paragraph of a .docx file (Word's
    paragraphs counted from the top, empty ones included; a manual line break inside a
    paragraph counts as the start of another).
    """

    path: Path = Path()
    number: int = 0


@dataclass
class ScanReport:
    """The files scanned, what was found in them and the readers' warnings."""

    files: list[Path]
    findings: list[FileFinding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def files_with_findings(self) -> int:
        return len({f.path for f in self.findings})


def scan_files(
    paths: Iterable[Path], names: Iterable[str] = (), allow: Iterable[str] = ()
) -> ScanReport:
    """Scan transcript files and folders (recursively, as ``import`` finds them) for
    personal data: CPR numbers, phone numbers, e-mail addresses, addresses, dates of
    birth and names (the built-in lists plus ``names``), except what ``allow`` accepts.

    Every file is read before any is scanned, so a file that cannot be read raises
    :class:`InputError` and nothing is reported.
    """
    files = find_transcripts([Path(p) for p in paths])
    documents = [(path, _read(path)) for path in files]
    guard = PiiGuard(names, allow=allow)
    report = ScanReport(files)
    for path, document in documents:
        report.warnings += document.warnings
        unit = "line" if document.source_format == "txt" else "paragraph"
        # LF line endings, so that CR LF and CR files number their lines like an editor.
        for number, line in enumerate(canonical(document.text).split("\n"), start=1):
            report.findings += [
                FileFinding(f"{path}, {unit} {number}", hit.kind, hit.text, path, number)
                for hit in guard.scan(line)
            ]
    return report


def _read(path: Path) -> Document:
    try:
        return READERS[path.suffix.lower()](path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from None
