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
    retrieval,
)
from ..workflows.audit import AGREEMENT_SUFFIXES
from ..workflows.coders import Snapshot
from ..workflows.interviews import DEFAULT_INTERVIEWER_LABELS
from ..workflows.privacy import Finding, PiiPolicy
from ..workflows.refi_import import QdcReport, QdpxReport
from ..workflows.reports import QUOTE_SUFFIXES, CountsResult, QuoteOptions
from ..workflows.retrieval import RETRIEVAL_SUFFIXES, Cooccurrence, Kwic, Retrieval

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
        lang: str = "da",
        min_n: int = reports.MIN_N,
    ) -> CountsResult:
        """Theme counts per group (region, role or any attribute) for one coder or a
        consensus; see :mod:`mentorqual.counts`. ``.to_frame()`` gives a DataFrame.
        Groups of fewer than ``min_n`` interviews are marked; ``lang`` is ``da`` or ``en``."""
        with self._reading() as store:
            return reports.theme_counts(
                Snapshot(store), by, coder, themes, regions, lang=lang, min_n=min_n
            )

    def write_counts(
        self,
        result: CountsResult,
        path: PathLike | None,
        plot: PathLike | None = None,
        *,
        excel_dk: bool = False,
    ) -> None:
        """Write counts as a table (.csv, .xlsx, .md) and/or a heatmap (.png); a CSV
        with ``excel_dk`` has ``;`` and decimal commas, for Danish Excel."""
        if path is not None:
            check_suffix(Path(path))
        if plot is not None:
            check_suffix(Path(plot), (".png",))
        if path is not None:
            reports.write_theme_counts(result, Path(path), excel_dk=excel_dk)
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
        lang: str = "da",
        audit: bool | None = None,
    ) -> list[Quote]:
        """Choose quotes per group and theme and write them to ``path`` (.docx, .xlsx,
        .csv, .md); see :mod:`mentorqual.quotes` for the ranking.

        ``pii`` is what to do with personal data in a quote: ``refuse`` (raise
        :class:`PiiError` and write nothing), ``redact`` or ``allow``. ``audit`` keeps
        coders and scores on the quote lines (default: not in .docx and .md); ``lang``
        is ``da`` or ``en``.
        """
        path = Path(path)
        check_suffix(path, QUOTE_SUFFIXES)
        options = QuoteOptions(
            by, coders, themes, regions, top, max_words, per_interview, lang, audit
        )
        options.check()
        with self._reading() as store:
            sheet = reports.quote_sheet(Snapshot(store), options, PiiPolicy.of(store, pii))
        reports.write_quote_sheet(path, sheet, by, audit=audit)
        return sheet.quotes

    def view(
        self,
        directory: PathLike,
        *,
        coders: Sequence[str] = (),
        pii: PiiMode | str = PiiMode.REFUSE,
        lang: str = "da",
    ) -> int:
        """Write coded transcripts as static HTML into ``directory``; returns the number
        of interview pages. ``pii`` as for :meth:`quotes`; ``lang`` is ``da`` or ``en``."""
        with self._reading() as store:
            policy = PiiPolicy.of(store, pii)
            return reports.write_html_view(
                Snapshot(store), Path(directory), coders, policy, lang=lang
            )

    # -- retrieval -------------------------------------------------------------------

    def retrieve(
        self,
        theme: str,
        path: PathLike,
        *,
        coder: str | None = None,
        by: Sequence[str] = (),
        lang: str = "da",
        pii: PiiMode | str = PiiMode.REFUSE,
    ) -> Retrieval:
        """Every paragraph ``coder`` (default: as :meth:`counts`) coded with ``theme``,
        each with the question before it, written to ``path`` (.docx, .xlsx, .md,
        .csv). ``pii`` as for :meth:`quotes`."""
        path = Path(path)
        check_suffix(path, RETRIEVAL_SUFFIXES)
        with self._reading() as store:
            result = retrieval.retrieve(
                Snapshot(store), theme, coder, by, PiiPolicy.of(store, pii), lang
            )
        retrieval.write_retrieval(result, path, by)
        return result

    def cooccurrence(
        self,
        *,
        coder: str | None = None,
        themes: Sequence[str] = (),
        path: PathLike | None = None,
        plot: PathLike | None = None,
        lang: str = "da",
        excel_dk: bool = False,
    ) -> Cooccurrence:
        """Theme × theme counts of paragraphs ``coder`` coded with both, written to
        ``path`` (.csv, .xlsx, .md) and drawn to ``plot`` (.png) if given."""
        if path is not None:
            check_suffix(Path(path))
        if plot is not None:
            check_suffix(Path(plot), (".png",))
        with self._reading() as store:
            result = retrieval.cooccurrence(Snapshot(store), coder, themes, lang)
        if path is not None:
            retrieval.write_cooccurrence_table(result, Path(path), excel_dk=excel_dk)
        if plot is not None:
            retrieval.write_cooccurrence_plot(result, Path(plot))
        return result

    def search(
        self,
        words: Sequence[str],
        *,
        lemma: bool = False,
        regions: Sequence[str] = (),
        path: PathLike | None = None,
        lang: str = "da",
        excel_dk: bool = False,
        pii: PiiMode | str = PiiMode.REFUSE,
    ) -> Kwic:
        """Keyword in context over the respondents' paragraphs; written to ``path``
        (.csv, .xlsx, .md) if given. ``pii`` as for :meth:`quotes`."""
        if path is not None:
            check_suffix(Path(path))
        with self._reading() as store:
            result = retrieval.search(
                Snapshot(store),
                words,
                lemma=lemma,
                regions=regions,
                policy=PiiPolicy.of(store, pii),
                lang=lang,
            )
        if path is not None:
            retrieval.write_kwic_file(result, Path(path), excel_dk=excel_dk)
        return result

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
        lang: str = "da",
    ) -> Audit:
        """Inter-coder agreement per code between ``coders`` (two or more; a machine
        coder can be one of them), written to ``path`` (.xlsx, .md, .docx) in ``lang``
        if given, its disagreements' texts checked for personal data as ``pii`` says
        (see :meth:`quotes`). See :mod:`mentorqual.agreement` for the definitions."""
        if path is not None:
            check_suffix(Path(path), AGREEMENT_SUFFIXES)
        with self._reading() as store:
            snapshot = Snapshot(store)
            result = audit.agreement_audit(
                snapshot, coders, codes, unit=unit, by=by, bootstrap=bootstrap, lang=lang
            )
            if path is not None:
                policy = PiiPolicy.of(store, pii)
                audit.write_report(snapshot, result, Path(path), policy, lang)
        return result

    def agreement_frames(self, coders: Sequence[str], **options: object) -> dict[str, pd.DataFrame]:
        """:meth:`agreement`'s tables as pandas DataFrames: ``summary``, ``groups``,
        ``disagreements`` and ``matrices``; the overall row and the notes in ``lang``."""
        lang = str(options.get("lang", "da"))
        return audit.frames(self.agreement(coders, **options), lang)  # type: ignore[arg-type]

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
