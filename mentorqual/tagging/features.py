"""The theme classifier's features: TF-IDF of lemma 1-2-grams (a word regex, then
:func:`mentorqual.nlp.lemma`, memoised per word type) and of character 2-5-grams inside
word boundaries, which catch compounds and inflections the lemma table misses
("mentorkurset", "lønsedlerne"). They are fitted without labels."""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.pipeline import FeatureUnion  # type: ignore[import-untyped]

from .. import nlp

_WORD = re.compile(r"[^\W\d_]+")


def lemma_tokens(text: str) -> list[str]:
    """Lower-cased lemmas of the words of a text; digits and punctuation are dropped."""
    return [nlp.lemma(word) for word in _WORD.findall(text)]


def text_features(
    word_ngrams: tuple[int, int] | None, char_ngrams: tuple[int, int] | None, min_df: int
) -> FeatureUnion:
    """Unfitted features: lemma n-grams and ``char_wb`` n-grams (either may be None);
    ``min_df`` is the paragraphs a character n-gram must occur in to be a feature."""
    parts = []
    if word_ngrams is not None:
        words = TfidfVectorizer(
            tokenizer=lemma_tokens,
            lowercase=False,
            token_pattern=None,
            ngram_range=word_ngrams,
            sublinear_tf=True,
        )
        parts.append(("lemmas", words))
    if char_ngrams is not None:
        chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=char_ngrams,
            sublinear_tf=True,
            min_df=min_df,
        )
        parts.append(("chars", chars))
    return FeatureUnion(parts)
