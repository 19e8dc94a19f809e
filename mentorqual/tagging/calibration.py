"""The honest parts of training a theme classifier: folds grouped by interview, and the
Platt sigmoid and F1 threshold fitted to out-of-fold scores. Also the error the
classifier modules raise."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]

from ..errors import MentorqualError

_PLATT_C = 100.0  # nearly unregularised: two parameters, hundreds of scores

Folds = list[tuple[np.ndarray, np.ndarray]]


class ClassifierError(MentorqualError):
    """A theme classifier cannot be trained, used or loaded as asked."""


def group_folds(groups: Sequence[str], n_splits: int, seed: int | None = None) -> Folds:
    """(train, test) index arrays of k-fold CV grouped by interview, k capped at the
    number of interviews. No interview is ever in both parts of a fold; the folds are
    deterministic (``GroupKFold`` balances them by paragraph count).

    With a ``seed`` the interviews are first renamed in a random order, so that the
    balancing puts them in other folds: another, equally valid grouped split.
    """
    distinct = sorted(set(groups))
    if len(distinct) < 2:
        found = f" ({distinct[0]})" if distinct else ""
        raise ClassifierError(
            f"cross-validation grouped by interview needs at least 2 interviews; "
            f"got {len(distinct)}{found}"
        )
    splitter = GroupKFold(n_splits=min(max(n_splits, 2), len(distinct)))
    if seed is not None:
        order = np.random.RandomState(seed).permutation(len(distinct))
        renamed = {g: f"{order[i]:09d}" for i, g in enumerate(distinct)}
        groups = [renamed[g] for g in groups]
    ids = np.asarray(groups, dtype=object)
    return [(train, test) for train, test in splitter.split(np.zeros(len(ids)), groups=ids)]


def best_threshold(probabilities: np.ndarray, target: np.ndarray) -> float:
    """The cut maximising F1 when ``p >= cut`` is predicted positive: halfway between
    the lowest probability predicted positive and the next lower one. Ties go to the
    higher cut. Always inside (0, 1) for probabilities inside (0, 1)."""
    order = np.argsort(-probabilities, kind="stable")
    p, t = probabilities[order], target[order].astype(float)
    f1 = 2 * np.cumsum(t) / (np.arange(1, len(p) + 1) + t.sum())
    cuttable = np.r_[p[:-1] > p[1:], True]  # never split equal probabilities
    best = int(np.argmax(np.where(cuttable, f1, -1.0)))
    lower = p[best + 1] if best + 1 < len(p) else 0.0
    return float((p[best] + lower) / 2)


def platt(scores: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """(a, b) of the sigmoid ``p = sigmoid(a * score + b)`` fitted to decision scores."""
    fitted = LogisticRegression(C=_PLATT_C).fit(scores.reshape(-1, 1), target)
    return float(fitted.coef_[0, 0]), float(fitted.intercept_[0])


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
