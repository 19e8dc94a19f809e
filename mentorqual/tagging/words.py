"""Word types: what a lower-cased word does for a codebook's rules, worked out once.

A term is a stem that may also end (``*kursus``) or start (``blanket*``) a compound.
:class:`WordAnalyser` decides, per new word type, which terms it matches: by its
lookup lemma, the word less an inflection ending, and its compound parts.
:class:`WordTypes` keeps the result as one row per type, with flag bits saying what
the type does, so that tokens can be looked up with numpy gathers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .. import nlp

# Endings stripped to find a stem when the lookup table does not know a form
# ("lederne" is lemmatised as "led"; "kurset" is fine). Longest first.
INFLECTIONS = tuple(
    sorted(
        "e en et er ere erne ene ne n r s t es ens ets ers ernes enes nes ede ende ".split(),
        key=len,
        reverse=True,
    )
)
_ENDINGS = frozenset(INFLECTIONS)
_ENDING_SIZES = sorted({len(e) for e in INFLECTIONS})
MIN_PART = 3  # shortest compound part
LINKS = ("", "s", "e")  # Danish linking letters: ledelse-s-opbakning


# What a word type does, as bits of its flags.
RULE_TERM = 1  # a term of some rule, and not an exception of that rule
PHRASE_ANCHOR = 2  # the anchor word of some phrase
PATTERN_WORD = 4  # a word some token pattern needs
NEGATION = 8
CONJUNCTION = 16
CONTEXT = 32  # an `also` or `unless` term of some rule
SENTENCE_END = 64  # punctuation the sentencizer ends a sentence at
PUNCT = 128  # spaCy's is_punct


@dataclass(frozen=True)
class Term:
    """One term of one rule, compiled."""

    stem: str
    head: bool  # may end a compound: *kursus
    modifier: bool  # may start a compound: blanket*


def parse_term(text: str) -> Term:
    return Term(text.strip("*"), head=text.startswith("*"), modifier=text.endswith("*"))


class WordAnalyser:
    """Memoised analysis of word types: which terms a lower-cased word matches."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.terms = list(dict.fromkeys(terms))
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.heads: dict[str, list[int]] = defaultdict(list)
        self.modifiers: dict[str, list[int]] = defaultdict(list)
        for index, term in enumerate(self.terms):
            self.exact[term.stem].append(index)
            if term.head:
                self.heads[term.stem].append(index)
            if term.modifier:
                for link in LINKS:
                    self.modifiers[term.stem + link].append(index)
        self.index = {term: i for i, term in enumerate(self.terms)}
        self.memo: dict[str, frozenset[int]] = {}

    def add(self, terms: Iterable[Term]) -> None:
        """Add terms (before any word is analysed)."""
        for term in terms:
            if term not in self.index:
                self.index[term] = len(self.terms)
                self.terms.append(term)
                self.exact[term.stem].append(self.index[term])

    def __call__(self, word: str) -> frozenset[int]:
        found = self.memo.get(word)
        if found is None:
            found = self.memo[word] = frozenset(self._analyse(word))
        return found

    def _analyse(self, word: str) -> set[int]:
        if not word[:1].isalpha():
            return set()
        hits: set[int] = set()
        for stem in stems(word):
            hits.update(self.exact.get(stem, ()))
        if self.heads:
            # The stems() of every tail: the tail, its lemma, and the tail less an
            # inflection ending; the word's endings are found once, as cuts.
            size = len(word)
            cuts = [size - n for n in _ENDING_SIZES if word[size - n :] in _ENDINGS]
            for start in range(MIN_PART, size - MIN_PART + 1):
                tail = word[start:]
                for stem in (tail, nlp.lemma(tail)):
                    if stem in self.heads:
                        hits.update(self.heads[stem])
                for cut in cuts:
                    if cut - start >= MIN_PART and word[start:cut] in self.heads:
                        hits.update(self.heads[word[start:cut]])
        if self.modifiers:
            for end in range(MIN_PART, len(word) - MIN_PART + 1):
                if word[:end] in self.modifiers:
                    hits.update(self.modifiers[word[:end]])
        return hits


def stems(word: str) -> set[str]:
    """The word, its lookup lemma, and the word less a common inflection ending."""
    found = {word, nlp.lemma(word)}
    # A slice per ending length, rather than a test per ending: this runs for every
    # tail of every new word.
    for size in _ENDING_SIZES:
        if len(word) - size >= MIN_PART and word[-size:] in _ENDINGS:
            found.add(word[:-size])
    return found


class WordTypes:
    """What each word type seen so far does: one row per type id, grown as words come."""

    def __init__(self, n_rules: int, n_groups: int, n_phrase_words: int) -> None:
        self.ids = nlp.WordIds()  # ORTH hash -> type id
        self.flags = np.zeros(0, dtype=np.uint8)
        self.rule_terms = np.zeros((0, n_rules), dtype=bool)  # a term, not an exception
        self.also = np.zeros((0, n_rules), dtype=bool)
        self.unless = np.zeros((0, n_rules), dtype=bool)
        self.groups = np.zeros((0, n_groups), dtype=bool)  # words token patterns need
        self.phrase_words = np.zeros((0, n_phrase_words), dtype=bool)
        self.lemmas = np.zeros(0, dtype=np.uint64)  # for the Matcher's LEMMA
        self.lengths = np.zeros(0, dtype=np.uint64)  # in characters

    def add(self, **rows: np.ndarray) -> None:
        for name, new in rows.items():
            setattr(self, name, np.concatenate((getattr(self, name), new)))


def membership(n: int, sets: Sequence[Iterable[int]]) -> np.ndarray:
    """A 0/1 matrix with a row per item 0..n-1 and a column per set."""
    found = np.zeros((n, len(sets)), dtype=np.int32)
    for column, items in enumerate(sets):
        found[list(items), column] = 1
    return found
