"""The theme classifier's features: lemma tokens."""

from __future__ import annotations

import pytest

from mentorqual.tagging import classifier, features
from mentorqual.tagging.features import lemma_tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lønsedlerne og blanketter", ["lønseddel", "og", "blanket"]),  # capitalised, plural
        ("Kurserne i 2024!", ["kursus", "i"]),  # digits and punctuation dropped
        ("Mentorerne, øh, gik", ["mentor", "øh", "gå"]),  # æøå are letters
    ],
)
def test_lemma_tokens(text: str, expected: list[str]) -> None:
    assert lemma_tokens(text) == expected


def test_stored_models_find_their_tokenizer_where_they_left_it() -> None:
    # Models pickled before the features had a module of their own name
    # mentorqual.tagging.classifier.lemma_tokens as their tokenizer.
    assert classifier.lemma_tokens is features.lemma_tokens
