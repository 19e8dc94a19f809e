"""Pick illustrative quotes per group (region) and theme: plain data in, quotes out.

Which paragraphs may be quoted is the caller's choice (a human's coding, or the
machine's where no human coded the interview: ``Candidate.machine_only``). Among
them, quotes are spread: each interview of a group gives its best quote before any
interview gives a second, and at most ``per_interview`` per theme, so the quotes come
from as many informants as there are. Within that, best first:

1. human-coded before machine-only paragraphs;
2. paragraphs coded by more human coders (double coding raises confidence, but the
   spread, not it, decides which interviews are quoted);
3. then by the best machine score;
4. then paragraphs whose trimmed quote is closer to a readable length.

A quote's text is chosen by :func:`quote_text`: whole sentences around the words that
produced the coding, with "[...]" where text is cut. Near-duplicates (the same
anecdote told twice, or a paragraph repeated across transcripts) are dropped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .types import Unknown, group_value, report_order, speaker_role

ELLIPSIS = "[...]"
_WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    """One paragraph coded with one theme, by one or more coders."""

    interview: str
    attributes: Mapping[str, str]
    segment: int
    locator: str
    text: str
    code: str
    sentences: Sequence[tuple[int, int, int]]  # (start, end, words) within text
    human: set[str] = field(default_factory=set)
    machine: dict[str, float | None] = field(default_factory=dict)
    focus: list[int] = field(default_factory=list)  # evidence offsets within text
    machine_only: bool = False  # no human coded the interview: the machine's coding
    speaker: str = ""  # who said it: a group interview attributes by speaker
    passage: tuple[int, int] | None = None  # what the human coders marked, within text

    @property
    def best_score(self) -> float:
        scores = [s for s in self.machine.values() if s is not None]
        return max(scores) if scores else 0.0


@dataclass(frozen=True)
class Quote:
    """A quote as it goes into a report."""

    group: tuple[str, ...]
    theme: str
    label: str
    text: str
    attribution: str
    interview: str
    locator: str
    coders: str
    score: float | None
    words: int
    machine_only: bool = False

    def row(self, by: Sequence[str]) -> dict[str, object]:
        return {
            **dict(zip(by, self.group, strict=True)),
            "theme": self.theme,
            "label": self.label,
            "quote": self.text,
            "attribution": self.attribution,
            "interview": self.interview,
            "segment": self.locator,
            "coders": self.coders,
            "score": self.score,
            "words": self.words,
            "basis": "machine" if self.machine_only else "human",
        }


def attribution(
    attributes: Mapping[str, str], unknown_role: str, unknown: Unknown, speaker: str = ""
) -> str:
    """ "(Jobkonsulent, Hovedstaden)": the informant's role and region, ``unknown_role``
    ("Informant") and ``unknown("region")`` ("ukendt region") in the report's words when
    missing. In a group interview the role is the ``speaker``'s own (the ``speakers``
    attribute)."""
    role = speaker_role(attributes, speaker) if speaker else attributes.get("role", "")
    parts = [role or unknown_role, group_value(attributes, "region", unknown)]
    return "(" + ", ".join(p for p in parts if p) + ")"


def trim(
    text: str, sentences: Sequence[tuple[int, int, int]], focus: Sequence[int], max_words: int
) -> tuple[str, int]:
    """The text cut to whole sentences around the first focus offset, at most
    ``max_words`` words unless one sentence alone is longer; returns (text, words)."""
    total = sum(w for _, _, w in sentences)
    if not sentences or total <= max_words:
        return text.strip(), total or len(_WORD.findall(text))
    first = 0
    if focus:
        target = min(focus)
        first = next((k for k, (start, end, _) in enumerate(sentences) if start <= target < end), 0)
    lo = hi = first
    words = sentences[first][2]
    while True:  # grow forwards first (a point is usually made, then explained), then back
        if hi + 1 < len(sentences) and words + sentences[hi + 1][2] <= max_words:
            hi += 1
            words += sentences[hi][2]
        elif lo > 0 and words + sentences[lo - 1][2] <= max_words:
            lo -= 1
            words += sentences[lo][2]
        else:
            break
    body = text[sentences[lo][0] : sentences[hi][1]].strip()
    if lo > 0:
        body = f"{ELLIPSIS} {body}"
    if hi < len(sentences) - 1:
        body = f"{body} {ELLIPSIS}"
    return body, words


# A transcriber's note in the speech, "(griner)" or "[pause]": kept in the transcript,
# left out of quotes (a report quotes what was said).
_ANNOTATION = re.compile(
    r"[ \t]*[(\[](?:griner|ler|latter|smiler|pause|lang pause|kort pause|sukker|hoster|"
    r"rømmer sig|tøver|tøven|stilhed|utydeligt|uhørligt|uforståeligt|afbrydes|afbryder|"
    r"overlap|laughs|laughter|pause|inaudible|unclear|crosstalk)[^)\]\n]{0,40}[)\]]",
    re.IGNORECASE,
)


def without_annotations(text: str) -> str:
    """``text`` without transcribers' notes such as "(griner)" or "[pause]".

    >>> without_annotations("Det var sjovt (griner), og så gik vi [pause] hjem.")
    'Det var sjovt, og så gik vi hjem.'
    """
    return _ANNOTATION.sub("", text)


def quote_text(candidate: Candidate, max_words: int) -> tuple[str, int]:
    """The text a quote shows of a candidate, and its words: the one place that
    decides it. A passage the human coders marked is the quote, widened to its whole
    sentence only when it is shorter than that sentence; otherwise whole sentences
    around the words that made the coding. Transcribers' notes ("(griner)") are left
    out."""
    text, words = _passage(candidate, max_words) or trim(
        candidate.text, candidate.sentences, candidate.focus, max_words
    )
    shown = without_annotations(text)
    return (shown, len(_WORD.findall(shown))) if shown != text else (text, words)


def _passage(candidate: Candidate, max_words: int) -> tuple[str, int] | None:
    """The marked passage as a quote, or None to quote around the focus instead."""
    if candidate.passage is None:
        return None
    start, end = candidate.passage
    inside = [(s, e) for s, e, _ in candidate.sentences if s <= start < e]
    if inside and end <= inside[0][1] and end - start < inside[0][1] - inside[0][0]:
        start, end = inside[0]  # part of one sentence: the whole sentence
    body = candidate.text[start:end].strip()
    words = len(_WORD.findall(body))
    if words > max_words:
        return None  # too long to quote whole: whole sentences around its start
    before = ELLIPSIS + " " if candidate.text[:start].strip() else ""
    after = " " + ELLIPSIS if candidate.text[end:].strip() else ""
    return f"{before}{body}{after}", words


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 1))}


def _near_duplicate(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    # Containment rather than Jaccard: a trimmed quote inside a longer one is a duplicate.
    small = min(len(a), len(b))
    return small > 0 and len(a & b) / small >= 0.6


def select_quotes(
    candidates: Iterable[Candidate],
    themes: Sequence[tuple[str, str]],
    by: Sequence[str] = ("region",),
    *,
    unknown: Unknown,
    respondent: str,
    top: int = 5,
    max_words: int = 80,
    per_interview: int = 2,
) -> list[Quote]:
    """The best ``top`` quotes per group and theme, spread over the group's interviews,
    groups in report order. ``unknown`` and ``respondent`` are the report's words for a
    missing attribute value ("ukendt region") and a missing role ("Informant")."""
    labels = dict(themes)
    pools: dict[tuple[tuple[str, ...], str], list[tuple[Candidate, str, int]]] = defaultdict(list)
    for c in candidates:
        group = tuple(group_value(c.attributes, k, unknown) for k in by)
        text, words = quote_text(c, max_words)
        pools[(group, c.code)].append((c, text, words))

    ideal = min(max_words, 60)
    quotes: list[Quote] = []
    groups = sorted({g for g, _ in pools}, key=lambda g: report_order(g, by))
    for group in groups:
        for code, _ in themes:
            pool = sorted(
                pools.get((group, code), []),
                key=lambda item: (
                    item[0].machine_only,
                    -len(item[0].human),
                    -item[0].best_score,
                    abs(item[2] - ideal),
                    item[0].interview,
                    item[0].segment,
                ),
            )
            for c, text, words in _spread(pool, top, per_interview):
                scores = [s for s in c.machine.values() if s is not None]
                quotes.append(
                    Quote(
                        group=group,
                        theme=code,
                        label=labels.get(code, code),
                        text=text,
                        attribution=attribution(c.attributes, respondent, unknown, c.speaker),
                        interview=c.interview,
                        locator=c.locator,
                        coders=", ".join([*sorted(c.human), *sorted(c.machine)]),
                        score=max(scores) if scores else None,
                        words=words,
                        machine_only=c.machine_only,
                    )
                )
    return quotes


def _spread(
    ranked: Sequence[tuple[Candidate, str, int]], top: int, per_interview: int
) -> list[tuple[Candidate, str, int]]:
    """Up to ``top`` of ``ranked``, in rounds: in each round every interview gives its
    best remaining quote that is no near-duplicate of one taken, best interviews first."""
    taken: list[tuple[Candidate, str, int]] = []
    shingles: list[set[tuple[str, ...]]] = []
    per: dict[str, int] = defaultdict(int)
    left = list(ranked)
    for round_ in range(per_interview):
        kept = []
        for item in left:
            c, text, _ = item
            if len(taken) == top:
                break
            if per[c.interview] != round_:
                kept.append(item)
                continue
            mine = _shingles(text)
            if any(_near_duplicate(mine, t) for t in shingles):
                continue
            taken.append(item)
            shingles.append(mine)
            per[c.interview] += 1
        left = kept
    # Quotes in rank order, not round order: the best quote of a theme comes first.
    order = {id(item): n for n, item in enumerate(ranked)}
    return sorted(taken, key=lambda item: order[id(item)])
