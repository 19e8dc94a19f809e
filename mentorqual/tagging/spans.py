"""Paragraphs as token arrays, and the sentence work around candidate hits.

A batch of paragraphs is one table of tokens (:class:`Batch`, from
:func:`mentorqual.nlp.token_table`), each with its word type's flags. Phrases are
matched for the whole batch at once (:class:`Phrases`); sentences, the AND and
exclusion windows and Danish negation are worked out with array operations over token
positions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from spacy.attrs import IDX, ORTH

from .words import CONJUNCTION, NEGATION, PHRASE_ANCHOR, PUNCT, SENTENCE_END

NEGATIONS = frozenset("ikke aldrig ingen intet ingenting hverken ej næppe".split())
CONJUNCTIONS = frozenset(("og", "men", "så"))  # a clause before a topicalised hit
NEGATION_WINDOW = 2  # tokens before a hit in which a negation counts
PHRASE_GAP = 1  # words allowed between the words of a phrase
TOPIC_POSITIONS = 2  # a hit this early in a sentence may be negated after it
TOPIC_WINDOW = 3  # verb, subject, negation: "Kurser har vi aldrig ..."

# The token attributes the tagger reads: the word type, and where it starts. The rest
# (its lower case, length, punctuation) is per type; fewer columns copy faster.
COLUMNS = (ORTH, IDX)
WORD_COLUMN, _IDX = range(len(COLUMNS))

# Where a span comes from: a rule's evidence lists terms, then phrase 0, 1, ..., then
# token patterns, then regexes, as the rule's spans were always ordered.
TERM, PHRASE = 0, 1


@dataclass
class Phrases:
    """Every phrase of the codebook as arrays, to match them all at once."""

    rule: np.ndarray
    number: np.ndarray  # within its rule
    length: np.ndarray
    columns: np.ndarray  # (phrase, word): the word's column in `words`
    anchor: np.ndarray  # column of the anchor word
    nearest: np.ndarray  # how many tokens a match can start before its anchor: at least
    farthest: np.ndarray  # ... and at most
    words: list[int]  # the terms phrases use; a word type's row says which it matches

    @classmethod
    def compile(cls, rules: Sequence[tuple[Sequence[list[int]], Sequence[int]]]) -> Phrases:
        """``rules`` holds each rule's phrases (as term ids) and their anchor terms."""
        found = [
            (i, k, p, anchors[k])
            for i, (phrases, anchors) in enumerate(rules)
            for k, p in enumerate(phrases)
        ]
        words = list(dict.fromkeys(t for _, _, p, _ in found for t in p))
        column = {t: i for i, t in enumerate(words)}
        columns = np.zeros(
            (len(found), max((len(p) for _, _, p, _ in found), default=1)), dtype=np.int64
        )
        for j, (_, _, p, _) in enumerate(found):
            columns[j, : len(p)] = [column[t] for t in p]

        def array(values: Iterable[int]) -> np.ndarray:
            return np.array(list(values), dtype=np.int64)

        return cls(
            rule=array(i for i, _, _, _ in found),
            number=array(k for _, k, _, _ in found),
            length=array(len(p) for _, _, p, _ in found),
            columns=columns,
            anchor=array(column[a] for _, _, _, a in found),
            nearest=array(p.index(a) for _, _, p, a in found),
            farthest=array(
                (len(p) - 1 - p[::-1].index(a)) * (PHRASE_GAP + 1) for _, _, p, a in found
            ),
            words=words,
        )

    def spans(self, batch: Batch, member: np.ndarray) -> tuple[Any, ...]:
        """Spans where a phrase's terms occur in order, a few words apart at most;
        ``member`` says which of ``words`` each word type matches.

        All phrases are matched at once. Every match holds its phrase's anchor, so the
        only starts tried are those from which the anchor's place in the phrase can fall
        on an anchor token; from each, every next term is the nearest token within the
        gap that matches it.
        """
        ph = self
        anchors = np.flatnonzero(batch.flags & PHRASE_ANCHOR)
        rows, phrase = np.nonzero(member[batch.types[anchors]][:, ph.anchor])
        back = np.arange(int(ph.farthest.max(initial=0)) + 1)
        start = anchors[rows, None] - back
        ok = (back >= ph.nearest[phrase, None]) & (back <= ph.farthest[phrase, None])
        ok &= start >= batch.bounds[batch.paragraph(anchors[rows])][:, None]
        phrase, start = np.broadcast_to(phrase[:, None], ok.shape)[ok], start[ok]
        begins = member[batch.types[start], ph.columns[phrase, 0]]
        size = max(len(batch.table), 1)
        phrase, start = np.divmod(np.unique(phrase[begins] * size + start[begins]), size)
        last = batch.bounds[batch.paragraph(start) + 1]
        alive = np.ones(len(start), dtype=bool)
        end = start.copy()
        for step in range(1, ph.columns.shape[1]):
            need = alive & (ph.length[phrase] > step)
            column = ph.columns[phrase, step]
            found = np.full(len(end), -1)
            for gap in range(1, PHRASE_GAP + 2):
                position = end + gap
                look = need & (found < 0) & (position < last)
                position = np.where(look, position, 0)
                found = np.where(look & member[batch.types[position], column], position, found)
            alive &= ~need | (found >= 0)
            end = np.where(need, found, end)
        start, end, phrase = start[alive], end[alive] + 1, phrase[alive]
        return start, end, ph.rule[phrase], PHRASE + ph.number[phrase], start


