"""The question a respondent's paragraph answers: the one rule the review, the
suggestion sheet and the retrieval document show it by.

The question is the interviewer's paragraph nearest before the answer in the same
interview, passing over a mere "Mm.", "Okay." or "Ja, ja." (no question mark, at most
two words) to the question it interrupts; when only such paragraphs come before, the
nearest of them; "" when the interviewer has said nothing yet.

Example:
    >>> asked = QuestionTracker()
    >>> asked.hear("T01", "Hvordan fungerer administrationen?")
    >>> asked.hear("T01", "Mm.")
    >>> asked.question("T01")
    'Hvordan fungerer administrationen?'
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..store import SegmentRow, Store

__all__ = ["QuestionTracker", "backchannel", "questions_before"]


def backchannel(text: str) -> bool:
    """An interviewer's "Mm.", "Okay." or "Ja, ja.": no question, at most two words.

    Example:
        >>> backchannel("Ja, ja."), backchannel("Og kurserne?"), backchannel("Fortæl om det.")
        (True, False, False)
    """
    return "?" not in text and len(text.split()) <= 2


class QuestionTracker:
    """The question so far, per interview, for code that walks paragraphs in reading
    order: :meth:`hear` each interviewer paragraph, ask :meth:`question` at an answer."""

    def __init__(self) -> None:
        self._said: dict[str, str] = {}  # the last paragraph that is not a backchannel
        self._any: dict[str, str] = {}  # the last paragraph at all

    def hear(self, interview: str, text: str) -> None:
        self._any[interview] = text
        if not backchannel(text):
            self._said[interview] = text

    def question(self, interview: str) -> str:
        return self._said.get(interview) or self._any.get(interview, "")


def questions_before(store: Store, paragraphs: Sequence[SegmentRow]) -> dict[int, str]:
    """Paragraph id -> the question it answers, for any paragraphs of the project."""
    found: dict[int, str] = {}
    by_interview: dict[str, list[SegmentRow]] = {}
    for p in paragraphs:
        by_interview.setdefault(p.interview, []).append(p)
    for interview, answers in by_interview.items():
        asked = sorted(store.paragraphs(interview, role="interviewer"), key=lambda q: q.start)
        starts = [q.start for q in asked]
        for p in answers:
            tracker = QuestionTracker()
            for q in asked[: bisect.bisect_left(starts, p.start)]:
                tracker.hear(interview, q.text)
            found[p.id] = tracker.question(interview)
    return found
