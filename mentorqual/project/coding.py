"""The project's methods that bring material in and code it: transcripts, codebook,
human codings, the main job, and machine coding."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..store import SegmentRow
from ..types import Codebook, PathLike, PiiMode
from ..workflows import (
    Progress,
    check_suffix,
    classifier,
    codebooks,
    codings,
    evaluation,
    interviews,
    no_progress,
    rules,
    run,
    staging_folder,
    suggesting,
)
from ..workflows import interviews as interviews_workflow
from ..workflows.classifier import ClassifierTagReport, TrainReport
from ..workflows.codebooks import CodebookChange
from ..workflows.coders import Snapshot
from ..workflows.codings import CodingsReport, Explanation
from ..workflows.evaluation import Evaluation
from ..workflows.interviews import DEFAULT_INTERVIEWER_LABELS, ImportReport, ProjectInfo
from ..workflows.privacy import PiiPolicy
from ..workflows.rules import TagReport
from ..workflows.run import RunReport
from ..workflows.suggesting import Suggestions

if TYPE_CHECKING:
    import pandas as pd

from .base import ProjectFile


class CodingMethods(ProjectFile):
    """Transcripts, codebook, codings and machine coding; see :class:`Project`."""

    # -- transcripts ---------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[PathLike],
        *,
        replace: bool = False,
        reparse: bool = False,
        interviewer_labels: Sequence[str] = DEFAULT_INTERVIEWER_LABELS,
        progress: Progress = no_progress,
    ) -> ImportReport:
        """Import transcript files and folders (recursively). ``replace`` updates an
        interview whose file has changed; ``reparse`` also reads unchanged files again
        (with ``interviewer_labels``, say) and replaces those that now read
        differently. Human codings are kept by their text."""
        plan = interviews.plan_import([Path(p) for p in paths], interviewer_labels, progress)
        with self._writing() as store:
            return interviews.apply_import(store, plan, replace, progress, reparse=reparse)

    def removal(self, interviews: Sequence[str]) -> interviews_workflow.Removal:
        """What removing ``interviews`` would delete (nothing is changed)."""
        with self._reading() as store:
            return interviews_workflow.removal(store, interviews)

    def remove(self, interviews: Sequence[str]) -> interviews_workflow.Removal:
        """Remove interviews with their paragraphs and codings, in one transaction;
        with human codings among them, a backup of the project is written first."""
        with self._writing(create=False) as store:
            plan = interviews_workflow.removal(store, interviews)
            return interviews_workflow.remove(store, plan)

    def paragraphs(self, interview: str) -> list[SegmentRow]:
        """Every paragraph of an interview as it was read: locator, speaker, side
        (``role``), time, offsets and text."""
        with self._reading() as store:
            return interviews.paragraphs(store, interview)

    def info(self) -> ProjectInfo:
        """Interviews with attributes, respondent paragraphs and words; codings per coder."""
        with self._reading() as store:
            return interviews.info(store)

    # -- codebook ------------------------------------------------------------------

    def load_codebook(
        self, path: PathLike, *, update: bool = False, delete_codings: bool = False
    ) -> CodebookChange:
        """Make a codebook file the project's codebook.

        A codebook whose codes differ from the project's is refused unless ``update``;
        then human codings of codes that still exist are kept. One that would delete
        human codings is refused, listing them, unless ``delete_codings``; they are
        deleted after a backup of the project.
        """
        book = codebooks.choose(Path(path), None)
        with self._writing() as store:
            return codebooks.apply(store, book, update, delete_codings)

    # -- human codings -------------------------------------------------------------

    def import_codings(
        self, path: PathLike, *, coder: str | None = None, replace: bool = False
    ) -> CodingsReport:
        """Import human codings from a CSV file (see :mod:`mentorqual.importers.codings`)
        or a filled coding sheet from :meth:`suggest` (.xlsx, needs ``coder``). They are
        added to the coder's codings; ``replace`` replaces the coder's codings on the
        file's interviews (a sheet: on its paragraphs), after a backup of the project."""
        path = Path(path)
        if path.suffix.lower() == ".xlsx":
            name = codings.check_sheet_coder(path, coder)
            with self._writing(create=False) as store:
                return codings.apply_sheet(store, path, name, replace)
        rows = codings.read(path, coder)
        with self._writing(create=False) as store:
            return codings.apply(store, path, rows, replace)

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
        lang: str = "da",
    ) -> RunReport:
        """Import a folder of transcripts and its ``codings/*.csv``, tag with the
        codebook's rules, and write the reports into ``out``, in ``lang`` (da, en).

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
                lang=lang,
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
        order: str | None = None,
    ) -> Suggestions:
        """Write a coding sheet (.xlsx) of ``n`` paragraphs no human coder (or
        ``coder``) has assessed, each with the question before it: those the classifier
        is least sure of (about the ``focus`` codes, if given), or without a classifier
        (or with ``order="reading"``) the first in reading order. Returns what it wrote:
        ``len(result.sheet.rows)`` rows, picked as ``result.how_picked`` says."""
        path = Path(path)
        check_suffix(path, (".xlsx",))
        if n < 1:
            raise InputError("-n must be at least 1")
        with self._reading() as store:
            found = suggesting.suggestions(store, n, coder, focus, order)
        suggesting.write_suggestions(path, found)
        return found

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


class _DryRun(Exception):
    """Carries a dry run's report out of the transaction, which it rolls back."""

    def __init__(self, report: TagReport) -> None:
        self.report = report
