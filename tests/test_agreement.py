"""Agreement statistics: published values, traps, degenerate input, the binary fast path."""

from __future__ import annotations

import doctest
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

import mentorqual.agreement as agreement_module
from mentorqual.agreement import (
    AgreementError,
    Level,
    Weights,
    alpha_bootstrap_ci,
    alpha_bootstrap_ci_counts,
    binary_alpha,
    binary_alpha_counts,
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

N = None

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
# for Communication, departmental papers 43: the example with 4 coders (A-D), 12 units and
# missing values. Rows are units, columns coders A, B, C, D. Published: nominal .743,
# ordinal .815, interval .849, ratio .797.
KRIPPENDORFF_2011: list[list[int | None]] = [
    [1, 1, N, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [N, 5, 5, 5],
    [N, N, 1, 1],
    [N, 3, N, N],
]

# Gwet, K. L. (2014). Handbook of Inter-Rater Reliability, 4th ed., p. 120: 4 raters,
# 12 subjects, 5 categories (dataset raw_4raters in Gwet's irrCAC package). Krippendorff's
# table again, except that unit 12's single rating belongs to rater 3.
GWET_4RATERS: list[list[int | None]] = [*KRIPPENDORFF_2011[:11], [N, N, 3, N]]

# Gwet (2014), Handbook: 5 observers, 15 units, scale 0-3 (irrCAC dataset raw_5observers;
# a larger version of the table is on p. 125).
GWET_5OBSERVERS = {
    "Observer1": [1, 1, 2, N, 0, 0, 1, 1, 2, 2, N, 0, 1, 3, 1],
    "Observer2": [1, 1, 3, 0, 0, 0, 0, N, 2, 1, 1, 0, 2, 3, 1],
    "Observer3": [2, 0, 3, 0, 0, 0, 2, 2, 2, 1, 0, 0, 2, 2, 1],
    "Observer4": [N, 1, 3, N, N, N, N, 0, N, 1, 0, 0, 2, 2, N],
    "Observer5": [2, N, N, 0, 0, 0, 1, N, 2, N, N, N, N, 3, 1],
}

# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
# Bulletin 76, 378-382: 30 patients, 6 psychiatrists, 5 diagnoses; published kappa .430.
# Raw ratings as in statsmodels/stats/tests/test_inter_rater.py (`diagnoses`), where R's
# irr::kappam.fleiss gives 0.4302445.
FLEISS_1971 = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]  # fmt: skip

# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories, given as
# counts per category; kappa 0.210 (also statsmodels' test_fleiss_kappa). Not Fleiss 1971.
WIKIPEDIA_FLEISS_COUNTS = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]  # fmt: skip

# Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
# Psychological Measurement 20, 37-46: 200 units, 3 categories, p_o = .70, p_e = .41,
# kappa = .492. Counts as transcribed in thomaspingel/cohens-kappa-matlab (cohenskappa.m,
# "Table 2.b, page 45"); we could not check them against the paper itself, but they give
# exactly the published p_o, p_e and kappa (margins .60/.30/.10 and .50/.30/.20).
COHEN_1960 = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]

# Gwet (2014), Handbook: 100 pregnant women classified by 2 abstractors as ectopic, abnormal
# intrauterine (AIU) or normal intrauterine (NIU) pregnancy (irrCAC table_cont3x3abstractors).
# Published (irrCAC tests): Cohen .796, linear .843, quadratic .892; Scott .796.
ABSTRACTORS = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]

# Gwet (2014), Handbook: 223 psychiatric patients, clinical vs research diagnosis, 4 categories
# (irrCAC table_cont4x4diagnosis). Published: Cohen .432, linear .407, quadratic .383; Scott .430.
DIAGNOSIS = [[40, 4, 4, 17], [6, 25, 2, 13], [4, 1, 21, 12], [15, 5, 9, 45]]


def pairs(table: list[list[int]]) -> tuple[list[int], list[int]]:
    """Two coders' labels (row and column index) from a contingency table of counts."""
    first: list[int] = []
    second: list[int] = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            first += [i] * count
            second += [j] * count
    return first, second


def rows_from_counts(counts: list[list[int]]) -> list[list[int]]:
    return [[k for k, n in enumerate(row) for _ in range(n)] for row in counts]


# -- published values --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_published_alphas(level: Level, published: float) -> None:
    # Krippendorff (2011), the 4-coder, 12-unit example (KRIPPENDORFF_2011 above).
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level=level), 3) == published


