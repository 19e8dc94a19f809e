"""The library's entry point: a :class:`Project` is one SQLite file, and its methods are
the use cases, each a thin call into :mod:`mentorqual.workflows`.

Every public method that writes does so in one transaction, after all input has been
read and checked; a failure leaves the project as it was (and a project file that the
failed command would have created is removed again).

Example:
    >>> project = Project("study.db")  # doctest: +SKIP
    >>> project.import_paths(["transcripts/"]).added  # doctest: +SKIP
    >>> project.codings().groupby("code").size()  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, ProjectError
from .store import Store
from .types import Codebook, PathLike, PiiMode, QdaProject
from .workflows import (
    Progress,
    audit,
    check_suffix,
    classifier,
    codebooks,
    codings,
    evaluation,
    interchange,
    interviews,
    no_progress,
    privacy,
    reports,
    rules,
    run,
    staging_folder,
)
from .workflows.audit import AGREEMENT_SUFFIXES
from .workflows.classifier import ClassifierTagReport, TrainReport
from .workflows.coders import Snapshot
from .workflows.codings import CodingsReport, Explanation
from .workflows.evaluation import Evaluation
from .workflows.interchange import QDA_SUFFIXES, QdcReport, QdpxReport
from .workflows.interviews import DEFAULT_INTERVIEWER_LABELS, ImportReport, ProjectInfo
from .workflows.privacy import PiiPolicy, ScanReport, scan_files
from .workflows.reports import QUOTE_SUFFIXES, CountsResult, QuoteOptions
from .workflows.rules import TagReport
from .workflows.run import RunReport

if TYPE_CHECKING:
    import pandas as pd

    from .agreement import Audit
    from .quotes import Quote

# The command line imports nothing of the library but this module (and the base
# modules): what it needs besides Project is listed here.
__all__ = [
    "DEFAULT_INTERVIEWER_LABELS",
    "PROJECT_ENV",
    "QDA_SUFFIXES",
    "ClassifierTagReport",
    "CodingsReport",
    "CountsResult",
    "Evaluation",
    "Explanation",
    "ImportReport",
    "PiiMode",
    "Project",
    "ProjectInfo",
    "QdcReport",
    "QdpxReport",
    "RunReport",
    "ScanReport",
    "TagReport",
    "TrainReport",
    "agreement_table",
    "default_project_path",
    "scan_files",
    "validate_codebook",
]

DEFAULT_PROJECT = Path("mentorqual.db")
PROJECT_ENV = "MENTORQUAL_PROJECT"


def default_project_path() -> Path:
    """``$MENTORQUAL_PROJECT`` if set, else ``./mentorqual.db``."""
    return Path(os.environ.get(PROJECT_ENV) or DEFAULT_PROJECT)


agreement_table = audit.table  # the audit as the terminal shows it


def validate_codebook(path: PathLike) -> Codebook:
    """Load a codebook and compile its rules, so that every error surfaces."""
    return codebooks.validate(Path(path))


class Project:
    """A mentorqual project: one SQLite file.

    Example:
        >>> project = Project("study.db")  # doctest: +SKIP
        >>> project.import_paths(["transcripts/"]).added  # doctest: +SKIP
        >>> project.counts(by=["region"]).to_frame()  # doctest: +SKIP
    """

    def __init__(self, path: PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_project_path()

    def __repr__(self) -> str:
        return f"Project({str(self.path)!r})"

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
        progress: Progress = no_progress,
    ) -> ImportReport:
        """Import transcript files and folders (recursively)."""
        plan = interviews.plan_import([Path(p) for p in paths], interviewer_labels, progress)
        with self._writing() as store:
            return interviews.apply_import(store, plan, replace, progress)

    def info(self) -> ProjectInfo:
        """Interviews with attributes, respondent paragraphs and words; codings per coder."""
        with self._reading() as store:
            return interviews.info(store)

    # -- codebook ------------------------------------------------------------------

    def codebook(self, path: PathLike | None = None) -> Codebook:
        """The codebook ``path``, else the default file, else the project's stored copy."""
        if path is not None or not self.path.exists():
            return codebooks.choose(Path(path) if path is not None else None, None)
        with self._reading() as store:
            return codebooks.choose(None, store)

    def load_codebook(self, path: PathLike, *, update: bool = False) -> Codebook:
        """Make a codebook file the project's codebook.

        A codebook whose codes differ from the project's is refused unless ``update``;
        then human codings of codes that still exist are kept and the rest removed.
        """
        book = codebooks.choose(Path(path), None)
        with self._writing() as store:
            codebooks.apply(store, book, update)
        return book

    # -- human codings -------------------------------------------------------------

    def import_codings(self, path: PathLike, *, coder: str | None = None) -> CodingsReport:
        """Import human codings from a CSV file (see :mod:`mentorqual.importers.codings`)
        or a filled coding sheet from :meth:`suggest` (.xlsx, needs ``coder``)."""
        path = Path(path)
        if path.suffix.lower() == ".xlsx":
            name = codings.check_sheet_coder(path, coder)
            with self._writing(create=False) as store:
                return codings.apply_sheet(store, path, name)
        rows = codings.read(path, coder)
        with self._writing(create=False) as store:
            return codings.apply(store, path, rows)

    def codings(self, *, coders: Sequence[str] = ()) -> pd.DataFrame:
        """Every coding (of ``coders``, or all) as a pandas DataFrame: one row per
        coding with interview, region, role, speaker, segment_id, start, end, text,
        code, coder, score and origin."""
        with self._reading() as store:
            return codings.frame(Snapshot(store), coders)

    def explain(self, interview: str, segment: str) -> Explanation:
        """A paragraph's text and every coding of it, with rule evidence."""
        with self._reading() as store:
            return codings.explain(store, interview, segment)

    def export_codings(
        self, path: PathLike, *, coders: Sequence[str] = (), pii: PiiMode | str = PiiMode.REFUSE
    ) -> int:
        """Write every coding (of ``coders``, or all) to .csv or .xlsx, personal data
        in the text checked as ``pii`` says (see :meth:`quotes`); returns the count."""
        path = Path(path)
        check_suffix(path, (".csv", ".xlsx"))
        with self._reading() as store:
            rows = codings.export_rows(Snapshot(store), coders, PiiPolicy.of(store, pii))
        codings.write_export(rows, path)
        return len(rows)

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
        pii: PiiMode | str = PiiMode.REFUSE,
        progress: Progress = no_progress,
    ) -> RunReport:
        """Import a folder of transcripts and its ``codings/*.csv``, tag with the
        codebook's rules, and write the reports into ``out``.

        The project changes in one transaction, and the reports are written to a
        staging folder inside it: if anything fails, the project is as it was and
        ``out`` holds no new file. ``command`` is recorded in the manifest; ``pii`` is
        what to do with personal data in quotes and the view (see :meth:`quotes`).
        """
        out = Path(out)
        job = run.plan(Path(directory), self.codebook(codebook), interviewer_labels, progress)
        with staging_folder(out) as staging, self._writing() as store:
            return run.apply(
                store,
                job,
                staging,
                out=out,
                codebook_update=codebook_update,
                command=command,
                pii=PiiMode(pii),
                progress=progress,
            )

    # -- machine coding ------------------------------------------------------------

    def tag_rules(
        self,
        codebook: PathLike | Codebook | None = None,
        *,
        dry_run: bool = False,
        codebook_update: bool = False,
        progress: Progress = no_progress,
    ) -> TagReport:
        """Code every respondent paragraph with the codebook's rules, as coder ``rules``.

        The previous ``rules`` codings are replaced in one transaction; human codings
        are never touched. With ``dry_run`` nothing is written.
        """
        with rules.gc_paused():  # parsing the codebook would set off collections too
            book = codebook if isinstance(codebook, Codebook) else self.codebook(codebook)
        try:
            with self._writing(create=False) as store:
                codebooks.apply(store, book, codebook_update)
                report = rules.apply(store, book, dry_run, progress)
                if dry_run:
                    raise _DryRun(report)  # rolls back the codebook change too
        except _DryRun as done:
            return done.report
        return report

    def train(self, coders: Sequence[str]) -> TrainReport:
        """Train the classifier on human codings and store it in the project, with its
        grouped cross-validation figures; see :mod:`mentorqual.workflows.classifier`."""
        with self._writing(create=False) as store:
            return classifier.train(store, coders)

    def tag_classifier(
        self,
        *,
        combine: bool = False,
        codebook: PathLike | Codebook | None = None,
        codebook_update: bool = False,
        progress: Progress = no_progress,
    ) -> tuple[TagReport | None, ClassifierTagReport]:
        """Code every respondent paragraph with the stored classifier (coder
        ``classifier``); with ``combine``, first run the rules, then write the combined
        coder ``machine``. One transaction."""
        book = None
        if combine:
            book = codebook if isinstance(codebook, Codebook) else self.codebook(codebook)
        with self._writing(create=False) as store:
            return classifier.tag_with_rules(store, book, codebook_update, progress)

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
            sheet = classifier.suggestions(store, n, coder, focus)
        return classifier.write_suggestions(path, sheet)

    def evaluate(
        self,
        coder: str,
        against: str,
        *,
        only: Sequence[str] = (),
        repeats: int = 1,
        output: PathLike | None = None,
        progress: Progress = no_progress,
    ) -> Evaluation:
        """Score ``coder`` against the reference coder ``against``: per code, micro and
        macro, on the respondent paragraphs both assessed (of the interviews matching
        ``only``, shell patterns such as ``*03``). ``classifier`` and ``machine`` are
        scored by cross-validation grouped by interview, on ``repeats`` splits. Writes
        the table to ``output`` (.md, .csv, .xlsx) if given."""
        evaluation.check_output(Path(output) if output is not None else None)
        with self._reading() as store:
            result = evaluation.evaluate_splits(
                store, coder, against, only=only, repeats=repeats, progress=progress
            )
        if output is not None:
            result.write(Path(output))
        return result

    # -- reports -------------------------------------------------------------------

    def counts(
        self,
        *,
        by: Sequence[str] = ("region",),
        coder: str | None = None,
        themes: Sequence[str] = (),
        regions: Sequence[str] = (),
    ) -> CountsResult:
        """Theme counts per group (region, role or any attribute) for one coder or a
        consensus; see :mod:`mentorqual.counts`. ``.to_frame()`` gives a DataFrame."""
        with self._reading() as store:
            return reports.theme_counts(Snapshot(store), by, coder, themes, regions)

    def write_counts(
        self, result: CountsResult, path: PathLike | None, plot: PathLike | None = None
    ) -> None:
        """Write counts as a table (.csv, .xlsx, .md) and/or a heatmap (.png)."""
        if path is not None:
            check_suffix(Path(path))
        if plot is not None:
            check_suffix(Path(plot), (".png",))
        if path is not None:
            reports.write_theme_counts(result, Path(path))
        if plot is not None:
            reports.write_counts_heatmap(result, Path(plot))

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
        pii: PiiMode | str = PiiMode.REFUSE,
    ) -> list[Quote]:
        """Choose quotes per group and theme and write them to ``path`` (.docx, .xlsx,
        .csv, .md); see :mod:`mentorqual.quotes` for the ranking.

        ``pii`` is what to do with personal data in a quote: ``refuse`` (raise
        :class:`PiiError` and write nothing), ``redact`` or ``allow``.
        """
        path = Path(path)
        check_suffix(path, QUOTE_SUFFIXES)
        options = QuoteOptions(by, coders, themes, regions, top, max_words, per_interview)
        options.check()
        with self._reading() as store:
            sheet = reports.quote_sheet(Snapshot(store), options, PiiPolicy.of(store, pii))
        reports.write_quote_sheet(path, sheet, by)
        return sheet.quotes

    def view(
        self,
        directory: PathLike,
        *,
        coders: Sequence[str] = (),
        pii: PiiMode | str = PiiMode.REFUSE,
    ) -> int:
        """Write coded transcripts as static HTML into ``directory``; returns the number
        of interview pages. ``pii`` as for :meth:`quotes`."""
        with self._reading() as store:
            policy = PiiPolicy.of(store, pii)
            return reports.write_html_view(Snapshot(store), Path(directory), coders, policy)

    def agreement(
        self,
        coders: Sequence[str],
        *,
        codes: Sequence[str] = (),
        unit: str = "segment",
        by: str | None = None,
        path: PathLike | None = None,
        bootstrap: bool = True,
        pii: PiiMode | str = PiiMode.REFUSE,
    ) -> Audit:
        """Inter-coder agreement per code between ``coders`` (two or more; a machine
        coder can be one of them), written to ``path`` (.xlsx, .md, .docx) if given,
        its disagreements' texts checked for personal data as ``pii`` says (see
        :meth:`quotes`). See :mod:`mentorqual.agreement` for the definitions."""
        if path is not None:
            check_suffix(Path(path), AGREEMENT_SUFFIXES)
        with self._reading() as store:
            snapshot = Snapshot(store)
            result = audit.agreement_audit(
                snapshot, coders, codes, unit=unit, by=by, bootstrap=bootstrap
            )
            if path is not None:
                audit.write_report(snapshot, result, Path(path), PiiPolicy.of(store, pii))
        return result

    def agreement_frames(self, coders: Sequence[str], **options: object) -> dict[str, pd.DataFrame]:
        """:meth:`agreement`'s tables as pandas DataFrames: ``summary``, ``groups``,
        ``disagreements`` and ``matrices``."""
        return audit.frames(self.agreement(coders, **options))  # type: ignore[arg-type]

    # -- personal data -----------------------------------------------------------------

    def add_pii_names(self, names: Iterable[str]) -> int:
        """Add names for the PII guard to look for; returns how many were new."""
        with self._writing(create=False) as store:
            return privacy.add_names(store, names)

    def pii_scan(self) -> list[tuple[str, str, str, str]]:
        """Personal data found in any paragraph: (interview, locator, kind, text)."""
        with self._reading() as store:
            return privacy.scan_project(store)

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
                book = codebooks.stored(store)  # with any codes added since it was loaded
        return interchange.write_codebook(book or self.codebook(codebook), path)

    def export_qdpx(
        self, path: PathLike, *, coders: Sequence[str] = (), pii: PiiMode | str = PiiMode.REFUSE
    ) -> QdaProject:
        """Write the project as a REFI-QDA .qdpx: every interview's text and the
        codings (of ``coders``, or all). ``pii`` as in :meth:`quotes`, applied to the
        whole texts."""
        path = Path(path)
        check_suffix(path, (".qdpx",))
        with self._reading() as store:
            book = codebooks.stored(store)
            if book is None:
                raise ProjectError(f"{self.path}: the project has no codebook to export")
            project = interchange.export_project(store, book, coders, PiiPolicy.of(store, pii))
        interchange.write_project(project, path)
        return project

    def import_qdpx(
        self,
        path: PathLike,
        *,
        add_codes: bool = False,
        replace: bool = False,
        interviewer_labels: Sequence[str] = DEFAULT_INTERVIEWER_LABELS,
        progress: Progress = no_progress,
    ) -> QdpxReport:
        """Import a REFI-QDA project (.qdpx, or a .qde with inline texts): its text
        sources become interviews, its users coders, and its codings are moved onto the
        paragraphs they overlap. Codes map by name onto the project's codebook; with
        ``add_codes`` the others are added to it."""
        job = interchange.plan_qdpx(Path(path), interviewer_labels)
        with self._writing() as store:
            return interchange.import_qdpx(
                store, job, add_codes=add_codes, replace=replace, progress=progress
            )

    def import_qdc(self, path: PathLike, *, output: PathLike | None = None) -> QdcReport:
        """Add the codes of a REFI-QDA codebook (.qdc) that the project's codebook
        lacks (codes match by name or label, ignoring case). ``output`` also gets the
        resulting codebook as YAML, to add rules to."""
        codes = interchange.read_codebook(Path(path))
        if output is not None:
            check_suffix(Path(output), (".yaml", ".yml"))
        with self._writing() as store:
            return interchange.import_qdc(
                store, Path(path), codes, Path(output) if output is not None else None
            )


class _DryRun(Exception):
    """Carries a dry run's report out of the transaction, which it rolls back."""

    def __init__(self, report: TagReport) -> None:
        self.report = report
