"""Agreement statistics over a reliability matrix; no database, no click.

A reliability matrix has one row per unit (a segment) and one column per coder. A
cell holds the category label the coder gave the unit (any hashable), or ``None``/NaN
when that coder did not code it. Lists of rows, NumPy arrays and pandas DataFrames are
accepted. Every statistic returns a float and raises `AgreementError` when it is
undefined for the input. ``categories`` gives the full category set in scale order: it
fixes the order for weighted kappa and ordinal alpha, and ``q`` for Gwet's AC1 and
Brennan-Prediger.

Where the numbers come from:

* `krippendorff_alpha` delegates to the ``krippendorff`` package, which reproduces
  Krippendorff's (2011) published nominal, ordinal, interval and ratio values (see
  tests/test_agreement.py). It gets value counts from us, so labels can be any
  hashable and the category order is ours, not a sort.
* The presence/absence fast path (`binary_alpha`, `binary_alpha_counts`) and
  the bootstrap are our own code. The package has no bootstrap. For nominal data α
  depends on a unit only through its value counts, so units are grouped into a few
  "types" and a resample is a multinomial draw of type counts. The tests check that
  this path equals the package's α.
* Cohen, Scott, Fleiss, Gwet and Brennan-Prediger are short formulas written here, each
  tested against a published example. We do not use scikit-learn's
  ``cohen_kappa_score``: it sorts labels unless ``labels=`` is given and it cannot
  take missing values.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any, Literal, Protocol, TypeAlias

import krippendorff
import numpy as np
import numpy.typing as npt

from .errors import MentorqualError

__all__ = [
    "AgreementError",
    "Level",
    "Matrix",
    "Weights",
    "alpha_bootstrap_ci",
    "alpha_bootstrap_ci_counts",
    "binary_alpha",
    "binary_alpha_counts",
    "brennan_prediger",
    "cohen_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "krippendorff_observed_agreement",
    "krippendorff_verdict",
    "landis_koch",
    "percentile_interval",
    "percent_agreement",
    "scott_pi",
]


class AgreementError(MentorqualError):
    """Agreement cannot be computed for this input (too few coders or units, no variation)."""


class _Frame(Protocol):
    def to_numpy(self) -> Any: ...


#: Units x coders: a list of rows, a 2-D NumPy array or a pandas DataFrame.
Matrix: TypeAlias = Sequence[Sequence[Any]] | npt.NDArray[Any] | _Frame
Level: TypeAlias = Literal["nominal", "ordinal", "interval", "ratio"]
Weights: TypeAlias = Literal["linear", "quadratic"] | None
Seed: TypeAlias = int | np.random.Generator | None

_Ints: TypeAlias = npt.NDArray[np.int64]
_Floats: TypeAlias = npt.NDArray[np.float64]
_NA_TYPES = frozenset({"NAType", "NaTType"})  # pandas' missing markers, without importing pandas


# -- reading a reliability matrix -------------------------------------------------------


def _as_array(matrix: Matrix) -> npt.NDArray[Any]:
    if isinstance(matrix, np.ndarray):
        arr = matrix
    elif not isinstance(matrix, Sequence):
        to_numpy = getattr(matrix, "to_numpy", None)
        if to_numpy is None:
            raise AgreementError("a reliability matrix is a list of rows, an array or a DataFrame")
        arr = np.asarray(to_numpy())
    else:
        try:
            arr = np.array(matrix, dtype=object)
        except ValueError:  # ragged rows
            arr = np.empty(0, dtype=object)
        if arr.ndim != 2:  # ragged, or tuple labels that NumPy unpacked into a third axis
            try:
                rows = [np.fromiter(row, dtype=object) for row in matrix]
            except TypeError:
                raise AgreementError("a reliability matrix is a sequence of rows (units)") from None
            widths = sorted({len(row) for row in rows})
            if len(widths) > 1:
                raise AgreementError(f"every row needs one cell per coder; row widths {widths}")
            arr = np.stack(rows) if rows else np.empty((0, 0), dtype=object)
    if arr.ndim != 2:
        raise AgreementError(f"a reliability matrix is 2-D (units x coders), not {arr.ndim}-D")
    return arr


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return type(value).__name__ in _NA_TYPES


def _encode(
    arr: npt.NDArray[Any], categories: Sequence[Hashable] | None
) -> tuple[_Ints, list[Hashable]]:
    """Category index per cell (-1 for missing) and the category list."""
    flat = arr.ravel()
    if flat.dtype.kind in "biufUS":  # vectorised; only floats can hold NaN
        present = ~np.isnan(flat) if flat.dtype.kind == "f" else np.ones(flat.size, bool)
        uniques, inverse = np.unique(flat[present], return_inverse=True)
        found: list[Hashable] = uniques.tolist()
        raw = np.full(flat.size, -1, dtype=np.int64)
        raw[present] = inverse.ravel()
    else:
        index: dict[Hashable, int] = {}
        cells = []
        for value in flat:
            if _is_missing(value):
                cells.append(-1)
                continue
            try:
                cells.append(index.setdefault(value, len(index)))
            except TypeError:
                raise AgreementError(f"labels must be hashable, got {value!r}") from None
        found = list(index)
        raw = np.array(cells, dtype=np.int64)
    if categories is None:
        try:
            cats = sorted(found)  # type: ignore[type-var]
        except TypeError:  # labels of mixed types keep their first-seen order
            cats = found
    else:
        cats = list(categories)
        if len(set(cats)) != len(cats):
            raise AgreementError(f"categories contain duplicates: {cats!r}")
    position = {category: i for i, category in enumerate(cats)}
    lookup = np.full(len(found) + 1, -1, dtype=np.int64)  # the last slot maps -1 to -1
    for i, value in enumerate(found):
        if value not in position:
            raise AgreementError(f"label {value!r} is not one of the categories {cats!r}")
        lookup[i] = position[value]
    return lookup[raw].reshape(arr.shape), cats


def _coded(matrix: Matrix, categories: Sequence[Hashable] | None) -> tuple[_Ints, list[Hashable]]:
    arr = _as_array(matrix)
    if arr.shape[0] == 0:
        raise AgreementError("the reliability matrix has no units (rows)")
    if arr.shape[1] < 2:
        raise AgreementError(f"agreement needs at least 2 coders (columns), got {arr.shape[1]}")
    return _encode(arr, categories)


def _value_counts(codes: _Ints, n_categories: int) -> _Ints:
    """Units x categories: how many coders gave each unit each category."""
    units = np.broadcast_to(np.arange(codes.shape[0])[:, None], codes.shape)
    present = codes >= 0
    flat = units[present] * n_categories + codes[present]
    counts = np.bincount(flat, minlength=codes.shape[0] * n_categories)
    return counts.reshape(codes.shape[0], n_categories)


def _tally(matrix: Matrix, categories: Sequence[Hashable] | None) -> tuple[_Ints, list[Hashable]]:
    codes, cats = _coded(matrix, categories)
    return _value_counts(codes, len(cats)), cats


def _pairable(counts: _Ints) -> _Ints:
    """Units with at least two values: the only ones that say anything about agreement."""
    pairable = counts[counts.sum(axis=1) >= 2]
    if not len(pairable):
        raise AgreementError("no unit was coded by at least 2 coders, so nothing can be compared")
    return pairable


def _require_variation(pairable: _Ints, cats: list[Hashable], name: str) -> None:
    used = np.flatnonzero(pairable.sum(axis=0))
    if used.size < 2:
        raise AgreementError(
            f"{name} is undefined: every compared value is {cats[used[0]]!r}, so there is no "
            "variation to measure agreement against"
        )


# -- percent agreement and the kappa family ---------------------------------------------


def _unit_agreement(pairable: _Ints) -> _Floats:
    """Per unit: the share of ordered coder pairs that agree."""
    m = pairable.sum(axis=1)
    return (pairable * (pairable - 1)).sum(axis=1) / (m * (m - 1))


def _category_shares(counts: _Ints) -> _Floats:
    """pi_k: the mean over units with a value of the share of the unit's values in k."""
    coded = counts[counts.sum(axis=1) >= 1]
    shares: _Floats = (coded / coded.sum(axis=1, keepdims=True)).mean(axis=0)
    return shares