def test_krippendorff_2011_as_dataframe_array_and_ordered_words() -> None:
    # Krippendorff (2011) again: the matrix type and the label spelling must not matter.
    frame = pd.DataFrame(KRIPPENDORFF_2011, columns=list("ABCD"))
    array = np.array(KRIPPENDORFF_2011, dtype=float)  # None becomes NaN
    assert round(krippendorff_alpha(frame), 3) == 0.743
    assert round(krippendorff_alpha(array, level="interval"), 3) == 0.849
    scale = ["meget lav", "lav", "mellem", "høj", "meget høj"]
    words = [[N if v is None else scale[v - 1] for v in row] for row in KRIPPENDORFF_2011]
    assert round(krippendorff_alpha(words, "ordinal", categories=scale), 3) == 0.815
    assert round(krippendorff_alpha(words), 3) == 0.743


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

SCALE = ["lav", "mellem", "høj"]  # scale order; sorted() would give høj, lav, mellem
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


def test_labels_any_hashable_and_missing_markers() -> None:
    tuples: list[list[tuple[str, int] | None]] = [
        [("a", 1), ("a", 1), None],
        [("b", 2), ("b", 2), ("a", 1)],
        [("a", 1), N, N],
    ]
    assert percent_agreement(tuples) == pytest.approx((1 + 1 / 3) / 2)
    frame = pd.DataFrame({"A": [1, 2, 1], "B": [1, 2, pd.NA], "C": [1, 1, 1]}, dtype="Int64")
    assert fleiss_kappa(frame) == pytest.approx(fleiss_kappa([[1, 1, 1], [2, 2, 1], [1, N, 1]]))


def test_evaluation_call_with_booleans_still_works() -> None:
    # mentorqual.evaluation calls cohen_kappa(bools, bools, categories=[False, True]).
    predicted = [True, False, True, True, False, False]
    reference = [True, False, False, True, False, True]
    kappa = cohen_kappa(predicted, reference, categories=[False, True])
    assert isinstance(kappa, float)
    assert kappa == pytest.approx(cohen_kappa_score(predicted, reference))
    with pytest.raises(AgreementError, match="both coders used one and the same category"):
        cohen_kappa([False, False], [False, False], categories=[False, True])


# -- degenerate input --------------------------------------------------------------------

MATRIX_STATISTICS = [
    percent_agreement,
    krippendorff_observed_agreement,
    fleiss_kappa,
    gwet_ac1,
    brennan_prediger,
    krippendorff_alpha,
    binary_alpha,
]


@pytest.mark.parametrize("statistic", MATRIX_STATISTICS)
@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1], [0], [1]], r"agreement needs at least 2 coders \(columns\), got 1"),
        (np.empty((0, 3)), r"the reliability matrix has no units \(rows\)"),
        ([[1, N], [N, 0]], "no unit was coded by at least 2 coders, so nothing can be compared"),
        ([1, 0, 1], r"a reliability matrix is a sequence of rows \(units\)"),
        ([[1, 0], [1]], r"every row needs one cell per coder; row widths \[1, 2\]"),
    ],
)
def test_degenerate_matrices_raise(
    statistic: Callable[..., float], matrix: object, message: str
) -> None:
    with pytest.raises(AgreementError, match=message):
        statistic(matrix)


@pytest.mark.parametrize(
    ("statistic", "message"),
    [
        (fleiss_kappa, "Fleiss' kappa is undefined: chance agreement is 1"),
        (gwet_ac1, r"Gwet's AC1 needs at least 2 categories, got \[1\]; pass the full set"),
        (brennan_prediger, r"Brennan-Prediger needs at least 2 categories, got \[1\]"),
        (krippendorff_alpha, "Krippendorff's alpha is undefined: every compared value is 1,"),
        (binary_alpha, "Krippendorff's alpha is undefined: every compared value is in one"),
        (scott_pi, "Scott's pi is undefined: chance agreement is 1"),
    ],
)
def test_no_variation_raises(statistic: Callable[..., float], message: str) -> None:
    with pytest.raises(AgreementError, match=message):
        statistic([[1, 1], [1, 1], [1, N]])


def test_other_bad_input_raises() -> None:
    with pytest.raises(AgreementError, match="the coders rated 2 and 3 units; need the same"):
        cohen_kappa([1, 2], [1, 2, 3])
    with pytest.raises(AgreementError, match="no unit was coded by both coders"):
        cohen_kappa([1, N], [N, 2])
    with pytest.raises(
        AgreementError, match=r"label 'c' is not one of the categories \['a', 'b'\]"
    ):
        percent_agreement([["a", "c"]], categories=["a", "b"])
    with pytest.raises(AgreementError, match="categories contain duplicates"):
        fleiss_kappa([["a", "b"]], categories=["a", "b", "a"])
    with pytest.raises(AgreementError, match="Scott's pi is for 2 coders, got 3"):
        scott_pi([[1, 2, 1], [2, 2, 2]])
    with pytest.raises(AgreementError, match="ordinal alpha needs categories= in scale order"):
        krippendorff_alpha([["lav", "høj"], ["høj", "høj"]], level="ordinal")
    with pytest.raises(AgreementError, match="interval alpha needs numeric labels"):
        krippendorff_alpha([["lav", "høj"], ["høj", "høj"]], "interval", categories=SCALE)
    with pytest.raises(AgreementError, match="unknown level 'nominel'"):
        krippendorff_alpha(KRIPPENDORFF_2011, level="nominel")  # type: ignore[arg-type]
    with pytest.raises(AgreementError, match="binary_alpha needs presence/absence data"):
        binary_alpha(KRIPPENDORFF_2011)
    with pytest.raises(AgreementError, match="labels must be hashable"):
        percent_agreement([[[1], [1]]])
    with pytest.raises(AgreementError, match="ones and zeros cannot be negative"):
        binary_alpha_counts([1, -1], [1, 2])


