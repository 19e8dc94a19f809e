"""Percent agreement, the kappa family and their interpretation; no database, no click.

Every statistic takes a reliability matrix (see `mentorqual.agreement.matrix`), returns
a float and raises `AgreementError` when it is undefined for the input. ``categories``
gives the full category set in scale order: it fixes the order for weighted kappa, and
``q`` for Gwet's AC1 and Brennan-Prediger.

Cohen, Scott, Fleiss, Gwet and Brennan-Prediger are short formulas written here, each
tested against a published example. We do not use scikit-learn's ``cohen_kappa_score``:
it sorts labels unless ``labels=`` is given and it cannot take missing values.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from .matrix import AgreementError, Floats, Ints, Matrix, coded, pairable, tally, value_counts

__all__ = [
    "Weights",
    "brennan_prediger",
    "cohen_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_observed_agreement",
    "krippendorff_verdict",
    "landis_koch",
    "percent_agreement",
    "scott_pi",
]

Weights: TypeAlias = Literal["linear", "quadratic"] | None


# -- percent agreement and the kappa family ---------------------------------------------


def _unit_agreement(pairable: Ints) -> Floats:
    """Per unit: the share of ordered coder pairs that agree."""
    m = pairable.sum(axis=1)
    return (pairable * (pairable - 1)).sum(axis=1) / (m * (m - 1))


def _category_shares(counts: Ints) -> Floats:
    """pi_k: the mean over units with a value of the share of the unit's values in k."""
    rated = counts[counts.sum(axis=1) >= 1]
    shares: Floats = (rated / rated.sum(axis=1, keepdims=True)).mean(axis=0)
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
    counts, _ = tally(matrix, categories)
    return float(_unit_agreement(pairable(counts)).mean())


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
    counts, _ = tally(matrix, categories)
    compared = pairable(counts)
    m = compared.sum(axis=1)
    return float((_unit_agreement(compared) * m).sum() / m.sum())


def _fleiss(counts: Ints, name: str) -> float:
    p_a = float(_unit_agreement(pairable(counts)).mean())
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
    counts, _ = tally(matrix, categories)
    return _fleiss(counts, "Fleiss' kappa")


def scott_pi(matrix: Matrix, categories: Sequence[Hashable] | None = None) -> float:
    """Scott's (1955) pi for exactly 2 coders; a unit missing either value is dropped.

    pi = (p_o - p_e) / (1 - p_e), where p_e = sum_k p_k ** 2 over the two coders' pooled
    proportions. This is `fleiss_kappa` with 2 coders.

    Raises:
        AgreementError: The matrix does not have 2 columns, no unit was coded by both
            coders, or a single category.
    """
    codes, cats = coded(matrix, categories)
    if codes.shape[1] != 2:
        raise AgreementError(
            f"Scott's pi is for 2 coders, got {codes.shape[1]}; use fleiss_kappa or "
            "krippendorff_alpha"
        )
    both = codes[(codes >= 0).all(axis=1)]
    if not len(both):
        raise AgreementError("no unit was coded by both coders")
    return _fleiss(value_counts(both, len(cats)), "Scott's pi")


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
    counts, cats = tally(matrix, categories)
    q = _require_q(cats, "Gwet's AC1")
    p_a = float(_unit_agreement(pairable(counts)).mean())
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
    counts, cats = tally(matrix, categories)
    q = _require_q(cats, "Brennan-Prediger")
    p_a = float(_unit_agreement(pairable(counts)).mean())
    return _chance_corrected(p_a, 1 / q, "Brennan-Prediger")


def cohen_kappa(
    a: Sequence[Hashable] | npt.NDArray[Any],
    b: Sequence[Hashable] | npt.NDArray[Any],
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
        a: The first coder's label per unit (a sequence or a 1-D array).
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
    codes, cats = coded(np.stack([first, second], axis=1), categories)
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
