"""Code and retrieve, co-occurrence and keyword in context: the everyday retrieval of
a QDA tool, over one coder's codings and the respondents' words.

- :func:`retrieve`: every paragraph coded with a theme, with the interviewer's question
  before it, attribution and interview, in reading order;
- :func:`cooccurrence`: theme × theme counts of paragraphs coded with both;
- :func:`search`: keyword in context over respondent paragraphs, by word form or, with
  ``lemma``, by lemma and compound part as the codebook's rules match words.

Text goes through the command's :class:`~.privacy.PiiPolicy` before it is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InputError
from ..quotes import attribution
from ..reports.heatmap import write_heatmap
from ..reports.language import Lang, check_lang, number, say, unknown
from ..reports.retrieval import (
    RETRIEVAL_SUFFIXES,
    KwicLine,
    Passage,
    cooccurrence_table,
    write_cooccurrence,
    write_kwic,
    write_passages,
)
from ..reports.tables import markdown_table
from ..store import now
from ..types import group_value, report_order
from .coders import CoderChoice, Snapshot, choose
from .privacy import OffsetMap, PiiPolicy
from .questions import QuestionTracker
from .scope import by_words, codebook_words, select_themes, whose

__all__ = [
    "RETRIEVAL_SUFFIXES",
    "Cooccurrence", "Kwic", "Retrieval", "cooccurrence", "retrieve", "search",
    "write_cooccurrence_plot", "write_cooccurrence_table", "write_kwic_file", "write_retrieval",
]  # fmt: skip

KWIC_CONTEXT = 60  # characters either side of a hit


def _assessed_interviews(snapshot: Snapshot, choice: CoderChoice) -> set[str]:
    where = snapshot.store.paragraph_interviews()
    return {where[u] for u in choice.units if u in where}


# -- code and retrieve -------------------------------------------------------------------


@dataclass
class Retrieval:
    """Every passage of one theme, in reading order, and what they rest on."""

    theme: str
    label: str
    passages: list[Passage]
    notes: list[str]
    title: str
    lang: Lang


def retrieve(
    snapshot: Snapshot,
    theme: str,
    coder: str | None = None,
    by: Sequence[str] = (),
    policy: PiiPolicy | None = None,
    lang: str = "da",
) -> Retrieval:
    """Every respondent paragraph ``coder`` coded with ``theme``, each with the
    question it answers (:mod:`.questions`); grouped by ``by`` (else one group), then in
    interview and reading order."""
    language = check_lang(lang)
    (code, label), *_ = select_themes(snapshot, [theme])
    choice = choose(snapshot, coder)
    coded = {s for s, c in choice.pairs if c == code}
    attributes = {s.interview: s.attributes for s in snapshot.interviews}
    passages: list[Passage] = []
    asked, missing = QuestionTracker(), unknown(language)
    for p in snapshot.store.all_paragraphs():  # in reading order
        if p.role != "respondent":
            asked.hear(p.interview, p.text)
        elif p.id in coded:
            attrs = attributes.get(p.interview, {})
            passages.append(
                Passage(
                    group=tuple(group_value(attrs, k, missing) for k in by),
                    interview=p.interview,
                    locator=p.locator,
                    attribution=attribution(attrs, say(language, "respondent"), missing, p.speaker),
                    question=asked.question(p.interview),
                    text=p.text,
                )
            )
    passages.sort(key=lambda x: report_order(x.group, by))  # stable: reading order kept
    if policy is not None:
        items = [(f"{x.interview} {x.locator}", f"{x.question}\n{x.text}") for x in passages]
        clean = policy.check(items, "retrieval")
        passages = [replace(x, question=clean(x.question), text=clean(x.text)) for x in passages]
    n = len(_assessed_interviews(snapshot, choice))
    notes = [
        f"{whose(snapshot, choice, language, n)}.",
        say(language, "retrieve_what", label=label, n=number(len(passages), 0, language)),
        codebook_words(snapshot, language),
        say(language, "made", when=now()),
    ]
    title = say(language, "retrieve_title", label=label)
    if by:
        title += " " + say(language, "by_groups", by=by_words(by, language))
    return Retrieval(code, label, passages, notes, title, language)


def write_retrieval(result: Retrieval, path: Path, by: Sequence[str] = ()) -> None:
    write_passages(
        path, result.passages, by, title=result.title, about=result.notes, lang=result.lang
    )


# -- co-occurrence -------------------------------------------------------------------------


@dataclass
class Cooccurrence:
    """Paragraphs coded with both themes, for every pair (the diagonal: with the theme)."""

    themes: list[tuple[str, str]]  # (code, label)
    counts: list[list[int]]
    notes: list[str]
    lang: Lang

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.themes]

    def rows(self) -> list[dict[str, object]]:
        """The table as people read it, a column per theme's label."""
        return cooccurrence_table(self.labels, self.counts, self.lang)

    def markdown(self) -> str:
        """The table as the terminal shows it."""
        return markdown_table(self.rows())


def cooccurrence(
    snapshot: Snapshot, coder: str | None = None, themes: Sequence[str] = (), lang: str = "da"
) -> Cooccurrence:
    """Theme × theme counts of ``coder``'s respondent paragraphs coded with both."""
    language = check_lang(lang)
    chosen = select_themes(snapshot, themes)
    choice = choose(snapshot, coder)
    where = snapshot.store.paragraph_interviews()
    codes: dict[int, set[str]] = {}
    for segment, code in choice.pairs:
        if segment in where:
            codes.setdefault(segment, set()).add(code)
    counts = [
        [sum(1 for found in codes.values() if a in found and b in found) for b, _ in chosen]
        for a, _ in chosen
    ]
    n = len(_assessed_interviews(snapshot, choice))
    notes = [
        f"{whose(snapshot, choice, language, n)}.",
        f"{say(language, 'cooccurrence_cells')} {say(language, 'cooccurrence_diagonal')}",
        codebook_words(snapshot, language),
        say(language, "made", when=now()),
    ]
    return Cooccurrence(list(chosen), counts, notes, language)


