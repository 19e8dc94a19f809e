"""How wide a Word table's columns are: each wide enough for its longest word, the
rest of the page shared as the cells need it."""

from __future__ import annotations

from collections.abc import Sequence

from .tables import Row

# An 8-point character is about 0.075 inches wide (a bold one, as in the headers, a
# fifth more: "Agreement" broke as "Agreemen t"); a cell's padding about 0.15.
CHAR_INCHES, PADDING_INCHES, BOLD = 0.075, 0.15, 1.2


def column_widths(rows: Sequence[Row], columns: Sequence[str], usable: float) -> list[float]:
    """Column widths in inches that fit ``usable``: each wide enough for its longest
    word (so no header or theme breaks inside a word) and, as room allows, for its
    typical cell and a short header on one line; long texts take what is left. The
    rows are shown as text already.

    Example:
        column_widths([{"Tema": "Tryghed", "Noter": ""}], ["Tema", "Noter"], 10.0)
    """
    floors, wants = [], []
    for name in columns:
        texts = ["" if r.get(name) is None else str(r.get(name)) for r in rows]
        cells = sorted(len(t) for t in texts) or [0]
        typical = cells[round(0.9 * (len(cells) - 1))]  # a two-row table: the longer
        words = [len(w) * BOLD for w in name.split()] + [len(w) for t in texts for w in t.split()]
        longest_word = min(max(words, default=1), 22)
        floors.append(longest_word * CHAR_INCHES + PADDING_INCHES)
        header = len(name) * BOLD if len(name) <= 12 else 0
        wants.append(max(min(typical, 60), longest_word, header) * CHAR_INCHES + PADDING_INCHES)
    total_floor, total_want = sum(floors), sum(wants)
    if total_want <= usable:
        return wants
    if total_floor >= usable:
        return [f * usable / total_floor for f in floors]
    share = (usable - total_floor) / (total_want - total_floor)
    return [f + (w - f) * share for f, w in zip(floors, wants, strict=True)]