def _chance_corrected(p_a: float, p_e: float, name: str) -> float:
    if p_e >= 1 - 1e-12:
        raise AgreementError(
            f"{name} is undefined: chance agreement is 1 (every coder used one category)"
        )
    return float((p_a - p_e) / (1 - p_e))


def percent_agreement(matrix: Matrix, categories: Sequence[Hashable] | None = None) -> float:
    """Pairwise percent agreement: the mean over units of the share of agreeing coder pairs.

    Only units with at least 2 values count, and every such unit weighs the same. With
    2 coders and no missing values this is the share of units they agree on. This is
    not Krippendorff's observed agreement A_o: see `krippendorff_observed_agreement`.

    Args:
        matrix: Units x coders; ``None``/NaN marks a missing value.
        categories: The full category set. It does not change the result, but it
            rejects labels that are not in it.

    Returns:
        A proportion between 0 and 1.

    Raises:
        AgreementError: Fewer than 2 coders, or no unit coded by 2 or more coders.

    Example:
        >>> percent_agreement([["a", "a", "a"], ["a", "b", None]])
        0.5
    """
    counts, _ = _tally(matrix, categories)
    return float(_unit_agreement(_pairable(counts)).mean())


def krippendorff_observed_agreement(
    matrix: Matrix, categories: Sequence[Hashable] | None = None
) -> float:
    """Krippendorff's observed agreement A_o = 1 - D_o: the coincidence-matrix diagonal / n.

    This is the unit agreement of `percent_agreement` weighted by the unit's number of
    values m_u: each of a unit's m_u(m_u - 1) ordered pairs counts 1/(m_u - 1). With
    missing values and 3 or more coders the two differ. With a constant number of
    values per unit they are equal.

    Example:
        >>> round(krippendorff_observed_agreement([["a", "a", "a"], ["a", "b", None]]), 3)
        0.6
    """
    counts, _ = _tally(matrix, categories)
    pairable = _pairable(counts)
    m = pairable.sum(axis=1)
    return float((_unit_agreement(pairable) * m).sum() / m.sum())


