"""Token patterns: which paragraphs need spaCy's Matcher at all.

Only a paragraph with the words some pattern requires can match it, so the tagger
reads the patterns' literal words (:func:`anchor`, :func:`required`) and gives the
Matcher only the paragraphs that have them, in the right places where a pattern has
a fixed length.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .spans import Batch
from .words import PATTERN_WORD

Pattern = list[dict[str, Any]]


@dataclass
class PatternGate:
    """The words token patterns need, and a test of paragraphs for them.

    Word group 0 holds each pattern's anchor: a paragraph without one never got the
    Matcher. The Matcher now also needs, for some pattern, a word of each group that
    pattern requires, at the right distances if the pattern has a fixed length.
    """

    groups: list[list[str]]  # lower-cased words; a word type's row says which it is in
    patterns: list[tuple[list[int | None], bool]]  # per token a group or None; fixed length
    always: bool  # some pattern has no anchor: every paragraph needs the Matcher

    @classmethod
    def compile(cls, patterns: list[Pattern]) -> PatternGate:
        anchors: list[str] = []
        always = False
        required = [_required(p) for p in patterns]
        for pattern in patterns:
            found = _anchor(pattern)
            if found is None:
                always = True
            else:
                anchors += found
        groups = [anchors, *(w for tokens, _ in required for w in tokens if w is not None)]
        numbers = iter(range(1, len(groups)))
        return cls(
            groups=groups,
            patterns=[
                ([None if w is None else next(numbers) for w in tokens], fixed)
                for tokens, fixed in required
            ],
            always=always,
        )

    def paragraphs(self, batch: Batch, member: np.ndarray) -> np.ndarray:
        """Paragraphs with the words some token pattern needs; ``member`` says which
        groups each word type is in."""
        first, end = self.windows(batch, member)
        return first < end

    def windows(self, batch: Batch, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per paragraph, the tokens first:end that every match of a token pattern lies
        in (none if first >= end). The Matcher finds the same matches, in the same
        order, when it runs on them alone: those that start before, or end after,
        are of patterns that cannot match here.

        A fixed-length pattern can only match where its words stand in place. Another
        one starts at a word of its first token if that is required (else anywhere),
        and may end anywhere after.
        """
        starts, ends = batch.bounds[:-1], batch.bounds[1:]
        first, end = ends.copy(), starts.copy()
        if not self.patterns:
            return first, end
        positions = np.flatnonzero(batch.flags & PATTERN_WORD)
        types = batch.types[positions]
        paragraphs = batch.paragraph(positions)

        def present(group: int) -> np.ndarray:
            found = np.zeros(len(batch.texts), dtype=bool)
            found[paragraphs[member[types, group]]] = True
            return found

        open_ended = np.zeros(len(batch.texts), dtype=bool)
        for tokens, fixed in self.patterns:
            needs = [(i, g) for i, g in enumerate(tokens) if g is not None]
            if fixed and needs:
                words = positions[member[types, needs[0][1]]]
                at = _in_order(batch, member, words, needs, len(tokens))
                np.minimum.at(first, batch.paragraph(at), at)
                np.maximum.at(end, batch.paragraph(at), at + len(tokens))
                continue
            possible = np.ones(len(batch.texts), dtype=bool)
            for _, group in needs:
                possible &= present(group)
            at = starts.copy()
            if needs and needs[0][0] == 0:  # a match starts at a word of the first token
                words = positions[member[types, needs[0][1]]]
                paragraph, earliest = np.unique(batch.paragraph(words), return_index=True)
                at[paragraph] = words[earliest]
            first[possible] = np.minimum(first[possible], at[possible])
            open_ended |= possible
        end[open_ended] = ends[open_ended]
        # Group 0 holds each pattern's anchor: without one, the Matcher never ran.
        anchored = present(0)
        end[~anchored] = starts[~anchored]
        return first, end


def _in_order(
    batch: Batch,
    member: np.ndarray,
    firsts: np.ndarray,
    needs: list[tuple[int, int]],
    length: int,
) -> np.ndarray:
    """Where a run of ``length`` tokens in one paragraph has, for each needed word group
    (at its offset), a word in place; ``firsts`` are where the first group's are."""
    start = firsts - needs[0][0]
    paragraph = batch.paragraph(firsts)
    start = start[
        (start >= batch.bounds[paragraph]) & (start + length <= batch.bounds[paragraph + 1])
    ]
    for offset, group in needs[1:]:
        start = start[member[batch.types[start + offset], group]]
    return start


def _anchor(pattern: list[dict[str, Any]]) -> list[str] | None:
    """Words one of which any match of the pattern must contain, or None if unknown.

    Each token's literal values (LOWER, LEMMA, ORTH, TEXT, NORM; a string or an IN
    list) are necessary; the token whose shortest literal is longest is the rarest.
    """
    options: list[list[str]] = []
    for token in pattern:
        found: list[str] = []
        for key, value in token.items():
            if key.upper() not in ("LOWER", "LEMMA", "ORTH", "TEXT", "NORM"):
                continue
            if isinstance(value, str):
                found.append(value.lower())
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                found += [str(v).lower() for v in value["IN"]]
        if found and token.get("OP") not in ("?", "*"):
            options.append(found)
    if not options:
        return None
    return max(options, key=lambda words: (min(len(w) for w in words), -len(words)))


def _required(pattern: list[dict[str, Any]]) -> tuple[list[list[str] | None], bool]:
    """Per token, the words (lower-cased) one of which every match has there, or None;
    and whether the pattern has a fixed length (no operators).

    Only literals the word analysis sees count: LOWER, ORTH and TEXT are the word, LEMMA
    its lemma, and a word must start with a letter. NORM can differ from the word, and
    an operator other than "+" can make the token optional or negate it.
    """
    required: list[list[str] | None] = []
    for token in pattern:
        required.append(None)
        if token.get("OP", "+") != "+":
            continue
        for key, value in token.items():
            words = None
            if key.upper() not in ("LOWER", "LEMMA", "ORTH", "TEXT"):
                continue
            if isinstance(value, str):
                words = [value.lower()]
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                words = [str(v).lower() for v in value["IN"]]
            if words and all(w[:1].isalpha() and "*" not in w for w in words):
                required[-1] = words  # one of several literals is enough
    return required, all("OP" not in token for token in pattern)