@dataclass
class Batch:
    """Paragraphs tokenized as one table, with each token's word type and its flags."""

    texts: Sequence[str]
    table: np.ndarray  # a row per token: COLUMNS
    bounds: np.ndarray  # the first token of each paragraph, and the total
    types: np.ndarray
    flags: np.ndarray
    lengths: np.ndarray  # of each word type, in characters

    def paragraph(self, positions: np.ndarray) -> np.ndarray:
        """The paragraph of each token position."""
        return np.searchsorted(self.bounds, positions, side="right") - 1

    @cached_property
    def punct(self) -> np.ndarray:
        return (self.flags & PUNCT) != 0

    def char_starts(self, positions: np.ndarray) -> np.ndarray:
        """Where each token at ``positions`` starts in its paragraph."""
        return self.table[positions, _IDX]

    def char_ends(self, positions: np.ndarray) -> np.ndarray:
        """Where each token at ``positions`` ends in its paragraph."""
        return self.table[positions, _IDX] + self.lengths[self.types[positions]]

    def running(self, counted: np.ndarray) -> np.ndarray:
        """How many ``counted`` tokens come before each position (and the end)."""
        return np.concatenate(([0], np.cumsum(counted)))


@dataclass
class Spans:
    """Candidate hits of a batch as parallel arrays of token positions."""

    start: np.ndarray
    end: np.ndarray
    rule: np.ndarray
    source: np.ndarray  # TERM, PHRASE + the phrase's number, token patterns, regexes
    order: np.ndarray  # the start, or the order the Matcher and regexes found them in

    @classmethod
    def join(cls, parts: Iterable[tuple[Any, ...]]) -> Spans:
        columns = zip(*parts, strict=True)
        return cls(
            *(np.concatenate([np.asarray(c, dtype=np.int64) for c in column]) for column in columns)
        )


def sentence_starts(batch: Batch) -> np.ndarray:
    """The first token of every sentence as spaCy's sentencizer splits them, plus the end.

    A sentence starts a paragraph, or at the first word after sentence-end punctuation;
    other punctuation (quotes, brackets) in between is passed over.
    """
    ends = np.flatnonzero(batch.flags & SENTENCE_END)
    limit = batch.bounds[batch.paragraph(ends) + 1]
    found = [batch.bounds]
    position = ends + 1
    while position.size:
        inside = position < limit
        position, limit = position[inside], limit[inside]
        word = ~batch.punct[position] & ((batch.flags[position] & SENTENCE_END) == 0)
        found.append(position[word])
        position, limit = position[~word] + 1, limit[~word]
    return np.unique(np.concatenate(found))


def within(words: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whether each range start:end holds one of the (sorted) word positions."""
    return np.searchsorted(words, start) < np.searchsorted(words, end)


def negated(
    batch: Batch, start: np.ndarray, end: np.ndarray, first: np.ndarray, stop: np.ndarray
) -> np.ndarray:
    """Is each hit in a negated clause? ``first:stop`` are the hits' sentences.

    Two Danish patterns: a negation shortly before the hit in the same clause ("det er
    ikke papirarbejdet, der er problemet", "ingen kurser"), and a topicalised hit at
    the start of a sentence negated after its verb ("Kurser har vi aldrig fået").
    Punctuation ends the scope.
    """
    found = np.zeros(len(start), dtype=bool)

    def scan(
        positions: Iterable[np.ndarray], inside: Callable[[np.ndarray], Any], open_: np.ndarray
    ) -> None:
        for j in positions:
            open_ &= inside(j)
            j = np.where(open_, j, 0)
            open_ &= ~batch.punct[j]
            found[open_ & ((batch.flags[j] & NEGATION) != 0)] = True

    scan((start - i for i in range(1, NEGATION_WINDOW + 1)), lambda j: j >= first, ~found)
    words = batch.running(~batch.punct)
    conjunctions = batch.running((batch.flags & CONJUNCTION) != 0)
    topical = (words[start] - words[first] < TOPIC_POSITIONS) & (
        conjunctions[start] == conjunctions[first]
    )
    scan((end + i for i in range(TOPIC_WINDOW)), lambda j: j < stop, topical)
    return found
