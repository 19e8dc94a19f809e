"""The coded transcripts as HTML: every coder's codings drawn (a strip per coder, as
NVivo's coding stripes, machine coders dashed), and the index and legends counting one
coder, by default the one :func:`~.reports.theme_counts` counts, so that the view's
totals are the counts' totals and every page says whose they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from ..reports.language import Lang, check_lang, say
from ..reports.view import (
    ViewCoding,
    ViewCount,
    ViewInterview,
    ViewParagraph,
    ViewTheme,
    write_view,
)
from ..store import now
from ..tagging.evidence import Evidence
from ..types import HUMAN, PiiMode
from .coders import Snapshot, choose
from .privacy import PiiPolicy
from .scope import whose


def view_interviews(snapshot: Snapshot, coders: Sequence[str] = ()) -> list[ViewInterview]:
    """Every interview with its paragraphs and the codings of ``coders`` (or all)."""
    if coders:
        snapshot.check_coders(coders)
    codings: dict[int, list[ViewCoding]] = {}
    for row in snapshot.codings(coders):
        # The words behind a machine coding; the passage a person marked (the part of
        # it in this paragraph), or the whole paragraph.
        marked = (
            max(row.passage_start, row.start) - row.start,
            min(row.passage_end or row.end, row.end) - row.start,
        )
        spans: list[tuple[int, int, str | None]] = [
            (start - row.start, end - row.start, hit.rule)
            for hit in Evidence.from_json(row.evidence).hits
            for _, start, end in hit.tokens
        ] or [(*marked, None)]
        machine = row.origin != HUMAN
        codings.setdefault(row.segment, []).extend(
            ViewCoding(row.code, row.coder, start, end, row.score, rule, machine)
            for start, end, rule in spans
        )
    paragraphs: dict[str, list[ViewParagraph]] = {}
    for p in snapshot.store.all_paragraphs():
        paragraphs.setdefault(p.interview, []).append(
            ViewParagraph(p.locator, p.speaker, p.role, p.text, codings.get(p.id, []))  # type: ignore[arg-type]
        )
    return [
        ViewInterview(s.interview, s.attributes, paragraphs.get(s.interview, []))
        for s in snapshot.interviews
    ]


def view_count(
    snapshot: Snapshot, coders: Sequence[str], counted: str | None = None, lang: Lang = "da"
) -> ViewCount:
    """Whose codings the view counts: ``counted``, else the coder the counts default to
    when it is shown, else the first coder shown; said in ``lang``."""
    if counted is None:
        default = choose(snapshot, None).name
        counted = default if not coders or default in coders else coders[0]
    snapshot.check_coders([counted])
    choice = choose(snapshot, counted)
    where = snapshot.store.paragraph_interviews()
    assessed = len({where[u] for u in choice.units if u in where})
    said = whose(snapshot, choice, lang, assessed)
    return ViewCount(choice.name, say(lang, "view_counted", whose=said), say(lang, "not_assessed"))


def write_html_view(
    snapshot: Snapshot,
    directory: Path,
    coders: Sequence[str],
    policy: PiiPolicy,
    counted: str | None = None,
    lang: str = "da",
) -> int:
    """Write the coded transcripts as HTML, every label in ``lang``; returns the number
    of pages."""
    language = check_lang(lang)
    count = view_count(snapshot, coders, counted, language)
    assessed = _assessed_interviews(snapshot, count.coder)
    interviews = [
        dataclasses.replace(i, assessed=i.interview in assessed)
        for i in redacted_view(view_interviews(snapshot, coders), policy)
    ]
    themes = [ViewTheme(code, label, colour) for code, label, colour in snapshot.themes]
    written = write_view(
        directory,
        interviews,
        themes,
        title=say(language, "view_title", codebook=snapshot.store.codebook_name() or ""),
        generated=f"mentorqual, {now()}",
        # ids, attributes, speakers and coders; the paragraphs are redacted above
        pii=policy.check([], "transcripts") if policy.mode is not PiiMode.ALLOW else None,
        count=count,
        lang=language,
    )
    return len(written) - 1


def redacted_view(interviews: list[ViewInterview], policy: PiiPolicy) -> list[ViewInterview]:
    """The interviews after the PII policy: refused, or with each paragraph redacted and
    its highlights moved exactly onto the redacted text."""
    texts = {f"{i.interview} {p.locator}": p.text for i in interviews for p in i.paragraphs}
    cleaned, maps = policy.redact_mapped(texts, "transcripts")
    if not maps:
        return interviews
    result = []
    for interview in interviews:
        paragraphs = []
        for p in interview.paragraphs:
            key = f"{interview.interview} {p.locator}"
            shift = maps.get(key)
            if shift is not None:
                moved = []
                for c in p.codings:
                    start, end = shift.span(c.start, c.end)  # a tag it reaches into, whole
                    moved.append(dataclasses.replace(c, start=start, end=end))
                p = dataclasses.replace(p, text=cleaned[key], codings=moved)
            paragraphs.append(p)
        result.append(dataclasses.replace(interview, paragraphs=paragraphs))
    return result


def _assessed_interviews(snapshot: Snapshot, coder: str) -> set[str]:
    where = snapshot.store.paragraph_interviews()
    return {where[u] for u in snapshot.store.assessed(coder) if u in where}
