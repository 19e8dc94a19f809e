"""The Danish pipeline: blank da, lookup lemmas, sentences."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from spacy.attrs import IDX, IS_PUNCT, LENGTH, LOWER

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


TEXTS = [
    "Vi har bl.a. lønsedler. Fx. blanketter! Og så Ærø?",
    "",
    "  mellemrum i begge ender ",
    "Linjeskift\r\ninde i teksten\tog tab",
    "pr. måned",
    "æøå",
    "Tre  mellemrum   her.",
]


@pytest.mark.parametrize("join", [1, 2, 32])
def test_token_table_is_the_tokens_of_each_text(monkeypatch: pytest.MonkeyPatch, join: int) -> None:
    monkeypatch.setattr(nlp, "JOIN", join)
    attrs = [LOWER, IDX, LENGTH, IS_PUNCT]
    texts = TEXTS * 3
    table, bounds = nlp.token_table(texts, attrs)
    docs = [nlp.pipeline().tokenizer(t) for t in texts]
    assert bounds.tolist() == np.cumsum([0] + [len(d) for d in docs]).tolist()
    assert table.tolist() == [row for d in docs for row in d.to_array(attrs).tolist()]


def test_token_table_of_nothing() -> None:
    table, bounds = nlp.token_table([], [LOWER, IDX])
    assert table.shape == (0, 2) and bounds.tolist() == [0]


def test_word_ids_are_dense_and_stable() -> None:
    ids = nlp.WordIds()
    found, new = ids.lookup(np.array([7, 9, 7], dtype=np.uint64))
    assert found.tolist() == [0, 1, 0] and new == [7, 9]
    found, new = ids.lookup(np.array([9, 11, 7], dtype=np.uint64))
    assert found.tolist() == [1, 2, 0] and new == [11]


def test_word_ids_survive_shared_slots() -> None:
    ids = nlp.WordIds()
    size = len(ids._slots)
    hashes = np.array([5, 5 + size, 5 + 2 * size, 2**63 + 5], dtype=np.uint64)  # one slot
    assert ids.lookup(hashes)[0].tolist() == [0, 1, 2, 3]
    assert ids.lookup(hashes[::-1])[0].tolist() == [3, 2, 1, 0]
    many = np.arange(5000, dtype=np.uint64) * np.uint64(7919)
    first, new = ids.lookup(many)
    assert len(new) == 5000 and ids.lookup(many)[0].tolist() == first.tolist()


def test_importing_the_pipeline_module_imports_no_spacy() -> None:
    # spaCy takes a second to import: commands that never tokenize must not wait for it.
    code = (
        "import sys, mentorqual.nlp, mentorqual.codebook, mentorqual.tagging.evidence\n"
        "print(sorted(m for m in ('spacy', 'sklearn') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout == "[]\n"
