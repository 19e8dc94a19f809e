"""One rule-tagging run over a project's paragraphs: batches, progress, tokens, the
answers that follow their question, and the collector left as it was."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual.codebook import Codebook, load_codebook
from mentorqual.tagging import run as module
from mentorqual.tagging.context import FOLLOW_RULE
from mentorqual.tagging.run import RuleRun, gc_paused, tag_paragraphs
from mentorqual.types import ParagraphTexts

CODEBOOK = """themes:
  - code: kurser
    follow_question: true
    rules:
      - id: k-ord
        terms: ["*kursus*"]
  - code: ledelse
    rules:
      - id: l-ord
        terms: ["*leder"]
"""

# One interview: a question about courses, then a two-paragraph answer.
QUESTION = "Hvad med kurser for mentorerne?"
ANSWERS = ["Kurset var godt, synes jeg.", "Det tog to dage, og lederen var glad."]


@pytest.fixture
def book(write: Callable[..., Path]) -> Codebook:
    return load_codebook(write("cb.yaml", CODEBOOK))


def columns(texts: list[str], first_id: int, starts: list[int]) -> ParagraphTexts:
    ids = list(range(first_id, first_id + len(texts)))
    return ParagraphTexts(ids, ["T01"] * len(texts), [f"p{i}" for i in ids], starts, texts)


def tag(book: Codebook, progress: Callable[[str, int, int], None]) -> RuleRun:
    answers = columns(ANSWERS, 2, [40, 80])
    questions = columns([QUESTION], 1, [0])
    return tag_paragraphs(book, answers, questions, progress)


def test_a_run_gives_codings_with_evidence_and_its_tokens(book: Codebook) -> None:
    run = tag(book, lambda *_: None)
    assert [(s, c) for s, c, _, _ in run.rows] == [(2, "kurser"), (3, "ledelse"), (3, "kurser")]
    assert all(score == 1.0 for _, _, score, _ in run.rows)
    evidence = run.rows[0][3]
    assert json.loads(evidence) == [{"rule": "k-ord", "tokens": [["Kurset", 40, 46]]}]
    followed = json.loads(run.rows[2][3])
    assert followed == [{"rule": FOLLOW_RULE, "tokens": [["kurser", 9, 15]]}]  # the question's
    assert run.hits.keys() == {(s, c) for s, c, _, _ in run.rows}
    assert run.summary(3, "ledelse") == "l-ord: lederen"
    # The answers' tokens only, not the question's.
    assert run.tokens == 7 + 10


def test_progress_is_told_after_each_batch(book: Codebook, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "STEP", 1)
    heard: list[tuple[str, int, int]] = []
    tag(book, lambda *step: heard.append(step))
    assert heard == [("Tagging with rules", 1, 2), ("Tagging with rules", 2, 2)]


def test_no_paragraphs_no_codings(book: Codebook) -> None:
    empty = columns([], 1, [])
    run = tag_paragraphs(book, empty, empty, lambda *_: None)
    assert (run.rows, run.hits, run.tokens) == ([], {}, 0)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_and_then_left_as_it_was(book: Codebook, enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        seen = []
        tag(book, lambda *_: seen.append(gc.isenabled()))
        assert seen and not any(seen)
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), gc_paused():
            raise RuntimeError
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