def _fleiss(counts: _Ints, name: str) -> float:
    p_a = float(_unit_agreement(_pairable(counts)).mean())
    p_e = float((_category_shares(counts) ** 2).sum())
    return _chance_corrected(p_a, p_e, name)


def fleiss_kappa(matrix: Matrix, categories: Sequence[Hashable] | None = None) -> float:
    """Fleiss' kappa (Fleiss 1971), generalised to a varying number of coders per unit.

    We use the generalisation in Gwet (2014), *Handbook of Inter-Rater Reliability*,
    4th ed. (``fleiss.kappa.raw`` in his irrCAC package). With r_ik coders putting unit
    i in category k and r_i = sum_k r_ik::

        P_a = mean over units with r_i >= 2 of sum_k r_ik (r_ik - 1) / (r_i (r_i - 1))
        pi_k = mean over units with r_i >= 1 of r_ik / r_i
        P_e = sum_k pi_k ** 2,    kappa = (P_a - P_e) / (1 - P_e)

    With the same number of coders for every unit this is Fleiss' (1971) formula.

    Raises:
        AgreementError: Fewer than 2 coders, no pairable unit, or a single category.
    """
    counts, _ = _tally(matrix, categories)
    return _fleiss(counts, "Fleiss' kappa")


def scott_pi(matrix: Matrix, categories: Sequence[Hashable] | None = None) -> float:
    """Scott's (1955) pi for exactly 2 coders; a unit missing either value is dropped.

    pi = (p_o - p_e) / (1 - p_e), where p_e = sum_k p_k ** 2 over the two coders' pooled
    proportions. This is `fleiss_kappa` with 2 coders.

    Raises:
        AgreementError: The matrix does not have 2 columns, no unit was coded by both
            coders, or a single category.
    """
    codes, cats = _coded(matrix, categories)
    if codes.shape[1] != 2:
        raise AgreementError(
            f"Scott's pi is for 2 coders, got {codes.shape[1]}; use fleiss_kappa or "
            "krippendorff_alpha"
        )
    both = codes[(codes >= 0).all(axis=1)]
    if not len(both):
        raise AgreementError("no unit was coded by both coders")
    return _fleiss(_value_counts(both, len(cats)), "Scott's pi")


