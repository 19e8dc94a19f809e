"""Krippendorff's alpha: published values, the binary fast path and the bootstrap."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import mentorqual.agreement.alpha as alpha_module
from mentorqual.agreement import (
    AgreementError,
    Level,
    alpha_bootstrap_ci,
    alpha_bootstrap_ci_counts,
    binary_alpha,
    binary_alpha_counts,
    krippendorff_alpha,
)

from .agreement_examples import KRIPPENDORFF_2011, SCALE, N

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


def test_alpha_bad_input_raises() -> None:
    with pytest.raises(AgreementError, match="ordinal alpha needs categories= in scale order"):
        krippendorff_alpha([["lav", "høj"], ["høj", "høj"]], level="ordinal")
    with pytest.raises(AgreementError, match="interval alpha needs numeric labels"):
        krippendorff_alpha([["lav", "høj"], ["høj", "høj"]], "interval", categories=SCALE)
    with pytest.raises(AgreementError, match="unknown level 'nominel'"):
        krippendorff_alpha(KRIPPENDORFF_2011, level="nominel")  # type: ignore[arg-type]
    with pytest.raises(AgreementError, match="binary_alpha needs presence/absence data"):
        binary_alpha(KRIPPENDORFF_2011)
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


def test_docstring_examples() -> None:
    assert doctest.testmod(alpha_module).failed == 0
