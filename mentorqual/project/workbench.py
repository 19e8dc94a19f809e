"""The project's methods for the browser workbench (:mod:`mentorqual.web`): each
action its own transaction, so that the command line can run beside the server and a
killed server loses at most the action in flight."""

from __future__ import annotations

from collections.abc import Sequence

from ..workflows import review, workbench
from ..workflows.review import ReviewItem, ReviewSession
from ..workflows.workbench import (
    Change,
    Forbidden,
    InterviewProgress,
    InterviewView,
    NotFound,
    Theme,
)
from .base import ProjectFile

__all__ = [
    "Change",
    "Forbidden",
    "InterviewProgress",
    "InterviewView",
    "NotFound",
    "ReviewItem",
    "ReviewSession",
    "Theme",
    "WorkbenchMethods",
]


class WorkbenchMethods(ProjectFile):
    """Reading and coding one interview, one paragraph, one coding at a time."""

    def workbench_coder(self, coder: str | None) -> str:
        """The human coder to write as: ``coder``, else the project's only human coder."""
        with self._reading() as store:
            return workbench.check_coder(store, coder)

    def themes(self) -> list[Theme]:
        """The codes of the project's codebook, with label and colour, in order."""
        with self._reading() as store:
            return workbench.themes(store)

    def progress(self) -> list[InterviewProgress]:
        """Every interview with each human coder's assessed respondent paragraphs."""
        with self._reading() as store:
            return workbench.overview(store)

    def interview_view(self, interview: str, coder: str, *, blind: bool = False) -> InterviewView:
        """An interview's paragraphs and codings, as ``coder`` sees them."""
        with self._reading() as store:
            return workbench.interview_view(store, interview, coder, blind)

    def add_span_coding(
        self, coder: str, interview: str, start: int, end: int, code: str
    ) -> tuple[int, Change]:
        """Code a passage as ``coder``; returns the coding's id and the change."""
        with self._writing(create=False) as store:
            return workbench.add_coding(store, coder, interview, start, end, code)

    def delete_span_coding(self, coder: str, coding: int) -> Change:
        """Remove one of ``coder``'s human codings."""
        with self._writing(create=False) as store:
            return workbench.delete_coding(store, coder, coding)

    def change_span_coding(
        self, coder: str, coding: int, *, code: str | None = None, memo: str | None = None
    ) -> Change:
        """Give one of ``coder``'s human codings another code or memo (``None`` keeps
        it; a blank memo removes the memo)."""
        with self._writing(create=False) as store:
            return workbench.change_coding(store, coder, coding, code, memo)

    def mark_done(self, coder: str, interview: str) -> Change:
        """Mark an interview as assessed by ``coder`` for every code."""
        with self._writing(create=False) as store:
            return workbench.mark_done(store, coder, interview)

    def review_decision(self, coder: str, paragraph: int, codes: Sequence[str]) -> Change:
        """Accept (``codes``) or reject (no codes) a review suggestion."""
        with self._writing(create=False) as store:
            return workbench.decide(store, coder, paragraph, codes)

    def next_review(self, session: ReviewSession) -> ReviewItem | None:
        """The next paragraph for the session's coder to review, or None when all are
        assessed."""
        with self._reading() as store:
            return review.next_item(store, session)

    def retrain_review(self, session: ReviewSession) -> None:
        """Retrain the review's classifier on what the coder decided: read inside a
        transaction, fit outside it (the server goes on answering meanwhile)."""
        with self._reading() as store:
            data = review.training_data(store, session)
        review.retrain(session, data)

    def undo(self, change: Change) -> None:
        """Restore exactly the state before a workbench action."""
        with self._writing(create=False) as store:
            workbench.undo(store, change)
