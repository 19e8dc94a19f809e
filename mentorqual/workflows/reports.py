"""Report workflows: theme counts, quote sheets and the HTML view.

Each reads what it needs from a :class:`~.coders.Snapshot`, computes with the pure
engines (:mod:`mentorqual.counts`, :mod:`mentorqual.quotes`) and hands rows to
:mod:`mentorqual.reports`, which writes the files. Text that leaves the project goes
through the command's :class:`~.privacy.PiiPolicy` first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import counts as counting
from ..errors import InputError
from ..quotes import Candidate, Quote, select_quotes
from ..reports.counts import counts_markdown, write_counts
from ..reports.heatmap import write_heatmap
from ..reports.quotes import QUOTE_SUFFIXES as QUOTE_SUFFIXES  # what a sheet can be
from ..reports.quotes import write_quotes
from ..reports.view import ViewCoding, ViewInterview, ViewParagraph, ViewTheme, write_view
from ..store import InterviewSummary, now
from ..tagging.evidence import Evidence
from ..types import HUMAN, PiiMode
from .coders import CoderChoice, Snapshot, check_values, choose, default_quote_coders, names
from .privacy import PiiPolicy

if TYPE_CHECKING:
    import pandas as pd


def _interviews(snapshot: Snapshot, regions: Sequence[str]) -> list[InterviewSummary]:
    summaries = snapshot.interviews
    check_values("region", regions, sorted({s.region for s in summaries}))
    return [s for s in summaries if not regions or s.region in regions]


def _themes(snapshot: Snapshot, themes: Sequence[str]) -> list[tuple[str, str]]:
    all_themes = [(code, label) for code, label, _ in snapshot.themes]
    check_values("theme", themes, [c for c, _ in all_themes])
    return [t for t in all_themes if not themes or t[0] in themes]


# -- counts ------------------------------------------------------------------------


@dataclass
class CountsResult:
    """Theme counts with what they rest on."""

    rows: list[dict[str, object]]
    by: list[str]
    coder: CoderChoice
    notes: list[str]

    def __repr__(self) -> str:
        return f"CountsResult(by={self.by}, coder={self.coder.name!r}, {len(self.rows)} rows)"

    @property
    def columns(self) -> list[str]:
        return [*self.by, *(k for k in self.rows[0] if k not in self.by)] if self.rows else []

    def pivots(self) -> dict[str, tuple[str, list[dict[str, object]]]]:
        return {
            measure: (title, counting.pivot(self.rows, measure, self.by))
            for measure, title in counting.MEASURES.items()
        }

    def markdown(self) -> str:
        """The pivot tables, as the terminal shows them."""
        return counts_markdown(self.pivots())

    def to_frame(self) -> pd.DataFrame:
        """The long table (one row per group and theme) as a pandas DataFrame."""
        import pandas as pd  # only for notebooks

        return pd.DataFrame(self.rows, columns=self.columns)


def theme_counts(
    snapshot: Snapshot,
    by: Sequence[str],
    coder: str | None,
    themes: Sequence[str] = (),
    regions: Sequence[str] = (),
) -> CountsResult:
    """Theme counts per group over the interviews the chosen coder assessed."""
    choice = choose(snapshot, coder)
    # A theme the coder did not assess (added later) is missing, not zero: left out.
    chosen_themes = [t for t in _themes(snapshot, themes) if t[0] not in choice.unassessed]
    interviews = _interviews(snapshot, regions)
    for key in by:
        if key not in ("region", "role") and not any(key in s.attributes for s in interviews):
            attrs = sorted({k for s in interviews for k in s.attributes})
            raise InputError(f"unknown attribute {key!r} for --by; valid: {names(attrs)}")
    where = snapshot.store.paragraph_interviews()
    assessed = {where[u] for u in choice.units if u in where}
    scope = [
        counting.InterviewScope(s.interview, s.attributes, s.words)
        for s in interviews
        if s.interview in assessed
    ]
    if not scope:
        raise InputError(f"coder {choice.name!r} has assessed none of the selected interviews")
    rows = counting.theme_counts(
        scope, ((where[s], s, c) for s, c in choice.pairs if s in where), chosen_themes, by
    )
    notes = [
        f"Kodning: {choice.description}.",
        f"Kodebog: {snapshot.codebook}.",
        f"Interviews: {len(scope)} af {len(interviews)} (dem koderen har vurderet).",
        "Kodede afsnit: informantens afsnit kodet med temaet.",
        "Interviews der nævner temaet: interviews med mindst ét kodet afsnit, og deres andel "
        "af gruppens interviews.",
        "Pr. 1.000 ord: kodede afsnit pr. 1.000 ord informanttale i gruppen.",
        f"Lavet {now()} med mentorqual.",
    ]
    if choice.unassessed:
        notes.insert(
            3,
            f"Ikke vurderet af koderen og derfor udeladt: {', '.join(sorted(choice.unassessed))}.",
        )
    return CountsResult(rows, list(by), choice, notes)


def write_theme_counts(result: CountsResult, path: Path) -> None:
    write_counts(path, result.rows, result.columns, result.pivots(), result.notes)


def write_counts_heatmap(result: CountsResult, path: Path) -> None:
    """Coded paragraphs per 1,000 words, theme × group."""
    table = counting.pivot(result.rows, "per_1000_words", result.by)[:-2]
    columns = [c for c in table[0] if c != "Tema"] if table else []
    write_heatmap(
        path,
        [[float(str(row[c])) for c in columns] for row in table],
        [str(row["Tema"]) for row in table],
        columns,
        title=f"Kodede afsnit pr. 1.000 ord pr. {' og '.join(result.by)} "
        f"(kodning: {result.coder.name})",
        legend="Kodede afsnit pr. 1.000 ord",
        decimals=1,
    )


# -- quotes ------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteOptions:
    """How quotes are chosen; the defaults are the command line's."""

    by: Sequence[str] = ("region",)
    coders: Sequence[str] = ()
    themes: Sequence[str] = ()
    regions: Sequence[str] = ()
    top: int = 5
    max_words: int = 80
    per_interview: int = 2

    def check(self) -> None:
        if self.top < 1 or self.max_words < 1 or self.per_interview < 1:
            raise InputError("--top, --max-words and --per-interview must be at least 1")


