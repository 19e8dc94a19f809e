"""What to code next, as a coding sheet (``mentorqual suggest``).

With a trained classifier, the paragraphs it is least sure of, spread over interviews
and regions (:func:`mentorqual.tagging.active.suggest`); without one (or with
``order="reading"``), the first paragraphs in reading order. Either way only
paragraphs that ``coder`` (else any human coder) has not assessed, each with the
interviewer's question before it, and the sheet documents every code.

Example:
    >>> found = suggestions(store, 20, coder="K1")  # doctest: +SKIP
    >>> write_suggestions(Path("ark.xlsx"), found)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..reports.sheet import (
    ORDERS,
    READING,
    UNCERTAINTY,
    CodingSheet,
    SheetParagraph,
    write_coding_sheet,
)
from ..store import SegmentRow, Store
from ..types import CLASSIFIER, RESERVED_CODERS, Theme
from . import classifier, codebooks, lookups
from .questions import questions_before

if TYPE_CHECKING:
    import numpy as np

    from ..tagging.classifier import ThemeClassifier

__all__ = [
    "ORDERS",
    "READING",
    "UNCERTAINTY",
    "Suggestions",
    "least_sure",
    "suggestions",
    "write_suggestions",
]


@dataclass(frozen=True)
class Suggestions:
    """The sheet to write, and the project's human coders (for the hint how to read it
    back)."""

    sheet: CodingSheet
    coders: Sequence[str]

    @property
    def how_picked(self) -> str:
        """How the rows were picked, as the terminal says it."""
        sheet = self.sheet
        whose = (
            "no human coder has assessed"
            if sheet.coder is None
            else f"coder {sheet.coder} has not assessed"
        )
        if sheet.order == READING:
            why = "" if sheet.model else "no classifier yet: "
            return f"{why}paragraphs in reading order, among those {whose}"
        about = f" about {', '.join(sheet.focus)}" if sheet.focus else ""
        return (
            f"the classifier's doubt{about} (model {sheet.model}), spread over interviews "
            f"and regions, among the paragraphs {whose}"
        )

    def import_hint(self, path: Path) -> str:
        """The command that reads the filled sheet back, naming a real coder."""
        if self.sheet.coder is not None:
            return f"mentorqual codings import {path} --coder {self.sheet.coder}"
        known = f" (the project's coders: {', '.join(self.coders)})" if self.coders else ""
        return f"mentorqual codings import {path} --coder NAME{known}"


def suggestions(
    store: Store,
    n: int,
    coder: str | None = None,
    focus: Sequence[str] = (),
    order: str | None = None,
) -> Suggestions:
    """The ``n`` respondent paragraphs most worth coding next, among those no human
    coder (or ``coder``) has assessed.

    ``order`` is ``uncertainty`` (the classifier's least sure, spread across
    interviews and regions; the default when the project has a classifier) or
    ``reading`` (interviews by id, paragraphs as spoken; the default without one).
    With ``focus``, only the classifier's doubt about those codes counts: to get more
    examples of a weak code. The sheet still asks for every code, since a paragraph
    assessed without a code is a "no" for all of them."""
    if coder is not None and coder in RESERVED_CODERS:
        raise InputError(f"{coder!r} is a machine coder; name a human coder")
    if not store.codes():
        raise InputError(
            "the project has no codebook; load one with 'mentorqual codebook load FILE'"
        )
    stored = store.latest_model(CLASSIFIER)
    order = _order(store, order, focus, stored is not None)
    focused: tuple[str, ...] = ()
    if order == UNCERTAINTY:  # the model and the codes named first: their errors first
        record, model = classifier.load(store)
        focused = _focus(store, model.codes, focus)
    candidates = _unassessed(store, coder)
    region = {s.interview: s.region for s in store.interview_summaries()}
    if order == READING:
        picked = sorted(candidates, key=lambda p: (p.interview, p.start))[:n]
        codes, picked_by = store.codes(), stored.id if stored else None
    else:
        picked = _least_sure(model, candidates, region, n, focused)
        codes, picked_by = list(model.codes), record.id
    questions = questions_before(store, picked)
    rows = [
        SheetParagraph(p.interview, region[p.interview], p.locator, questions[p.id], p.text)
        for p in picked
    ]
    sheet = CodingSheet(rows, _themes(store, codes), order, picked_by, coder, focused)
    return Suggestions(sheet, store.human_coders())


def _order(store: Store, order: str | None, focus: Sequence[str], has_model: bool) -> str:
    if order is not None and order not in ORDERS:
        raise InputError(f"unknown order {order!r}; use {', '.join(ORDERS)}")
    if order == READING and focus:
        raise InputError(
            "--code picks by the classifier's doubt about a code; it does not go with "
            "--order reading"
        )
    if order == READING or (order is None and not has_model and not focus):
        return READING
    if not has_model:
        what = "--code" if focus else "--order uncertainty"
        raise InputError(
            f"{what} picks by the classifier's doubt, and the project has no trained "
            f"classifier yet; without it, suggest gives paragraphs in reading order. "
            f"To train one: {classifier.train_hint(store)}"
        )
    return UNCERTAINTY


def _unassessed(store: Store, coder: str | None) -> list[SegmentRow]:
    """The respondent paragraphs ``coder`` (else every human coder) has not assessed."""
    if coder is None:
        done: set[int] = set()
        for human in store.human_coders():
            done |= store.assessed(human)
    else:
        done = store.assessed(coder)
    paragraphs = store.respondent_paragraphs()
    if not paragraphs:
        raise InputError(
            "the project has no respondent paragraphs; import transcripts first with "
            "'mentorqual import FOLDER'"
        )
    candidates = [p for p in paragraphs if p.id not in done]
    if candidates:
        return candidates
    if coder is not None:
        raise InputError(f"coder {coder} has assessed every paragraph; nothing left to suggest")
    raise InputError(
        f"the human coders ({', '.join(store.human_coders())}) have assessed every "
        "paragraph; nothing left to suggest. To code them again for agreement, name a "
        "coder with --for NAME"
    )


def _focus(store: Store, codes: Sequence[str], focus: Sequence[str]) -> tuple[str, ...]:
    """The classifier's codes that ``focus`` names, by code or label."""
    labels = dict((c, label) for c, label, _ in store.themes())
    pairs = [(c, labels.get(c, c)) for c in codes]
    return tuple(dict.fromkeys(lookups.codes("code", focus, pairs, known="the classifier has")))


