"""Percent agreement and the kappa family: published values, traps, interpretation."""

from __future__ import annotations

import doctest
from collections.abc import Callable

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

import mentorqual.agreement.statistics as statistics_module
from mentorqual.agreement import (
    AgreementError,
    Weights,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    krippendorff_observed_agreement,
    krippendorff_verdict,
    landis_koch,
    percent_agreement,
    scott_pi,
)

from .agreement_examples import (
    ABSTRACTORS,
    COHEN_1960,
    DIAGNOSIS,
    FLEISS_1971,
    GWET_4RATERS,
    GWET_5OBSERVERS,
    SCALE,
    WIKIPEDIA_FLEISS_COUNTS,
    N,
    pairs,
    rows_from_counts,
)

# -- published values --------------------------------------------------------------------


def test_cohen_1960_worked_example() -> None:
    # Cohen (1960): p_o = .70, p_e = .41, kappa = .492 (COHEN_1960 above).
    a, b = pairs(COHEN_1960)
    assert percent_agreement(list(zip(a, b, strict=True))) == pytest.approx(0.70)
    assert round(cohen_kappa(a, b), 3) == 0.492


@pytest.mark.parametrize(
    ("table", "weights", "published"),
    [
        (ABSTRACTORS, None, 0.796),
        (ABSTRACTORS, "linear", 0.843),
        (ABSTRACTORS, "quadratic", 0.892),
        (DIAGNOSIS, None, 0.432),
        (DIAGNOSIS, "linear", 0.407),
        (DIAGNOSIS, "quadratic", 0.383),
    ],
)
def test_cohen_kappa_gwet_handbook_tables(
    table: list[list[int]], weights: Weights, published: float
) -> None:
    # Gwet (2014), Handbook, ABSTRACTORS and DIAGNOSIS tables; values from irrCAC's tests.
    a, b = pairs(table)
    categories = list(range(len(table)))
    assert round(cohen_kappa(a, b, categories, weights), 3) == published


@pytest.mark.parametrize(("table", "published"), [(ABSTRACTORS, 0.796), (DIAGNOSIS, 0.430)])
def test_scott_pi_gwet_handbook_tables(table: list[list[int]], published: float) -> None:
    # Gwet (2014), Handbook; Scott's pi from irrCAC's tests (DIAGNOSIS: pi .430, kappa .432).
    a, b = pairs(table)
    assert round(scott_pi(list(zip(a, b, strict=True))), 3) == published


def test_fleiss_1971_diagnoses() -> None:
    # Fleiss (1971): kappa = .430 for 30 patients x 6 psychiatrists (FLEISS_1971 above).
    assert round(fleiss_kappa(FLEISS_1971), 3) == 0.430


def test_fleiss_wikipedia_example() -> None:
    # Wikipedia "Fleiss' kappa" worked example (statsmodels test_fleiss_kappa): 0.210.
    assert round(fleiss_kappa(rows_from_counts(WIKIPEDIA_FLEISS_COUNTS)), 3) == 0.210


@pytest.mark.parametrize(
    ("statistic", "published"),
    [
        (gwet_ac1, 0.775),  # irrCAC docs: AC1 0.77544, pa 0.81818, pe 0.19032
        (fleiss_kappa, 0.761),  # generalised Fleiss' kappa 0.76117, pe 0.23872
        (brennan_prediger, 0.773),  # pe = 1/5
        (krippendorff_alpha, 0.743),
        (percent_agreement, 0.818),  # Gwet's pa: the pairwise definition
    ],
)
def test_gwet_handbook_4raters(statistic: Callable[..., float], published: float) -> None:
    # Gwet (2014), Handbook p. 120 (GWET_4RATERS); values from irrCAC's docs and tests.
    assert round(statistic(GWET_4RATERS), 3) == published


def test_gwet_ac1_to_four_decimals() -> None:
    # Gwet (2014), Handbook p. 120; irrCAC's doctest prints AC1 = 0.77544.
    assert gwet_ac1(GWET_4RATERS) == pytest.approx(0.77544, abs=5e-6)


@pytest.mark.parametrize(
    ("statistic", "published"),
    [
        (gwet_ac1, 0.497),
        (fleiss_kappa, 0.458),
        (brennan_prediger, 0.487),
        (krippendorff_alpha, 0.481),
        (percent_agreement, 0.616),
    ],
)
def test_gwet_handbook_5observers(statistic: Callable[..., float], published: float) -> None:
    # Gwet (2014), Handbook (GWET_5OBSERVERS): 2 to 5 ratings per unit; irrCAC's tests.
    assert round(statistic(pd.DataFrame(GWET_5OBSERVERS)), 3) == published


# -- traps -------------------------------------------------------------------------------

# Mostly lav/høj disagreements: far apart on the scale, neighbours in alphabetical order.
CODER_A = ["lav", "lav", "høj", "høj", "mellem", "mellem", "lav", "høj", "mellem", "lav"]
CODER_B = ["høj", "lav", "lav", "høj", "mellem", "mellem", "lav", "høj", "høj", "mellem"]


@pytest.mark.parametrize("weights", ["linear", "quadratic"])
def test_weighted_kappa_uses_our_category_order_not_a_sort(weights: Weights) -> None:
    ours = cohen_kappa(CODER_A, CODER_B, categories=SCALE, weights=weights)
    with_labels = cohen_kappa_score(CODER_A, CODER_B, labels=SCALE, weights=weights)
    sorted_labels = cohen_kappa_score(CODER_A, CODER_B, weights=weights)
    assert ours == pytest.approx(with_labels)
    assert abs(ours - sorted_labels) > 0.05  # sklearn's default order is alphabetical
    alphabetical = sorted(SCALE)
    assert cohen_kappa(CODER_A, CODER_B, alphabetical, weights) == pytest.approx(sorted_labels)


