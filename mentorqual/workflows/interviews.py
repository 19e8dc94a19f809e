"""Interviews: read transcript files, write them into the project, list them.

Reading (:func:`plan_import`) happens before the project is opened for writing, so a
bad file stops the command before anything changes. A changed file replaces its
interview only with ``replace``; the human codings of the old text are then moved to
wherever their passage's text still stands, and the rest are listed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, listing
from ..importers import (
    DEFAULT_INTERVIEWER_LABELS,
    MetadataCache,
    SkippedFile,
    count_words,
    metadata_warnings,
    read_transcript,
    scan_paths,
)
from ..store import HumanSpan, InterviewSummary, SegmentRow, Store
from ..types import HUMAN, CodedSpan, Transcript
from . import Progress, lookups
from .lookups import same_interview
from .passages import relocate

__all__ = [
    "DEFAULT_INTERVIEWER_LABELS",
    "ImportPlan",
    "ImportReport",
    "ProjectInfo",
    "Removal",
    "apply_import",
    "info",
    "normalise",
    "plan_import",
    "remove",
    "removal",
]


@dataclass
class ImportReport:
    """What an import did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (interview, file)
    not_read: list[SkippedFile] = field(default_factory=list)  # .doc, .pdf, ...
    lost_codings: list[str] = field(default_factory=list)
    backup: Path | None = None  # written before human codings were deleted
    warnings: list[str] = field(default_factory=list)
    paragraphs: int = 0
    words: int = 0


@dataclass
class ImportPlan:
    """Transcripts read and checked, ready to be written, and the files left out."""

    transcripts: list[Transcript]
    warnings: list[str]
    not_read: list[SkippedFile] = field(default_factory=list)


def plan_import(
    paths: Iterable[Path], interviewer_labels: Sequence[str], progress: Progress
) -> ImportPlan:
    """Read every transcript under ``paths``; refuses duplicate interview ids (ids match
    in any case, so they must differ in more than case).

    Every file is read before any error is raised, so one error lists every bad file.
    """
    found = scan_paths(list(paths))
    cache: MetadataCache = {}
    transcripts: list[Transcript] = []
    problems: dict[str, None] = {}  # in order, each once (a bad metadata.csv is shared)
    seen: dict[str, tuple[str, Path]] = {}  # folded id -> (id, file)
    for done, path in enumerate(found.transcripts, start=1):
        progress("Reading transcripts", done, len(found.transcripts))
        try:
            transcript = read_transcript(path, interviewer_labels, metadata_cache=cache)
        except InputError as exc:
            problems[str(exc)] = None
            continue
        key = transcript.interview.casefold()
        if key in seen:
            other, where = seen[key]
            problems[
                f"{path}: duplicate interview id {transcript.interview!r} (also in {where})"
                if other == transcript.interview
                else f"{path}: interview id {transcript.interview!r} differs only in case from "
                f"{other!r} (in {where}); ids match in any case, so rename one"
            ] = None
            continue
        seen[key] = (transcript.interview, path)
        transcripts.append(transcript)
    if problems:
        raise InputError(listing(list(problems), sep="\n"))
    warnings = metadata_warnings(found.transcripts, cache)
    warnings += [w for t in transcripts for w in t.warnings]
    return ImportPlan(transcripts, warnings, found.skipped)


def apply_import(
    store: Store,
    plan: ImportPlan,
    replace: bool,
    progress: Progress,
    *,
    reparse: bool = False,
) -> ImportReport:
    """Write the planned transcripts: new ones added, unchanged ones skipped, changed
    ones replaced (with ``replace``) or refused. With ``reparse``, an unchanged file
    whose paragraphs now read differently (other options, a newer mentorqual) is
    replaced too. Replacing an interview with human codings writes a backup of the
    project first (see :class:`ImportReport`)."""
    report = ImportReport(warnings=list(plan.warnings), not_read=list(plan.not_read))
    todo, replacing = _changes(store, plan, replace, report, reparse)
    paragraphs = [t.paragraph_text(p) for t in todo for p in t.respondent_paragraphs]
    spans = iter(_sentences(paragraphs, progress))
    for done, t in enumerate(todo, start=1):
        kept = None
        if t.interview in replacing:
            humans = {coder for _, _, coder in store.human_assessed_spans(t.interview)}
            kept = _KeptCodings(
                store.interview_text(t.interview),
                store.human_spans(t.interview),
                store.human_assessed_spans(t.interview),
                {c: store.assessed_codes(c).get(t.interview, frozenset()) for c in humans},
            )
            store.delete_interview(t.interview)
            report.replaced.append(t.interview)
        else:
            report.added.append(t.interview)
        words = [count_words(t.paragraph_text(p)) for p in t.paragraphs]
        sentences = [next(spans) for _ in t.respondent_paragraphs]
        store.add_interview(t, words, sentences)
        if kept is not None:
            report.lost_codings += _restore_human_codings(store, t, kept)
        report.paragraphs += len(t.respondent_paragraphs)
        report.words += sum(
            w for p, w in zip(t.paragraphs, words, strict=True) if p.role == "respondent"
        )
        progress("Writing interviews", done, len(todo))
    report.backup = store.backup_path
    return report


