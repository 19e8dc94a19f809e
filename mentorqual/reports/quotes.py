"""Quote sheets: Word (real styles), Excel (one sheet per group), CSV or Markdown.

Rows in, files out: the quotes are chosen elsewhere. Each row carries the group
columns, ``label``, ``quote``, ``attribution``, ``interview``, ``segment``,
``coders``, ``score``, ``words`` and ``basis`` (``human`` or ``machine``). A CSV is
data: those keys are its columns in every language; the other formats are for people
and say them in the report's language.

Report-ready output (``audit=False``) is for pasting into a report: the quote in the
language's quotation marks with its attribution, and under it only where it comes
from (interview and paragraph, and "maskinkodet" where a machine's coding chose it).
Audit output adds the coders and the machine's score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .language import Lang, number, quoted, say
from .tables import Row, Sheet, write_by_suffix, write_workbook

QUOTE_SUFFIXES = (".docx", ".xlsx", ".csv", ".md")
KEYS = ("label", "quote", "attribution", "interview", "segment", "coders", "score", "words")
AUDIT_ONLY = ("coders", "score")


def _columns(lang: Lang, audit: bool) -> dict[str, str]:
    """Sheet column -> row key, in the report's language."""
    keys = [k for k in KEYS if audit or k not in AUDIT_ONLY] + ["basis"]
    return {say(lang, f"quote:{k}"): k for k in keys}


def _group(row: Row, by: Sequence[str]) -> str:
    return " / ".join(str(row[k]) for k in by)


def _sections(rows: Sequence[Row], by: Sequence[str]) -> dict[str, dict[str, list[Row]]]:
    """group -> theme label -> rows, in the order given."""
    sections: dict[str, dict[str, list[Row]]] = {}
    for row in rows:
        sections.setdefault(_group(row, by), {}).setdefault(str(row["label"]), []).append(row)
    return sections


def _source(row: Row, lang: Lang, audit: bool) -> str:
    """The line under a quote: "HS02, afsnit p14", with coders and score in audit mode."""
    parts = [f"{row['interview']}, {say(lang, 'paragraph')} {row['segment']}"]
    if audit:
        parts.append(f"{say(lang, 'coded_by')} {row['coders']}")
        score = row.get("score")
        if isinstance(score, float):
            parts.append(f"score {number(score, 2, lang)}")
    if row.get("basis") == "machine":
        parts.append(say(lang, "machine_marker"))
    return " · ".join(parts)


def _basis(row: Row, lang: Lang) -> str:
    return say(lang, f"basis:{row.get('basis', 'human')}")


def write_quotes(
    path: Path,
    rows: Sequence[Row],
    by: Sequence[str],
    *,
    title: str,
    about: Sequence[str],
    lang: Lang = "da",
    audit: bool = True,
) -> None:
    """Write quote rows to ``path``; the format follows the suffix.

    Args:
        by: the group columns (e.g. ``["region"]``): one section or sheet per group.
        title: the document title.
        about: lines for the title page (coders, how quotes were chosen, codebook, date).
        lang: the language of the labels and quotation marks.
        audit: keep coders and scores (else report-ready).
    """
    keys = [k for k in (*KEYS, "basis") if audit or k not in AUDIT_ONLY]
    write_by_suffix(
        path,
        QUOTE_SUFFIXES,
        rows,
        [*by, *keys],
        {
            ".docx": lambda temp: _write_docx(temp, rows, by, title, about, lang, audit),
            ".xlsx": lambda temp: _write_xlsx(temp, rows, by, about, lang, audit),
            ".md": lambda temp: temp.write_text(
                _markdown(rows, by, title, about, lang, audit), encoding="utf-8"
            ),
        },
        decimals={"score": 2},
    )


def _markdown(
    rows: Sequence[Row],
    by: Sequence[str],
    title: str,
    about: Sequence[str],
    lang: Lang,
    audit: bool,
) -> str:
    lines = [f"# {title}", "", *(f"- {a}" for a in about), ""]
    for group, themes in _sections(rows, by).items():
        lines += [f"## {group}", ""]
        for label, quotes in themes.items():
            lines += [f"### {label}", ""]
            for q in quotes:
                lines += [
                    f"> {quoted(str(q['quote']), lang)} {q['attribution']}",
                    ">",
                    f"> *{_source(q, lang, audit)}*",
                    "",
                ]
    return "\n".join(lines)


def _write_xlsx(
    path: Path,
    rows: Sequence[Row],
    by: Sequence[str],
    about: Sequence[str],
    lang: Lang,
    audit: bool,
) -> None:
    columns = _columns(lang, audit)
    names = {k: c for c, k in columns.items()}
    widths = {names["quote"]: 80, names["attribution"]: 26, names["label"]: 22}
    widths |= {names["basis"]: 22} | ({names["coders"]: 14} if audit else {})
    sheets = [
        Sheet(
            group,
            [
                {
                    column: _basis(q, lang) if key == "basis" else q.get(key)
                    for column, key in columns.items()
                }
                for quotes in themes.values()
                for q in quotes
            ],
            list(columns),
            formats={names.get("score", ""): "0.00"},
            widths=widths,
        )
        for group, themes in _sections(rows, by).items()
    ]
    note = say(lang, "note")
    sheets.append(
        Sheet(
            say(lang, "sheet:about_quotes"), [{note: a} for a in about], [note], widths={note: 100}
        )
    )
    write_workbook(sheets, path)


def _write_docx(
    path: Path,
    rows: Sequence[Row],
    by: Sequence[str],
    title: str,
    about: Sequence[str],
    lang: Lang,
    audit: bool,
) -> None:
    from docx import Document  # python-docx: loaded only when a .docx is written
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor

    document = Document()
    document.core_properties.title = title
    document.core_properties.language = "da-DK" if lang == "da" else "en-GB"
    document.add_paragraph(title, style="Title")
    for line in about:
        document.add_paragraph(line)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    sections: Mapping[str, dict[str, list[Row]]] = _sections(rows, by)
    if not sections:
        document.add_paragraph(say(lang, "no_quotes"))
    for n, (group, themes) in enumerate(sections.items()):
        heading = document.add_heading(group, level=1)
        heading.paragraph_format.page_break_before = n > 0  # one region per page
        for label, quotes in themes.items():
            document.add_heading(label, level=2)
            for q in quotes:
                paragraph = document.add_paragraph(style="Quote")
                paragraph.paragraph_format.keep_with_next = True
                paragraph.add_run(quoted(str(q["quote"]), lang))
                paragraph.add_run(f" {q['attribution']}").italic = False
                source = document.add_paragraph()
                run = source.add_run(_source(q, lang, audit))
                run.font.size = Pt(8)
                run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    document.save(str(path))
