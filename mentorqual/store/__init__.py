"""The project store: one SQLite file. The only package that imports sqlite3.

:class:`Store` is composed of one part per concern, each in its own module:
``database`` (connection, recorded migrations, transactions), ``codebooks``,
``interviews`` (text, paragraphs, sentences, summaries), ``codings`` and
``coding_reads`` (human and machine codings as spans, assessments, coders; read in
paragraphs through the one projection of ``projection``) and ``models`` (trained classifiers, PII
names). What it reads out comes back as the typed rows of ``rows``.
"""

from __future__ import annotations

from ..types import ParagraphTexts
from .codebooks import CodebookStore
from .codings import CodingStore
from .database import MIGRATIONS, Database, now
from .interviews import InterviewStore
from .models import ModelStore
from .projection import Layout, codes_paragraph
from .rows import (
    CodingRecord,
    HumanSpan,
    InterviewSummary,
    ModelRecord,
    SegmentCoding,
    SegmentRow,
    StoredCoding,
)
from .workbench import SpanCoding, WorkbenchStore

__all__ = [
    "MIGRATIONS",
    "CodingRecord",
    "HumanSpan",
    "InterviewSummary",
    "Layout",
    "ModelRecord",
    "ParagraphTexts",
    "SegmentCoding",
    "SegmentRow",
    "SpanCoding",
    "Store",
    "StoredCoding",
    "codes_paragraph",
    "now",
]


class Store(CodebookStore, InterviewStore, CodingStore, ModelStore, WorkbenchStore, Database):
    """A connection to one project file.

    Example:
        >>> store = Store(Path("study.db"))  # doctest: +SKIP
        >>> with store.transaction():  # doctest: +SKIP
        ...     store.add_pii_names(["Birthe"])
        >>> [s.interview for s in store.interview_summaries()]  # doctest: +SKIP
        ['SD01', 'SD02']
        >>> store.close()  # doctest: +SKIP
    """
