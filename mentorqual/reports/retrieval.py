"""Retrieval documents: a theme's passages with their questions (.docx, .xlsx, .md,
.csv), a theme × theme co-occurrence table, and keyword-in-context lines.

Rows in, files out: the passages and hits are found elsewhere. A CSV is data: its
columns are the fixed keys below (:data:`PASSAGE_KEYS` after the grouping's
attributes, :data:`COOCCURRENCE_KEYS`, :data:`KWIC_KEYS`) in every language, as
README "CSV columns" lists them; .docx, .xlsx and .md are for people and say
everything in the report's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .files import TABLE_SUFFIXES
from .language import Lang, quoted, say
from .tables import Row, Sheet, markdown_table, write_by_suffix, write_workbook

RETRIEVAL_SUFFIXES = (".docx", ".xlsx", ".md", ".csv")
# The CSVs' columns; a passage's follow the grouping's attributes (``region``, ...).
PASSAGE_KEYS = ("interview", "segment", "attribution", "question", "text")
COOCCURRENCE_KEYS = ("theme", "label", "other_theme", "other_label", "paragraphs")
KWIC_KEYS = ("interview", "segment", "attribution", "left", "hit", "right")


@dataclass(frozen=True)
class Passage:
    """A coded paragraph with the question before it."""

    group: tuple[str, ...]
    interview: str
    locator: str
    attribution: str
    question: str
    text: str


@dataclass(frozen=True)
class KwicLine:
    """A search hit with its context."""

    interview: str
    locator: str
    attribution: str
    region: str
    left: str
    hit: str
    right: str


def _passage_rows(passages: Sequence[Passage], lang: Lang) -> tuple[list[Row], list[str]]:
    """The passages as a sheet shows them: the group joined, headings in ``lang``."""
    columns = {
        say(lang, "group"): "group",
        say(lang, "quote:interview"): "interview",
        say(lang, "quote:segment"): "locator",
        say(lang, "quote:attribution"): "attribution",
        say(lang, "question"): "question",
        say(lang, "passage"): "text",
    }
    rows = [
        {
            name: " / ".join(p.group) if key == "group" else getattr(p, key)
            for name, key in columns.items()
        }
        for p in passages
    ]
    return rows, list(columns)


def _passage_data(passages: Sequence[Passage], by: Sequence[str]) -> list[Row]:
    """The passages as data: the grouping's attributes, then :data:`PASSAGE_KEYS`."""
    keys = (*by, *PASSAGE_KEYS)
    return [
        dict(zip(keys, (*p.group, p.interview, p.locator, p.attribution, p.question, p.text),
                 strict=True))
        for p in passages
    ]  # fmt: skip


def write_passages(
    path: Path,
    passages: Sequence[Passage],
    by: Sequence[str],
    *,
    title: str,
    about: Sequence[str],
    lang: Lang = "da",
) -> None:
    """Write a theme's passages, in the order given; when grouped ``by`` attributes
    (each passage's ``group`` their values), a heading per group, then per interview.

    Example:
        write_passages(Path("tryghed.docx"), passages, ["region"], title="Tryghed", about=[])
    """
    grouped = bool(by)
    rows, columns = _passage_rows(passages, lang)
    if not grouped:
        columns = columns[1:]

    def xlsx(temp: Path) -> None:
        widths = {columns[-1]: 80, columns[-2]: 45, say(lang, "quote:attribution"): 26}
        note = say(lang, "note")
        write_workbook(
            [
                Sheet(title, rows, columns, widths=widths),
                Sheet(say(lang, "sheet:about"), [{note: a} for a in about], [note],
                      widths={note: 100}),
            ],
            temp,
        )  # fmt: skip

    write_by_suffix(
        path,
        RETRIEVAL_SUFFIXES,
        _passage_data(passages, by),
        [*by, *PASSAGE_KEYS],
        {
            ".docx": lambda temp: _passages_docx(temp, passages, grouped, title, about, lang),
            ".xlsx": xlsx,
            ".md": lambda temp: temp.write_text(
                _passages_markdown(passages, grouped, title, about, lang), "utf-8"
            ),
        },
    )


def _headings(passages: Sequence[Passage], grouped: bool) -> list[tuple[int, str, Passage]]:
    """(level, heading or "", passage): a heading where the group or interview changes."""
    out: list[tuple[int, str, Passage]] = []
    group, interview = None, None
    for p in passages:
        if grouped and p.group != group:
            group, interview = p.group, None
            out.append((1, " / ".join(p.group), p))
        if p.interview != interview:
            interview = p.interview
            out.append((2, f"{p.interview} {p.attribution}", p))
        out.append((0, "", p))
    return out


def _new_questions(items: Sequence[tuple[int, str, Passage]]) -> list[bool]:
    """For each item, whether its passage's question differs from the one shown before
    it in the same interview (answers to one question share it)."""
    shown: list[bool] = []
    last: tuple[str, str] | None = None
    for level, _, p in items:
        if level:
            last = None if level == 2 or last is None else last
            shown.append(False)
            continue
        key = (p.interview, p.question)
        shown.append(bool(p.question) and key != last)
        last = key
    return shown


def _passages_markdown(
    passages: Sequence[Passage], grouped: bool, title: str, about: Sequence[str], lang: Lang
) -> str:
    lines = [f"# {title}", "", *(f"- {a}" for a in about), ""]
    items = _headings(passages, grouped)
    for (level, heading, p), ask in zip(items, _new_questions(items), strict=True):
        if level:
            lines += [f"{'#' * (level + 1)} {heading}", ""]
            continue
        if ask:
            lines += [f"*{say(lang, 'interviewer')}: {p.question}*", ""]
        lines += [f"> {quoted(p.text, lang)} ({p.locator})", ""]
    return "\n".join(lines)


