"""A theme × group heatmap as PNG, drawn offline with matplotlib's Agg backend.

The figure says what it shows: a title, N under every column label, a caption with
whose codings are counted, and columns resting on too few interviews greyed out.
Numbers use the report language's decimal mark, in the cells and on the colour bar.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from pathlib import Path

from .files import atomic_path, check_suffix
from .language import Lang, number

MUTED = "#8c8c8c"


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
    lang: Lang = "da",
) -> None:
    """Draw ``values`` (one row per theme) with the value printed in every cell.

    ``columns`` may hold a second line (N); the columns at the indices ``muted`` are
    hatched grey and their labels greyed.

    Example:
        write_heatmap(Path("h.png"), [[1.5]], ["Tryghed"], ["Hovedstaden\\nn=6"], title="…",
                      legend="Pr. 1.000 ord")
    """
    check_suffix(path, (".png",))
    import matplotlib  # slow to import: loaded only when a plot is drawn

    matplotlib.use("Agg")  # no display, no fonts from the network
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle
    from matplotlib.ticker import FuncFormatter

    # Greyed columns rest on too few interviews to set the colour scale.
    finite = [
        v for row in values for j, v in enumerate(row) if not math.isnan(v) and j not in muted
    ]
    top = max(finite, default=1.0) or 1.0
    figure, axes = plt.subplots(
        figsize=(2.4 + 1.45 * len(columns), 2.2 + 0.6 * len(rows)), layout="constrained"
    )
    try:
        image = axes.imshow(values, cmap="Blues", vmin=0, vmax=top, aspect="auto")
        axes.set_xticks(range(len(columns)), labels=columns, fontsize=8)
        axes.set_yticks(range(len(rows)), labels=rows)
        for j in muted:
            axes.get_xticklabels()[j].set_color(MUTED)
            axes.add_patch(
                Rectangle(
                    (j - 0.5, -0.5), 1, len(rows), facecolor="#eeeeee", alpha=0.85,
                    hatch="//", edgecolor="#bbbbbb", linewidth=0,
                )
            )  # fmt: skip
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                dark = not math.isnan(value) and value > 0.6 * top and j not in muted
                axes.text(
                    j, i, number(value, decimals, lang), ha="center", va="center",
                    color="white" if dark else (MUTED if j in muted else "black"),
                )  # fmt: skip
        axes.set_title("\n".join(textwrap.wrap(title, 70)))
        bar = figure.colorbar(image, ax=axes, label=legend, shrink=0.8)
        bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, decimals, lang)))
        if caption:
            width = int(11 * (2.4 + 1.45 * len(columns)))  # characters across the figure
            figure.supxlabel(
                "\n".join(textwrap.wrap(caption, width)), fontsize=8, x=0.02, ha="left"
            )
        with atomic_path(path) as temp:
            figure.savefig(temp, format="png", dpi=150)
    finally:
        plt.close(figure)
