"""Theme counts as CSV (one long table), Markdown or XLSX (one sheet per measure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from .files import TABLE_SUFFIXES, atomic_path, check_suffix
from .tables import Row, Sheet, markdown_table, write_csv, write_workbook

# Shown with whole counts, one decimal for %, two for rates.
DECIMALS = {"segments": 0, "interviews_pct": 1, "per_1000_words": 2}
FORMATS = {m: "0." + "0" * d if d else "0" for m, d in DECIMALS.items()}


def write_counts(
    path: Path,
    rows: Sequence[Row],
    columns: Sequence[str],
    pivots: Mapping[str, tuple[str, Sequence[Row]]],
    notes: Sequence[str],
) -> None:
    """Write theme counts to ``path`` (.csv, .md or .xlsx).

    Args:
        rows: the long table, one row per group and theme.
        columns: the long table's columns, in order.
        pivots: measure -> (title, theme × group table).
        notes: lines saying what the numbers are: coder, codebook, definitions.
    """
    suffix = check_suffix(path, TABLE_SUFFIXES)
    with atomic_path(path) as temp:
        if suffix == ".csv":
            write_csv(rows, columns, temp)
        elif suffix == ".md":
            body = "\n".join(["# Temaer pr. gruppe\n", *(f"- {n}" for n in notes), ""])
            temp.write_text(body + "\n" + counts_markdown(pivots), encoding="utf-8")
        else:
            sheets = [
                Sheet(
                    title,
                    table,
                    list(table[0].keys()) if table else [],
                    formats={c: FORMATS[measure] for c in (table[0] if table else {})},
                )
                for measure, (title, table) in pivots.items()
            ]
            sheets.append(Sheet("Data", rows, columns, formats=FORMATS))
            sheets.append(Sheet("Om tallene", [{"Note": n} for n in notes], ["Note"]))
            write_workbook(sheets, temp)


def counts_markdown(pivots: Mapping[str, tuple[str, Sequence[Row]]]) -> str:
    """The pivot tables as Markdown, each number with its measure's decimals."""
    parts = []
    for measure, (title, table) in pivots.items():
        decimals = DECIMALS.get(measure, 0)
        shown = [
            {k: f"{v:.{decimals}f}" if isinstance(v, float) else v for k, v in row.items()}
            for row in table
        ]
        parts += [f"## {title}\n", markdown_table(shown)]
    return "\n".join(parts)
