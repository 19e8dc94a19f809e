"""Inter-coder agreement reports as Excel, Markdown or Word.

Rows in, files out: the audit (`mentorqual.audit.Audit`) computes every figure; this
module only names the columns in Danish, formats the numbers and lays out the sheets,
sections and tables.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from .files import atomic_path, check_suffix
from .tables import Row, Sheet, markdown_table, write_workbook

AGREEMENT_SUFFIXES = (".xlsx", ".md", ".docx")

LANDIS_KOCH = {
    "poor": "ringe",
    "slight": "svag",
    "fair": "rimelig",
    "moderate": "moderat",
    "substantial": "betydelig",
    "almost perfect": "næsten perfekt",
}
VERDICTS = {
    "reliable": "pålidelig",
    "tentative conclusions only": "kun foreløbige konklusioner",
    "unreliable": "upålidelig",
}
VALUES = {"absent": "fravær", "present": "til stede"}
NOT_ASSESSED = "ikke vurderet"
NO_CODES = "(ingen)"
PERCENT = "0.0%"
COUNT = "General"
TABLE_STYLE = "Table Grid"

STATISTICS = (
    "Enheder: enheder vurderet af mindst 2 af koderne. Kun de indgår i tallene.",
    "Forekomst: andelen af de enheder, koderen har vurderet (også dem, ingen anden koder "
    "har vurderet), som koderen gav temaet.",
    "Enighed: parvis procentvis enighed, dvs. gennemsnittet over enhederne af andelen af "
    "koderpar, der er enige. Korrigerer ikke for tilfældig enighed.",
    "κ: Cohens kappa (2 kodere) eller Fleiss' kappa (3 eller flere; Gwets generalisering "
    "til et varierende antal kodere pr. enhed): enighed korrigeret for den enighed, "
    "kodernes fordeling ville give ved et tilfælde.",
    "κ-vurdering (Landis & Koch 1977): under 0 ringe; 0-0,20 svag; 0,21-0,40 rimelig; "
    "0,41-0,60 moderat; 0,61-0,80 betydelig; 0,81-1 næsten perfekt.",
    "α: Krippendorffs alfa (nominal), der tåler manglende vurderinger. Intervallet er et "
    "95 %-percentil-bootstrap over enhederne.",
    "α-vurdering (Krippendorff 2004): α ≥ 0,800 pålidelig; 0,667 ≤ α < 0,800 kun "
    "foreløbige konklusioner; under 0,667 upålidelig. Se også intervallets nedre grænse.",
    "AC1: Gwets AC1, der ikke falder så brat som κ, når et tema er sjældent (eller næsten "
    "altid til stede). Stor enighed med lav κ skyldes ofte en skæv forekomst.",
    "Koincidensmatrix (Krippendorff): hvor ofte to vurderinger af samme enhed parres som "
    "fravær/til stede; hver enhed med m vurderinger bidrager med m værdier.",
    "Konfusionsmatrix (2 kodere): enheder efter første koders (rækker) og anden koders "
    "(kolonner) vurdering.",
    "Uenigheder: hver enhed, hvor koderne, der har vurderet den, er uenige om mindst ét "
    "tema, med hver koders temaer. 'ikke vurderet': koderen har ikke vurderet enheden.",
)


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
    def kappa_name(self) -> str: ...
    def summary_rows(self) -> list[Row]: ...
    def group_rows(self) -> list[Row]: ...
    def matrix_rows(self) -> list[Row]: ...
    def disagreement_rows(self) -> list[Row]: ...


def write_agreement(
    path: Path, audit: AgreementTables, *, title: str, about: Sequence[str]
) -> None:
    """Write an agreement audit to ``path`` (.xlsx, .md or .docx), atomically.

    Args:
        path: the output file; the format follows the suffix.
        audit: the audit's figures.
        title: the document title.
        about: lines for the top of the report (project, codebook, date, scope).

    Raises:
        InputError: An unsupported suffix, or a folder that cannot be written.
    """
    suffix = check_suffix(path, AGREEMENT_SUFFIXES)
    notes = [*describe(audit), *STATISTICS]
    with atomic_path(path) as temp:
        if suffix == ".xlsx":
            _write_xlsx(temp, audit, [title, *about, *notes])
        elif suffix == ".md":
            temp.write_text(_markdown(audit, title, about, notes), "utf-8")
        else:
            _write_docx(temp, audit, title, about, notes)


def describe(audit: AgreementTables) -> list[str]:
    """What the figures rest on: coders, unit, units used, bootstrap."""
    unit = "informantens afsnit" if audit.unit == "segment" else "interview"
    assessed = ", ".join(f"{c} {n}" for c, n in audit.assessed.items())
    lines = [
        f"Kodere: {', '.join(audit.coders)}. Enhed: {unit}. Temaer: {', '.join(audit.codes)}.",
        f"Enheder i alt: {audit.units_in_scope} (vurderet: {assessed}); vurderet af mindst 2 "
        f"kodere og dermed med i tallene: {audit.units_used}.",
        "En enhed, som en koder ikke har vurderet, er manglende for koderen, ikke 'fravær'.",
        "Rækken 'Alle temaer' regner hvert par (enhed, tema) som én binær enhed.",
    ]
    if audit.n_boot:
        lines.append(
            f"α-intervallet bygger på {audit.n_boot} bootstrap-gentrækninger af enheder (seed "
            f"{audit.seed}); for 'Alle temaer' trækkes en enhed med alle sine temaer."
        )
    else:
        lines.append("Uden bootstrap-interval for α.")
    return lines


# -- tables: Danish headings over the audit's rows ---------------------------------------


def _figure_columns(audit: AgreementTables, group: bool) -> dict[str, str]:
    """Heading -> row key of the per-code tables."""
    columns = {_group_heading(audit): "group"} if group else {}
    columns |= {"Tema": "label", "Enheder": "units"}
    columns |= {f"Forekomst {c}": f"prevalence:{c}" for c in audit.coders}
    columns |= {"Enighed": "percent", audit.kappa_name: "kappa", "κ-vurdering": "kappa_band"}
    columns |= {"Krippendorffs α": "alpha", "α nedre": "alpha_low", "α øvre": "alpha_high"}
    columns |= {"α-vurdering": "alpha_verdict", "Gwets AC1": "ac1", "Noter": "notes"}
    return columns


def _group_heading(audit: AgreementTables) -> str:
    """The per-group column: "Region" for the regions, else the attribute's name."""
    return "Region" if audit.by == "region" else str(audit.by).capitalize()


