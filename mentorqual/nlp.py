"""The Danish pipeline, built once and cached: ``spacy.blank("da")``, the lookup
lemmatizer from spacy-lookups-data, and a rule-based sentencizer.

Nothing here touches the network: the lookup tables ship in the spacy-lookups-data
package. The lemma table is case-sensitive ("mentorer" is in it, "Mentorerne" is
not), so :func:`lemma` tries the word as written and then in lower case.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import spacy
from spacy.language import Language
from spacy.lookups import Table


@cache
def pipeline() -> Language:
    """The shared Danish pipeline (tokenizer, lookup lemmatizer, sentencizer)."""
    nlp = spacy.blank("da")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sentencizer")
    nlp.initialize()  # loads the lookup table from spacy-lookups-data, offline
    return nlp


@cache
def _lemma_table() -> Table:
    lemmatizer = pipeline().get_pipe("lemmatizer")
    return lemmatizer.lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]


@cache
def lemma(word: str) -> str:
    """Lemma of one word type, case-insensitively, lower-cased; memoised per type."""
    table = _lemma_table()
    found = table.get(word) or table.get(word.lower()) or word
    return str(found).lower()


def sentence_spans(texts: Sequence[str], batch_size: int = 256) -> list[list[tuple[int, int]]]:
    """Sentence boundaries of each text as (start, end) character offsets.

    Only the tokenizer and sentencizer run: lemmas are not needed to split sentences.
    """
    nlp = pipeline()
    spans: list[list[tuple[int, int]]] = []
    with nlp.select_pipes(enable=["sentencizer"]):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            spans.append([(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents])
    return spans
