"""What the store reads out: typed rows instead of dicts.

Rows read in bulk are NamedTuples: cheap to build from a cursor's tuples, and
``_asdict()`` gives the dict a JSON or table writer wants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from ..types import clock


@dataclass(frozen=True)
class SegmentRow:
    """A paragraph as stored: what codings attach to."""

    id: int
    interview: str
    locator: str
    role: str
    text: str
    start: int  # offset of the text in the interview's canonical text
    speaker: str = ""
    time: float | None = None  # seconds into the recording, where the transcript says

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def clock(self) -> str:
        """The time as ``H:MM:SS``, or ``""``."""
        return clock(self.time)


# A machine coding as stored, less its segment and code: (row id, origin, origin
# version, score, evidence JSON).
StoredCoding = tuple[int, str, str, float | None, str | None]


class CodingRecord(NamedTuple):
    """A coding of a paragraph with its interview, speaker, offsets and text.

    A coding is a span (``passage_start``, ``passage_end``); this row is one paragraph
    it codes by the projection (:mod:`.projection`), so a passage across a paragraph
    break gives a row per paragraph, with the same ``coding``.
    """

    interview: str
    region: str
    role: str  # the interview's role attribute
    speaker: str
    segment: int  # the paragraph's row id
    locator: str
    start: int  # offsets of the paragraph in the interview's canonical text
    end: int
    text: str
    code: str
    coder: str
    origin: str
    score: float | None
    evidence: str | None  # JSON, for machine codings
    coding: int = 0  # the coding's row id
    passage_start: int = 0  # the coded span in the interview's canonical text
    passage_end: int = 0
    passage: str = ""  # its text
    memo: str | None = None


class HumanSpan(NamedTuple):
    """A human coding of an interview, as stored: the span, code, coder and memo."""

    start: int
    end: int
    code: str
    coder: str
    memo: str | None
    created_at: str


class SegmentCoding(NamedTuple):
    """A coding of one segment, as :meth:`Store.segment_codings` lists them."""

    code: str
    coder: str
    origin: str
    origin_version: str
    score: float | None
    evidence: str | None  # JSON, for machine codings
    created_at: str


class InterviewSummary(NamedTuple):
    """An interview with its respondent paragraphs, words and codings per coder."""

    interview: str
    region: str
    role: str
    attributes: dict[str, str]  # region and role included
    source: str  # the imported file's path
    segments: int  # respondent paragraphs
    words: int  # in respondent paragraphs
    codings: dict[str, int]  # coder -> codings in the interview


class ModelRecord(NamedTuple):
    """A trained classifier as stored: what it was trained on, how it scored, and its
    pickled bytes."""

    id: str  # sha256 of what it was trained on, 16 hex
    kind: str
    created_at: str
    codebook_sha256: str
    training_sha256: str  # of the (text, codes) pairs trained on
    training_size: int
    coders: list[str]
    metrics: dict[str, Any]  # grouped cross-validation
    params: dict[str, Any]
    data: bytes