def _require_q(cats: list[Hashable], name: str) -> int:
    if len(cats) < 2:
        raise AgreementError(
            f"{name} needs at least 2 categories, got {cats!r}; pass the full set as categories="
        )
    return len(cats)


def gwet_ac1(matrix: Matrix, categories: Sequence[Hashable] | None = None) -> float:
    """Gwet's AC1 for any number of coders and missing values (Gwet 2014, *Handbook*).

    P_a and pi_k are as in `fleiss_kappa`. Chance agreement is
    P_e = sum_k pi_k (1 - pi_k) / (q - 1), where q is the number of categories: the
    length of ``categories``, or the number of labels seen if it is not given.

    Raises:
        AgreementError: Fewer than 2 coders or categories, or no pairable unit.
    """
    counts, cats = _tally(matrix, categories)
    q = _require_q(cats, "Gwet's AC1")
    p_a = float(_unit_agreement(_pairable(counts)).mean())
    shares = _category_shares(counts)
    return _chance_corrected(p_a, float((shares * (1 - shares)).sum() / (q - 1)), "AC1")


def brennan_prediger(matrix: Matrix, categories: Sequence[Hashable] | None = None) -> float:
    """Brennan and Prediger's (1981) kappa: chance agreement is 1/q for q categories.

    P_a is as in `fleiss_kappa`. q is the length of ``categories``, so pass the
    codebook's full category set. Otherwise q is the number of labels seen, and
    categories no coder used drop out.

    Raises:
        AgreementError: Fewer than 2 coders or categories, or no pairable unit.
    """
    counts, cats = _tally(matrix, categories)
    q = _require_q(cats, "Brennan-Prediger")
    p_a = float(_unit_agreement(_pairable(counts)).mean())
    return _chance_corrected(p_a, 1 / q, "Brennan-Prediger")


def cohen_kappa(
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    categories: Sequence[Hashable] | None = None,
    weights: Weights = None,
) -> float:
    """Cohen's (1960) kappa for 2 coders; ``weights`` gives Cohen's (1968) weighted kappa.

    kappa = 1 - sum(w * observed) / sum(w * expected). Here observed is the two coders'
    joint distribution and expected is the product of their marginals. Disagreement
    weights are w_ij = [i != j] (unweighted), |i - j| (linear) or (i - j) ** 2 (quadratic).
    i and j are positions in ``categories``. For weighted kappa ``categories`` is
    required: a sort of the labels would invent the scale order. A unit that either
    coder left missing (``None``/NaN) is dropped.

    Args:
        a: The first coder's label per unit.
        b: The second coder's label for the same units.
        categories: The full category set, in scale order when weighted.
        weights: None, "linear" or "quadratic".

    Raises:
        AgreementError: Different lengths, no unit coded by both, labels outside
            ``categories``, weights without ``categories``, or no variation (both coders
            used one and the same category).

    Example:
        >>> round(cohen_kappa(["lav", "mellem", "høj"], ["lav", "høj", "høj"],
        ...                   categories=["lav", "mellem", "høj"], weights="linear"), 3)
        0.667
    """
    if weights not in (None, "linear", "quadratic"):
        raise AgreementError(f"weights must be None, 'linear' or 'quadratic', not {weights!r}")
    if weights is not None and categories is None:
        raise AgreementError("weighted kappa needs categories= in scale order")
    first, second = np.fromiter(a, dtype=object), np.fromiter(b, dtype=object)
    if first.size != second.size:
        raise AgreementError(
            f"the coders rated {first.size} and {second.size} units; need the same units"
        )
    codes, cats = _coded(np.stack([first, second], axis=1), categories)
    x, y = codes[(codes >= 0).all(axis=1)].T
    if not x.size:
        raise AgreementError("no unit was coded by both coders")
    q = len(cats)
    observed = np.bincount(x * q + y, minlength=q * q).reshape(q, q) / x.size
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    i, j = np.indices((q, q))
    w = {None: i != j, "linear": np.abs(i - j), "quadratic": (i - j) ** 2}[weights]
    chance = float((w * expected).sum())
    if chance == 0:
        raise AgreementError("kappa is undefined: both coders used one and the same category")
    return 1 - float((w * observed).sum()) / chance


