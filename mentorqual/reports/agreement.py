"""Inter-coder agreement reports as Excel, Markdown or Word.

Rows in, files out: the audit (`mentorqual.audit.Audit`) computes every figure; this
module only names the columns in the report's language (its words come from
:mod:`.language`), says the audit's markers, keys and notes in it, formats the numbers
and lays out the sheets, sections and tables.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..types import ALL
from .files import atomic_path, check_suffix
from .language import WORDS, Lang, attribute, number, percent, say, say_note
from .tables import Row, Sheet, markdown_table, write_workbook
from .widths import column_widths

AGREEMENT_SUFFIXES = (".xlsx", ".md", ".docx")

PERCENT = "0.0%"
COUNT = "General"
TABLE_STYLE = "Table Grid"

# The notes on the statistics, in the order the report gives them.
STATISTICS = (
    "stat:units", "stat:prevalence", "stat:percent", "stat:kappa", "stat:kappa_band",
    "stat:alpha", "stat:alpha_verdict", "stat:ac1", "stat:coincidence", "stat:confusion",
    "stat:disagreements",
)  # fmt: skip


class AgreementTables(Protocol):
    """What the writer reads from an audit: `mentorqual.audit.Audit` fits."""

    @property
    def coders(self) -> Sequence[str]: ...
    @property
    def codes(self) -> Sequence[str]: ...
    @property
    def unit(self) -> str: ...
    @property
    def by(self) -> str | None: ...
    @property
    def units_in_scope(self) -> int: ...
    @property
    def units_used(self) -> int: ...
    @property
    def assessed(self) -> Mapping[str, int]: ...
    @property
    def n_boot(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def kappa_kind(self) -> str: ...
    def summary_rows(self) -> list[Row]: ...
    def group_rows(self) -> list[Row]: ...
    def matrix_rows(self) -> list[Row]: ...
    def disagreement_rows(self) -> list[Row]: ...


def write_agreement(
    path: Path, audit: AgreementTables, *, title: str, about: Sequence[str], lang: Lang = "da"
) -> None:
    """Write an agreement audit to ``path`` (.xlsx, .md or .docx), atomically.

    Args:
        path: the output file; the format follows the suffix.
        audit: the audit's figures.
        title: the document title.
        about: lines for the top of the report (project, codebook, date, scope).
        lang: the language of every heading, note and number (``da`` or ``en``).

    Raises:
        InputError: An unsupported suffix, or a folder that cannot be written.

    Example:
        write_agreement(Path("agreement.docx"), audit, title="Enighed", about=[], lang="en")
    """
    suffix = check_suffix(path, AGREEMENT_SUFFIXES)
    words = Words(audit, lang)
    notes = [*describe(audit, lang), *(say(lang, key) for key in STATISTICS)]
    with atomic_path(path) as temp:
        if suffix == ".xlsx":
            _write_xlsx(temp, words, [title, *about, *notes])
        elif suffix == ".md":
            temp.write_text(_markdown(words, title, about, notes), "utf-8")
        else:
            _write_docx(temp, words, title, about, notes)


def describe(audit: AgreementTables, lang: Lang = "da") -> list[str]:
    """What the figures rest on: themes, units used, missing units, bootstrap."""
    assessed = ", ".join(f"{c} {number(n, 0, lang)}" for c, n in audit.assessed.items())
    total, used = (number(n, 0, lang) for n in (audit.units_in_scope, audit.units_used))
    lines = [
        say(lang, "ag:themes", codes=", ".join(audit.codes)),
        say(lang, "ag:scope", total=total, assessed=assessed, used=used),
        say(lang, "ag:missing"),
        say(lang, "ag:all_row"),
    ]
    if audit.n_boot:
        lines.append(say(lang, "ag:bootstrap", n=number(audit.n_boot, 0, lang), seed=audit.seed))
    else:
        lines.append(say(lang, "ag:no_bootstrap"))
    return lines


# -- tables: headings in the report's language over the audit's rows ---------------------


class Words:
    """The audit's tables as the report shows them: headings, words and numbers in
    ``lang``."""

    def __init__(self, audit: AgreementTables, lang: Lang) -> None:
        self.audit, self.lang = audit, lang

    def say(self, key: str, **values: object) -> str:
        return say(self.lang, key, **values)

    def figure_columns(self, group: bool) -> dict[str, str]:
        """Heading -> row key of the per-code tables."""
        audit, say = self.audit, self.say
        columns = {self.group_heading(): "group"} if group else {}
        columns |= {say("theme"): "label", say("ag:units"): "units"}
        columns |= {say("ag:prevalence", coder=c): f"prevalence:{c}" for c in audit.coders}
        columns |= {say("ag:percent"): "percent", self.kappa_heading(): "kappa"}
        columns |= {say("ag:kappa_band"): "kappa_band", say("ag:alpha"): "alpha"}
        columns |= {say("ag:alpha_low"): "alpha_low", say("ag:alpha_high"): "alpha_high"}
        columns |= {say("ag:alpha_verdict"): "alpha_verdict", say("ag:ac1"): "ac1"}
        return columns | {say("ag:notes"): "notes"}

    def kappa_heading(self) -> str:
        """Cohen's κ for two coders, Fleiss' for more."""
        return self.say(f"ag:kappa:{self.audit.kappa_kind}")

    def by_words(self) -> str:
        """The grouping attributes as words: "region, rolle"."""
        return ", ".join(attribute(self.lang, b).lower() for b in str(self.audit.by).split(", "))

    def group_heading(self) -> str:
        """The per-group column: "Region", "Rolle", "Region, rolle", else the attribute."""
        heading = self.by_words()
        return heading[:1].upper() + heading[1:]

    def group_title(self) -> str:
        """ "Pr. region", "By role"; a valid Excel sheet name (31 characters)."""
        title = self.say("ag:per_group", by=self.by_words())
        return title.translate(str.maketrans("/\\?*[]:", "-------"))[:31]

    def cell(self, key: str, value: Any) -> Any:
        """A row's value in the report's words: the bands and verdicts."""
        kind = {"kappa_band": "band", "alpha_verdict": "verdict"}.get(key)
        return self.say(f"{kind}:{value}") if f"{kind}:{value}" in WORDS else value

    def figures(self, rows: Sequence[Row], columns: Mapping[str, str]) -> list[Row]:
        said = (spoken(r, self.lang) for r in rows)
        return [{h: self.cell(k, r[k]) for h, k in columns.items()} for r in said]

    def disagreements(self) -> tuple[list[Row], list[str]]:
        say = self.say
        columns = {say("quote:interview"): "interview", say("head:region"): "region"}
        if self.audit.unit == "segment":
            columns |= {say("quote:segment"): "locator", say("ag:text"): "text"}
        columns |= {c: f"codes:{c}" for c in self.audit.coders}
        columns |= {say("ag:disputed"): "disputed"}
        shown = {None: say("not_assessed"), "": say("ag:no_codes")}
        rows = [
            {
                h: shown.get(r[k], r[k]) if k.startswith("codes:") else r[k]
                for h, k in columns.items()
            }
            for r in self.audit.disagreement_rows()
        ]
        return rows, list(columns)

    def matrix_name(self, kind: str) -> str:
        if kind == "coincidence":
            return self.say("ag:coincidence")
        first, second = self.audit.coders[:2]
        return self.say("ag:confusion", first=first, second=second)

    def values(self) -> list[str]:
        """The two values a rating takes: absent, present."""
        return [self.say("value:absent"), self.say("value:present")]

    def matrices(self) -> list[Row]:
        absent, present = self.values()
        return [
            {
                self.say("theme"): r["label"],
                self.say("ag:matrix"): self.matrix_name(r["matrix"]),
                self.say("ag:rating"): self.say(f"value:{r['value']}"),
                absent: r["absent"],
                present: r["present"],
            }
            for r in self.audit.matrix_rows()
        ]

    def formats(self) -> dict[str, str]:
        shares = [self.say("ag:percent")]
        shares += [self.say("ag:prevalence", coder=c) for c in self.audit.coders]
        return dict.fromkeys(shares, PERCENT)

    def counts(self) -> dict[str, str]:
        return dict.fromkeys(self.values(), COUNT)

    def text(self, value: Any, number_format: str | None = None) -> str:
        """A cell as text: shares as percentages, statistics with 3 decimals, matrix
        cells as 708 or 12,5; in the report language's decimal mark."""
        lang = self.lang
        if isinstance(value, float):
            if math.isnan(value):
                return "–"
            if number_format == PERCENT:
                return percent(value, 1, lang)
            if number_format == COUNT:  # matrix cells: 708 or 12.5, not 708.000
                mark = "," if lang == "da" else "."
                return number(value, 3, lang).rstrip("0").rstrip(mark)
            return number(value, 3, lang)
        if isinstance(value, int) and not isinstance(value, bool):
            return number(value, 0, lang)
        return "" if value is None else str(value)

    def shown(self, rows: Sequence[Row], formats: Mapping[str, str]) -> list[Row]:
        return [{k: self.text(v, formats.get(k)) for k, v in row.items()} for row in rows]

    def matrix_tables(self) -> dict[str, dict[str, list[Row]]]:
        """Theme -> matrix name -> a small table with the row value as first column."""
        tables: dict[str, dict[str, list[Row]]] = {}
        theme, name, rating = self.say("theme"), self.say("ag:matrix"), self.say("ag:rating")
        for row in self.matrices():
            cells = {"": row[rating], **{v: row[v] for v in self.values()}}
            tables.setdefault(row[theme], {}).setdefault(row[name], []).append(cells)
        return tables