def _passages_docx(
    path: Path,
    passages: Sequence[Passage],
    grouped: bool,
    title: str,
    about: Sequence[str],
    lang: Lang,
) -> None:
    from docx import Document  # python-docx: loaded only when a .docx is written
    from docx.shared import Pt, RGBColor

    document = Document()
    document.core_properties.title = title
    document.add_paragraph(title, style="Title")
    for line in about:
        document.add_paragraph(line)
    if not passages:
        document.add_paragraph(say(lang, "no_passages"))
    items = _headings(passages, grouped)
    for (level, heading, p), ask in zip(items, _new_questions(items), strict=True):
        if level:
            document.add_heading(heading, level=level if grouped else 1)
            continue
        if ask:
            asked = document.add_paragraph()
            asked.paragraph_format.keep_with_next = True
            run = asked.add_run(f"{say(lang, 'interviewer')}: {p.question}")
            run.italic = True
            run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
        answer = document.add_paragraph(style="Quote")
        answer.add_run(quoted(p.text, lang))
        source = document.add_paragraph()
        run = source.add_run(f"{p.interview}, {say(lang, 'paragraph')} {p.locator}")
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    document.save(str(path))


def cooccurrence_table(
    labels: Sequence[str], counts: Sequence[Sequence[int]], lang: Lang
) -> list[Row]:
    """The theme × theme table as people read it: a row per theme, then a column per
    theme, named by their labels."""
    key = say(lang, "theme")
    return [
        {key: label, **dict(zip(labels, row, strict=True))}
        for label, row in zip(labels, counts, strict=True)
    ]


def write_cooccurrence(
    path: Path,
    themes: Sequence[tuple[str, str]],
    counts: Sequence[Sequence[int]],
    *,
    title: str,
    about: Sequence[str],
    lang: Lang = "da",
    excel_dk: bool = False,
) -> None:
    """Write a theme × theme table of ``counts`` over ``themes`` (code, label): .md and
    .xlsx as the table with its notes, .csv as data, a row per pair of themes.

    Example:
        write_cooccurrence(Path("co.xlsx"), themes, counts, title="Samtidig kodning", about=[])
    """
    table = cooccurrence_table([label for _, label in themes], counts, lang)
    columns = list(table[0]) if table else []
    data = [
        dict(zip(COOCCURRENCE_KEYS, (code, label, other, other_label, n), strict=True))
        for (code, label), row in zip(themes, counts, strict=True)
        for (other, other_label), n in zip(themes, row, strict=True)
    ]
    notes = "".join(f"- {a}\n" for a in about)
    # The title has a colon, which a sheet's name cannot have: it goes below the table.
    sheet = Sheet(say(lang, "sheet:cooccurrence"), table, columns, notes=[title, *about])
    write_by_suffix(
        path,
        TABLE_SUFFIXES,
        data,
        COOCCURRENCE_KEYS,
        {
            ".md": lambda temp: temp.write_text(
                f"# {title}\n\n{notes}\n{markdown_table(table, columns)}", "utf-8"
            ),
            ".xlsx": lambda temp: write_workbook([sheet], temp),
        },
        excel_dk=excel_dk,
    )


def _kwic_rows(lines: Sequence[KwicLine], lang: Lang) -> tuple[list[Row], list[str]]:
    """The hits as a sheet shows them, headings in ``lang``."""
    names = ("quote:interview", "quote:segment", "quote:attribution", "before", "hit", "after")
    columns = [say(lang, n) for n in names]
    return [dict(zip(columns, _kwic_values(x), strict=True)) for x in lines], columns


def _kwic_values(x: KwicLine) -> tuple[str, ...]:
    return (x.interview, x.locator, x.attribution, x.left, x.hit, x.right)


def write_kwic(
    path: Path,
    lines: Sequence[KwicLine],
    *,
    title: str,
    about: Sequence[str],
    lang: Lang = "da",
    excel_dk: bool = False,
) -> None:
    """Write keyword-in-context lines (.csv, .md, .xlsx).

    Example:
        write_kwic(Path("kursus.xlsx"), lines, title="Søgning: kursus", about=[])
    """
    rows, columns = _kwic_rows(lines, lang)
    widths = {columns[3]: 45, columns[4]: 16, columns[5]: 45, columns[2]: 26}
    sheet = Sheet(say(lang, "sheet:search"), rows, columns, widths=widths, notes=[title, *about])
    write_by_suffix(
        path,
        TABLE_SUFFIXES,
        [dict(zip(KWIC_KEYS, _kwic_values(x), strict=True)) for x in lines],
        KWIC_KEYS,
        {
            ".md": lambda temp: temp.write_text(kwic_markdown(lines, title, about), "utf-8"),
            ".xlsx": lambda temp: write_workbook([sheet], temp),
        },
        excel_dk=excel_dk,
    )


def kwic_markdown(lines: Sequence[KwicLine], title: str, about: Sequence[str]) -> str:
    """The hits as Markdown: one line each, the hit in bold between its contexts."""
    body = [f"# {title}", "", *(f"- {a}" for a in about), ""]
    body += [
        f"- {x.interview} {x.locator} {x.attribution}: {x.left} **{x.hit}** {x.right}"
        for x in lines
    ]
    return "\n".join(body) + "\n"
