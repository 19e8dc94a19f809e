"""The Danish pipeline: blank da, lookup lemmas, sentences."""

from __future__ import annotations

import pytest

from mentorqual import nlp


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("mentorer", "mentor"),
        ("Mentorerne", "mentor"),  # not in the case-sensitive table as written
        ("lønsedlerne", "lønseddel"),
        ("Blanketterne", "blanket"),
        ("kurser", "kursus"),
        ("ukendtordxyz", "ukendtordxyz"),
    ],
)
def test_lemma_handles_case(word: str, lemma: str) -> None:
    assert nlp.lemma(word) == lemma


def test_pipeline_is_cached_and_blank_danish() -> None:
    assert nlp.pipeline() is nlp.pipeline()
    assert nlp.pipeline().lang == "da"
    assert nlp.pipeline().pipe_names == ["lemmatizer", "sentencizer"]


def test_sentence_spans_respect_abbreviations() -> None:
    text = "Vi har bl.a. lønsedler. Fx. blanketter! Og så Ærø?"
    spans = nlp.sentence_spans([text])[0]
    assert [text[s:e] for s, e in spans] == [
        "Vi har bl.a. lønsedler.",
        "Fx. blanketter!",
        "Og så Ærø?",
    ]


def test_sentence_spans_of_empty_text() -> None:
    assert nlp.sentence_spans(["", "Ja."]) == [[], [(0, 3)]]