def _group_title(audit: AgreementTables) -> str:
    """ "Pr. region", or "Pr. role"; a valid Excel sheet name (31 characters)."""
    return f"Pr. {audit.by}".translate(str.maketrans("/\\?*[]:", "-------"))[:31]


def _figures(rows: Sequence[Row], columns: Mapping[str, str]) -> list[Row]:
    words = {"kappa_band": LANDIS_KOCH, "alpha_verdict": VERDICTS}
    return [
        {h: words[k].get(r[k], r[k]) if k in words else r[k] for h, k in columns.items()}
        for r in rows
    ]


def _disagreements(audit: AgreementTables) -> tuple[list[Row], list[str]]:
    columns = {"Interview": "interview", "Region": "region"}
    if audit.unit == "segment":
        columns |= {"Afsnit": "locator", "Tekst": "text"}
    columns |= {c: f"codes:{c}" for c in audit.coders} | {"Uenige om": "disputed"}
    shown = {None: NOT_ASSESSED, "": NO_CODES}
    rows = [
        {h: shown.get(r[k], r[k]) if k.startswith("codes:") else r[k] for h, k in columns.items()}
        for r in audit.disagreement_rows()
    ]
    return rows, list(columns)


def _matrix_name(audit: AgreementTables, kind: str) -> str:
    if kind == "coincidence":
        return "Koincidensmatrix"
    first, second = audit.coders[:2]
    return f"Konfusionsmatrix (rækker {first}, kolonner {second})"


def _matrices(audit: AgreementTables) -> list[Row]:
    return [
        {
            "Tema": r["label"],
            "Matrix": _matrix_name(audit, r["matrix"]),
            "Vurdering": VALUES[r["value"]],
            VALUES["absent"]: r["absent"],
            VALUES["present"]: r["present"],
        }
        for r in audit.matrix_rows()
    ]


def _formats(audit: AgreementTables) -> dict[str, str]:
    shares = ["Enighed", *(f"Forekomst {c}" for c in audit.coders)]
    return {h: PERCENT for h in shares}


def _text(value: Any, number_format: str | None = None) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        if number_format == PERCENT:
            return f"{value:.1%}"
        if number_format == COUNT:  # matrix cells: 708 or 12.5, not 708.000
            return f"{value:.3f}".rstrip("0").rstrip(".")
        return f"{value:.3f}"
    return "" if value is None else str(value)


def _counts() -> dict[str, str]:
    return dict.fromkeys(VALUES.values(), COUNT)


def _shown(rows: Sequence[Row], formats: Mapping[str, str]) -> list[Row]:
    return [{k: _text(v, formats.get(k)) for k, v in row.items()} for row in rows]


# -- writers -----------------------------------------------------------------------------


def _write_xlsx(path: Path, audit: AgreementTables, notes: Sequence[str]) -> None:
    formats = _formats(audit)
    summary = _figure_columns(audit, group=False)
    disagreements, columns = _disagreements(audit)
    matrices = _matrices(audit)
    sheets = [
        Sheet("Oversigt", _figures(audit.summary_rows(), summary), list(summary), formats),
        Sheet("Uenigheder", disagreements, columns, widths={"Tekst": 80, "Uenige om": 30}),
        Sheet("Matricer", matrices, ["Tema", "Matrix", "Vurdering", *VALUES.values()], _counts()),
    ]
    if audit.by:
        grouped = _figure_columns(audit, group=True)
        rows = _figures(audit.group_rows(), grouped)
        sheets.append(Sheet(_group_title(audit), rows, list(grouped), formats))
    sheets.append(Sheet("Om", [{"Note": n} for n in notes], ["Note"], widths={"Note": 100}))
    write_workbook(sheets, path)


