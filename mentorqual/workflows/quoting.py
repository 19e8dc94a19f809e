"""Quote sheets: which paragraphs may be quoted, chosen with :mod:`mentorqual.quotes`,
checked by the command's personal-data policy, written by :mod:`mentorqual.reports`.

A quote of a theme comes from a paragraph a human coded with it, and that no human
assessed without it. The machine's codings fill in only for interviews that no human
coded at all, and such quotes are marked as machine-coded.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..quotes import Candidate, Quote, select_quotes
from ..reports.language import Lang, check_lang, say, unknown
from ..reports.quotes import QUOTE_SUFFIXES, write_quotes
from ..store import CodingRecord, InterviewSummary, now
from ..tagging.evidence import Evidence
from ..types import HUMAN
from .coders import Snapshot, default_quote_coders
from .privacy import PiiPolicy
from .scope import by_words, codebook_words, coder_words, select_interviews, select_themes

__all__ = [
    "QUOTE_SUFFIXES", "QuoteOptions", "QuoteSheet", "quote_sheet", "quotes", "write_quote_sheet",
]  # fmt: skip


@dataclass(frozen=True)
class QuoteOptions:
    """How quotes are chosen and shown; the defaults are the command line's.

    ``audit`` keeps interview, coders and scores on every quote line and the codebook's
    checksum in the notes; ``None`` means report-ready for .docx and .md, audit for
    .xlsx and .csv.
    """

    by: Sequence[str] = ("region",)
    coders: Sequence[str] = ()
    themes: Sequence[str] = ()
    regions: Sequence[str] = ()
    top: int = 5
    max_words: int = 80
    per_interview: int = 2
    lang: str = "da"
    audit: bool | None = None

    def check(self) -> None:
        if self.top < 1 or self.max_words < 1 or self.per_interview < 1:
            raise InputError("--top, --max-words and --per-interview must be at least 1")
        check_lang(self.lang)


@dataclass
class QuoteSheet:
    """Chosen quotes, the coders they were drawn from, and the sheet's notes."""

    quotes: list[Quote]
    coders: list[str]
    notes: list[str]
    lang: Lang = "da"
    audit_notes: list[str] = dataclasses.field(default_factory=list)


def quotes(snapshot: Snapshot, options: QuoteOptions) -> tuple[list[Quote], list[str]]:
    """The best quotes per group and theme, and the coders they were drawn from."""
    language = check_lang(options.lang)
    chosen = list(options.coders) or default_quote_coders(snapshot)
    snapshot.check_coders(chosen)
    if not chosen:
        raise InputError("the project has no codings yet; run 'mentorqual tag' first")
    chosen_themes = select_themes(snapshot, options.themes)
    interviews = {s.interview: s for s in select_interviews(snapshot, options.regions)}
    candidates = _candidates(snapshot, chosen, interviews, {c for c, _ in chosen_themes})
    sentences = snapshot.store.sentences(c.segment for c in candidates)
    for c in candidates:
        c.sentences = sentences.get(c.segment, [])
    chosen_quotes = select_quotes(
        candidates,
        chosen_themes,
        options.by,
        unknown=unknown(language),
        respondent=say(language, "respondent"),
        top=options.top,
        max_words=options.max_words,
        per_interview=options.per_interview,
    )
    return chosen_quotes, chosen


