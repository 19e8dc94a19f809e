"""Reading a reliability matrix: labels, missing markers and degenerate input, for
every statistic."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from mentorqual.agreement import (
    AgreementError,
    binary_alpha,
    brennan_prediger,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    krippendorff_observed_agreement,
    percent_agreement,
    scott_pi,
)

from .agreement_examples import N


def test_labels_any_hashable_and_missing_markers() -> None:
    tuples: list[list[tuple[str, int] | None]] = [
        [("a", 1), ("a", 1), None],
        [("b", 2), ("b", 2), ("a", 1)],
        [("a", 1), N, N],
    ]
    assert percent_agreement(tuples) == pytest.approx((1 + 1 / 3) / 2)
    frame = pd.DataFrame({"A": [1, 2, 1], "B": [1, 2, pd.NA], "C": [1, 1, 1]}, dtype="Int64")
    assert fleiss_kappa(frame) == pytest.approx(fleiss_kappa([[1, 1, 1], [2, 2, 1], [1, N, 1]]))


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


def test_bad_labels_raise() -> None:
    with pytest.raises(
        AgreementError, match=r"label 'c' is not one of the categories \['a', 'b'\]"
    ):
        percent_agreement([["a", "c"]], categories=["a", "b"])
    with pytest.raises(AgreementError, match="categories contain duplicates"):
        fleiss_kappa([["a", "b"]], categories=["a", "b", "a"])
    with pytest.raises(AgreementError, match="labels must be hashable"):
        percent_agreement([[[1], [1]]])
