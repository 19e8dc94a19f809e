"""Cross-validation of the theme classifier, grouped by interview: each fold trains a
fresh :class:`~.classifier.ThemeClassifier` (features, calibration and thresholds) on
the other interviews only, so its out-of-fold predictions are honest estimates for
unseen interviews."""

from __future__ import annotations

import time
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

import numpy as np

from .calibration import group_folds
from .classifier import ThemeClassifier, label_matrix


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold results of :func:`cross_validate`, row i for text i."""

    codes: tuple[str, ...]
    probabilities: np.ndarray  # (texts, codes), from the model that did not see text i
    predictions: list[set[str]]
    folds: list[int]  # the fold in which each text was held out
    thresholds: np.ndarray  # (folds, codes), tuned inside each training part
    skipped: list[dict[str, str]]  # per fold: codes that could not be trained
    seconds: float  # total time spent fitting and predicting

    def pairs(self) -> set[tuple[int, str]]:
        """(text index, code) of every predicted coding, for :mod:`mentorqual.evaluation`."""
        return {(i, code) for i, found in enumerate(self.predictions) for code in found}


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[AbstractSet[str]],
    groups: Sequence[str],
    codes: Sequence[str],
    n_splits: int = 5,
    random_state: int = 0,
    split_seed: int | None = None,
    **options: Any,
) -> CrossValidation:
    """K-fold cross-validation grouped by interview; ``options`` go to :class:`ThemeClassifier`.

    Each fold trains a fresh classifier (features, calibration and thresholds) on the
    other interviews only, so scores computed from the result are honest.
    ``split_seed`` picks another grouped split (see :func:`group_folds`).
    """
    started = time.perf_counter()
    label_matrix(codes, texts, labels, groups)  # checks the data before any fitting
    folds = group_folds(groups, n_splits, split_seed)
    probabilities = np.zeros((len(texts), len(codes)))
    predictions: list[set[str]] = [set() for _ in texts]
    held_out = [0] * len(texts)
    thresholds = np.zeros((len(folds), len(codes)))
    skipped = []
    for k, (train, test) in enumerate(folds):
        model = ThemeClassifier(codes, random_state, **options).fit(
            [texts[i] for i in train], [labels[i] for i in train], [groups[i] for i in train]
        )
        found = model.predict_proba([texts[i] for i in test])
        probabilities[test] = found
        for i, decided in zip(test, model.decide(found), strict=True):
            predictions[i] = decided
            held_out[i] = k
        thresholds[k] = [model.thresholds[code] for code in codes]
        skipped.append(model.skipped)
    seconds = time.perf_counter() - started
    return CrossValidation(
        tuple(codes), probabilities, predictions, held_out, thresholds, skipped, seconds
    )
