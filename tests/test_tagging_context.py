"""Rule conditions beyond one sentence: min_hits, and answers that follow their question."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from mentorqual.codebook import Codebook, load_codebook
from mentorqual.tagging.context import (
    FOLLOW_RULE,
    Order,
    Paragraph,
    _follow,
    follow,
    follow_questions,
    followed_codes,
    questions_to_tag,
    text_order,
)
from mentorqual.tagging.evidence import Hit, ParagraphResult, codings
from mentorqual.tagging.rules import RuleTagger

CODEBOOK = """themes:
  - code: administration
    follow_question: true
    rules:
      - id: a-ord
        terms: ["blanket*", "*blanket"]
      - id: a-sag
        terms: ["bevilling*", "regel", "regler"]
        min_hits: 2
  - code: kurser
    follow_question: true
    rules:
      - id: k-ord
        terms: ["*kursus*"]
  - code: ledelse
    rules:
      - id: l-ord
        terms: ["*leder", "ledelse*"]
"""


def follow_answers(
    order: Order,
    answer_results: Sequence[ParagraphResult],
    question_results: Sequence[ParagraphResult],
    codes: frozenset[str],
) -> int:
    """The reference :func:`follow` is checked against: every question tagged, every
    answer gone through (respondent and interviewer paragraphs given apart, in their
    :func:`text_order`); returns how many themes were added."""
    return _follow(
        (
            (interview, asks, start, (question_results if asks else answer_results)[k])
            for interview, start, asks, k in order
        ),
        codes,
    )


@pytest.fixture
def book(write: Callable[..., Path]) -> Codebook:
    return load_codebook(write("cb.yaml", CODEBOOK))


def tag(book: Codebook, texts: list[str]) -> list[ParagraphResult]:
    return RuleTagger(book).tag(texts)


def test_the_followed_themes_are_collected(book: Codebook) -> None:
    assert followed_codes(book) == {"administration", "kurser"}


def test_a_rule_with_min_hits_needs_that_many_words(book: Codebook) -> None:
    once, twice, strong = tag(
        book,
        [
            "Han fik en bevilling til tre måneder.",
            "Bevillingen kom sent, og reglerne er uklare.",
            "Der er en blanket til det.",
        ],
    )
    assert once.hits == {}
    assert [h.rule for h in twice.hits["administration"]] == ["a-sag"]
    assert [t for t, _, _ in twice.hits["administration"][0].tokens] == ["Bevillingen", "reglerne"]
    assert [h.rule for h in strong.hits["administration"]] == ["a-ord"]


def test_min_hits_keeps_other_rules_of_the_same_code(book: Codebook) -> None:
    (result,) = tag(book, ["Reglen siger, at blanketten skal udfyldes."])
    assert [h.rule for h in result.hits["administration"]] == ["a-ord"]


def test_min_hits_counts_the_words_of_the_whole_paragraph(book: Codebook) -> None:
    (result,) = tag(book, ["Reglerne er svære. Og bevillingen kom sent."])
    (hit,) = result.hits["administration"]
    assert [t for t, _, _ in hit.tokens] == ["Reglerne", "bevillingen"]


INTERVIEW = [
    # (interviewer?, text)
    (True, "Hvad med kurser for mentorerne?"),
    (False, "Ja, der er et mentorkursus to gange om året."),  # own hit: kurser
    (False, "Men de små virksomheder kan ikke undvære en mand i to dage."),  # follows
    (False, "Og så er der lige det med transporten herude."),  # follows on, chain
    (True, "Mm."),
    (False, "Det var det."),  # a new answer: no question theme
]


def run(book: Codebook, rows: list[tuple[bool, str]]) -> tuple[list[ParagraphResult], int]:
    texts = [t for _, t in rows]
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 2
    results = tag(book, texts)
    paragraphs = [Paragraph("X1", who, start) for (who, _), start in zip(rows, starts, strict=True)]
    added = follow_questions(paragraphs, results, followed_codes(book))
    return results, added


def test_later_paragraphs_of_an_answer_keep_the_question_theme(book: Codebook) -> None:
    results, added = run(book, INTERVIEW)
    coded = [sorted(r.hits) for r in results]
    assert coded == [["kurser"], ["kurser"], ["kurser"], ["kurser"], [], []]
    assert added == 2
    (hit,) = results[2].hits["kurser"]
    assert hit.rule == FOLLOW_RULE
    assert [t for t, _, _ in hit.tokens] == ["kurser"]


def test_the_evidence_points_at_the_question_in_the_interview_text(book: Codebook) -> None:
    results, _ = run(book, INTERVIEW)
    text = "\n\n".join(t for _, t in INTERVIEW)
    starts = [text.index(t) for _, t in INTERVIEW]
    rows, _ = codings([3], [starts[2]], [results[2]])
    (_, code, _, evidence) = rows[0]
    assert code == "kurser"
    word, start, end = json.loads(evidence)[0]["tokens"][0]
    assert text[start:end] == word == "kurser"


def test_the_first_paragraph_of_an_answer_does_not_follow(book: Codebook) -> None:
    results, added = run(
        book,
        [(True, "Hvad med kurser for mentorerne?"), (False, "Det har vi ikke tid til.")],
    )
    assert results[1].hits == {} and added == 0


def test_the_chain_stops_when_the_answer_moves_on(book: Codebook) -> None:
    results, _ = run(
        book,
        [
            (True, "Hvad med kurser for mentorerne?"),
            (False, "Det har vi ikke tid til."),  # first: no theme, so the chain never starts
            (False, "To dage er meget for en lille virksomhed."),
        ],
    )
    assert [sorted(r.hits) for r in results[1:]] == [[], []]


def test_themes_without_follow_question_do_not_follow(book: Codebook) -> None:
    results, added = run(
        book,
        [
            (True, "Hvad siger din leder?"),
            (False, "Vores leder er god."),
            (False, "Hun lytter."),
        ],
    )
    assert [sorted(r.hits) for r in results] == [["ledelse"], ["ledelse"], []]
    assert added == 0


def test_a_question_in_several_paragraphs_counts_as_one(book: Codebook) -> None:
    results, _ = run(
        book,
        [
            (True, "Nu til noget andet."),
            (True, "Hvordan er det med blanketterne?"),
            (False, "Der er mange blanketter."),
            (False, "Og det tager tid."),
        ],
    )
    assert [sorted(r.hits) for r in results[2:]] == [["administration"], ["administration"]]


def test_questions_do_not_carry_over_to_the_next_interview(book: Codebook) -> None:
    texts = ["Hvad med kurser?", "Et mentorkursus.", "Det var godt.", "Og så videre."]
    results = tag(book, texts)
    paragraphs = [
        Paragraph("X1", True, 0),
        Paragraph("X1", False, 20),
        Paragraph("X2", False, 0),
        Paragraph("X2", False, 20),
    ]
    follow_questions(paragraphs, results, followed_codes(book))
    assert [sorted(r.hits) for r in results] == [["kurser"], ["kurser"], [], []]


def test_tagging_only_the_wanted_questions_changes_nothing() -> None:
    """On the sample: questions_to_tag leaves out only questions that add nothing."""
    from mentorqual.importers import read_transcript

    from .conftest import CODEBOOK as SAMPLE_CODEBOOK
    from .conftest import TRANSCRIPTS

    book = load_codebook(SAMPLE_CODEBOOK)
    tagger = RuleTagger(book)
    codes = followed_codes(book)
    answers: tuple[list[str], list[int]] = ([], [])
    questions: tuple[list[str], list[int]] = ([], [])
    texts: tuple[list[str], list[str]] = ([], [])
    for path in sorted(TRANSCRIPTS.glob("*.txt"))[:12]:
        transcript = read_transcript(path)
        for p in transcript.paragraphs:
            side = 1 if p.role == "interviewer" else 0
            (answers, questions)[side][0].append(transcript.interview)
            (answers, questions)[side][1].append(p.start)
            texts[side].append(transcript.text[p.start : p.end])
    every, some = tagger.tag(texts[0]), tagger.tag(texts[0])
    order = text_order(answers, questions)
    wanted = questions_to_tag(order, some, codes)
    asked = [ParagraphResult() for _ in texts[1]]
    for k, result in zip(wanted, tagger.tag([texts[1][k] for k in wanted]), strict=True):
        asked[k] = result
    assert 0 < len(wanted) < len(texts[1])
    added = follow_answers(order, every, tagger.tag(texts[1]), codes)
    assert added > 5
    assert follow_answers(order, some, asked, codes) == added
    again = tagger.tag(texts[0])
    tag_wanted = lambda ks: tagger.tag([texts[1][k] for k in ks])  # noqa: E731
    assert follow(answers, again, questions, tag_wanted, codes) == added
    assert [r.hits for r in again] == [r.hits for r in every]
    assert [r.hits for r in some] == [r.hits for r in every]


def test_only_questions_whose_answer_loses_a_followed_theme_are_tagged() -> None:
    """A chain of followed themes starts where a paragraph lacks a theme that the one
    before it has; an answer without such a pair cannot gain anything."""
    kurser = ParagraphResult({"kurser": [Hit("k-ord", "kurser", (("kursus", 0, 6),))]})
    answers = (["X1"] * 5, [10, 20, 40, 50, 60])
    questions = (["X1", "X1"], [0, 30])
    results = [kurser, kurser, kurser, ParagraphResult(), ParagraphResult()]
    order = text_order(answers, questions)
    # Question 0's answer keeps kurser throughout; question 1's loses it.
    assert questions_to_tag(order, results, frozenset({"kurser"})) == [1]
    assert questions_to_tag(order, results, frozenset({"ledelse"})) == []
