"""The library's entry point: a :class:`Project` ties importers, codebook and store together.

Every public method that writes does so in one transaction, after all input has been
read and checked; a failure leaves the project as it was (and a project file that the
failed command would have created is removed again).
"""

from __future__ import annotations

import fnmatch
import gc
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import evaluation, interchange, machine, nlp, outputs
from .audit import Audit
from .codebook import DEFAULT_CODEBOOK, Codebook, load_codebook, parse_codebook
from .errors import CodebookError, InputError, ProjectError
from .importers import (
    DEFAULT_INTERVIEWER_LABELS,
    METADATA_FILE,
    count_words,
    find_transcripts,
    read_codings_csv,
    read_transcript,
)
from .importers.qdpx import read_qdc, read_qdpx, to_transcripts
from .importers.sheet import read_coding_sheet
from .quotes import Quote
from .reports.agreement import AGREEMENT_SUFFIXES
from .reports.qdpx import write_qdc, write_qdpx
from .reports.quotes import QUOTE_SUFFIXES
from .reports.sheet import write_coding_sheet
from .reports.tables import atomic_path, check_suffix, staging_folder
from .store import SegmentRow, Store
from .tagging.evidence import Evidence
from .types import CodingRow, PathLike, QdaProject, Transcript

DEFAULT_PROJECT = Path("mentorqual.db")
PROJECT_ENV = "MENTORQUAL_PROJECT"
MACHINE_CODERS = frozenset({"rules", "classifier", "machine", "consensus"})
MAX_LISTED = 10

# (step label, done, total): lets a caller draw a progress bar without the library
# knowing how.
Progress = Callable[[str, int, int], None]


def _no_progress(label: str, done: int, total: int) -> None:
    pass


def default_project_path() -> Path:
    """``$MENTORQUAL_PROJECT`` if set, else ``./mentorqual.db``."""
    return Path(os.environ.get(PROJECT_ENV) or DEFAULT_PROJECT)