# -- the binary fast path and the bootstrap ----------------------------------------------


def random_presence(rng: np.random.Generator, units: int, coders: int) -> np.ndarray:
    """A 0/1 matrix with NaN for missing; coders agree more often than chance."""
    truth = rng.random(units) < rng.uniform(0.1, 0.6)
    noise = rng.random((units, coders)) < rng.uniform(0.0, 0.3)
    matrix = (truth[:, None] ^ noise).astype(float)
    matrix[rng.random((units, coders)) < rng.uniform(0.0, 0.5)] = np.nan
    return matrix


def test_binary_alpha_equals_general_alpha_on_random_matrices() -> None:
    # Property test: the type-grouped fast path is the package's nominal alpha.
    rng = np.random.default_rng(20240611)
    compared = 0
    for _ in range(300):
        matrix = random_presence(rng, int(rng.integers(2, 80)), int(rng.integers(2, 7)))
        try:
            general = krippendorff_alpha(matrix)
        except AgreementError:
            with pytest.raises(AgreementError):
                binary_alpha(matrix)
            continue
        ones = np.nansum(matrix, axis=1).astype(int)
        zeros = (~np.isnan(matrix)).sum(axis=1) - ones
        assert binary_alpha(matrix) == pytest.approx(general, abs=1e-12)
        assert binary_alpha_counts(ones, zeros) == pytest.approx(general, abs=1e-12)
        as_objects = [[N if np.isnan(v) else bool(v) for v in row] for row in matrix]
        assert binary_alpha(as_objects) == pytest.approx(general, abs=1e-12)
        compared += 1
    assert compared > 250


def test_bootstrap_ci_is_seeded_and_brackets_the_estimate() -> None:
    matrix = random_presence(np.random.default_rng(7), 400, 3)
    low, high = alpha_bootstrap_ci(matrix, n_boot=500, seed=1)
    assert low < binary_alpha(matrix) < high
    assert alpha_bootstrap_ci(matrix, n_boot=500, seed=1) == (low, high)
    generator = np.random.default_rng(1)
    assert alpha_bootstrap_ci(matrix, n_boot=500, seed=generator) == (low, high)
    assert alpha_bootstrap_ci(matrix, n_boot=500, seed=2) != (low, high)
    ones = np.nansum(matrix, axis=1).astype(int)
    zeros = (~np.isnan(matrix)).sum(axis=1) - ones
    assert alpha_bootstrap_ci_counts(ones, zeros, n_boot=500, seed=1) == (low, high)


def test_bootstrap_ci_agrees_with_a_naive_unit_bootstrap() -> None:
    # The multinomial draw of unit types has the distribution of resampling unit rows.
    matrix = random_presence(np.random.default_rng(11), 150, 3)
    pairable = matrix[(~np.isnan(matrix)).sum(axis=1) >= 2]
    rng = np.random.default_rng(12)
    naive = []
    for _ in range(400):
        try:
            naive.append(
                krippendorff_alpha(pairable[rng.integers(0, len(pairable), len(pairable))])
            )
        except AgreementError:
            pass
    expected = np.quantile(naive, [0.025, 0.975])
    low, high = alpha_bootstrap_ci(matrix, n_boot=4000, seed=13)
    assert low == pytest.approx(expected[0], abs=0.03)
    assert high == pytest.approx(expected[1], abs=0.03)


def test_bootstrap_ci_for_several_categories() -> None:
    # Krippendorff (2011): the interval around nominal alpha .743 (5 categories).
    low, high = alpha_bootstrap_ci(KRIPPENDORFF_2011, n_boot=1000, seed=0)
    assert low < 0.743 < high <= 1


def test_bootstrap_ci_bad_arguments_raise() -> None:
    with pytest.raises(AgreementError, match="n_boot must be at least 1, got 0"):
        alpha_bootstrap_ci(KRIPPENDORFF_2011, n_boot=0)
    with pytest.raises(AgreementError, match="level is a probability such as 0.95, got 95"):
        alpha_bootstrap_ci(KRIPPENDORFF_2011, level=95)
    with pytest.raises(AgreementError, match="Krippendorff's alpha is undefined"):
        alpha_bootstrap_ci_counts([2, 3], [0, 0])


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
    assert doctest.testmod(agreement_module).failed == 0
