"""Quote sheets: Word (real styles), Excel (one sheet per group), CSV or Markdown.

Rows in, files out: the quotes are chosen elsewhere. Each row carries the group
columns, ``label``, ``quote``, ``attribution``, ``interview``, ``segment``,
``coders``, ``score`` and ``words``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .files import atomic_path, check_suffix
from .tables import Row, Sheet, write_csv, write_workbook

QUOTE_SUFFIXES = (".docx", ".xlsx", ".csv", ".md")
COLUMNS = {  # sheet column -> row key
    "Tema": "label",
    "Citat": "quote",
    "Kilde": "attribution",
    "Interview": "interview",
    "Afsnit": "segment",
    "Kodet af": "coders",
    "Score": "score",
    "Ord": "words",
}


def _group(row: Row, by: Sequence[str]) -> str:
    return " / ".join(str(row[k]) for k in by)


def _sections(rows: Sequence[Row], by: Sequence[str]) -> dict[str, dict[str, list[Row]]]:
    """group -> theme label -> rows, in the order given."""
    sections: dict[str, dict[str, list[Row]]] = {}
    for row in rows:
        sections.setdefault(_group(row, by), {}).setdefault(str(row["label"]), []).append(row)
    return sections


def _source(row: Row) -> str:
    score = row.get("score")
    scored = f" · score {score:.2f}" if isinstance(score, float) else ""
    return f"{row['interview']} {row['segment']} · kodet af {row['coders']}{scored}"


def write_quotes(
    path: Path,
    rows: Sequence[Row],
    by: Sequence[str],
    *,
    title: str,
    about: Sequence[str],
) -> None:
    """Write quote rows to ``path``; the format follows the suffix.

    Args:
        by: the group columns (e.g. ``["region"]``): one section or sheet per group.
        title: the document title.
        about: lines for the title page (codebook, coder, date, how quotes were chosen).
    """
    suffix = check_suffix(path, QUOTE_SUFFIXES)
    with atomic_path(path) as temp:
        if suffix == ".docx":
            _write_docx(temp, rows, by, title, about)
        elif suffix == ".xlsx":
            _write_xlsx(temp, rows, by, about)
        elif suffix == ".csv":
            write_csv(rows, [*by, *(k for k in COLUMNS.values())], temp)
        else:
            temp.write_text(_markdown(rows, by, title, about), encoding="utf-8")


def _markdown(rows: Sequence[Row], by: Sequence[str], title: str, about: Sequence[str]) -> str:
    lines = [f"# {title}", "", *(f"- {a}" for a in about), ""]
    for group, themes in _sections(rows, by).items():
        lines += [f"## {group}", ""]
        for label, quotes in themes.items():
            lines += [f"### {label}", ""]
            for q in quotes:
                lines += [f"> {q['quote']} {q['attribution']}", ">", f"> *{_source(q)}*", ""]
    return "\n".join(lines)


def _write_xlsx(path: Path, rows: Sequence[Row], by: Sequence[str], about: Sequence[str]) -> None:
    widths = {"Citat": 80, "Kilde": 26, "Tema": 22, "Kodet af": 14}
    sheets = [
        Sheet(
            group,
            [
                {column: q[key] for column, key in COLUMNS.items()}
                for quotes in themes.values()
                for q in quotes
            ],
            list(COLUMNS),
            formats={"Score": "0.00"},
            widths=widths,
        )
        for group, themes in _sections(rows, by).items()
    ]
    sheets.append(
        Sheet("Om citaterne", [{"Note": a} for a in about], ["Note"], widths={"Note": 100})
    )
    write_workbook(sheets, path)


def _write_docx(
    path: Path, rows: Sequence[Row], by: Sequence[str], title: str, about: Sequence[str]
) -> None:
    from docx import Document  # python-docx: loaded only when a .docx is written
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor

    document = Document()
    document.core_properties.title = title
    document.add_paragraph(title, style="Title")
    for line in about:
        document.add_paragraph(line)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    sections: Mapping[str, dict[str, list[Row]]] = _sections(rows, by)
    if not sections:
        document.add_paragraph("Ingen citater matchede udvalget.")
    for n, (group, themes) in enumerate(sections.items()):
        heading = document.add_heading(group, level=1)
        heading.paragraph_format.page_break_before = n > 0  # one region per page
        for label, quotes in themes.items():
            document.add_heading(label, level=2)
            for q in quotes:
                paragraph = document.add_paragraph(style="Quote")
                paragraph.add_run(str(q["quote"]))
                paragraph.add_run(f" {q['attribution']}").italic = False
                source = document.add_paragraph()
                run = source.add_run(_source(q))
                run.font.size = Pt(8)
                run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    document.save(str(path))