def spoken(row: Row, lang: Lang) -> Row:
    """An audit's row with its markers ("(alle)", "Alle temaer", "Alle") and notes in
    ``lang``; the bands and verdicts stay the audit's keys ("fair").

    Example:
        spoken(audit.summary_rows()[-1], "en")["label"]  # "All themes"
    """
    said = dict(row)
    if said.get("group") == ALL:
        said["group"] = say(lang, "all")
    if said.get("code") == ALL:
        said["code"], said["label"] = say(lang, "ag:all_codes"), say(lang, "ag:all_themes")
    if "notes" in said:
        said["notes"] = "; ".join(say_note(lang, note) for note in said["notes"])
    return said


# -- writers -----------------------------------------------------------------------------


def _write_xlsx(path: Path, words: Words, notes: Sequence[str]) -> None:
    audit, say = words.audit, words.say
    formats = words.formats()
    summary = words.figure_columns(group=False)
    disagreements, columns = words.disagreements()
    matrix_columns = [say("theme"), say("ag:matrix"), say("ag:rating"), *words.values()]
    note = say("note")
    sheets = [
        Sheet(say("ag:overview"), words.figures(audit.summary_rows(), summary), list(summary),
              formats),
        Sheet(say("ag:disagreements"), disagreements, columns,
              widths={say("ag:text"): 80, say("ag:disputed"): 30}),
        Sheet(say("ag:matrices"), words.matrices(), matrix_columns, words.counts()),
    ]  # fmt: skip
    if audit.by:
        grouped = words.figure_columns(group=True)
        rows = words.figures(audit.group_rows(), grouped)
        sheets.append(Sheet(words.group_title(), rows, list(grouped), formats))
    sheets.append(Sheet(say("ag:about"), [{note: n} for n in notes], [note], widths={note: 100}))
    write_workbook(sheets, path)


