"""What a rule tagger found, and how it is recorded: the hits per paragraph and code,
the evidence JSON stored with each coding, and a one-line summary.

This module is the one reader and writer of the evidence JSON. A ``rules`` coding
stores a list of rule hits, ``[{"rule": id, "tokens": [[word, start, end], ...]}]``
with offsets into the interview's text; a ``classifier`` coding stores
``{"model": id, "probability": p}``; a ``machine`` coding adds the rule hits it took
over under ``"rules"``. :class:`Evidence` reads and writes all three.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring  # json.dumps of a str, ensure_ascii=False
from typing import Any, NamedTuple

CodingRow = tuple[int, str, float | None, str]  # segment id, code, score, evidence JSON
Token = tuple[str, int, int]  # a matched word, its start and its end


class Hit(NamedTuple):
    """Tokens that made a rule fire in a paragraph (offsets relative to the paragraph).

    A named tuple: the tagger makes one per paragraph and rule that fires, tens of
    thousands per run, and a tuple is the cheapest immutable record to make.
    """

    rule: str
    code: str
    tokens: tuple[Token, ...]


@dataclass(slots=True)
class ParagraphResult:
    """The codes a paragraph gets, with the evidence for each."""

    hits: dict[str, list[Hit]] = field(default_factory=dict)


class RuleHit(NamedTuple):
    """A rule behind a stored coding, with its words; offsets are into the interview's
    text (a followed question's words lie before the coded paragraph)."""

    rule: str
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Evidence:
    """A coding's evidence, as stored with it in JSON.

    A ``rules`` coding has rule hits only; a ``classifier`` coding the model and its
    probability (``rules`` is None); a ``machine`` coding both, ``rules`` empty where
    the classifier decided alone. A human coding has none of them.

    >>> Evidence.from_json('[{"rule": "k", "tokens": [["kursus", 4, 10]]}]').hits
    (RuleHit(rule='k', tokens=(('kursus', 4, 10),)),)
    >>> Evidence((), "b145", 0.75).to_json()
    '{"model": "b145", "probability": 0.75, "rules": []}'
    """

    rules: tuple[RuleHit, ...] | None = None  # None: the coding records no rules
    model: str | None = None
    probability: float | None = None

    @property
    def hits(self) -> tuple[RuleHit, ...]:
        """The rule hits, none for a classifier or human coding."""
        return self.rules or ()

    def to_json(self) -> str:
        """The JSON stored with the coding: what ``json.dumps(..., ensure_ascii=False)``
        makes of it."""
        if self.model is None:
            return _hits_json(self.hits, 0)
        parts = [
            f'"model": {encode_basestring(self.model)}',
            f'"probability": {json.dumps(self.probability)}',
        ]
        if self.rules is not None:
            parts.append(f'"rules": {_hits_json(self.rules, 0)}')
        return f"{{{', '.join(parts)}}}"

    @classmethod
    def from_json(cls, text: str | None) -> Evidence:
        """Read a coding's evidence; empty or None (a human coding) gives no evidence."""
        found = json.loads(text) if text else []
        if isinstance(found, dict):
            rules = found.get("rules")
            return cls(
                None if rules is None else _rule_hits(rules),
                found.get("model"),
                found.get("probability"),
            )
        return cls(_rule_hits(found))


def _rule_hits(found: Any) -> tuple[RuleHit, ...]:
    return tuple(
        RuleHit(str(h.get("rule", "")), tuple((t, a, b) for t, a, b in h.get("tokens", [])))
        for h in found
        if isinstance(h, dict)
    )


def _hits_json(hits: Iterable[Hit | RuleHit], offset: int) -> str:
    """The hits as JSON, their offsets moved by ``offset``: the text json.dumps makes
    of their lists and dicts, written out without making them (one per coding)."""
    parts = []
    for h in hits:
        words = ", ".join(
            [f"[{encode_basestring(t)}, {offset + a}, {offset + b}]" for t, a, b in h.tokens]
        )
        parts.append(f'{{"rule": {encode_basestring(h.rule)}, "tokens": [{words}]}}')
    return f"[{', '.join(parts)}]"


def codings(
    segments: Sequence[int], offsets: Sequence[int], results: Sequence[ParagraphResult]
) -> tuple[list[CodingRow], dict[tuple[int, str], list[Hit]]]:
    """The codings of tagged paragraphs, in paragraph and code order, with their
    evidence as JSON; and the hits behind each (segment id, code).

    ``offsets`` are where each paragraph starts in its interview's text: the evidence
    gives each token as [text, start, end] in that text.

    >>> hit = Hit("k-ord", "kurser", (("kursus", 4, 10),))
    >>> codings([7], [100], [ParagraphResult({"kurser": [hit]})])[0]
    [(7, 'kurser', 1.0, '[{"rule": "k-ord", "tokens": [["kursus", 104, 110]]}]')]
    """
    rows: list[CodingRow] = []
    found: dict[tuple[int, str], list[Hit]] = {}
    for segment, offset, result in zip(segments, offsets, results, strict=True):
        for code, hits in result.hits.items():
            rows.append((segment, code, 1.0, _hits_json(hits, offset)))
            found[(segment, code)] = hits
    return rows, found


def summary(hits: Sequence[Hit]) -> str:
    """One coding's evidence in a line: ``rule: word, word; rule: word``."""
    return "; ".join(f"{h.rule}: {', '.join(t for t, _, _ in h.tokens)}" for h in hits)
