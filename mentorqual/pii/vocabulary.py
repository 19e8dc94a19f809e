"""Is a capitalised word an ordinary Danish word, or a place, a firm or a people?

The Danish vocabulary is every word form (key or lemma) of the Danish lemma lookup
table in spacy-lookups-data, about 550,000 forms, read by
:func:`mentorqual.nlp.lowercase_lemma_table` without spaCy and without the network.
Compounds that the table lacks ("jobcentervejledning") count as Danish when they split
into words of the table.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..nlp import lowercase_lemma_table
from .data.places import DANISH_PLACES, FOREIGN_PLACES
from .data.words import ORGANISATIONS, PEOPLES_AND_LANGUAGES, TRANSCRIPT_WORDS

# Family-name endings that are also Danish words ("Mad|sen", "Han|sen"): never the last
# part of a compound.
_NAME_TAILS = frozenset({"sen", "son", "sson", "gaard", "gård"})
_LINKS = "se"
_STRESS = str.maketrans(
    "áéíóú", "aeiou"
)  # the linking letters of Danish compounds: "beskæftigelse|s|ministerium"


class Vocabulary:
    """A set of lower-cased Danish word forms, kept as the lemma table's own dict (its
    keys) plus the lemmas the keys lack: no copy of 550,000 words."""

    def __init__(self, table: dict[str, str]) -> None:
        """``table``: the lemma table, lower-cased."""
        self._forms = table
        self.lemmas = frozenset(table.values())
        self._extra = self.lemmas.difference(table)

    def __contains__(self, word: object) -> bool:
        return word in self._forms or word in self._extra

    def __len__(self) -> int:
        return len(self._forms) + len(self._extra)


@cache
def danish_words() -> Vocabulary:
    """Every lower-cased word form of the Danish lemma table; read once, on first use
    (it takes about a second and 60 MB)."""
    return Vocabulary(lowercase_lemma_table())


@cache
def not_names() -> frozenset[str]:
    """Lower-cased capitalised words that are not persons: places, organisations,
    peoples, languages and the fillers and labels of transcripts."""
    lists = (DANISH_PLACES, FOREIGN_PLACES, ORGANISATIONS, PEOPLES_AND_LANGUAGES)
    return frozenset(w.lower() for words in (*lists, TRANSCRIPT_WORDS) for w in words)


@cache
def places() -> frozenset[str]:
    """Lower-cased names of places, Danish and foreign."""
    return frozenset(w.lower() for w in DANISH_PLACES | FOREIGN_PLACES)


@lru_cache(maxsize=65536)
def is_danish(word: str) -> bool:
    """Whether a lower-cased word is a Danish word form, its genitive or a compound.

    Example:
        >>> is_danish("beskæftigelsesindsatsen"), is_danish("frederiksen")
        (True, False)
    """
    words = danish_words()
    if word in words or (word.endswith("s") and word[:-1] in words):
        return True
    plain = word.translate(_STRESS)  # "én", "dér": an accent for stress only
    return (plain != word and plain in words) or _compound(word, words)


def _compound(word: str, words: Vocabulary) -> bool:
    """Whether ``word`` splits into Danish words of three letters or more: any form last,
    a lemma (maybe with a linking letter) before it, as compounds are made."""
    lemmas = words.lemmas
    # A head of two letters only before a long tail: "bo|støtten", not "is|mail", and not
    # in a family name ("sø|rensen").
    short = len(word) >= 7 and not word.endswith(("sen", "son"))
    for cut in range(len(word) - 3, 1 if short else 2, -1):
        tail = word[cut:]
        if tail not in words or tail in _NAME_TAILS:
            continue
        head = word[:cut]
        if head in lemmas or (head[-1] in _LINKS and len(head) > 3 and head[:-1] in lemmas):
            return True
        if len(head) >= 6 and _compound(head, words):
            return True
    return False