def _markdown(words: Words, title: str, about: Sequence[str], notes: Sequence[str]) -> str:
    audit, say = words.audit, words.say
    formats = words.formats()
    summary = words.figure_columns(group=False)
    parts = [f"# {title}\n", *(f"- {a}" for a in about), ""]
    parts += [
        f"## {say('ag:overview')}\n",
        markdown_table(words.shown(words.figures(audit.summary_rows(), summary), formats)),
    ]
    if audit.by:
        grouped = words.figure_columns(group=True)
        rows = words.figures(audit.group_rows(), grouped)
        by_group = markdown_table(words.shown(rows, formats), list(grouped))
        parts += [f"## {words.group_title()}\n", by_group]
    parts.append(f"## {say('ag:matrices')}\n")
    for theme, matrices in words.matrix_tables().items():
        parts.append(f"### {theme}\n")
        for name, table in matrices.items():
            parts += [f"{name}:\n", markdown_table(words.shown(table, words.counts()))]
    disagreements, columns = words.disagreements()
    parts += [
        f"## {say('ag:disagreements')} ({len(disagreements)})\n",
        markdown_table(words.shown(disagreements, {}), columns),
    ]
    parts += [f"## {say('sheet:about')}\n", *(f"- {n}" for n in notes), ""]
    return "\n".join(parts)


