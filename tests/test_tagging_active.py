"""Suggestions: the paragraphs most worth coding next, spread over interviews and strata."""

from __future__ import annotations

import numpy as np
import pytest

from mentorqual.tagging.active import suggest
from mentorqual.tagging.calibration import ClassifierError


def test_suggest_takes_the_least_certain_spread_over_interviews_and_strata() -> None:
    # Interview A (region N) holds the six most uncertain paragraphs.
    margins = [0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.3]
    p = np.array([[0.5 + m, 0.0] for m in margins])
    groups = ["A"] * 6 + ["B", "B", "C", "C", "D", "D"]
    strata = ["N"] * 6 + ["N", "N", "S", "S", "S", "S"]
    picked = suggest(p, groups, strata, 4)
    # Strata take turns, at most ceil(4 / 4) = 1 per interview: B before A's second.
    assert picked == [0, 8, 6, 11]
    assert suggest(p, groups, strata, 6) == [0, 8, 1, 11, 6, 9]  # 2 per interview
    # When no stratum can pick under the cap, the cap rises.
    assert suggest(p[:8], groups[:8], strata[:8], 6) == [0, 1, 2, 6, 7, 3]
    assert suggest(p, groups, strata, 4) == picked  # deterministic
    assert sorted(suggest(p, groups, strata, 100)) == list(range(12))
    assert suggest(p, groups, strata, 0) == []


def test_suggest_uses_the_thresholds_and_breaks_ties_by_index() -> None:
    p = np.array([[0.3, 0.9], [0.5, 0.9], [0.3, 0.9], [0.9, 0.3]])
    assert suggest(p, ["A"] * 4, ["N"] * 4, 2) == [1, 0]
    assert suggest(p, ["A"] * 4, ["N"] * 4, 1, thresholds=[0.3, 0.5]) == [0]
    with pytest.raises(ClassifierError, match="2 thresholds for 3 codes"):
        suggest(np.zeros((1, 3)), ["A"], ["N"], 1, thresholds=[0.5, 0.5])
    with pytest.raises(ClassifierError, match="got 4 rows, 3 interviews and 4 strata"):
        suggest(p, ["A"] * 3, ["N"] * 4, 1)
