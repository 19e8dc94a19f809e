"""Precision, recall, F1 and kappa per code, the micro and macro rows, and their spread."""

from __future__ import annotations

import doctest
import math

import pytest

import mentorqual.agreement.evaluation as evaluation_module
from mentorqual.agreement import evaluate, score, spread


def test_hand_computed_scores_with_micro_and_macro_rows() -> None:
    # Units 0-3. kurser: predicted 0, 1; reference 0, 2: tp 1, fp 1, fn 1.
    # tryghed: predicted 3; reference 3: tp 1, everything right.
    predicted = {(0, "kurser"), (1, "kurser"), (3, "tryghed")}
    reference = {(0, "kurser"), (2, "kurser"), (3, "tryghed")}
    kurser, tryghed, micro, macro = evaluate(range(4), ["kurser", "tryghed"], predicted, reference)
    assert (kurser.tp, kurser.fp, kurser.fn, kurser.support, kurser.predicted) == (1, 1, 1, 2, 2)
    assert (kurser.precision, kurser.recall, kurser.f1) == (0.5, 0.5, 0.5)
    assert kurser.kappa == pytest.approx(0.0)  # p_o = 1/2, p_e = 1/2
    assert (tryghed.f1, tryghed.kappa) == (1.0, 1.0)
    # micro: 8 (unit, code) decisions, tp 2, fp 1, fn 1.
    assert (micro.code, micro.units, micro.tp, micro.fp, micro.fn) == ("micro", 8, 2, 1, 1)
    assert micro.f1 == pytest.approx(2 / 3)
    assert macro.code == "macro" and macro.tp == micro.tp
    assert macro.f1 == pytest.approx(0.75) and macro.kappa == pytest.approx(0.5)


def test_undefined_figures_are_nan_and_left_out_of_the_macro_mean() -> None:
    # Nobody codes "kurser": precision, recall, F1 and kappa are undefined.
    rows = evaluate(range(3), ["kurser", "tryghed"], {(0, "tryghed")}, {(0, "tryghed")})
    kurser, macro = rows[0], rows[-1]
    assert all(math.isnan(v) for v in (kurser.precision, kurser.recall, kurser.f1, kurser.kappa))
    assert (macro.f1, macro.kappa) == (1.0, 1.0)


def test_spread_needs_the_same_codes_in_each_run() -> None:
    a = score("x", [True, False], [True, False])
    b = score("y", [True, False], [True, False])
    with pytest.raises(ValueError, match="the runs do not score the same codes"):
        spread([[a], [b]])


def test_docstring_examples() -> None:
    assert doctest.testmod(evaluation_module).failed == 0
