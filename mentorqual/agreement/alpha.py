"""Krippendorff's alpha, its presence/absence fast path and its bootstrap interval.

`krippendorff_alpha` delegates to the ``krippendorff`` package, which reproduces
Krippendorff's (2011) published nominal, ordinal, interval and ratio values (see
tests/test_agreement_alpha.py). It gets value counts from us, so labels can be any
hashable and the category order is ours, not a sort.

The presence/absence fast path (`binary_alpha`, `binary_alpha_counts`) and the
bootstrap are our own code. The package has no bootstrap. For nominal data alpha
depends on a unit only through its value counts, so units are grouped into a few
"types" and a resample is a multinomial draw of type counts. The tests check that this
path equals the package's alpha.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any, Literal, TypeAlias

import krippendorff
import numpy as np
import numpy.typing as npt

from .matrix import AgreementError, Floats, Ints, Matrix, pairable, require_variation, tally

__all__ = [
    "Level",
    "Seed",
    "alpha_bootstrap_ci",
    "alpha_bootstrap_ci_counts",
    "binary_alpha",
    "binary_alpha_counts",
    "krippendorff_alpha",
    "percentile_interval",
]

Level: TypeAlias = Literal["nominal", "ordinal", "interval", "ratio"]
Seed: TypeAlias = int | np.random.Generator | None


def krippendorff_alpha(
    matrix: Matrix, level: Level = "nominal", categories: Sequence[Hashable] | None = None
) -> float:
    """Krippendorff's alpha for any number of coders, with missing values allowed.

    Computed by the ``krippendorff`` package, from value counts in our category order.
    ``level`` picks the difference function. "ordinal" uses the order of
    ``categories`` (required unless the labels are numbers). "interval" and "ratio"
    use the labels' numeric values.

    Args:
        matrix: Units x coders; ``None``/NaN marks a missing value.
        level: "nominal", "ordinal", "interval" or "ratio".
        categories: The full category set, in scale order for "ordinal".

    Raises:
        AgreementError: Fewer than 2 coders, no pairable unit, every compared value in
            one category, an unknown level, or non-numeric labels where numbers are needed.

    Example:
        >>> data = [[1, 1, None], [2, 2, 2], [3, 3, 2], [None, 1, 1]]
        >>> round(krippendorff_alpha(data), 3)
        0.719
    """
    if level not in ("nominal", "ordinal", "interval", "ratio"):
        raise AgreementError(f"unknown level {level!r}: nominal, ordinal, interval or ratio")
    counts, cats = tally(matrix, categories)
    compared = pairable(counts)
    require_variation(compared, cats, "Krippendorff's alpha")
    numeric = all(isinstance(c, int | float | np.number) for c in cats)
    if level != "nominal" and not numeric and (level != "ordinal" or categories is None):
        need = "categories= in scale order" if level == "ordinal" else "numeric labels"
        raise AgreementError(f"{level} alpha needs {need}; got labels {cats!r}")
    domain = np.asarray(cats, dtype=float) if level in ("interval", "ratio") else None
    return float(
        krippendorff.alpha(
            value_counts=compared,
            value_domain=np.arange(len(cats)) if domain is None else domain,
            level_of_measurement=level,
        )
    )


def _unit_types(counts: Ints) -> tuple[Ints, Ints]:
    """Distinct value-count rows of the pairable units and how many units have each."""
    compared = pairable(counts)
    base = int(compared.max()) + 1
    if compared.shape[1] * math.log2(base) < 62:  # one integer key per unit: fast 1-D unique
        key = compared @ base ** np.arange(compared.shape[1], dtype=np.int64)
        _, first, units = np.unique(key, return_index=True, return_counts=True)
        return compared[first], units
    values, units = np.unique(compared, axis=0, return_counts=True)
    return values, units


def _type_alpha(values: Ints, weights: npt.NDArray[np.integer[Any]]) -> Floats:
    """Nominal alpha for each row of ``weights`` (number of units of each type).

    alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k. A unit with m values
    adds (m^2 - sum_c r_c^2) / (m - 1) to the off-diagonal coincidences. NaN where
    there is no variation.
    """
    m = values.sum(axis=1)
    off_diagonal = (m * m - (values * values).sum(axis=1)) / (m - 1)
    n_c = (weights @ values).astype(float)
    n = n_c.sum(axis=1)
    expected = n * n - (n_c * n_c).sum(axis=1)
    observed = weights @ off_diagonal
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha: Floats = np.where(expected > 0, 1 - (n - 1) * observed / expected, np.nan)
    return alpha


def _point_alpha(values: Ints, units: Ints) -> float:
    alpha = float(_type_alpha(values, units[None, :])[0])
    if math.isnan(alpha):
        raise AgreementError(
            "Krippendorff's alpha is undefined: every compared value is in one category"
        )
    return alpha


def _binary_counts(ones: npt.ArrayLike, zeros: npt.ArrayLike) -> Ints:
    yes, no = np.asarray(ones), np.asarray(zeros)
    if yes.ndim != 1 or yes.shape != no.shape:
        raise AgreementError(f"ones and zeros must be 1-D and alike: {yes.shape}, {no.shape}")
    if yes.size and (yes.dtype.kind not in "iub" or no.dtype.kind not in "iub"):
        raise AgreementError("ones and zeros must be integer counts per unit")
    if yes.size and min(yes.min(), no.min()) < 0:
        raise AgreementError("ones and zeros cannot be negative")
    return np.stack([no, yes], axis=1).astype(np.int64)  # the column order of 0/1 matrices


def binary_alpha(matrix: Matrix) -> float:
    """Nominal Krippendorff's alpha for presence/absence codings: the fast path.

    Equal to ``krippendorff_alpha(matrix)`` on the same data. The time is linear in
    the matrix size plus a handful of per-type sums.

    Args:
        matrix: Units x coders of 0/1 (or False/True), ``None``/NaN for "not coded".

    Raises:
        AgreementError: More than two labels, fewer than 2 coders, no pairable unit,
            or no variation.
    """
    counts, cats = tally(matrix, None)
    if len(cats) > 2:
        raise AgreementError(f"binary_alpha needs presence/absence data, got labels {cats!r}")
    return _point_alpha(*_unit_types(counts))


def binary_alpha_counts(ones: npt.ArrayLike, zeros: npt.ArrayLike) -> float:
    """`binary_alpha` from per-unit counts, e.g. straight from a database query.

    Args:
        ones: Per unit, how many coders marked the code present.
        zeros: Per unit, how many coders assessed the unit and marked it absent.

    Example:
        >>> round(binary_alpha_counts([3, 0, 2, 1], [0, 3, 1, 1]), 3)
        0.333
    """
    return _point_alpha(*_unit_types(_binary_counts(ones, zeros)))


def _bootstrap_ci(
    values: Ints, units: Ints, n_boot: int, seed: Seed, level: float
) -> tuple[float, float]:
    if n_boot < 1:
        raise AgreementError(f"n_boot must be at least 1, got {n_boot}")
    if not 0 < level < 1:
        raise AgreementError(f"level is a probability such as 0.95, got {level}")
    _point_alpha(values, units)  # an undefined alpha has no interval
    rng = np.random.default_rng(seed)
    total = int(units.sum())
    shares = units / total
    chunk = max(1, 2**22 // len(units))  # bounds memory when there are many types
    alphas = np.concatenate(
        [
            _type_alpha(values, rng.multinomial(total, shares, size=min(chunk, n_boot - start)))
            for start in range(0, n_boot, chunk)
        ]
    )
    return percentile_interval(alphas, level)


def percentile_interval(alphas: Floats, level: float = 0.95) -> tuple[float, float]:
    """The percentile interval of bootstrap alphas; resamples where alpha is undefined
    (NaN: no variation) are left out."""
    alphas = alphas[~np.isnan(alphas)]
    if not alphas.size:
        raise AgreementError("no bootstrap resample had any variation; alpha has no interval")
    tail = (1 - level) / 2
    low, high = np.quantile(alphas, [tail, 1 - tail])
    return float(low), float(high)


def alpha_bootstrap_ci(
    matrix: Matrix,
    n_boot: int = 1000,
    seed: Seed = 0,
    level: float = 0.95,
    categories: Sequence[Hashable] | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval for nominal Krippendorff's alpha, resampling units.

    Each resample draws the pairable units (those with 2 or more values) with
    replacement. That is a multinomial draw of how many units of each value-count
    type it holds, so 1,000 resamples of 100,000 units take milliseconds. A resample
    in which alpha is undefined (no variation) is left out. This is the plain
    bootstrap over units. Krippendorff's own KALPHA macro resamples pairs of values
    (Hayes & Krippendorff 2007), so its intervals differ slightly.

    Args:
        matrix: Units x coders, nominal labels; ``None``/NaN for missing.
        n_boot: Number of resamples.
        seed: Seed or ``numpy.random.Generator``; the default makes results repeatable.
        level: Confidence level of the interval.
        categories: The full category set (only checked; nominal alpha ignores order).

    Returns:
        (low, high) percentiles of the resampled alphas.

    Raises:
        AgreementError: Alpha is undefined for the data, or bad ``n_boot``/``level``.
    """
    counts, _ = tally(matrix, categories)
    return _bootstrap_ci(*_unit_types(counts), n_boot, seed, level)


def alpha_bootstrap_ci_counts(
    ones: npt.ArrayLike,
    zeros: npt.ArrayLike,
    n_boot: int = 1000,
    seed: Seed = 0,
    level: float = 0.95,
) -> tuple[float, float]:
    """`alpha_bootstrap_ci` for presence/absence data given as per-unit counts."""
    return _bootstrap_ci(*_unit_types(_binary_counts(ones, zeros)), n_boot, seed, level)
