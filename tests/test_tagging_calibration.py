"""Grouped folds and the F1 threshold of the theme classifier."""

from __future__ import annotations

import numpy as np
import pytest

from mentorqual.tagging.calibration import ClassifierError, best_threshold, group_folds


def test_best_threshold_maximises_f1() -> None:
    p = np.array([0.9, 0.8, 0.7, 0.4, 0.3, 0.2])
    y = np.array([1, 1, 0, 1, 0, 0])
    assert best_threshold(p, y) == pytest.approx(0.35)  # top 4: F1 6/7 beats top 2: 4/5
    # Equal probabilities are never split, even when splitting them would score higher.
    assert best_threshold(np.array([0.6, 0.6, 0.2]), np.array([1, 0, 0])) == pytest.approx(0.4)
    assert best_threshold(np.array([0.3, 0.2]), np.array([1, 1])) == pytest.approx(0.1)


def test_group_folds_never_share_an_interview() -> None:
    groups = [f"I{k % 7}" for k in range(50)]
    folds = group_folds(groups, 5)
    assert len(folds) == 5
    tested: list[int] = []
    for train, test in folds:
        assert not {groups[i] for i in train} & {groups[i] for i in test}
        assert sorted([*train, *test]) == list(range(50))
        tested += test.tolist()
    assert sorted(tested) == list(range(50))  # every text held out exactly once
    assert len(group_folds(groups[:20], 10)) == 7  # capped at the number of interviews
    with pytest.raises(ClassifierError, match=r"at least 2 interviews; got 1 \(I0\)"):
        group_folds(["I0", "I0"], 5)


def test_a_seed_gives_another_grouped_split() -> None:
    groups = [f"I{k % 12}" for k in range(60)]

    def interviews(folds: list[tuple[np.ndarray, np.ndarray]]) -> list[set[str]]:
        return sorted(({groups[i] for i in test} for _, test in folds), key=sorted)

    standard = interviews(group_folds(groups, 4))
    seeded = interviews(group_folds(groups, 4, seed=1))
    assert seeded == interviews(group_folds(groups, 4, seed=1))  # deterministic
    assert seeded != standard
    assert sorted(g for fold in seeded for g in fold) == sorted(set(groups))
