"""Report workflows: theme counts (here), quote sheets (:mod:`.quoting`) and the HTML
view (:mod:`.viewing`).

Each reads what it needs from a :class:`~.coders.Snapshot`, computes with the pure
engines (:mod:`mentorqual.counts`, :mod:`mentorqual.quotes`) and hands rows to
:mod:`mentorqual.reports`, which writes the files. Text that leaves the project goes
through the command's :class:`~.privacy.PiiPolicy` first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import counts as counting
from ..errors import InputError
from ..reports.counts import CountsTables, Pivot, counts_markdown, write_counts
from ..reports.heatmap import write_heatmap
from ..reports.language import Lang, check_lang, number, say, unknown
from ..store import now
from .coders import CoderChoice, Snapshot, choose, names

# Quotes and the view live in .quoting and .viewing; named here for the callers that
# know them as reports.
from .quoting import (
    QUOTE_SUFFIXES,
    QuoteOptions,
    QuoteSheet,
    quote_sheet,
    quotes,
    write_quote_sheet,
)
from .scope import by_words, codebook_words, select_interviews, select_themes, whose
from .viewing import redacted_view, view_interviews, write_html_view

if TYPE_CHECKING:
    import pandas as pd

MIN_N = 3  # interviews: a group with fewer is marked, not compared
_interviews, _themes = select_interviews, select_themes


# -- counts ------------------------------------------------------------------------


@dataclass
class CountsResult:
    """Theme counts with what they rest on."""

    rows: list[dict[str, object]]
    by: list[str]
    coder: CoderChoice
    notes: list[str]
    lang: Lang = "da"
    min_n: int = MIN_N
    whose: str = ""  # "Kodning: koder A (menneske), 30 interviews"

    def __repr__(self) -> str:
        return f"CountsResult(by={self.by}, coder={self.coder.name!r}, {len(self.rows)} rows)"

    @property
    def columns(self) -> list[str]:
        return [*self.by, *(k for k in self.rows[0] if k not in self.by)] if self.rows else []

    @property
    def low(self) -> frozenset[str]:
        """Group columns (as the pivots name them) resting on fewer than ``min_n``."""
        return frozenset(
            self.column(row) for row in self.rows if int(str(row["n_interviews"])) < self.min_n
        )

    def column(self, row: dict[str, object]) -> str:
        return " / ".join(str(row[k]) for k in self.by)

    def pivots(self) -> list[Pivot]:
        lang = self.lang
        return [
            Pivot(
                measure,
                say(lang, measure),
                say(lang, f"sheet:{measure}"),
                counting.pivot(
                    self.rows,
                    measure,
                    self.by,
                    theme=say(lang, "theme"),
                    n_interviews=say(lang, "n_interviews"),
                    n_words=say(lang, "n_words"),
                ),
            )
            for measure in counting.MEASURES
        ]

    def tables(self) -> CountsTables:
        title = say(self.lang, "counts_title", by=by_words(self.by, self.lang))
        return CountsTables(
            self.rows, self.columns, self.pivots(), self.notes, self.low, self.lang, title
        )

    def markdown(self) -> str:
        """The pivot tables, as the terminal shows them, under whose codings they count."""
        return f"{self.whose}.\n\n" + counts_markdown(self.tables())

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
    *,
    lang: str = "da",
    min_n: int = MIN_N,
) -> CountsResult:
    """Theme counts per group over the interviews the chosen coder assessed."""
    language = check_lang(lang)
    if min_n < 1:
        raise InputError("--min-n must be at least 1")
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
        scope,
        ((where[s], s, c) for s, c in choice.pairs if s in where),
        chosen_themes,
        by,
        unknown=unknown(language),
        all_label=say(language, "all"),
    )
    for row in rows:
        row["low_n"] = int(str(row["n_interviews"])) < min_n
    said = whose(snapshot, choice, language, len(scope))
    notes = [
        f"{said}.",
        say(language, "scope", n=len(scope), total=len(interviews)),
        codebook_words(snapshot, language),
        say(language, "def:segments"),
        say(language, "def:interviews"),
        say(language, "def:per_1000"),
    ]
    if choice.unassessed:
        notes.insert(3, say(language, "unassessed", codes=", ".join(sorted(choice.unassessed))))
    if any(row["low_n"] for row in rows):
        notes.append(say(language, "low_n", n=min_n))
    notes.append(say(language, "made", when=now()))
    return CountsResult(rows, list(by), choice, notes, language, min_n, said)


def write_theme_counts(result: CountsResult, path: Path, *, excel_dk: bool = False) -> None:
    write_counts(path, result.tables(), excel_dk=excel_dk)


def write_counts_heatmap(result: CountsResult, path: Path) -> None:
    """Coded paragraphs per 1,000 words, theme × group, with N under every column."""
    lang = result.lang
    pivot = next(p for p in result.pivots() if p.measure == "per_1000_words")
    table, n_row, words_row = pivot.table[:-2], pivot.table[-2], pivot.table[-1]
    key = say(lang, "theme")
    columns = [c for c in table[0] if c != key] if table else []
    labels = [
        f"{c}\n{say(lang, 'n_tick', n=n_row[c], words=number(words_row[c], 0, lang))}"
        for c in columns
    ]
    low = result.low
    caption = " ".join(
        [
            f"{result.whose}. {say(lang, 'def:per_1000')}",
            say(lang, "low_n_plot", n=result.min_n) if low & set(columns) else "",
        ]
    ).strip()
    write_heatmap(
        path,
        [[float(str(row[c])) for c in columns] for row in table],
        [str(row[key]) for row in table],
        labels,
        title=say(lang, "heatmap_title", by=by_words(result.by, lang)),
        legend=say(lang, "per_1000_words"),
        decimals=1,
        caption=caption,
        muted=[j for j, c in enumerate(columns) if c in low],
        lang=lang,
    )


__all__ = [
    "MIN_N", "QUOTE_SUFFIXES", "CountsResult", "QuoteOptions", "QuoteSheet", "quote_sheet",
    "quotes", "redacted_view", "theme_counts", "view_interviews", "write_counts_heatmap",
    "write_html_view", "write_quote_sheet", "write_theme_counts",
]  # fmt: skip
