"""The project's methods that take results out: reports, agreement, personal data
and REFI-QDA interchange."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ProjectError
from ..types import PathLike, PiiMode, QdaProject
from ..workflows import (
    Progress,
    audit,
    check_suffix,
    codebooks,
    interchange,
    no_progress,
    privacy,
    refi_import,
    reports,
)
from ..workflows.audit import AGREEMENT_SUFFIXES
from ..workflows.coders import Snapshot
from ..workflows.interviews import DEFAULT_INTERVIEWER_LABELS
from ..workflows.privacy import Finding, PiiPolicy
from ..workflows.refi_import import QdcReport, QdpxReport
from ..workflows.reports import QUOTE_SUFFIXES, CountsResult, QuoteOptions

if TYPE_CHECKING:
    import pandas as pd

    from ..agreement import Audit
    from ..quotes import Quote
from .base import ProjectFile


class ReportingMethods(ProjectFile):
    """Reports, agreement, personal data and interchange; see :class:`Project`."""

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
        by: str | Sequence[str] | None = None,
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

    def allow_pii(self, entries: Iterable[str]) -> int:
        """Add words or findings (``KIND:text``) for the PII guard not to report;
        returns how many were new."""
        with self._writing(create=False) as store:
            return privacy.allow(store, entries)

    def pii_scan(self) -> list[Finding]:
        """Personal data found in any paragraph, each with its place, kind and text."""
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
        job = refi_import.plan_qdpx(Path(path), interviewer_labels)
        with self._writing() as store:
            return refi_import.import_qdpx(
                store, job, add_codes=add_codes, replace=replace, progress=progress
            )

    def import_qdc(self, path: PathLike, *, output: PathLike | None = None) -> QdcReport:
        """Add the codes of a REFI-QDA codebook (.qdc) that the project's codebook
        lacks (codes match by name or label, ignoring case). ``output`` also gets the
        resulting codebook as YAML, to add rules to."""
        codes = refi_import.read_codebook(Path(path))
        if output is not None:
            check_suffix(Path(output), (".yaml", ".yml"))
        with self._writing() as store:
            return refi_import.import_qdc(
                store, Path(path), codes, Path(output) if output is not None else None
            )
