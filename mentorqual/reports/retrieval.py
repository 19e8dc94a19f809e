"""Retrieval documents: a theme's passages with their questions (.docx, .xlsx, .md,
.csv), a theme × theme co-occurrence table, and keyword-in-context lines.

Rows in, files out: the passages and hits are found elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .files import TABLE_SUFFIXES, atomic_path, check_suffix
from .language import Lang, quoted, say
from .tables import Row, Sheet, markdown_table, write_csv, write_workbook

RETRIEVAL_SUFFIXES = (".docx", ".xlsx", ".md", ".csv")


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


def write_passages(
    path: Path,
    passages: Sequence[Passage],
    grouped: bool,
    *,
    title: str,
    about: Sequence[str],
    lang: Lang = "da",
) -> None:
    """Write a theme's passages, in the order given; a heading per group when
    ``grouped``, then per interview.

    Example:
        write_passages(Path("tryghed.docx"), passages, True, title="Tryghed", about=[])
    """
    suffix = check_suffix(path, RETRIEVAL_SUFFIXES)
    rows, columns = _passage_rows(passages, lang)
    if not grouped:
        columns = columns[1:]
    with atomic_path(path) as temp:
        if suffix == ".docx":
            _passages_docx(temp, passages, grouped, title, about, lang)
        elif suffix == ".xlsx":
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
        elif suffix == ".csv":
            write_csv(rows, columns, temp)
        else:
            temp.write_text(_passages_markdown(passages, grouped, title, about, lang), "utf-8")


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


def write_cooccurrence(
    path: Path,
    rows: Sequence[Row],
    *,
    title: str,
    about: Sequence[str],
    lang: Lang = "da",
    excel_dk: bool = False,
) -> None:
    """Write a theme × theme table (.csv, .md, .xlsx) with its notes."""
    suffix = check_suffix(path, TABLE_SUFFIXES)
    columns = list(rows[0]) if rows else []
    with atomic_path(path) as temp:
        if suffix == ".csv":
            write_csv(rows, columns, temp, excel_dk=excel_dk)
        elif suffix == ".md":
            notes = "".join(f"- {a}\n" for a in about)
            temp.write_text(f"# {title}\n\n{notes}\n{markdown_table(rows, columns)}", "utf-8")
        else:  # the title has a colon, which a sheet's name cannot have: it goes below
            name = say(lang, "sheet:cooccurrence")
            write_workbook([Sheet(name, rows, columns, notes=[title, *about])], temp)


def _kwic_rows(lines: Sequence[KwicLine], lang: Lang) -> tuple[list[Row], list[str]]:
    columns = {
        say(lang, "quote:interview"): "interview",
        say(lang, "quote:segment"): "locator",
        say(lang, "quote:attribution"): "attribution",
        say(lang, "before"): "left",
        say(lang, "hit"): "hit",
        say(lang, "after"): "right",
    }
    return [{n: getattr(x, k) for n, k in columns.items()} for x in lines], list(columns)


def write_kwic(
    path: Path,
    lines: Sequence[KwicLine],
    *,
    title: str,
    about: Sequence[str],
    lang: Lang = "da",
    excel_dk: bool = False,
) -> None:
    """Write keyword-in-context lines (.csv, .md, .xlsx)."""
    suffix = check_suffix(path, TABLE_SUFFIXES)
    rows, columns = _kwic_rows(lines, lang)
    with atomic_path(path) as temp:
        if suffix == ".csv":
            write_csv(rows, columns, temp, excel_dk=excel_dk)
        elif suffix == ".md":
            temp.write_text(kwic_markdown(lines, title, about), "utf-8")
        else:
            widths = {columns[3]: 45, columns[4]: 16, columns[5]: 45, columns[2]: 26}
            sheet = Sheet(say(lang, "sheet:search"), rows, columns, widths=widths,
                          notes=[title, *about])  # fmt: skip
            write_workbook([sheet], temp)


def kwic_markdown(lines: Sequence[KwicLine], title: str, about: Sequence[str]) -> str:
    """The hits as Markdown: one line each, the hit in bold between its contexts."""
    body = [f"# {title}", "", *(f"- {a}" for a in about), ""]
    body += [
        f"- {x.interview} {x.locator} {x.attribution}: {x.left} **{x.hit}** {x.right}"
        for x in lines
    ]
    return "\n".join(body) + "\n"
