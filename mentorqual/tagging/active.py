"""Active learning: which uncoded paragraphs are most worth coding next, by the theme
classifier's doubt, spread over interviews and regions."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .calibration import ClassifierError


def suggest(
    probabilities: np.ndarray,
    groups: Sequence[str],
    strata: Sequence[str],
    n: int,
    *,
    thresholds: Sequence[float] | np.ndarray | None = None,
) -> list[int]:
    """Indices of the ``n`` uncoded paragraphs most worth coding next.

    A paragraph's uncertainty is its smallest margin ``|p - threshold|`` over the codes
    (pass the model's thresholds; the default is 0.5). Picks are spread out: strata
    (regions) take turns, each taking its most uncertain paragraph whose interview
    has fewer than ``ceil(n / interviews)`` picks; the cap is raised only when no
    stratum can pick under it. Ties go to the lower index, so the result is
    deterministic. Returned in the order picked.
    """
    p = np.asarray(probabilities, dtype=float)
    if p.ndim != 2 or not len(p) == len(groups) == len(strata):
        raise ClassifierError(
            f"suggest needs one row of probabilities, one interview and one stratum per "
            f"paragraph; got {p.shape[0] if p.ndim else 0} rows, {len(groups)} interviews "
            f"and {len(strata)} strata"
        )
    if n <= 0 or not len(p):
        return []
    cut = np.full(p.shape[1], 0.5) if thresholds is None else np.asarray(thresholds, float)
    if cut.shape != (p.shape[1],):
        raise ClassifierError(f"{len(cut)} thresholds for {p.shape[1]} codes")
    margin = np.abs(p - cut).min(axis=1) if p.shape[1] else np.zeros(len(p))
    queues: dict[str, list[int]] = {}
    for i in sorted(range(len(p)), key=lambda i: (margin[i], i)):
        queues.setdefault(strata[i], []).append(i)  # strata ordered by their best candidate
    cap = math.ceil(n / len(set(groups)))
    taken: Counter[str] = Counter()
    chosen: list[int] = []
    while len(chosen) < min(n, len(p)):
        picked = False
        for queue in queues.values():
            pick = next((i for i in queue if taken[groups[i]] < cap), None)
            if pick is None:
                continue
            queue.remove(pick)
            chosen.append(pick)
            taken[groups[pick]] += 1
            picked = True
            if len(chosen) == n:
                break
        if not picked:
            cap += 1
    return chosen
