"""The workbench's review loop: which paragraph a coder reviews next, and the classifier
that ranks them, retrained on what the coder decides.

Without a classifier the loop walks the coder's unassessed respondent paragraphs in
reading order, showing the machine coders' stored suggestions. With one (the
project's stored classifier, or one retrained here) it ranks them as
``mentorqual suggest`` does (:func:`mentorqual.tagging.active.suggest`): the least
certain first, spread over regions and interviews, a batch of :data:`BATCH` at a time.

After every :data:`RETRAIN_EVERY` decisions (accept or reject) the caller retrains off
the request path: :func:`training_data` reads, inside a transaction, what the coder
assessed; :func:`retrain` fits outside it and hands the model to the session, whose
next batch is ranked with it. A retrained model lives while the server runs;
``mentorqual train`` is what stores one in the project.

In blind mode (independent double coding) nothing another human coded may leak into
the suggestions: only the rules' codings are shown, the stored classifier is used only
if it was trained on this coder alone, and retraining uses only this coder's decisions.

Example:
    >>> session = ReviewSession("A")
    >>> item = next_item(store, session)  # doctest: +SKIP
    >>> session.count_decision()  # after the 25th decision: True, retrain now
    False
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError, MentorqualError
from ..store import SegmentRow, Store
from ..tagging.evidence import Evidence
from ..types import MACHINE_ORDER, RULES
from . import classifier as classifiers
from .questions import questions_before
from .suggesting import least_sure
from .workbench import ParagraphView, paragraph_view

if TYPE_CHECKING:
    import numpy as np

    from ..tagging.classifier import ThemeClassifier

__all__ = [
    "BATCH",
    "RETRAIN_EVERY",
    "ReviewItem",
    "ReviewModel",
    "ReviewSession",
    "TrainingData",
    "next_item",
    "retrain",
    "training_data",
]

RETRAIN_EVERY = 25  # decisions between retrainings
BATCH = 25  # paragraphs ranked at a time, spread over regions and interviews
# At most this many paragraphs are ranked for a batch (drawn at random beyond it), so
# that a batch takes about a second on a large project (prediction: ~1,600 per second).
CANDIDATES = 2000
UNCERTAINTY, READING = "uncertainty", "reading"


@dataclass(frozen=True)
class ReviewModel:
    """A classifier the loop ranks with: the project's stored one or one retrained
    here, and how many paragraphs it learnt from."""

    classifier: ThemeClassifier
    origin: str  # "stored" or "retrained"
    paragraphs: int
    name: str  # the stored model's id, or "retrained"


@dataclass(frozen=True)
class TrainingData:
    """What the coder (and, unless blind, the stored model's coders) assessed."""

    codes: tuple[str, ...]
    texts: list[str]
    labels: list[set[str]]
    groups: list[str]


@dataclass
class ReviewSession:
    """One coder's review in one running workbench: the model, the batch being
    served, the paragraphs skipped and the decisions since the model last learnt.
    Every method takes the session's lock; the loop's functions call them."""

    coder: str
    blind: bool = False
    model: ReviewModel | None = None
    note: str = ""  # why the loop is not (yet) ranking by uncertainty
    decisions: int = 0  # since the last retraining began
    retraining: bool = False
    skipped: list[int] = field(default_factory=list)
    teachers: list[str] = field(default_factory=list)  # whose decisions retraining uses
    _looked_up: bool = False
    _batch: list[int] = field(default_factory=list)
    _probabilities: dict[int, np.ndarray] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _idle: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._idle.set()

    def count_decision(self) -> bool:
        """Count an accept or reject; True when it is time to retrain (the caller
        then runs :func:`retrain` in the background)."""
        with self._lock:
            self.decisions += 1
            if self.decisions < RETRAIN_EVERY or self.retraining:
                return False
            self.decisions = 0
            self.retraining = True
            self._idle.clear()
            return True

    def uncount_decision(self) -> None:
        """An undone decision does not count towards the next retraining."""
        with self._lock:
            self.decisions = max(0, self.decisions - 1)

    def skip(self, paragraph: int) -> None:
        with self._lock:
            self.skipped.append(paragraph)

    def unskip(self, paragraphs: Sequence[int]) -> None:
        with self._lock:
            self.skipped = [p for p in self.skipped if p not in paragraphs]

    def use(self, model: ReviewModel | None, note: str = "") -> None:
        """Rank the next batch with ``model`` (None keeps the current one)."""
        with self._lock:
            if model is not None:
                self.model, self._batch, self._probabilities = model, [], {}
            self.note = note
            self.retraining = False
            self._idle.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no retraining runs; False on timeout."""
        return self._idle.wait(timeout)


@dataclass(frozen=True)
class ReviewItem:
    """The next paragraph to review, in context: the question before it, the codes
    suggested (and by whom), the words that made a rule fire (offsets into the
    interview's text), how many paragraphs are left, and how they are ordered."""

    paragraph: ParagraphView
    interview: str
    question: str
    suggested: tuple[str, ...]
    suggested_by: str | None
    evidence: tuple[tuple[int, int], ...]
    left: int
    order: str  # "uncertainty" or "reading"
    model: str | None  # "stored" or "retrained"
    model_paragraphs: int | None
    retraining: bool
    retrain_in: int  # decisions until the next retraining
    note: str


def next_item(store: Store, session: ReviewSession) -> ReviewItem | None:
    """The next respondent paragraph the coder has neither assessed nor skipped, or
    None when there is none."""
    with session._lock:
        if not session._looked_up:
            _look_up(store, session)
            session._looked_up = True
        done = store.assessed(session.coder) | set(session.skipped)
        todo = {p.id: p for p in store.respondent_paragraphs() if p.id not in done}
        if not todo:
            return None
        model = session.model
        if model is None:
            best = min(todo.values(), key=lambda p: (p.interview, p.start))
        else:
            best = todo[_ranked(store, session, model, todo)]
        machine = store.paragraph_machine_codings(best.id)
        if model is None:
            suggested, by = _stored_suggestions(machine, session.blind)
        else:
            suggested, by = _predicted(model, session._probabilities[best.id]), "classifier"
        return ReviewItem(
            paragraph_view(best),
            best.interview,
            questions_before(store, [best])[best.id],
            suggested,
            by if suggested else None,
            _rule_words(machine),
            len(todo),
            READING if model is None else UNCERTAINTY,
            model.origin if model else None,
            model.paragraphs if model else None,
            session.retraining,
            RETRAIN_EVERY - session.decisions,
            session.note,
        )


def _look_up(store: Store, session: ReviewSession) -> None:
    """The project's classifier, if it fits the codebook (and, blind, learnt from
    this coder alone), and whose decisions retraining learns from: the coder, then
    (unless blind) the coders that classifier learnt from."""
    session.teachers = [session.coder]
    try:
        record, model = classifiers.load(store)
    except InputError as exc:
        session.note = str(exc).split(";")[0]
        return
    if session.blind:
        if record.coders != [session.coder]:
            session.note = "blind: the stored classifier learnt from other coders and is not used"
            return
    else:
        session.teachers += [c for c in record.coders if c != session.coder]
    session.model = ReviewModel(model, "stored", record.training_size, record.id)


def _ranked(
    store: Store, session: ReviewSession, model: ReviewModel, todo: dict[int, SegmentRow]
) -> int:
    """The first paragraph of the current batch still to do; a new batch when none is
    (ranked among at most :data:`CANDIDATES` of the paragraphs to do)."""
    pick = next((p for p in session._batch if p in todo), None)
    if pick is not None:
        return pick
    import numpy as np  # with the model: only when ranking

    candidates = sorted(todo.values(), key=lambda p: (p.interview, p.start))
    if len(candidates) > CANDIDATES:
        draw = random.Random(len(todo)).sample(range(len(candidates)), CANDIDATES)
        candidates = [candidates[i] for i in sorted(draw)]
    missing = [p for p in candidates if p.id not in session._probabilities]
    if missing:
        rows = model.classifier.predict_proba([p.text for p in missing])
        session._probabilities.update(zip((p.id for p in missing), rows, strict=True))
    region = {s.interview: s.region for s in store.interview_summaries()}
    probabilities = np.array([session._probabilities[p.id] for p in candidates])
    picked = least_sure(model.classifier, candidates, probabilities, region, BATCH)
    session._batch = [p.id for p in picked]
    return session._batch[0]


def _predicted(model: ReviewModel, row: np.ndarray) -> tuple[str, ...]:
    """The codes whose probability in ``row`` reaches the model's threshold."""
    cut = model.classifier.thresholds
    return tuple(c for c, p in zip(model.classifier.codes, row, strict=True) if p >= cut[c])


def _stored_suggestions(
    machine: Sequence[tuple[str, str, str | None]], blind: bool
) -> tuple[tuple[str, ...], str]:
    """The codes the best machine coder gave the paragraph (blind: the rules only),
    from its machine codings (coder, code, evidence)."""
    for coder in (RULES,) if blind else MACHINE_ORDER:
        codes = tuple(dict.fromkeys(code for who, code, _ in machine if who == coder))
        if codes:
            return codes, coder
    return (), ""


def _rule_words(machine: Sequence[tuple[str, str, str | None]]) -> tuple[tuple[int, int], ...]:
    """Where the words that made a rule fire stand in the interview's text."""
    words: set[tuple[int, int]] = set()
    for coder, _, raw in machine:
        if coder == RULES:
            for hit in Evidence.from_json(raw).hits:
                words.update((start, end) for _, start, end in hit.tokens)
    return tuple(sorted(words))


def training_data(store: Store, session: ReviewSession) -> TrainingData | str:
    """The paragraphs to retrain on: the coder's decisions first, then (unless blind)
    those of the coders the stored classifier learnt from. A string says why there is
    nothing to train on yet."""
    try:
        data = classifiers.training_set(store, session.teachers or [session.coder])
    except InputError as exc:
        return str(exc)
    return TrainingData(tuple(store.codes()), data.texts, data.labels, data.groups)


def retrain(session: ReviewSession, data: TrainingData | str) -> None:
    """Fit a classifier on ``data`` (outside any transaction) and rank with it from
    the next batch on; when it cannot be fitted, keep the current order and say why."""
    if isinstance(data, str):
        session.use(None, f"not retrained: {data}")
        return
    from ..tagging.classifier import ThemeClassifier  # scikit-learn: only here

    try:
        model = ThemeClassifier(data.codes).fit(data.texts, data.labels, data.groups)
    except MentorqualError as exc:
        session.use(None, f"not retrained: {exc}")
        return
    session.use(ReviewModel(model, "retrained", len(data.texts), "retrained"))