@dataclass
class ImportReport:
    """What an import did."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (interview, file)
    lost_codings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    paragraphs: int = 0
    words: int = 0


@dataclass
class CodingsReport:
    """What a codings import did, per coder."""

    path: Path
    # coder -> (codings added, codings removed, interviews covered)
    coders: dict[str, tuple[int, int, int]] = field(default_factory=dict)


@dataclass
class TagReport:
    """What a tagging run did (or, with dry_run, would do)."""

    codebook: Codebook
    coder: str
    paragraphs: int
    tokens: int
    seconds: float
    added: list[tuple[str, str, str, str]]  # interview, locator, code, evidence summary
    removed: list[tuple[str, str, str, str]]
    kept: int
    dry_run: bool


@dataclass
class RunReport:
    """What the main job did."""

    imported: ImportReport
    codebook: Codebook
    codings: list[CodingsReport]
    tagged: TagReport | None
    out: Path
    written: outputs.RunOutputs
    trained: machine.TrainReport | None = None
    classified: machine.ClassifierTagReport | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class QdpxReport:
    """What a REFI-QDA project import did."""

    imported: ImportReport
    added_codes: list[str]
    unmatched_codes: list[str]  # codes of the file that matched none and were not added
    codings: dict[str, int]  # coder -> paragraph codings
    skipped: list[str]  # what the file held that was not imported, and why
    warnings: list[str]


@dataclass
class QdcReport:
    """What a REFI-QDA codebook import did."""

    matched: int
    added: list[str]


@dataclass
class _ImportPlan:
    transcripts: list[Transcript]
    warnings: list[str]


class Project:
    """A mentorqual project: one SQLite file.

    >>> project = Project("study.db")  # doctest: +SKIP
    >>> project.import_paths(["transcripts/"]).added  # doctest: +SKIP
    """

    def __init__(self, path: PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_project_path()

    # -- opening -----------------------------------------------------------------

    def store(self) -> Store:
        """Open the existing project for reading."""
        return Store(self.path, create=False)

    @contextmanager
    def _reading(self) -> Iterator[Store]:
        """Open the existing project for reading, and close it after the block."""
        store = self.store()
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def _writing(self, *, create: bool = True) -> Iterator[Store]:
        """Open (or create) the project and hold one transaction around the block."""
        created = not self.path.exists()
        store = Store(self.path, create=create)
        try:
            with store.transaction():
                yield store
        except BaseException:
            store.close()
            if created:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            raise
        store.close()

    # -- transcripts ---------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[PathLike],
        *,
        replace: bool = False,
        interviewer_labels: Sequence[str] = DEFAULT_INTERVIEWER_LABELS,
        progress: Progress = _no_progress,
    ) -> ImportReport:
        """Import transcript files and folders (recursively)."""
        plan = self._plan_import(paths, interviewer_labels, progress)
        with self._writing() as store:
            return self._apply_import(store, plan, replace, progress)

    def _plan_import(
        self, paths: Iterable[PathLike], interviewer_labels: Sequence[str], progress: Progress
    ) -> _ImportPlan:
        files = find_transcripts([Path(p) for p in paths])
        metadata: dict[Path, dict[str, dict[str, str]]] = {}
        transcripts: list[Transcript] = []
        seen: dict[str, Path] = {}
        for done, path in enumerate(files, start=1):
            transcript = read_transcript(path, interviewer_labels, metadata)
            if transcript.interview in seen:
                raise InputError(
                    f"{path}: duplicate interview id {transcript.interview!r} "
                    f"(also in {seen[transcript.interview]})"
                )
            seen[transcript.interview] = path
            transcripts.append(transcript)
            progress("Reading transcripts", done, len(files))
        return _ImportPlan(transcripts, [w for t in transcripts for w in t.warnings])

    def _apply_import(
        self, store: Store, plan: _ImportPlan, replace: bool, progress: Progress
    ) -> ImportReport:
        report = ImportReport(warnings=list(plan.warnings))
        todo: list[Transcript] = []
        replacing: set[str] = set()
        for t in plan.transcripts:
            existing = store.interview_sha(t.interview)
            if existing is None:
                todo.append(t)
            elif existing == (t.sha256, t.attributes):
                report.skipped.append((t.interview, str(t.source)))
            elif replace:
                todo.append(t)
                replacing.add(t.interview)
            else:
                raise InputError(
                    f"{t.source}: interview {t.interview!r} is already in the project with "
                    "different text or attributes; use --replace to update it"
                )
        paragraphs = [t.paragraph_text(p) for t in todo for p in t.respondent_paragraphs]
        spans = iter(_sentences(paragraphs, progress))
        for done, t in enumerate(todo, start=1):
            kept = None
            if t.interview in replacing:
                kept = _KeptCodings(
                    store.human_codings(t.interview), store.human_assessments(t.interview)
                )
                store.delete_interview(t.interview)
                report.replaced.append(t.interview)
            else:
                report.added.append(t.interview)
            words = [count_words(t.paragraph_text(p)) for p in t.paragraphs]
            sentences = [next(spans) for _ in t.respondent_paragraphs]
            store.add_interview(t, words, sentences)
            if kept is not None:
                report.lost_codings += _restore_human_codings(store, t.interview, kept)
            report.paragraphs += len(t.respondent_paragraphs)
            report.words += sum(
                w for p, w in zip(t.paragraphs, words, strict=True) if p.role == "respondent"
            )
            progress("Writing interviews", done, len(todo))
        return report

    # -- codebook ------------------------------------------------------------------

    def load_codebook(self, path: PathLike, *, update: bool = False) -> Codebook:
        """Make a codebook file the project's codebook.

        A codebook whose codes differ from the project's is refused unless ``update``;
        then human codings of codes that still exist are kept and the rest removed.
        """
        codebook = load_codebook(Path(path))
        with self._writing() as store:
            self._apply_codebook(store, codebook, update)
        return codebook

    def _apply_codebook(self, store: Store, codebook: Codebook, update: bool) -> None:
        current = set(store.codes())
        wanted = set(codebook.codes)
        if current and current != wanted and not update:
            parts = []
            if wanted - current:
                parts.append(f"new: {', '.join(sorted(wanted - current))}")
            if current - wanted:
                parts.append(f"missing: {', '.join(sorted(current - wanted))}")
            raise CodebookError(
                f"{codebook.path}: its codes differ from the project's ({'; '.join(parts)}); "
                "pass --codebook-update to switch (human codings of codes that remain are kept)"
            )
        store.remove_codes(current - wanted)
        store.save_codebook(
            codebook.sha256,
            codebook.name,
            str(codebook.path),
            codebook.content,
            codebook.records(),
        )

    # -- human codings -------------------------------------------------------------

    def import_codings(self, path: PathLike, *, coder: str | None = None) -> CodingsReport:
        """Import human codings from a CSV file (see :mod:`mentorqual.importers.codings`)
        or a filled coding sheet from :meth:`suggest` (.xlsx, needs ``coder``)."""
        if Path(path).suffix.lower() == ".xlsx":
            return self._import_sheet(Path(path), coder)
        rows = read_codings_csv(Path(path), coder)
        with self._writing(create=False) as store:
            return self._apply_codings(store, Path(path), rows)

    def _apply_codings(self, store: Store, path: Path, rows: list[CodingRow]) -> CodingsReport:
        codes = set(store.codes())
        if not codes:
            raise ProjectError(
                f"{path}: the project has no codebook yet; "
                "load one with 'mentorqual codebook load FILE'"
            )
        machine = sorted({r.coder for r in rows} & MACHINE_CODERS)
        if machine:
            raise InputError(
                f"{path}: coder {machine[0]!r} is reserved for machine codings; rename the coder"
            )
        paragraphs: dict[str, list[SegmentRow] | None] = {}
        wanted: dict[str, set[tuple[int, str]]] = defaultdict(set)
        scope: dict[str, set[str]] = defaultdict(set)
        problems: list[str] = []
        for row in rows:
            if row.interview not in paragraphs:
                found = store.paragraphs(row.interview, role=None)
                paragraphs[row.interview] = found or None
            candidates = paragraphs[row.interview]
            if candidates is None:
                problems.append(f"row {row.row}: unknown interview {row.interview!r}")
                continue
            scope[row.coder].add(row.interview)
            if not row.code:
                continue
            if row.code not in codes:
                problems.append(f"row {row.row}: unknown code {row.code!r}")
                continue
            segment, problem = _locate(candidates, row.segment)
            if segment is None:
                problems.append(f"row {row.row}: {problem}")
                continue
            wanted[row.coder].add((segment, row.code))
        _refuse_rows(path, problems)
        report = CodingsReport(path)
        for name in sorted(scope):
            segments = [
                s.id
                for interview in scope[name]
                for s in paragraphs[interview] or []
                if s.role == "respondent"
            ]
            added, removed = store.replace_human_codings(name, segments, wanted[name])
            report.coders[name] = (added, removed, len(scope[name]))
        return report

    def _import_sheet(self, path: Path, coder: str | None) -> CodingsReport:
        if not coder:
            raise InputError(f"{path}: a coding sheet needs --coder NAME")
        if coder in MACHINE_CODERS:
            raise InputError(f"{path}: coder {coder!r} is reserved for machine codings")
        codes, rows = read_coding_sheet(path)
        with self._writing(create=False) as store:
            known = store.codes()
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise InputError(
                    f"{path}, row 1: unknown code column(s) {', '.join(unknown)}; "
                    f"the codebook has {', '.join(known)}"
                )
            problems: list[str] = []
            scope: set[int] = set()
            wanted: set[tuple[int, str]] = set()
            cache: dict[str, list[SegmentRow]] = {}
            for row in rows:
                if row.interview not in cache:
                    cache[row.interview] = store.paragraphs(row.interview, role=None)
                found, problem = _locate(cache[row.interview], row.segment)
                if not cache[row.interview]:
                    problems.append(f"row {row.row}: unknown interview {row.interview!r}")
                elif found is None:
                    problems.append(f"row {row.row}: {problem}")
                else:
                    scope.add(found)
                    wanted |= {(found, code) for code in row.codes}
            _refuse_rows(path, problems)
            added, removed = store.replace_human_codings(coder, scope, wanted)
        report = CodingsReport(path)
        report.coders[coder] = (added, removed, len({r.interview for r in rows}))
        return report

    # -- the main job --------------------------------------------------------------

    def run(
        self,
        directory: PathLike,
        out: PathLike,
        *,
        codebook: PathLike | None = None,
        codebook_update: bool = False,
        interviewer_labels: Sequence[str] = DEFAULT_INTERVIEWER_LABELS,
        command: Sequence[str] = (),
        pii: str = "refuse",
        progress: Progress = _no_progress,
    ) -> RunReport:
        """Import a folder of transcripts and its ``codings/*.csv``, tag with the
        codebook's rules, and write the reports into ``out``.

        The project changes in one transaction, and the reports are written to a
        staging folder inside it: if anything fails, the project is as it was and
        ``out`` holds no new file. ``command`` is recorded in the manifest; ``pii`` is
        what to do with personal data in quotes and the view (see :meth:`quotes`).
        """
        directory, out = Path(directory), Path(out)
        started = outputs.now()
        book = self.codebook(codebook)
        plan = self._plan_import([directory], interviewer_labels, progress)
        coding_files = sorted((directory / "codings").glob("*.csv"))
        coding_rows = [(f, read_codings_csv(f)) for f in coding_files]
        inputs = sorted(
            {t.source for t in plan.transcripts}
            | set(directory.rglob(METADATA_FILE))
            | set(coding_files)
            | ({book.path} if book.path.is_file() else set())
        )
        with staging_folder(out) as staging, self._writing() as store:
            imported = self._apply_import(store, plan, False, progress)
            self._apply_codebook(store, book, codebook_update)
            reports = [self._apply_codings(store, f, rows) for f, rows in coding_rows]
            tagged = self._apply_rules(store, book, False, progress) if book.rules else None
            trained, classified, notes = self._apply_classifier(store, tagged is not None, progress)
            progress("Writing reports", 0, 1)
            written = outputs.write_run_outputs(
                store,
                staging,
                command=command,
                inputs=inputs,
                started=started,
                model=trained.model if trained else None,
                pii=pii,
            )
            progress("Writing reports", 1, 1)
        return RunReport(imported, book, reports, tagged, out, written, trained, classified, notes)

    def _apply_classifier(
        self, store: Store, rules: bool, progress: Progress
    ) -> tuple[machine.TrainReport | None, machine.ClassifierTagReport | None, list[str]]:
        """Train on the human coder who assessed the most paragraphs and tag with the
        classifier (and, after the rules, the combined coder); skipped with a note when
        there are no human codings or too few to learn from."""
        coder = store.lead_human_coder()
        if coder is None:
            return None, None, ["no human codings: the classifier was not trained"]
        progress("Training the classifier", 0, 1)
        try:
            trained = machine.train(store, [coder])
        except InputError as exc:
            return None, None, [f"the classifier was not trained: {exc}"]
        progress("Training the classifier", 1, 1)
        return trained, machine.tag(store, combine=rules), []

    # -- rule tagging -------------------------------------------------------------

    def codebook(self, path: PathLike | None = None) -> Codebook:
        """The codebook ``path``, else the default file, else the project's stored copy."""
        if path is not None:
            return load_codebook(Path(path))
        if DEFAULT_CODEBOOK.is_file() or not self.path.exists():
            return _default_codebook()
        with self._reading() as store:
            return _stored_codebook(store) or _default_codebook()

    def tag_rules(
        self,
        codebook: PathLike | Codebook | None = None,
        *,
        dry_run: bool = False,
        codebook_update: bool = False,
        progress: Progress = _no_progress,
    ) -> TagReport:
        """Code every respondent paragraph with the codebook's rules, as coder ``rules``.

        The previous ``rules`` codings are replaced in one transaction; human codings
        are never touched. With ``dry_run`` nothing is written.
        """
        with _gc_paused():  # parsing the codebook would set off collections too
            book = codebook if isinstance(codebook, Codebook) else self.codebook(codebook)
        try:
            with self._writing(create=False) as store:
                self._apply_codebook(store, book, codebook_update)
                report = self._apply_rules(store, book, dry_run, progress)
                if dry_run:
                    raise _DryRun(report)  # rolls back the codebook change too
        except _DryRun as done:
            return done.report
        return report

    def _apply_rules(
        self,
        store: Store,
        book: Codebook,
        dry_run: bool,
        progress: Progress,
    ) -> TagReport:
        """Tag with ``book``'s rules; the caller has made it the project's codebook."""
        from .tagging.run import tag_paragraphs  # spaCy matchers: only when tagging

        started = time.perf_counter()
        with _gc_paused():  # the run's records live until the store has them
            paragraphs, questions = store.paragraph_texts()
            run = tag_paragraphs(book, paragraphs, questions, progress)
            hits = run.hits
            old = store.machine_codings("rules")
            added, removed = sorted(hits.keys() - old.keys()), sorted(old.keys() - hits.keys())
            listed = {s for s, _ in added} | {s for s, _ in removed}  # mostly none
            where = (
                {
                    s: (i, loc)
                    for s, i, loc in zip(
                        paragraphs.ids, paragraphs.interviews, paragraphs.locators, strict=True
                    )
                    if s in listed
                }
                if listed
                else {}
            )
            report = TagReport(
                codebook=book,
                coder="rules",
                paragraphs=len(paragraphs.texts),
                tokens=run.tokens,
                seconds=time.perf_counter() - started,
                added=[(*where[s], c, run.summary(s, c)) for s, c in added],
                removed=[(*where[s], c, "") for s, c in removed],
                kept=len(hits) - len(added),
                dry_run=dry_run,
            )
            if not dry_run:
                store.update_machine_codings(
                    "rules", "rules", book.sha256, run.rows, paragraphs.ids, old
                )
            # Freed while the collector is off: the first collection after it would
            # otherwise walk every one of these objects.
            del paragraphs, questions, run, hits, old
        return report

    # -- the classifier ----------------------------------------------------------------

    def train(self, coders: Sequence[str]) -> machine.TrainReport:
        """Train the classifier on human codings and store it in the project, with its
        grouped cross-validation figures; see :mod:`mentorqual.machine`."""
        with self._writing(create=False) as store:
            return machine.train(store, coders)

    def tag_classifier(
        self,
        *,
        combine: bool = False,
        codebook: PathLike | Codebook | None = None,
        codebook_update: bool = False,
        progress: Progress = _no_progress,
    ) -> tuple[TagReport | None, machine.ClassifierTagReport]:
        """Code every respondent paragraph with the stored classifier (coder
        ``classifier``); with ``combine``, first run the rules, then write the combined
        coder ``machine``. One transaction."""
        with self._writing(create=False) as store:
            rules = None
            if combine:
                book = codebook if isinstance(codebook, Codebook) else self.codebook(codebook)
                self._apply_codebook(store, book, codebook_update)
                rules = self._apply_rules(store, book, False, progress)
            progress("Tagging with the classifier", 0, 1)
            report = machine.tag(store, combine=combine)
            progress("Tagging with the classifier", 1, 1)
        return rules, report

    def suggest(
        self,
        path: PathLike,
        n: int = 20,
        *,
        coder: str | None = None,
        focus: Sequence[str] = (),
    ) -> int:
        """Write a coding sheet (.xlsx) of the ``n`` paragraphs the classifier is least
        sure of (about the ``focus`` codes, if given), among those no human coder (or
        ``coder``) has assessed; returns how many rows it has."""
        path = Path(path)
        check_suffix(path, (".xlsx",))
        if n < 1:
            raise InputError("-n must be at least 1")
        with self._reading() as store:
            rows, codes = machine.suggestions(store, n, coder, focus)
        write_coding_sheet(path, rows, codes)
        return len(rows)

    def explain(self, interview: str, segment: str) -> dict[str, Any]:
        """A paragraph's text and every coding of it, with rule evidence."""
        store = self.store()
        try:
            paragraphs = store.paragraphs(interview, role=None)
            if not paragraphs:
                raise InputError(f"{interview}: no such interview in {self.path}")
            found, problem = _locate(paragraphs, segment)
            if found is None:
                raise InputError(f"{interview}: {problem}")
            paragraph = next(p for p in paragraphs if p.id == found)
            codings = store.segment_codings(found)
        finally:
            store.close()
        for coding in codings:
            # rules: a list of rule hits; classifier and machine: the model and its
            # probability, and for machine the rule hits it took over.
            evidence = Evidence.from_json(coding["evidence"])
            coding["rules"] = [hit._asdict() for hit in evidence.hits]
            coding["model"], coding["probability"] = evidence.model, evidence.probability
            coding["evidence"] = evidence
        return {"interview": interview, "segment": paragraph, "codings": codings}

    def evaluate(
        self, coder: str, against: str, *, only: Sequence[str] = ()
    ) -> list[evaluation.Scores]:
        """Score ``coder`` against the reference coder ``against``: per code, micro and
        macro.

        Units are the respondent paragraphs both coders assessed, limited to the
        interviews matching ``only`` (shell patterns such as ``*03``) if given. For
        ``classifier`` and ``machine`` the figures come from k-fold cross-validation
        grouped by interview on ``against``'s codings, so that no paragraph is scored
        by a model that saw it.
        """
        return self.evaluate_splits(coder, against, only=only)[0]

    def evaluate_splits(
        self,
        coder: str,
        against: str,
        *,
        only: Sequence[str] = (),
        repeats: int = 1,
        progress: Progress = _no_progress,
    ) -> list[list[evaluation.Scores]]:
        """:meth:`evaluate`, for ``classifier`` and ``machine`` on ``repeats`` grouped
        splits (the standard one first); see :func:`evaluation.spread` to sum them up.
        Other coders' codings are fixed, so they take one run only."""
        if repeats < 1:
            raise InputError(f"repeats must be at least 1, not {repeats}")
        store = self.store()
        try:
            coders = store.known_coders()
            for name in (coder, against):
                if name not in coders and name not in (machine.CLASSIFIER, machine.MACHINE):
                    raise InputError(
                        f"unknown coder {name!r}; the project has {', '.join(coders) or 'none'}"
                    )
            if coder in (machine.CLASSIFIER, machine.MACHINE):
                keep = None
                if only:
                    interviews = store.paragraph_interviews()
                    keep = {
                        u: any(fnmatch.fnmatchcase(i, pattern) for pattern in only)
                        for u, i in interviews.items()
                    }
                return machine.cross_validated_scores(
                    store,
                    coder,
                    against,
                    keep,
                    repeats=repeats,
                    progress=lambda done, total: progress("Cross-validating", done, total),
                )
            if repeats > 1:
                raise InputError(
                    f"coder {coder!r} has fixed codings, so repeated splits would all give "
                    "the same figures; repeats are for 'classifier' and 'machine'"
                )
            units = store.assessed(coder) & store.assessed(against)
            if only:
                interviews = store.paragraph_interviews()
                units = {
                    u
                    for u in units
                    if any(fnmatch.fnmatchcase(interviews[u], pattern) for pattern in only)
                }
            if not units:
                raise InputError(f"coders {coder!r} and {against!r} have no segments in common")
            predicted = {pair for pair in store.coding_pairs(coder) if pair[0] in units}
            reference = {pair for pair in store.coding_pairs(against) if pair[0] in units}
            codes = store.codes()
        finally:
            store.close()
        return [evaluation.evaluate(units, codes, predicted, reference)]

    # -- reports -------------------------------------------------------------------

    def counts(
        self,
        *,
        by: Sequence[str] = ("region",),
        coder: str | None = None,
        themes: Sequence[str] = (),
        regions: Sequence[str] = (),
    ) -> outputs.CountsResult:
        """Theme counts per group (region, role or any attribute) for one coder or a
        consensus; see :mod:`mentorqual.counts`."""
        with self._reading() as store:
            return outputs.theme_counts(store, by, coder, themes, regions)

    def write_counts(
        self, result: outputs.CountsResult, path: PathLike | None, plot: PathLike | None = None
    ) -> None:
        """Write counts as a table (.csv, .xlsx, .md) and/or a heatmap (.png)."""
        if path is not None:
            check_suffix(Path(path))
        if plot is not None:
            check_suffix(Path(plot), (".png",))
        if path is not None:
            outputs.write_theme_counts(result, Path(path))
        if plot is not None:
            outputs.write_counts_heatmap(result, Path(plot))

    def quotes(
        self,
        path: PathLike,
        *,
        by: Sequence[str] = ("region",),
        coders: Sequence[str] = (),
        themes: Sequence[str] = (),
        regions: Sequence[str] = (),
        top: int = 5,
        max_words: int = 80,
        per_interview: int = 2,
        pii: str = "refuse",
    ) -> list[Quote]:
        """Choose quotes per group and theme and write them to ``path`` (.docx, .xlsx,
        .csv, .md); see :mod:`mentorqual.quotes` for the ranking.

        ``pii`` is what to do with personal data in a quote: ``refuse`` (raise
        :class:`PiiError` and write nothing), ``redact`` or ``allow``.
        """
        path = Path(path)
        check_suffix(path, QUOTE_SUFFIXES)
        if top < 1 or max_words < 1 or per_interview < 1:
            raise InputError("--top, --max-words and --per-interview must be at least 1")
        with self._reading() as store:
            chosen, _, about = outputs.checked_quotes(
                store,
                pii,
                by=by,
                coders=coders,
                themes=themes,
                regions=regions,
                top=top,
                max_words=max_words,
                per_interview=per_interview,
            )
        outputs.write_quote_sheet(path, chosen, by, about)
        return chosen

    def view(self, directory: PathLike, *, coders: Sequence[str] = (), pii: str = "refuse") -> int:
        """Write coded transcripts as static HTML into ``directory``; returns the number
        of interview pages. ``pii`` as for :meth:`quotes`."""
        with self._reading() as store:
            return outputs.write_html_view(store, Path(directory), coders, pii)

    # -- personal data -----------------------------------------------------------------

    def add_pii_names(self, names: Iterable[str]) -> int:
        """Add names for the PII guard to look for; returns how many were new."""
        wanted = [n.strip() for n in names if n.strip()]
        if not wanted:
            raise InputError("no names given")
        with self._writing(create=False) as store:
            return store.add_pii_names(wanted)

    def pii_scan(self) -> list[tuple[str, str, str, str]]:
        """Personal data found in any paragraph: (interview, locator, kind, text)."""
        with self._reading() as store:
            return outputs.pii_scan(store)

    def agreement(
        self,
        coders: Sequence[str],
        *,
        codes: Sequence[str] = (),
        unit: str = "segment",
        by: str | None = None,
        path: PathLike | None = None,
        bootstrap: bool = True,
        pii: str = "refuse",
    ) -> Audit:
        """Inter-coder agreement per code between ``coders`` (two or more; a machine
        coder can be one of them), written to ``path`` (.xlsx, .md, .docx) if given,
        its disagreements' texts checked for personal data as ``pii`` says (see
        :meth:`quotes`). See :mod:`mentorqual.audit` for the definitions."""
        if path is not None:
            check_suffix(Path(path), AGREEMENT_SUFFIXES)
        with self._reading() as store:
            result = outputs.agreement_audit(
                store, coders, codes, unit=unit, by=by, bootstrap=bootstrap
            )
            if path is not None:
                outputs.write_agreement_report(store, result, Path(path), pii)
        return result

    def export_codings(
        self, path: PathLike, *, coders: Sequence[str] = (), pii: str = "refuse"
    ) -> int:
        """Write every coding (of ``coders``, or all) to .csv or .xlsx, personal data
        in the text checked as ``pii`` says (see :meth:`quotes`); returns the count."""
        path = Path(path)
        check_suffix(path, (".csv", ".xlsx"))
        with self._reading() as store:
            rows = outputs.coding_rows(store, coders, pii)
        outputs.write_codings(rows, path)
        return len(rows)

    # -- REFI-QDA interchange -------------------------------------------------------

    def export_qdc(self, path: PathLike, *, codebook: PathLike | None = None) -> int:
        """Write a codebook as a REFI-QDA .qdc: the file ``codebook``, else the
        project's (with any codes added since), else the default. Returns the number
        of codes."""
        path = Path(path)
        check_suffix(path, (".qdc",))
        book = None
        if codebook is None and self.path.exists():
            with self._reading() as store:
                book = _stored_codebook(store)  # with any codes added since it was loaded
        codes = interchange.codebook_codes(book or self.codebook(codebook))
        write_qdc(codes, path, interchange.ORIGIN)
        return len(codes)

    def export_qdpx(
        self, path: PathLike, *, coders: Sequence[str] = (), pii: str = "refuse"
    ) -> QdaProject:
        """Write the project as a REFI-QDA .qdpx: every interview's text and the
        codings (of ``coders``, or all). ``pii`` as in :meth:`quotes`, applied to the
        whole texts."""
        path = Path(path)
        check_suffix(path, (".qdpx",))
        with self._reading() as store:
            book = _stored_codebook(store)
            if book is None:
                raise ProjectError(f"{self.path}: the project has no codebook to export")
            project = interchange.export_project(store, book, coders, pii)
        write_qdpx(project, path)
        return project

    def import_qdpx(
        self,
        path: PathLike,
        *,
        add_codes: bool = False,
        replace: bool = False,
        interviewer_labels: Sequence[str] = DEFAULT_INTERVIEWER_LABELS,
        progress: Progress = _no_progress,
    ) -> QdpxReport:
        """Import a REFI-QDA project (.qdpx, or a .qde with inline texts): its text
        sources become interviews, its users coders, and its codings are moved onto the
        paragraphs they overlap. Codes map by name onto the project's codebook; with
        ``add_codes`` the others are added to it."""
        path = Path(path)
        qda = read_qdpx(path)
        transcripts, codings, warnings = to_transcripts(qda, path, interviewer_labels)
        with self._writing() as store:
            current = _stored_codebook(store)
            match = interchange.match_codes(current, qda.codes, add=add_codes)
            names = {c.guid: c.name for c in qda.codes}
            missing = sorted({names[c.code] for c in codings if c.code not in match.codes})
            if missing:
                raise InputError(
                    f"{path}: code(s) not in the project's codebook: {', '.join(missing)}; "
                    "pass --add-codes to add them"
                )
            if current is None and not match.added:
                raise ProjectError(
                    f"{path}: the project has no codebook yet; load one with "
                    "'mentorqual codebook load FILE', or pass --add-codes"
                )
            book = interchange.imported_codebook(current, match, path, qda.name)
            if book is not None:
                self._apply_codebook(store, book, True)
            imported = self._apply_import(store, _ImportPlan(transcripts, []), replace, progress)
            plan = interchange.fit_codings(store, path, codings, qda.users, match.codes)
            counts = self._apply_qda_codings(store, plan, path)
        return QdpxReport(
            imported=imported,
            added_codes=[c.code for c in match.added],
            unmatched_codes=match.unmatched,
            codings=counts,
            skipped=qda.skipped,
            warnings=[*warnings, *plan.warnings],
        )

    def _apply_qda_codings(
        self, store: Store, plan: interchange.CodingPlan, path: Path
    ) -> dict[str, int]:
        origins = store.coder_origins()
        counts: dict[str, int] = {}
        for coder, scope in sorted(plan.scope.items()):
            if coder in plan.machine or coder in interchange.MACHINE_CODERS:
                pairs = plan.machine.get(coder, set())
                store.replace_machine_codings(
                    coder,
                    coder,
                    f"imported from {path.name}",
                    [(s, c, None, None) for s, c in sorted(pairs)],
                    sorted(scope),
                    scope=scope,
                )
            else:
                if origins.get(coder, "human") != "human":
                    raise InputError(f"{path}: coder {coder!r} is a machine coder in this project")
                pairs = plan.human.get(coder, set())
                store.replace_human_codings(coder, scope, pairs)
            counts[coder] = len(pairs)
        return counts

    def import_qdc(self, path: PathLike, *, output: PathLike | None = None) -> QdcReport:
        """Add the codes of a REFI-QDA codebook (.qdc) that the project's codebook
        lacks (codes match by name or label, ignoring case). ``output`` also gets the
        resulting codebook as YAML, to add rules to."""
        path = Path(path)
        codes = read_qdc(path)
        if output is not None:
            check_suffix(Path(output), (".yaml", ".yml"))
        with self._writing() as store:
            current = _stored_codebook(store)
            match = interchange.match_codes(current, codes, add=True)
            book = interchange.imported_codebook(current, match, path, path.stem)
            if book is not None:
                self._apply_codebook(store, book, True)
            final = book or current
            if output is not None and final is not None:
                with atomic_path(Path(output)) as tmp:
                    tmp.write_text(final.content, encoding="utf-8")
        return QdcReport(matched=len(codes) - len(match.added), added=[c.code for c in match.added])

    # -- reading -------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """Interviews with attributes, respondent paragraphs and words; codings per coder."""
        store = self.store()
        try:
            return {
                "interviews": store.interview_summaries(),
                "coders": store.coders(),
                "codes": store.codes(),
                "codebook": store.codebook_sha256(),
            }
        finally:
            store.close()


def _refuse_rows(path: Path, problems: Sequence[str]) -> None:
    """One error listing the first rows that could not be used, if any."""
    if problems:
        more = f"; and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
        raise InputError(
            f"{path}: {len(problems)} row(s) could not be used, nothing was imported: "
            f"{'; '.join(problems[:MAX_LISTED])}{more}"
        )


class _DryRun(Exception):
    """Carries a dry run's report out of the transaction, which it rolls back."""

    def __init__(self, report: TagReport) -> None:
        self.report = report


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block. Rule tagging makes many small
    objects that live until it ends; with the lemma table and the pipeline in memory,
    each full collection the allocations trigger would walk millions of objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_codebook(path: PathLike) -> Codebook:
    """Load a codebook and compile its rules, so that every error surfaces."""
    from .tagging.rules import RuleTagger

    book = load_codebook(Path(path))
    if book.rules:
        RuleTagger(book)
    return book


def _stored_codebook(store: Store) -> Codebook | None:
    """The project's own codebook, or None before one is loaded."""
    content = store.codebook_content()
    if content is None:
        return None
    return parse_codebook(content, Path(f"{store.path}:codebook"))


def _default_codebook() -> Codebook:
    if not DEFAULT_CODEBOOK.is_file():
        raise CodebookError(f"{DEFAULT_CODEBOOK}: default codebook not found; pass --codebook FILE")
    return load_codebook(DEFAULT_CODEBOOK)


def _sentences(paragraphs: list[str], progress: Progress) -> list[list[tuple[int, int, int]]]:
    """Sentences of each paragraph as (start, end, words), relative to the paragraph."""
    result = []
    spans = nlp.sentence_spans(paragraphs)
    for done, (text, paragraph) in enumerate(zip(paragraphs, spans, strict=True), start=1):
        result.append([(s, e, count_words(text[s:e])) for s, e in paragraph])
        if done % 500 == 0 or done == len(paragraphs):
            progress("Splitting sentences", done, len(paragraphs))
    return result


_LOCATOR = re.compile(r"^p\d+$")


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _locate(paragraphs: list[SegmentRow], segment: str) -> tuple[int | None, str]:
    """Find the paragraph a codings row means: by locator (``p12``) or by a quote."""
    if _LOCATOR.match(segment):
        for p in paragraphs:
            if p.locator == segment:
                if p.role != "respondent":
                    return None, f"segment {segment} is an interviewer paragraph"
                return p.id, ""
        return None, f"no segment {segment!r} in this interview"
    quote = _normalise(segment)
    respondent = [p for p in paragraphs if p.role == "respondent"]
    hits = [p for p in respondent if quote in _normalise(p.text)]
    if not hits:
        folded = quote.casefold()
        hits = [p for p in respondent if folded in _normalise(p.text).casefold()]
    if len(hits) == 1:
        return hits[0].id, ""
    if not hits:
        return None, f"quote not found in a respondent paragraph: {segment[:60]!r}"
    where = ", ".join(p.locator for p in hits[:5])
    return None, f"quote matches {len(hits)} paragraphs ({where}); quote more words"


@dataclass
class _KeptCodings:
    """Human codings of an interview about to be replaced, by paragraph text."""

    codings: list[tuple[str, str, str]]  # text, code, coder
    assessments: list[tuple[str, str]]  # text, coder


def _restore_human_codings(store: Store, interview: str, kept: _KeptCodings) -> list[str]:
    """Re-attach kept human codings to paragraphs with the same text; list the rest."""
    by_text: dict[str, int] = {}
    for p in store.paragraphs(interview):
        by_text.setdefault(_normalise(p.text), p.id)
    scope: dict[str, set[int]] = defaultdict(set)
    wanted: dict[str, set[tuple[int, str]]] = defaultdict(set)
    lost: list[str] = []
    for text, coder in kept.assessments:
        if _normalise(text) in by_text:
            scope[coder].add(by_text[_normalise(text)])
    for text, code, coder in kept.codings:
        segment = by_text.get(_normalise(text))
        if segment is None:
            lost.append(f"{interview} ({coder}, {code}): {text[:60]!r}")
        else:
            wanted[coder].add((segment, code))
    for coder in sorted(scope):
        store.replace_human_codings(coder, scope[coder], wanted[coder])
    return lost