def test_unweighted_kappa_matches_sklearn_and_ignores_order() -> None:
    expected = cohen_kappa_score(CODER_A, CODER_B)
    assert cohen_kappa(CODER_A, CODER_B) == pytest.approx(expected)
    assert cohen_kappa(CODER_A, CODER_B, categories=SCALE[::-1]) == pytest.approx(expected)


def test_weighted_kappa_requires_categories() -> None:
    with pytest.raises(AgreementError, match=r"weighted kappa needs categories= in scale order"):
        cohen_kappa(CODER_A, CODER_B, weights="linear")


def test_cohen_kappa_drops_units_missing_in_either() -> None:
    a = ["x", "y", None, "x", float("nan")]
    b = ["x", "y", "x", None, "y"]
    assert cohen_kappa(a, b) == cohen_kappa(["x", "y"], ["x", "y"]) == 1.0


def test_percent_agreement_definitions_differ_with_missing_values() -> None:
    # By hand. Unit agreement (agreeing ordered pairs / all pairs) is 1, 0 and 1 for units
    # with 3, 2 and 2 values. Pairwise mean: (1 + 0 + 1) / 3 = 2/3.
    # Krippendorff's A_o weights by values: (3*1 + 2*0 + 2*1) / (3 + 2 + 2) = 5/7.
    matrix: list[list[str | None]] = [["a", "a", "a"], ["a", "b", None], ["b", "b", None]]
    assert percent_agreement(matrix) == pytest.approx(2 / 3)
    assert krippendorff_observed_agreement(matrix) == pytest.approx(5 / 7)


def test_brennan_prediger_depends_on_the_category_set() -> None:
    # P_a = 3/4 by hand; chance is 1/2 with the labels seen and 1/4 with the full codebook.
    matrix = [["a", "a"], ["b", "b"], ["a", "a"], ["a", "b"]]
    assert brennan_prediger(matrix) == pytest.approx((0.75 - 0.5) / 0.5)
    full = brennan_prediger(matrix, categories=["a", "b", "c", "d"])
    assert full == pytest.approx((0.75 - 0.25) / 0.75)


def test_scott_pi_is_fleiss_with_two_coders_and_drops_incomplete_units() -> None:
    a, b = pairs(COHEN_1960)
    complete = [list(pair) for pair in zip(a, b, strict=True)]
    assert scott_pi(complete) == pytest.approx(fleiss_kappa(complete))
    # By hand: p_o = .70; pooled margins .55, .30, .15 give p_e = .415.
    assert scott_pi(complete) == pytest.approx((0.70 - 0.415) / (1 - 0.415))
    assert scott_pi([*complete, [0, N], [N, 2]]) == pytest.approx(scott_pi(complete))


def test_evaluation_call_with_booleans_still_works() -> None:
    # mentorqual.agreement.evaluation calls cohen_kappa(bools, bools, categories=[False, True]).
    predicted = [True, False, True, True, False, False]
    reference = [True, False, False, True, False, True]
    kappa = cohen_kappa(predicted, reference, categories=[False, True])
    assert isinstance(kappa, float)
    assert kappa == pytest.approx(cohen_kappa_score(predicted, reference))
    with pytest.raises(AgreementError, match="both coders used one and the same category"):
        cohen_kappa([False, False], [False, False], categories=[False, True])


def test_kappa_bad_input_raises() -> None:
    with pytest.raises(AgreementError, match="the coders rated 2 and 3 units; need the same"):
        cohen_kappa([1, 2], [1, 2, 3])
    with pytest.raises(AgreementError, match="no unit was coded by both coders"):
        cohen_kappa([1, N], [N, 2])
    with pytest.raises(AgreementError, match="Scott's pi is for 2 coders, got 3"):
        scott_pi([[1, 2, 1], [2, 2, 2]])


# -- interpretation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kappa", "label"),
    [
        (-0.1, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.205, "fair"),
        (0.4, "fair"),
        (0.41, "moderate"),
        (0.6, "moderate"),
        (0.61, "substantial"),
        (0.8, "substantial"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
    ],
)
def test_landis_koch(kappa: float, label: str) -> None:
    # Landis & Koch (1977), Biometrics 33, 159-174, p. 165.
    assert landis_koch(kappa) == label


@pytest.mark.parametrize(
    ("alpha", "verdict"),
    [
        (0.9, "reliable"),
        (0.8, "reliable"),
        (0.799, "tentative conclusions only"),
        (0.667, "tentative conclusions only"),
        (0.666, "unreliable"),
        (-0.2, "unreliable"),
    ],
)
def test_krippendorff_verdict(alpha: float, verdict: str) -> None:
    # Krippendorff (2004), Content Analysis, 2nd ed., p. 241.
    assert krippendorff_verdict(alpha) == verdict


def test_interpretation_rejects_nan_and_values_above_one() -> None:
    with pytest.raises(AgreementError, match="kappa must be a number at most 1, got nan"):
        landis_koch(float("nan"))
    with pytest.raises(AgreementError, match="alpha must be a number at most 1, got 1.5"):
        krippendorff_verdict(1.5)


def test_docstring_examples() -> None:
    assert doctest.testmod(statistics_module).failed == 0