def _changes(
    store: Store, plan: ImportPlan, replace: bool, report: ImportReport, reparse: bool
) -> tuple[list[Transcript], set[str]]:
    """The transcripts to write, and which of them replace an interview."""
    todo: list[Transcript] = []
    replacing: set[str] = set()
    ids = store.interview_ids()
    for t in plan.transcripts:
        existing = store.interview_sha(t.interview)
        twin = [i for i in same_interview(ids, t.interview) if i != t.interview]
        if existing is None and twin:
            raise InputError(
                f"{t.source}: interview id {t.interview!r} differs only in case from "
                f"{twin[0]!r} in the project; ids match in any case, so rename one"
            )
        if existing is None:
            todo.append(t)
        elif existing == (t.sha256, t.attributes) and not (reparse and _reads_anew(store, t)):
            report.skipped.append((t.interview, str(t.source)))
        elif reparse and existing[0] == t.sha256:
            todo.append(t)  # the same text, read into other paragraphs
            replacing.add(t.interview)
        elif replace:
            todo.append(t)
            replacing.add(t.interview)
        else:
            raise InputError(
                f"{t.source}: interview {t.interview!r} is already in the project with "
                "different text or attributes; use --replace to update it"
            )
    return todo, replacing


def _reads_anew(store: Store, t: Transcript) -> bool:
    """Whether the stored paragraphs of an interview differ from ``t``'s."""
    stored = [
        (p.locator, p.start, p.end, p.role, p.speaker, p.time)
        for p in store.paragraphs(t.interview, role=None)
    ]
    parsed = [(p.locator, p.start, p.end, p.role, p.speaker, p.time) for p in t.paragraphs]
    return stored != parsed


def paragraphs(store: Store, interview: str) -> list[SegmentRow]:
    """Every paragraph of an interview as stored, interviewer's and respondent's, in
    reading order: what was read from the transcript."""
    found = store.paragraphs(interview, role=None)
    if not found:
        raise InputError(f"{interview}: no such interview in {store.path}")
    return found


def _sentences(paragraphs: list[str], progress: Progress) -> list[list[tuple[int, int, int]]]:
    """Sentences of each paragraph as (start, end, words), relative to the paragraph."""
    from .. import nlp  # spaCy: only when there is text to split

    result = []
    spans = nlp.sentence_spans(paragraphs)
    for done, (text, paragraph) in enumerate(zip(paragraphs, spans, strict=True), start=1):
        result.append([(s, e, count_words(text[s:e])) for s, e in paragraph])
        if done % 500 == 0 or done == len(paragraphs):
            progress("Splitting sentences", done, len(paragraphs))
    return result


def normalise(text: str) -> str:
    """Text with its white space collapsed: how paragraphs are matched by text."""
    return " ".join(text.split())


@dataclass
class _KeptCodings:
    """The human codings and assessments of an interview about to be replaced."""

    text: str  # the old canonical text
    spans: list[HumanSpan]
    assessed: list[tuple[int, int, str]]  # (start, end, coder) of assessed paragraphs
    codes: dict[str, frozenset[str]]  # coder -> the codes the coder assessed