def _candidates(
    snapshot: Snapshot,
    coders: Sequence[str],
    interviews: dict[str, InterviewSummary],
    codes: set[str],
) -> list[Candidate]:
    """The paragraphs that may be quoted: one candidate per (paragraph, code), with its
    human coders, machine scores and the words that made the machine code it."""
    human_pairs: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in snapshot.all_codings:
        if row.origin == HUMAN:
            human_pairs[row.segment][row.coder].add(row.code)
    assessed: dict[int, list[str]] = defaultdict(list)  # paragraph -> humans who assessed it
    for human in snapshot.humans:
        for segment in snapshot.store.assessed(human):
            assessed[segment].append(human)
    where = snapshot.store.paragraph_interviews()
    human_interviews = {where[s] for s in assessed if s in where}

    candidates: dict[tuple[int, str], Candidate] = {}
    for row in snapshot.codings(coders):
        if row.interview not in interviews or row.code not in codes:
            continue
        c = candidates.get((row.segment, row.code))
        if c is None:
            c = candidates[(row.segment, row.code)] = Candidate(
                interview=row.interview,
                attributes=interviews[row.interview].attributes,
                segment=row.segment,
                locator=row.locator,
                text=row.text,
                code=row.code,
                sentences=(),
                machine_only=row.interview not in human_interviews,
                speaker=row.speaker,
            )
        if row.origin == HUMAN:
            c.human.add(row.coder)
            c.passage = _marked(c.passage, row)
        else:
            c.machine[row.coder] = row.score
            for hit in Evidence.from_json(row.evidence).hits:
                # A followed question's words lie before the paragraph: not a focus.
                offsets = (start - row.start for _, start, _ in hit.tokens)
                c.focus += [o for o in offsets if 0 <= o < len(row.text)]

    for c in candidates.values():  # a passage over the whole paragraph: quote as usual
        if c.passage == (0, len(c.text)):
            c.passage = None

    def quotable(c: Candidate) -> bool:
        if c.machine_only:
            return True
        # Coded by a chosen human, and no human assessed it without the theme.
        coded = human_pairs.get(c.segment, {})
        return bool(c.human) and all(c.code in coded.get(h, ()) for h in assessed[c.segment])

    return [c for c in candidates.values() if quotable(c)]


def quote_sheet(snapshot: Snapshot, options: QuoteOptions, policy: PiiPolicy) -> QuoteSheet:
    """:func:`quotes` after the PII policy, with the notes for the sheet's title page."""
    chosen, coders = quotes(snapshot, options)
    items = [(f"{q.interview} {q.locator}", q.text) for q in chosen]
    clean = policy.check(items, "quotes")
    chosen = [dataclasses.replace(q, text=clean(q.text)) for q in chosen]
    lang = check_lang(options.lang)
    notes = _quote_notes(snapshot, coders, options, lang, audit=False)
    audit_notes = _quote_notes(snapshot, coders, options, lang, audit=True)
    return QuoteSheet(chosen, coders, notes, lang, audit_notes)


def write_quote_sheet(
    path: Path, sheet: QuoteSheet, by: Sequence[str], *, audit: bool | None = None
) -> None:
    """Write the sheet; report-ready (no coders, scores or checksums on the quote lines)
    for .docx and .md unless ``audit``, with them for .xlsx and .csv."""
    if audit is None:
        audit = path.suffix.lower() in (".xlsx", ".csv")
    write_quotes(
        path,
        [q.row(by) for q in sheet.quotes],
        by,
        title=say(sheet.lang, "quotes_title", by=by_words(by, sheet.lang)),
        about=sheet.audit_notes if audit else sheet.notes,
        lang=sheet.lang,
        audit=audit,
    )


def _quote_notes(
    snapshot: Snapshot, coders: Sequence[str], options: QuoteOptions, lang: Lang, *, audit: bool
) -> list[str]:
    humans = [c for c in coders if snapshot.origins.get(c) == HUMAN]
    machines = [c for c in coders if c not in humans]
    words = [coder_words(snapshot, c, lang) for c in [*humans, *machines]]
    n = len(select_interviews(snapshot, options.regions))
    lines = [
        f"{say(lang, 'coding')}: {', '.join(words)}, {say(lang, 'interviews_n', n=n)}.",
        say(lang, "quote_rule_human"),
    ]
    if machines:
        lines.append(say(lang, "quote_rule_machine"))
    lines += [
        say(lang, "quote_rule_spread", n=options.per_interview),
        say(lang, "quote_rule_trim"),
        codebook_words(snapshot, lang, audit=audit),
        say(lang, "made", when=now()),
    ]
    return lines


def _marked(passage: tuple[int, int] | None, row: CodingRecord) -> tuple[int, int]:
    """The part of the paragraph a human coding marks, joined to what other humans
    marked of it (offsets within the paragraph)."""
    start = max(row.passage_start, row.start) - row.start
    end = min(row.passage_end or row.end, row.end) - row.start
    if passage is None:
        return start, end
    return min(passage[0], start), max(passage[1], end)
