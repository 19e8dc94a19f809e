"""The heatmap: colours scaled to the cells that compare, a co-occurrence table's
diagonal (the theme with itself) drawn grey, not coloured."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorqual.reports import heatmap
from mentorqual.reports.heatmap import CMAP, NEUTRAL, cell_colours, write_heatmap

# A theme × theme table: the diagonal (each theme's own count) dwarfs every pair.
LABELS = ["Tryghed", "Kurser", "Ledelse"]
TABLE = [[120.0, 9.0, 3.0], [9.0, 80.0, 5.0], [3.0, 5.0, 60.0]]


def rgba(colour: str) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(colour)


def darkest() -> tuple[float, float, float, float]:
    import matplotlib

    return tuple(float(c) for c in matplotlib.colormaps[CMAP](1.0))  # type: ignore[return-value]


def test_the_diagonal_is_grey_and_the_scale_is_the_pairs() -> None:
    diagonal = {(i, i) for i in range(3)}
    top = max(v for i, row in enumerate(TABLE) for j, v in enumerate(row) if i != j)
    colours = cell_colours(TABLE, top, diagonal)
    assert [colours[i][i] for i in range(3)] == [rgba(NEUTRAL)] * 3
    # The largest pair gets the darkest colour; the others are lighter, none grey.
    assert colours[0][1] == colours[1][0] == darkest()
    off = [colours[i][j] for i in range(3) for j in range(3) if i != j]
    assert rgba(NEUTRAL) not in off
    assert sum(colours[0][2][:3]) > sum(colours[1][2][:3]) > sum(colours[0][1][:3])


def _share_of(colour: str, path: Path) -> float:
    """The share of the image's pixels in ``colour`` (a PNG stores 8 bits a channel)."""
    import numpy as np
    from matplotlib.image import imread

    image = np.round(imread(str(path))[..., :3] * 255).astype(int)
    wanted = [round(c * 255) for c in rgba(colour)[:3]]
    return float((image == wanted).all(axis=-1).mean())


@pytest.mark.parametrize("diagonal", [True, False])
def test_the_png_has_grey_cells_only_for_a_diagonal(tmp_path: Path, diagonal: bool) -> None:
    path = tmp_path / "co.png"
    write_heatmap(path, TABLE, LABELS, LABELS, title="T", legend="L", decimals=0, diagonal=diagonal)
    # Three of nine cells grey, or none (a few pixels of the text's edges may be).
    share = _share_of(NEUTRAL, path)
    assert share > 0.1 if diagonal else share < 0.001


def test_the_drawing_scales_to_the_largest_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def spy(values: object, top: float, neutral: object = ()) -> object:
        calls.append((top, neutral))
        return cell_colours(values, top, neutral)  # type: ignore[arg-type]

    monkeypatch.setattr(heatmap, "cell_colours", spy)
    write_heatmap(tmp_path / "a.png", TABLE, LABELS, LABELS, title="T", legend="L", diagonal=True)
    write_heatmap(tmp_path / "b.png", TABLE, LABELS, LABELS, title="T", legend="L")
    pairs = max(v for i, row in enumerate(TABLE) for j, v in enumerate(row) if i != j)
    assert calls == [(pairs, {(0, 0), (1, 1), (2, 2)}), (max(map(max, TABLE)), set())]


def test_muted_columns_do_not_set_the_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tops = []
    monkeypatch.setattr(
        heatmap, "cell_colours", lambda v, top, n=(): tops.append(top) or cell_colours(v, top, n)
    )
    values = [[1.0, 50.0], [2.0, 40.0]]
    write_heatmap(tmp_path / "m.png", values, ["a", "b"], ["x", "y"], title="T", legend="L",
                  muted=[1])  # fmt: skip
    assert tops == [2.0]
