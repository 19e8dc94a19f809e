"""Precision, recall, F1 and kappa of a coder against a reference coder, per code.

Plain data in, plain rows out: units are (segment, code) decisions over the
segments both coders assessed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from .matrix import AgreementError
from .statistics import cohen_kappa

__all__ = ["Scores", "evaluate", "macro", "score", "spread"]


@dataclass(frozen=True)
class Scores:
    """One row of an evaluation table."""

    code: str
    units: int
    support: int  # positives by the reference coder
    predicted: int  # positives by the evaluated coder
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    kappa: float  # NaN when undefined

    def row(self) -> dict[str, object]:
        return asdict(self)


def _ratio(a: int, b: int) -> float:
    return a / b if b else math.nan


def score(code: str, predicted: Sequence[bool], reference: Sequence[bool]) -> Scores:
    tp = sum(p and r for p, r in zip(predicted, reference, strict=True))
    fp = sum(p and not r for p, r in zip(predicted, reference, strict=True))
    fn = sum(r and not p for p, r in zip(predicted, reference, strict=True))
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * tp, 2 * tp + fp + fn)
    try:
        kappa = cohen_kappa(predicted, reference, categories=[False, True])
    except AgreementError:
        kappa = math.nan
    return Scores(code, len(reference), tp + fn, tp + fp, tp, fp, fn, precision, recall, f1, kappa)


def evaluate(
    units: Iterable[int],
    codes: Sequence[str],
    predicted: set[tuple[int, str]],
    reference: set[tuple[int, str]],
) -> list[Scores]:
    """Per-code scores, then a ``micro`` row pooling every (unit, code) decision and a
    ``macro`` row averaging the per-code precision, recall, F1 and kappa (codes where a
    figure is undefined are left out of its average)."""
    ordered = sorted(units)
    rows = []
    pooled_p: list[bool] = []
    pooled_r: list[bool] = []
    for code in codes:
        p = [(u, code) in predicted for u in ordered]
        r = [(u, code) in reference for u in ordered]
        rows.append(score(code, p, r))
        pooled_p += p
        pooled_r += r
    per_code = list(rows)
    rows.append(score("micro", pooled_p, pooled_r))
    rows.append(macro(per_code, rows[-1]))
    return rows


def _mean(values: Iterable[float]) -> float:
    defined = [v for v in values if not math.isnan(v)]
    return sum(defined) / len(defined) if defined else math.nan


def macro(per_code: Sequence[Scores], micro: Scores) -> Scores:
    """The unweighted mean over codes; counts are the micro row's."""
    return Scores(
        "macro",
        micro.units,
        micro.support,
        micro.predicted,
        micro.tp,
        micro.fp,
        micro.fn,
        _mean(s.precision for s in per_code),
        _mean(s.recall for s in per_code),
        _mean(s.f1 for s in per_code),
        _mean(s.kappa for s in per_code),
    )


def spread(runs: Sequence[Sequence[Scores]]) -> list[dict[str, object]]:
    """One row per code (and micro, macro) over repeated evaluations, such as
    cross-validation on several grouped splits: the first run's F1 and kappa, then
    their mean, lowest and highest over all runs (undefined values left out).

    >>> a = score("x", [True, False, True, False], [True, False, False, False])
    >>> b = score("x", [True, False, False, False], [True, False, False, False])
    >>> row = spread([[a], [b]])[0]
    >>> row["f1"], row["f1_mean"], row["f1_min"], row["f1_max"]
    (0.6666666666666666, 0.8333333333333333, 0.6666666666666666, 1.0)
    """
    rows = []
    for scores in zip(*runs, strict=True):
        first = scores[0]
        if any(s.code != first.code for s in scores):
            raise ValueError("the runs do not score the same codes in the same order")
        row: dict[str, object] = {
            "code": first.code,
            "units": first.units,
            "support": first.support,
            "runs": len(scores),
        }
        for name in ("f1", "kappa"):
            values = [getattr(s, name) for s in scores]
            defined = [v for v in values if not math.isnan(v)]
            row[name] = values[0]
            row[f"{name}_mean"] = _mean(values)
            row[f"{name}_min"] = min(defined, default=math.nan)
            row[f"{name}_max"] = max(defined, default=math.nan)
        rows.append(row)
    return rows
