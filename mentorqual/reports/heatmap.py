"""A theme × group heatmap as PNG, drawn offline with matplotlib's Agg backend."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from .files import atomic_path, check_suffix


def write_heatmap(
    path: Path,
    values: Sequence[Sequence[float]],
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    title: str,
    legend: str,
    decimals: int = 1,
) -> None:
    """Draw ``values`` (one row per theme) with the value printed in every cell."""
    check_suffix(path, (".png",))
    import matplotlib  # slow to import: loaded only when a plot is drawn

    matplotlib.use("Agg")  # no display, no fonts from the network
    import matplotlib.pyplot as plt

    finite = [v for row in values for v in row if not math.isnan(v)]
    top = max(finite, default=1.0) or 1.0
    figure, axes = plt.subplots(
        figsize=(1.6 + 1.35 * len(columns), 1.4 + 0.6 * len(rows)), layout="constrained"
    )
    try:
        image = axes.imshow(values, cmap="Blues", vmin=0, vmax=top, aspect="auto")
        axes.set_xticks(range(len(columns)), labels=columns, rotation=30, ha="right")
        axes.set_yticks(range(len(rows)), labels=rows)
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                text = "–" if math.isnan(value) else f"{value:.{decimals}f}".replace(".", ",")
                dark = not math.isnan(value) and value > 0.6 * top
                axes.text(j, i, text, ha="center", va="center", color="white" if dark else "black")
        axes.set_title(title)
        figure.colorbar(image, ax=axes, label=legend, shrink=0.8)
        with atomic_path(path) as temp:
            figure.savefig(temp, format="png", dpi=150)
    finally:
        plt.close(figure)