# -- Krippendorff's alpha ---------------------------------------------------------------


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
    counts, cats = _tally(matrix, categories)
    pairable = _pairable(counts)
    _require_variation(pairable, cats, "Krippendorff's alpha")
    numeric = all(isinstance(c, int | float | np.number) for c in cats)
    if level != "nominal" and not numeric and (level != "ordinal" or categories is None):
        need = "categories= in scale order" if level == "ordinal" else "numeric labels"
        raise AgreementError(f"{level} alpha needs {need}; got labels {cats!r}")
    domain = np.asarray(cats, dtype=float) if level in ("interval", "ratio") else None
    return float(
        krippendorff.alpha(
            value_counts=pairable,
            value_domain=np.arange(len(cats)) if domain is None else domain,
            level_of_measurement=level,
        )
    )


def _unit_types(counts: _Ints) -> tuple[_Ints, _Ints]:
    """Distinct value-count rows of the pairable units and how many units have each."""
    pairable = _pairable(counts)
    base = int(pairable.max()) + 1
    if pairable.shape[1] * math.log2(base) < 62:  # one integer key per unit: fast 1-D unique
        key = pairable @ base ** np.arange(pairable.shape[1], dtype=np.int64)
        _, first, units = np.unique(key, return_index=True, return_counts=True)
        return pairable[first], units
    values, units = np.unique(pairable, axis=0, return_counts=True)
    return values, units


def _type_alpha(values: _Ints, weights: npt.NDArray[np.integer[Any]]) -> _Floats:
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
        alpha: _Floats = np.where(expected > 0, 1 - (n - 1) * observed / expected, np.nan)
    return alpha


def _point_alpha(values: _Ints, units: _Ints) -> float:
    alpha = float(_type_alpha(values, units[None, :])[0])
    if math.isnan(alpha):
        raise AgreementError(
            "Krippendorff's alpha is undefined: every compared value is in one category"
        )
    return alpha


def _binary_counts(ones: npt.ArrayLike, zeros: npt.ArrayLike) -> _Ints:
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
    counts, cats = _tally(matrix, None)
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
    values: _Ints, units: _Ints, n_boot: int, seed: Seed, level: float
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


def percentile_interval(alphas: _Floats, level: float = 0.95) -> tuple[float, float]:
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
    counts, _ = _tally(matrix, categories)
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


# -- interpretation ---------------------------------------------------------------------


def landis_koch(kappa: float) -> str:
    """Landis and Koch's (1977) label for a kappa-type coefficient.

    The bands are poor (< 0), slight (0-.20), fair (.21-.40), moderate (.41-.60),
    substantial (.61-.80) and almost perfect (.81-1). Each upper bound is inclusive
    and the value is not rounded, so 0.205 is "fair".
    """
    if math.isnan(kappa) or kappa > 1 + 1e-9:
        raise AgreementError(f"kappa must be a number at most 1, got {kappa}")
    if kappa < 0:
        return "poor"
    for bound, label in [(0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial")]:
        if kappa <= bound:
            return label
    return "almost perfect"


def krippendorff_verdict(alpha: float) -> str:
    """Krippendorff's (2004, *Content Analysis*, p. 241) reading of alpha.

    Alpha >= .800 is "reliable". Alpha >= .667 is "tentative conclusions only".
    Anything lower is "unreliable". Krippendorff suggests judging the lower end of
    the confidence interval (`alpha_bootstrap_ci`), not only the point estimate.
    """
    if math.isnan(alpha) or alpha > 1 + 1e-9:
        raise AgreementError(f"alpha must be a number at most 1, got {alpha}")
    if alpha >= 0.800:
        return "reliable"
    return "tentative conclusions only" if alpha >= 0.667 else "unreliable"
