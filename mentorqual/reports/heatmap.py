"""A theme × group (or theme × theme) heatmap as PNG, drawn offline with matplotlib's
Agg backend.

The figure says what it shows: a title, N under every column label, a caption with
whose codings are counted, and columns resting on too few interviews greyed out.
Cells that are not comparable with the rest (a co-occurrence table's diagonal, the
theme with itself) keep their number on a neutral grey and do not set the colour
scale. Numbers use the report language's decimal mark, in the cells and on the
colour bar.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from .files import atomic_path, check_suffix
from .language import Lang, number

MUTED = "#8c8c8c"
NEUTRAL = "#e6e6e6"  # a cell drawn without the colour map
NEUTRAL_TEXT = "#333333"
CMAP = "Blues"

Colour = tuple[float, float, float, float]


def cell_colours(
    values: Sequence[Sequence[float]], top: float, neutral: Collection[tuple[int, int]] = ()
) -> list[list[Colour]]:
    """The RGBA colour the heatmap draws in every cell: the colour map scaled from 0
    to ``top``, NEUTRAL grey for the (row, column) cells in ``neutral``, transparent
    for NaN.

    Example:
        cell_colours([[5, 1], [1, 3]], top=1, neutral={(0, 0), (1, 1)})
    """
    import matplotlib  # slow to import: loaded only when a plot is drawn
    from matplotlib.colors import Normalize, to_rgba

    cmap, scale = matplotlib.colormaps[CMAP], Normalize(0, top)
    grey = to_rgba(NEUTRAL)
    return [
        [
            grey if (i, j) in neutral else (0.0, 0.0, 0.0, 0.0) if math.isnan(v)
            else tuple(float(c) for c in cmap(scale(v)))  # type: ignore[misc]
            for j, v in enumerate(row)
        ]
        for i, row in enumerate(values)
    ]  # fmt: skip


def write_heatmap(
    path: Path,
    values: Sequence[Sequence[float]],
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    title: str,
    legend: str,
    decimals: int = 1,
    caption: str = "",
    muted: Sequence[int] = (),
    diagonal: bool = False,
    lang: Lang = "da",
) -> None:
    """Draw ``values`` (one row per theme) with the value printed in every cell.

    ``columns`` may hold a second line (N); the columns at the indices ``muted`` are
    hatched grey and their labels greyed. With ``diagonal`` (a theme × theme table)
    the diagonal's cells are neutral grey and the colours scale to the largest value
    off it; the caption should say so.

    Example:
        write_heatmap(Path("h.png"), [[1.5]], ["Tryghed"], ["Hovedstaden\\nn=6"], title="…",
                      legend="Pr. 1.000 ord")
    """
    check_suffix(path, (".png",))
    import matplotlib  # slow to import: loaded only when a plot is drawn

    matplotlib.use("Agg")  # no display, no fonts from the network
    import matplotlib.pyplot as plt
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.ticker import FuncFormatter

    neutral = {(i, i) for i in range(len(rows))} if diagonal else set()
    top = _top(values, muted, neutral)
    width = 2.4 + 1.45 * len(columns)
    figure, axes = plt.subplots(figsize=(width, 2.2 + 0.6 * len(rows)), layout="constrained")
    try:
        axes.imshow(cell_colours(values, top, neutral), aspect="auto", interpolation="nearest")
        axes.set_xticks(range(len(columns)), labels=columns, fontsize=8)
        axes.set_yticks(range(len(rows)), labels=rows)
        _mute(axes, muted, len(rows))
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                dark = not math.isnan(value) and value > 0.6 * top and j not in muted
                colour = MUTED if j in muted else "white" if dark else "black"
                axes.text(
                    j, i, number(value, decimals, lang), ha="center", va="center",
                    color=NEUTRAL_TEXT if (i, j) in neutral else colour,
                )  # fmt: skip
        axes.set_title("\n".join(textwrap.wrap(title, 70)))
        scale = ScalarMappable(Normalize(0, top), CMAP)
        bar = figure.colorbar(scale, ax=axes, label=legend, shrink=0.8)
        bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, decimals, lang)))
        if caption:
            wrapped = textwrap.wrap(caption, int(11 * width))  # characters across the figure
            figure.supxlabel("\n".join(wrapped), fontsize=8, x=0.02, ha="left")
        with atomic_path(path) as temp:
            figure.savefig(temp, format="png", dpi=150)
    finally:
        plt.close(figure)


def _top(
    values: Sequence[Sequence[float]], muted: Sequence[int], neutral: Collection[tuple[int, int]]
) -> float:
    """The top of the colour scale: the largest value of a coloured cell. Greyed
    columns rest on too few interviews, and neutral cells are not comparable."""
    coloured = [
        v
        for i, row in enumerate(values)
        for j, v in enumerate(row)
        if not math.isnan(v) and j not in muted and (i, j) not in neutral
    ]
    return max(coloured, default=1.0) or 1.0


def _mute(axes: Any, muted: Sequence[int], rows: int) -> None:
    """Hatch the columns ``muted`` grey and grey their labels."""
    from matplotlib.patches import Rectangle

    for j in muted:
        axes.get_xticklabels()[j].set_color(MUTED)
        axes.add_patch(
            Rectangle(
                (j - 0.5, -0.5), 1, rows, facecolor="#eeeeee", alpha=0.85,
                hatch="//", edgecolor="#bbbbbb", linewidth=0,
            )
        )  # fmt: skip
