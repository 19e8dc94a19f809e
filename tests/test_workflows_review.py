"""The workbench's review loop: reading order without a classifier, uncertainty order
as ``suggest`` ranks with one, retraining on the coder's decisions, and blind mode."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from mentorqual import Project
from mentorqual.store import Store
from mentorqual.tagging.active import suggest
from mentorqual.workflows import classifier as classifiers
from mentorqual.workflows.review import (
    RETRAIN_EVERY,
    ReviewItem,
    ReviewSession,
    TrainingData,
    retrain,
)

from .web_fixtures import workbench_project


@pytest.fixture
def sample_copy(sample: Path, tmp_path: Path) -> Project:
    """The sample project after the main job (a stored classifier learnt from A)."""
    shutil.copy(sample, tmp_path / "p.db")
    return Project(tmp_path / "p.db")


def _next(project: Project, session: ReviewSession) -> ReviewItem:
    item = project.next_review(session)
    assert item is not None
    return item


def _oracle(project: Project, coder: str) -> dict[int, set[str]]:
    """A coder's codes per paragraph id, to decide as that coder would."""
    store = Store(project.path)
    try:
        codes: dict[int, set[str]] = {}
        for paragraph, code in store.coding_pairs(coder):
            codes.setdefault(paragraph, set()).add(code)
        return codes
    finally:
        store.close()


def _decide(project: Project, session: ReviewSession, oracle: dict[int, set[str]], n: int) -> bool:
    """Review ``n`` paragraphs as the oracle; True if the last decision asked to retrain."""
    due = False
    for _ in range(n):
        item = _next(project, session)
        codes = sorted(oracle.get(item.paragraph.id, ()))
        project.review_decision(session.coder, item.paragraph.id, codes)
        due = session.count_decision()
    return due


def test_without_a_classifier_the_loop_walks_reading_order(tmp_path: Path) -> None:
    project = Project(workbench_project(tmp_path))
    session = ReviewSession("A")
    item = _next(project, session)
    assert (item.order, item.model, item.model_paragraphs) == ("reading", None, None)
    assert item.retrain_in == RETRAIN_EVERY and not item.retraining
    assert "no trained classifier" in item.note
    paragraphs = project.interview_view("T01", "A").paragraphs
    assert item.paragraph.id == next(p.id for p in paragraphs if p.side == "respondent")


def test_a_stored_classifier_ranks_as_suggest_does(sample_copy: Project) -> None:
    session = ReviewSession("C")  # a new coder: every paragraph is still to do
    item = _next(sample_copy, session)
    assert (item.order, item.model) == ("uncertainty", "stored")
    store = Store(sample_copy.path)
    try:
        record, model = classifiers.load(store)
        paragraphs = sorted(store.respondent_paragraphs(), key=lambda p: (p.interview, p.start))
        region = {s.interview: s.region for s in store.interview_summaries()}
    finally:
        store.close()
    assert item.model_paragraphs == record.training_size
    probabilities = model.predict_proba([p.text for p in paragraphs])
    expected = suggest(
        probabilities,
        [p.interview for p in paragraphs],
        [region[p.interview] for p in paragraphs],
        25,
        thresholds=[model.thresholds[c] for c in model.codes],
    )
    assert item.paragraph.id == paragraphs[expected[0]].id
    row = probabilities[expected[0]]
    decided = {c for c, p in zip(model.codes, row, strict=True) if p >= model.thresholds[c]}
    assert set(item.suggested) == decided
    # skipping walks the same batch
    sample_copy.review_decision("C", item.paragraph.id, [])
    assert _next(sample_copy, session).paragraph.id == paragraphs[expected[1]].id


def test_retraining_after_25_decisions_ranks_with_what_the_coder_taught(
    sample_copy: Project,
) -> None:
    oracle = _oracle(sample_copy, "A")
    session = ReviewSession("C", blind=True)  # blind: it learns from C alone
    assert "blind" in _next(sample_copy, session).note
    assert not _decide(sample_copy, session, oracle, RETRAIN_EVERY - 1)
    assert _decide(sample_copy, session, oracle, 1)
    assert session.retraining
    sample_copy.retrain_review(session)
    assert session.wait(0) and not session.retraining
    # in reading order the first 25 paragraphs are all the first interview's: the
    # classifier learns from them uncalibrated, and ranks from then on
    item = _next(sample_copy, session)
    assert (item.order, item.model, item.model_paragraphs) == ("uncertainty", "retrained", 25)
    assert session.model is not None
    assert "one interview" in next(iter(session.model.classifier.untuned.values()))
    assert _decide(sample_copy, session, oracle, RETRAIN_EVERY)
    sample_copy.retrain_review(session)
    item = _next(sample_copy, session)
    assert (item.order, item.model, item.model_paragraphs) == ("uncertainty", "retrained", 50)
    assert item.retrain_in == RETRAIN_EVERY and item.note == ""
    assert session.model is not None
    predicted = session.model.classifier.predict([item.paragraph.text])[0]
    assert set(item.suggested) == predicted


def test_retraining_learns_from_the_coder_then_the_stored_models_coders(
    sample_copy: Project,
) -> None:
    oracle = _oracle(sample_copy, "A")
    session = ReviewSession("C")
    _next(sample_copy, session)
    assert session.teachers[0] == "C" and len(session.teachers) > 1
    assert _decide(sample_copy, session, oracle, RETRAIN_EVERY)
    sample_copy.retrain_review(session)
    assert session.model is not None and session.model.origin == "retrained"
    store = Store(sample_copy.path)
    try:
        expected = classifiers.training_set(store, session.teachers)
    finally:
        store.close()
    assert session.model.paragraphs == len(expected.segments)


def test_a_model_that_cannot_be_fitted_keeps_the_order_and_says_why() -> None:
    session = ReviewSession("A")
    assert session.count_decision() is False
    data = TrainingData(("kurser",), ["", "!"], [{"kurser"}, set()], ["T01", "T02"])
    retrain(session, data)
    assert session.model is None and "cannot build features" in session.note
    retrain(session, "coder(s) A assessed no paragraphs; nothing to train on")
    assert session.note == "not retrained: coder(s) A assessed no paragraphs; nothing to train on"


def test_undone_decisions_do_not_count_and_one_retraining_at_a_time() -> None:
    session = ReviewSession("A")
    for _ in range(RETRAIN_EVERY - 1):
        session.count_decision()
    session.uncount_decision()
    assert session.count_decision() is False
    assert session.count_decision() is True
    assert not session.wait(0)
    for _ in range(RETRAIN_EVERY):  # while one runs, no second one starts
        assert session.count_decision() is False
    session.use(None, "")
    assert session.wait(0)
    assert session.count_decision() is True  # the decisions made meanwhile counted


def test_blind_review_shows_only_the_rules_suggestions(sample_copy: Project) -> None:
    seen = ReviewSession("C", blind=True)
    item = _next(sample_copy, seen)
    assert item.order == "reading" and item.suggested_by in ("rules", None)
    open_ = _next(sample_copy, ReviewSession("C"))
    assert open_.suggested_by in ("classifier", None)
    assert np.all([start < end for start, end in item.evidence])