def _least_sure(
    model: ThemeClassifier,
    candidates: list[SegmentRow],
    region: dict[str, str],
    n: int,
    focus: Sequence[str],
) -> list[SegmentRow]:
    """The ``n`` candidates the classifier is least sure of (about the ``focus``
    codes, else any), spread over interviews and regions."""
    probabilities = model.predict_proba([p.text for p in candidates])
    return least_sure(model, candidates, probabilities, region, n, focus)


def least_sure(
    model: ThemeClassifier,
    candidates: Sequence[SegmentRow],
    probabilities: np.ndarray,
    region: dict[str, str],
    n: int,
    focus: Sequence[str] = (),
) -> list[SegmentRow]:
    """The ``n`` of ``candidates`` whose ``probabilities`` (a row each, the model's
    codes as columns) are least sure about the ``focus`` codes (else any), spread over
    interviews and regions: how ``suggest`` and the workbench's review pick."""
    from ..tagging.active import suggest

    codes = list(model.codes)
    columns = [codes.index(c) for c in focus] or list(range(len(codes)))
    picked = suggest(
        probabilities[:, columns],
        [p.interview for p in candidates],
        [region.get(p.interview, "") for p in candidates],
        n,
        thresholds=[model.thresholds[codes[j]] for j in columns],
    )
    return [candidates[i] for i in picked]


def _themes(store: Store, codes: Sequence[str]) -> list[Theme]:
    """The codes' documentation from the project's codebook, in ``codes`` order."""
    book = codebooks.stored(store)
    documented = {t.code: t for t in (*book.themes, *book.subcodes)} if book else {}
    labels = {c: label for c, label, _ in store.themes()}
    return [documented.get(c) or Theme(c, labels.get(c, c)) for c in codes]


def write_suggestions(path: Path, found: Suggestions) -> int:
    """Write :func:`suggestions` as a coding sheet (.xlsx); returns how many rows it has."""
    write_coding_sheet(path, found.sheet)
    return len(found.sheet.rows)