@dataclass
class QuoteSheet:
    """Chosen quotes, the coders they were drawn from, and the sheet's notes."""

    quotes: list[Quote]
    coders: list[str]
    notes: list[str]


def quotes(snapshot: Snapshot, options: QuoteOptions) -> tuple[list[Quote], list[str]]:
    """The best quotes per group and theme, and the coders they were drawn from."""
    chosen = list(options.coders) or default_quote_coders(snapshot)
    snapshot.check_coders(chosen)
    if not chosen:
        raise InputError("the project has no codings yet; run 'mentorqual tag' first")
    chosen_themes = _themes(snapshot, options.themes)
    interviews = {s.interview: s for s in _interviews(snapshot, options.regions)}
    candidates = _candidates(snapshot, chosen, interviews, {c for c, _ in chosen_themes})
    sentences = snapshot.store.sentences(s for s, _ in candidates)
    for (segment, _), c in candidates.items():
        c.sentences = sentences.get(segment, [])
    chosen_quotes = select_quotes(
        candidates.values(),
        chosen_themes,
        options.by,
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
) -> dict[tuple[int, str], Candidate]:
    """One candidate per coded (paragraph, code), with its human coders, machine
    scores and the words that made the machine code it."""
    candidates: dict[tuple[int, str], Candidate] = {}
    for row in snapshot.codings(coders):
        if row.interview not in interviews or row.code not in codes:
            continue
        key = (row.segment, row.code)
        c = candidates.get(key)
        if c is None:
            c = candidates[key] = Candidate(
                interview=row.interview,
                attributes=interviews[row.interview].attributes,
                segment=row.segment,
                locator=row.locator,
                text=row.text,
                code=row.code,
                sentences=(),
            )
        if row.origin == HUMAN:
            c.human.add(row.coder)
        else:
            c.machine[row.coder] = row.score
            for hit in Evidence.from_json(row.evidence).hits:
                # A followed question's words lie before the paragraph: not a focus.
                offsets = (start - row.start for _, start, _ in hit.tokens)
                c.focus += [o for o in offsets if 0 <= o < len(row.text)]
    return candidates


def quote_sheet(snapshot: Snapshot, options: QuoteOptions, policy: PiiPolicy) -> QuoteSheet:
    """:func:`quotes` after the PII policy, with the notes for the sheet's title page."""
    chosen, coders = quotes(snapshot, options)
    items = [(f"{q.interview} {q.locator}", q.text) for q in chosen]
    clean = policy.check(items, "quotes")
    chosen = [dataclasses.replace(q, text=clean(q.text)) for q in chosen]
    return QuoteSheet(chosen, coders, _quote_notes(snapshot, coders, options.per_interview))


def write_quote_sheet(path: Path, sheet: QuoteSheet, by: Sequence[str]) -> None:
    write_quotes(
        path,
        [q.row(by) for q in sheet.quotes],
        by,
        title=f"Citater pr. {' og '.join(by)}",
        about=sheet.notes,
    )


def _quote_notes(snapshot: Snapshot, coders: Sequence[str], per_interview: int) -> list[str]:
    return [
        f"Kodebog: {snapshot.codebook}.",
        f"Kodere: {', '.join(coders)}. Afsnit kodet af mennesker kommer først, dernæst efter "
        "maskinens score.",
        f"Højst {per_interview} citater pr. interview pr. tema; næsten ens citater er fjernet.",
        "Citater er forkortet til hele sætninger; [...] markerer udeladt tekst.",
        f"Lavet {now()} med mentorqual.",
    ]


# -- the HTML view -------------------------------------------------------------------


def view_interviews(snapshot: Snapshot, coders: Sequence[str] = ()) -> list[ViewInterview]:
    """Every interview with its paragraphs and the codings of ``coders`` (or all)."""
    if coders:
        snapshot.check_coders(coders)
    codings: dict[int, list[ViewCoding]] = {}
    for row in snapshot.codings(coders):
        length = row.end - row.start
        spans: list[tuple[int, int, str | None]] = [
            (start - row.start, end - row.start, hit.rule)
            for hit in Evidence.from_json(row.evidence).hits
            for _, start, end in hit.tokens
        ] or [(0, length, None)]
        codings.setdefault(row.segment, []).extend(
            ViewCoding(row.code, row.coder, start, end, row.score, rule)
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


def write_html_view(
    snapshot: Snapshot, directory: Path, coders: Sequence[str], policy: PiiPolicy
) -> int:
    """Write the coded transcripts as HTML; returns the number of pages."""
    interviews = redacted_view(view_interviews(snapshot, coders), policy)
    themes = [ViewTheme(code, label, colour) for code, label, colour in snapshot.themes]
    written = write_view(
        directory,
        interviews,
        themes,
        title=f"Kodede interviews: {snapshot.store.codebook_name() or ''}",
        generated=f"mentorqual, {now()}",
        # ids, attributes, speakers and coders; the paragraphs are redacted above
        pii=policy.check([], "transcripts") if policy.mode is not PiiMode.ALLOW else None,
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