def _write_docx(
    path: Path, words: Words, title: str, about: Sequence[str], notes: Sequence[str]
) -> None:
    from docx import Document  # python-docx: loaded only when a .docx is written
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    audit, say = words.audit, words.say
    document = Document()
    document.core_properties.title = title
    document.core_properties.language = words.lang
    document.styles[TABLE_STYLE].font.size = Pt(8)  # the tables are wide
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # the overview is a wide table
    section.page_width, section.page_height = Mm(297), Mm(210)  # A4, as Danish reports
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.add_paragraph(title, style="Title")
    for line in about:
        document.add_paragraph(line)
    formats = words.formats()
    summary = words.figure_columns(group=False)
    document.add_heading(say("ag:overview"), level=1)
    rows = words.shown(words.figures(audit.summary_rows(), summary), formats)
    _figure_table(document, words, rows, list(summary))
    if audit.by:
        document.add_heading(words.group_title(), level=1)
        grouped = words.figure_columns(group=True)
        rows = words.shown(words.figures(audit.group_rows(), grouped), formats)
        column = words.group_heading()
        for value in dict.fromkeys(r[column] for r in rows):
            document.add_heading(value, level=2)
            here = [r for r in rows if r[column] == value]
            _figure_table(document, words, here, list(summary))
    document.add_heading(say("ag:matrices"), level=1)
    for theme, matrices in words.matrix_tables().items():
        document.add_heading(theme, level=2)
        for name, table in matrices.items():
            document.add_paragraph(name).paragraph_format.space_before = Pt(10)
            _table(document, words, words.shown(table, words.counts()), list(table[0]))
    disagreements, columns = words.disagreements()
    document.add_heading(f"{say('ag:disagreements')} ({len(disagreements)})", level=1)
    _table(document, words, words.shown(disagreements, {}), columns)
    document.add_heading(say("sheet:about"), level=1)
    for note in notes:
        document.add_paragraph(note, style="List Bullet")
    document.save(str(path))


def _figure_table(document: Any, words: Words, rows: Sequence[Row], columns: Sequence[str]) -> None:
    """A table of figures per code, its notes under it ("Kurser: Ingen variation: ...")
    rather than in a column: the 12 columns of figures keep the page's width."""
    from docx.shared import Pt

    notes, theme = words.say("ag:notes"), words.say("theme")
    _table(document, words, rows, [c for c in columns if c != notes])
    for row in rows:
        if row.get(notes):
            line = document.add_paragraph(f"{words.text(row.get(theme))}: {row[notes]}")
            line.runs[0].font.size = Pt(8)  # as the table's text
            line.paragraph_format.space_after = Pt(0)


def _table(document: Any, words: Words, rows: Sequence[Row], columns: Sequence[str]) -> None:
    from docx.shared import Inches

    table = document.add_table(rows=1, cols=len(columns))
    table.style = TABLE_STYLE
    table.autofit = False
    section = document.sections[-1]
    usable = (section.page_width - section.left_margin - section.right_margin) / 914400
    widths = column_widths(rows, columns, usable)
    for cell, name in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    for row in rows:
        for cell, name in zip(table.add_row().cells, columns, strict=True):
            cell.text = words.text(row.get(name))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)
        for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
            cell.width = Inches(width)
