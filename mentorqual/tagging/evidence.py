"""What a rule tagger found, and how it is recorded: the hits per paragraph and code,
as the evidence JSON stored with each coding and as a one-line summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring  # json.dumps of a str, ensure_ascii=False
from typing import NamedTuple

CodingRow = tuple[int, str, float | None, str]  # segment id, code, score, evidence JSON


class Hit(NamedTuple):
    """Tokens that made a rule fire in a paragraph (offsets relative to the paragraph).

    A named tuple: the tagger makes one per paragraph and rule that fires, tens of
    thousands per run, and a tuple is the cheapest immutable record to make.
    """

    rule: str
    code: str
    tokens: tuple[tuple[str, int, int], ...]


@dataclass(slots=True)
class ParagraphResult:
    """The codes a paragraph gets, with the evidence for each."""

    hits: dict[str, list[Hit]] = field(default_factory=dict)


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
    # The JSON is written out: the text json.dumps(..., ensure_ascii=False) makes of
    # the evidence's lists and dicts, without making them for every coding.
    for segment, offset, result in zip(segments, offsets, results, strict=True):
        for code, hits in result.hits.items():
            parts = []
            for h in hits:
                tokens = ", ".join(
                    [
                        f"[{encode_basestring(t)}, {offset + a}, {offset + b}]"
                        for t, a, b in h.tokens
                    ]
                )
                parts.append(f'{{"rule": {encode_basestring(h.rule)}, "tokens": [{tokens}]}}')
            rows.append((segment, code, 1.0, f"[{', '.join(parts)}]"))
            found[(segment, code)] = hits
    return rows, found


def summary(hits: Sequence[Hit]) -> str:
    """One coding's evidence in a line: ``rule: word, word; rule: word``."""
    return "; ".join(f"{h.rule}: {', '.join(t for t, _, _ in h.tokens)}" for h in hits)
