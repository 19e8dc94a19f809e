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

from pathlib import Path

from ..types import Codebook, PathLike, PiiMode
from ..workflows import audit, codebooks
from ..workflows.classifier import ClassifierTagReport, TrainReport
from ..workflows.codings import CodingsReport, Explanation
from ..workflows.evaluation import Evaluation
from ..workflows.interviews import DEFAULT_INTERVIEWER_LABELS, ImportReport, ProjectInfo
from ..workflows.privacy import Finding, ScanReport, by_kind, scan_files
from ..workflows.refi_import import QDA_SUFFIXES, QdcReport, QdpxReport
from ..workflows.reports import CountsResult
from ..workflows.rules import TagReport
from ..workflows.run import RunReport
from ..workflows.suggesting import ORDERS as SUGGEST_ORDERS
from ..workflows.suggesting import Suggestions
from .base import DEFAULT_PROJECT, PROJECT_ENV, default_project_path
from .coding import CodingMethods
from .reporting import ReportingMethods
from .workbench import WorkbenchMethods

# The command line imports nothing of the library but this module (and the base
# modules): what it needs besides Project is listed here.
__all__ = [
    "DEFAULT_INTERVIEWER_LABELS",
    "DEFAULT_PROJECT",
    "PROJECT_ENV",
    "QDA_SUFFIXES",
    "SUGGEST_ORDERS",
    "ClassifierTagReport",
    "CodingsReport",
    "CountsResult",
    "Evaluation",
    "Explanation",
    "Finding",
    "ImportReport",
    "PiiMode",
    "Project",
    "ProjectInfo",
    "QdcReport",
    "QdpxReport",
    "RunReport",
    "ScanReport",
    "Suggestions",
    "TagReport",
    "TrainReport",
    "agreement_table",
    "by_kind",
    "codebook_format",
    "default_project_path",
    "new_codebook",
    "scan_files",
    "validate_codebook",
]

agreement_table = audit.table  # the audit as the terminal shows it
codebook_format = codebooks.format_help  # every codebook key, for `codebook --help`


def new_codebook(path: PathLike) -> Codebook:
    """Write a commented starter codebook that validates; refuses an existing file."""
    return codebooks.new(Path(path))


def validate_codebook(path: PathLike) -> Codebook:
    """Load a codebook and compile its rules, so that every error surfaces."""
    return codebooks.validate(Path(path))


class Project(CodingMethods, ReportingMethods, WorkbenchMethods):
    """A mentorqual project: one SQLite file.

    Example:
        >>> project = Project("study.db")  # doctest: +SKIP
        >>> project.import_paths(["transcripts/"]).added  # doctest: +SKIP
        >>> project.counts(by=["region"]).to_frame()  # doctest: +SKIP
    """