def write_cooccurrence_table(result: Cooccurrence, path: Path, *, excel_dk: bool = False) -> None:
    title = say(result.lang, "cooccurrence_title")
    write_cooccurrence(
        path,
        result.themes,
        result.counts,
        title=title,
        about=result.notes,
        lang=result.lang,
        excel_dk=excel_dk,
    )


def write_cooccurrence_plot(result: Cooccurrence, path: Path) -> None:
    """The table as a heatmap: the pairs of different themes coloured, the diagonal
    (each theme's own count, far larger than any pair) in grey, as the caption says."""
    lang = result.lang
    caption = " ".join(
        [result.notes[0], say(lang, "cooccurrence_cells"), say(lang, "cooccurrence_colours")]
    )
    write_heatmap(
        path,
        [[float(n) for n in row] for row in result.counts],
        result.labels,
        result.labels,
        title=say(lang, "cooccurrence_title"),
        legend=say(lang, "cooccurrence_legend"),
        decimals=0,
        caption=caption,
        diagonal=True,
        lang=lang,
    )


# -- keyword in context ----------------------------------------------------------------------


@dataclass
class Kwic:
    """Every hit of a search, with its context, and what the search was."""

    words: list[str]
    lines: list[KwicLine]
    notes: list[str]
    lang: Lang


_TOKEN = re.compile(r"\w+(?:-\w+)*")


def _matcher(words: Sequence[str], lemma: bool) -> Callable[[str], bool]:
    """A function from a lower-cased word to whether it matches any query word."""
    cleaned = [w.lower().strip() for w in words if w.strip("* ")]
    if not cleaned:
        raise InputError("search needs at least one word")
    if not lemma:
        patterns = [
            re.compile(
                ("" if w.startswith("*") else "^") + re.escape(w.strip("*"))
                + ("" if w.endswith("*") else "$")
            )
            for w in cleaned
        ]  # fmt: skip
        return lambda token: any(p.search(token) for p in patterns)
    from .. import nlp  # spaCy's lemma table: loaded only for a lemma search
    from ..tagging.words import Term, WordAnalyser  # the rules' own word analysis

    terms = [
        Term(nlp.lemma(w.strip("*")), head=w.startswith("*"), modifier=w.endswith("*"))
        for w in cleaned
    ]
    analyse = WordAnalyser(terms)
    return lambda token: bool(analyse(token))


def search(
    snapshot: Snapshot,
    words: Sequence[str],
    *,
    lemma: bool = False,
    regions: Sequence[str] = (),
    policy: PiiPolicy | None = None,
    lang: str = "da",
) -> Kwic:
    """Keyword in context over respondent paragraphs: every word that matches one of
    ``words`` (``*`` where a compound may attach: ``*kursus``, ``mentor*``), by word
    form, or with ``lemma`` by lemma, inflection and compound part as the rules do."""
    language = check_lang(lang)
    matches = _matcher(words, lemma)
    summaries = {s.interview: s for s in snapshot.interviews}
    if regions:
        from .coders import check_values

        check_values("region", regions, sorted({s.region for s in summaries.values()}))
    found: list[tuple[str, str, str, str, int, int]] = []  # key, interview, locator, text, s, e
    for p in snapshot.store.respondent_paragraphs():
        summary = summaries.get(p.interview)
        if summary is None or (regions and summary.region not in regions):
            continue
        for token in _TOKEN.finditer(p.text):
            if matches(token.group().lower()):
                key = f"{p.interview} {p.locator}"
                found.append((key, p.interview, p.locator, p.text, token.start(), token.end()))
    texts = {key: text for key, _, _, text, _, _ in found}
    maps: dict[str, OffsetMap] = {}
    if policy is not None:
        texts, maps = policy.redact_mapped(texts, "search results")
    lines = []
    for key, interview, locator, _, start, end in found:
        shift = maps.get(key)
        if shift is not None:
            start, end = shift.span(start, end)  # a tag the hit reaches into, whole
        text = texts[key]
        attrs = summaries[interview].attributes
        lines.append(
            KwicLine(
                interview=interview,
                locator=locator,
                attribution=attribution(attrs, say(language, "respondent"), unknown(language)),
                region=summaries[interview].region,
                left=_context(text[:start], left=True),
                hit=text[start:end],
                right=_context(text[end:], left=False),
            )
        )
    how = say(language, "search_lemma" if lemma else "search_form")
    notes = [
        say(language, "search_what", words=", ".join(words), n=number(len(lines), 0, language)),
        how,
        say(language, "made", when=now()),
    ]
    return Kwic(list(words), lines, notes, language)


def _context(text: str, *, left: bool) -> str:
    """At most :data:`KWIC_CONTEXT` characters of ``text`` next to a hit, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= KWIC_CONTEXT:
        return text
    if left:
        cut = text[-KWIC_CONTEXT:]
        return "… " + cut.split(" ", 1)[-1] if " " in cut else "…" + cut
    cut = text[:KWIC_CONTEXT]
    return cut.rsplit(" ", 1)[0] + " …" if " " in cut else cut + "…"


def write_kwic_file(result: Kwic, path: Path, *, excel_dk: bool = False) -> None:
    title = say(result.lang, "search_title", words=", ".join(result.words))
    write_kwic(
        path, result.lines, title=title, about=result.notes, lang=result.lang, excel_dk=excel_dk
    )