def _restore_human_codings(store: Store, t: Transcript, kept: _KeptCodings) -> list[str]:
    """Re-attach kept human codings wherever their passage's text now stands (paragraphs
    joined, split or moved); list those whose text is gone."""
    layout = store.layout()
    respondent = {p.id for p in store.paragraphs(t.interview)}
    assessed: dict[str, set[int]] = defaultdict(set)
    for start, end, coder in kept.assessed:
        for piece in _pieces(kept.text, start, end):
            place = relocate(kept.text, t.text, *piece)
            if place is not None:
                hit = layout.paragraphs(t.interview, *place)
                assessed[coder].update(p for p in hit if p in respondent)
    wanted: dict[str, list[CodedSpan]] = defaultdict(list)
    lost: list[str] = []
    for span in kept.spans:
        places = [relocate(kept.text, t.text, span.start, span.end)]
        if places[0] is None:  # a passage across a break that is gone: its paragraphs
            pieces = _pieces(kept.text, span.start, span.end)
            places = [relocate(kept.text, t.text, a, b) for a, b in pieces]
        found = [place for place in places if place is not None]
        if not found:
            passage = kept.text[span.start : span.end]
            lost.append(f"{t.interview} ({span.coder}, {span.code}): {passage[:60]!r}")
        for a, b in found:
            wanted[span.coder].append(CodedSpan(t.interview, a, b, span.code, span.memo))
    for coder in sorted(set(assessed) | set(wanted)):
        store.write_human_codings(
            coder, wanted[coder], assessed[coder], codes=kept.codes.get(coder, frozenset())
        )
    return lost


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank lines of ``text[start:end]``, as (start, end)."""
    pieces, position = [], start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            first = position + line.index(stripped)
            pieces.append((first, first + len(stripped)))
        position += len(line) + 1
    return pieces


@dataclass(frozen=True)
class ProjectInfo:
    """What ``mentorqual info`` shows: the interviews, codes and coders."""

    interviews: list[InterviewSummary]
    coders: list[tuple[str, str, int]]  # name, origin, codings
    codes: list[str]
    codebook: str | None  # sha256 of the project's codebook

    def __repr__(self) -> str:
        return (
            f"ProjectInfo({len(self.interviews)} interviews, codes {self.codes}, "
            f"coders {[c for c, _, _ in self.coders]})"
        )


def info(store: Store) -> ProjectInfo:
    """The interviews with attributes, respondent paragraphs and words; codings per coder."""
    return ProjectInfo(
        store.interview_summaries(), store.coders(), store.codes(), store.codebook_sha256()
    )


@dataclass
class Removal:
    """Interviews to remove, what goes with them, and the backup written first."""

    interviews: list[str]
    paragraphs: int = 0
    human: dict[str, int] = field(default_factory=dict)  # coder -> human codings
    machine: int = 0  # machine codings, which `tag` writes again
    backup: Path | None = None

    def lines(self) -> list[str]:
        """What will go (or went), a line each, for the user to confirm."""
        found = [f"{len(self.interviews)} interview(s): {', '.join(self.interviews)}"]
        found.append(f"{self.paragraphs} paragraph(s) and their text")
        found += [f"{n} human coding(s) by {coder}" for coder, n in sorted(self.human.items())]
        if self.machine:
            found.append(f"{self.machine} machine coding(s)")
        return found


def removal(store: Store, names: Sequence[str]) -> Removal:
    """What removing the interviews ``names`` (any case) would delete; refuses every
    name that is not an interview, all at once."""
    found: list[str] = []
    problems: list[str] = []
    for name in dict.fromkeys(names):
        try:
            found.append(lookups.interview(store, name))
        except InputError as exc:
            problems.append(str(exc))
    if problems:
        raise InputError(listing(problems))
    plan = Removal(list(dict.fromkeys(found)))
    for interview in plan.interviews:
        plan.paragraphs += len(store.paragraphs(interview, role=None))
        for coder, origin, n in store.codings_per_coder(interview):
            if origin == HUMAN:
                plan.human[coder] = plan.human.get(coder, 0) + n
            else:
                plan.machine += n
    return plan


def remove(store: Store, plan: Removal) -> Removal:
    """Remove the planned interviews; with human codings among them, a backup of the
    project is written first (:meth:`Store.backup_before_deleting`)."""
    for interview in plan.interviews:
        store.delete_interview(interview)
    plan.backup = store.backup_path
    return plan
