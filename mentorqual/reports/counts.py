"""Theme counts as CSV (one long table), Markdown or XLSX (one sheet per measure).

Every table carries its N interviews and N words per column and the caption saying
what is counted and by whom; a column resting on fewer interviews than the minimum is
marked with `` *`` (and greyed out in Excel), with a note saying why.

The CSV is data: its columns are the long table's keys (``region, theme, label,
segments, ...``) in every language, as README promises, so that scripts read it
alike. The Excel file is read by people: its Data sheet says the same columns in the
report's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .files import TABLE_SUFFIXES
from .language import Lang, attribute, number, say
from .tables import Row, Sheet, markdown_table, write_by_suffix, write_workbook

# Shown with whole counts, one decimal for %, two for rates.
DECIMALS = {"segments": 0, "interviews_pct": 1, "per_1000_words": 2}
FORMATS = {m: "0." + "0" * d if d else "0" for m, d in DECIMALS.items()}
LOW_MARK = " *"
# The long table's column -> its heading in the Data sheet; a grouping attribute is
# named as headings name it ("Region", "Rolle").
DATA_HEADINGS = {
    "theme": "code", "label": "theme", "segments": "segments", "interviews": "data:interviews",
    "n_interviews": "n_interviews", "interviews_pct": "interviews_pct", "n_words": "n_words",
    "per_1000_words": "per_1000_words", "low_n": "data:low_n",
}  # fmt: skip


@dataclass(frozen=True)
class Pivot:
    """One measure as a theme × group table, N rows last."""

    measure: str
    title: str
    sheet: str  # a worksheet name of at most 31 characters
    table: Sequence[Row]


@dataclass(frozen=True)
class CountsTables:
    """What a counts file shows: the long table, a pivot per measure, the notes."""

    rows: Sequence[Row]
    columns: Sequence[str]
    pivots: Sequence[Pivot]
    notes: Sequence[str]  # caption first: what is counted, by whom, over what
    low: frozenset[str] = frozenset()  # group columns under the minimum N
    lang: Lang = "da"
    title: str = ""

    def marked(self, table: Sequence[Row]) -> list[Row]:
        """The table with every low-N column's name marked."""
        return [{self.header(k): v for k, v in row.items()} for row in table]

    def header(self, column: str) -> str:
        return column + LOW_MARK if column in self.low else column


def write_counts(path: Path, tables: CountsTables, *, excel_dk: bool = False) -> None:
    """Write theme counts to ``path`` (.csv, .md or .xlsx).

    CSV holds the long table, values rounded as the tables show them, comma-separated
    with a decimal point; ``excel_dk`` writes ``;`` and a decimal comma instead, as
    Danish Excel opens without an import dialogue.

    Example:
        write_counts(Path("counts.xlsx"), tables)
    """
    write_by_suffix(
        path,
        TABLE_SUFFIXES,
        tables.rows,
        tables.columns,
        {
            ".md": lambda temp: temp.write_text(_markdown(tables), encoding="utf-8"),
            ".xlsx": lambda temp: write_workbook(_sheets(tables), temp),
        },
        decimals=DECIMALS,
        excel_dk=excel_dk,
    )


def _markdown(tables: CountsTables) -> str:
    body = "\n".join([f"# {tables.title}\n", *(f"- {n}" for n in tables.notes), ""])
    return body + "\n" + counts_markdown(tables)


def _sheets(tables: CountsTables) -> list[Sheet]:
    lang = tables.lang
    sheets = []
    for pivot in tables.pivots:
        table = tables.marked(pivot.table)
        columns = list(table[0].keys()) if table else []
        sheets.append(
            Sheet(
                pivot.sheet,
                table,
                columns,
                formats={c: FORMATS[pivot.measure] for c in columns},
                notes=[pivot.title, *tables.notes],
                muted=[tables.header(c) for c in tables.low],
            )
        )
    sheets.append(data_sheet(tables))
    note = say(lang, "note")
    sheets.append(
        Sheet(
            say(lang, "sheet:about"),
            [{note: n} for n in tables.notes],
            [note],
            widths={note: 100},
        )
    )
    return sheets


def data_headings(columns: Sequence[str], lang: Lang) -> dict[str, str]:
    """The long table's columns -> their headings in ``lang``: "Kode", "Tema",
    "Kodede afsnit" ... in Danish; "Code", "Theme", "Coded paragraphs" ... in English.

    Example:
        data_headings(["region", "theme", "segments"], "da")
        # {"region": "Region", "theme": "Kode", "segments": "Kodede afsnit"}
    """
    return {
        c: say(lang, DATA_HEADINGS[c]) if c in DATA_HEADINGS else attribute(lang, c)
        for c in columns
    }


def data_sheet(tables: CountsTables) -> Sheet:
    """The long table as a sheet, its headings in the report's language."""
    headings = data_headings(tables.columns, tables.lang)
    rows = [{headings.get(k, k): v for k, v in row.items()} for row in tables.rows]
    formats = {headings[m]: f for m, f in FORMATS.items() if m in headings}
    return Sheet(say(tables.lang, "sheet:data"), rows, list(headings.values()), formats=formats)


def counts_markdown(tables: CountsTables) -> str:
    """The pivot tables as Markdown, each number with its measure's decimals, in the
    report's language."""
    parts = []
    for pivot in tables.pivots:
        decimals = DECIMALS.get(pivot.measure, 0)
        shown = [
            {
                k: number(v, decimals if isinstance(v, float) else 0, tables.lang)
                if isinstance(v, int | float)
                else v
                for k, v in row.items()
            }
            for row in tables.marked(pivot.table)
        ]
        parts += [f"## {pivot.title}\n", markdown_table(shown)]
    return "\n".join(parts)