def _matrix_tables(audit: AgreementTables) -> dict[str, dict[str, list[Row]]]:
    """Theme -> matrix name -> a small table with the row value as first column."""
    tables: dict[str, dict[str, list[Row]]] = {}
    for row in _matrices(audit):
        cells = {"": row["Vurdering"], **{v: row[v] for v in VALUES.values()}}
        tables.setdefault(row["Tema"], {}).setdefault(row["Matrix"], []).append(cells)
    return tables


def _markdown(
    audit: AgreementTables, title: str, about: Sequence[str], notes: Sequence[str]
) -> str:
    formats = _formats(audit)
    summary = _figure_columns(audit, group=False)
    parts = [f"# {title}\n", *(f"- {a}" for a in about), ""]
    parts += [
        "## Oversigt\n",
        markdown_table(_shown(_figures(audit.summary_rows(), summary), formats)),
    ]
    if audit.by:
        grouped = _figure_columns(audit, group=True)
        rows = _figures(audit.group_rows(), grouped)
        by_group = markdown_table(_shown(rows, formats), list(grouped))
        parts += [f"## {_group_title(audit)}\n", by_group]
    parts.append("## Matricer\n")
    for theme, matrices in _matrix_tables(audit).items():
        parts.append(f"### {theme}\n")
        for name, table in matrices.items():
            parts += [f"{name}:\n", markdown_table(_shown(table, _counts()))]
    disagreements, columns = _disagreements(audit)
    parts += [f"## Uenigheder ({len(disagreements)})\n", markdown_table(disagreements, columns)]
    parts += ["## Om tallene\n", *(f"- {n}" for n in notes), ""]
    return "\n".join(parts)


def _write_docx(
    path: Path, audit: AgreementTables, title: str, about: Sequence[str], notes: Sequence[str]
) -> None:
    from docx import Document  # python-docx: loaded only when a .docx is written
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    document.core_properties.title = title
    document.styles[TABLE_STYLE].font.size = Pt(8)  # the tables are wide
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE  # the overview is a wide table
    section.page_width, section.page_height = Mm(297), Mm(210)  # A4, as Danish reports
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    document.add_paragraph(title, style="Title")
    for line in about:
        document.add_paragraph(line)
    formats = _formats(audit)
    summary = _figure_columns(audit, group=False)
    document.add_heading("Oversigt", level=1)
    _table(document, _shown(_figures(audit.summary_rows(), summary), formats), list(summary))
    if audit.by:
        document.add_heading(_group_title(audit), level=1)
        grouped = _figure_columns(audit, group=True)
        rows = _shown(_figures(audit.group_rows(), grouped), formats)
        column = _group_heading(audit)
        for value in dict.fromkeys(r[column] for r in rows):
            document.add_heading(value, level=2)
            _table(document, [r for r in rows if r[column] == value], list(summary))
    document.add_heading("Matricer", level=1)
    for theme, matrices in _matrix_tables(audit).items():
        document.add_heading(theme, level=2)
        for name, table in matrices.items():
            document.add_paragraph(name)
            _table(document, _shown(table, _counts()), list(table[0]))
    disagreements, columns = _disagreements(audit)
    document.add_heading(f"Uenigheder ({len(disagreements)})", level=1)
    _table(document, disagreements, columns)
    document.add_heading("Om tallene", level=1)
    for note in notes:
        document.add_paragraph(note, style="List Bullet")
    document.save(str(path))


def _table(document: Any, rows: Sequence[Row], columns: Sequence[str]) -> None:
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
            cell.text = _text(row.get(name))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)
        for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
            cell.width = Inches(width)


# An 8-point character is about 0.075 inches wide; a cell's padding about 0.15.
CHAR_INCHES, PADDING_INCHES = 0.075, 0.15


def column_widths(rows: Sequence[Row], columns: Sequence[str], usable: float) -> list[float]:
    """Column widths in inches that fit ``usable``: each wide enough for its longest
    word (so no header or theme breaks inside a word) and, as room allows, for its
    typical cell; long texts take what is left."""
    floors, wants = [], []
    for name in columns:
        texts = [_text(r.get(name)) for r in rows]
        cells = sorted(len(t) for t in texts) or [0]
        typical = cells[int(0.9 * (len(cells) - 1))]
        words = [len(w) for t in [name, *texts] for w in t.split()]
        longest_word = min(max(words, default=1), 22)
        floors.append(longest_word * CHAR_INCHES + PADDING_INCHES)
        wants.append(max(min(typical, 60), longest_word) * CHAR_INCHES + PADDING_INCHES)
    total_floor, total_want = sum(floors), sum(wants)
    if total_want <= usable:
        return wants
    if total_floor >= usable:
        return [f * usable / total_floor for f in floors]
    share = (usable - total_floor) / (total_want - total_floor)
    return [f + (w - f) * share for f, w in zip(floors, wants, strict=True)]
