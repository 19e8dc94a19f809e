"""Theme classifier: one logistic regression per code over TF-IDF features of lemmas
and character n-grams, calibrated and thresholded by cross-validation grouped by interview.

Plain data in, plain data out: paragraph texts, label sets and interview ids in;
probabilities, code sets and bytes out. The project layer stores the bytes.

How :meth:`ThemeClassifier.fit` works:

1. Features are fitted once on all training texts: TF-IDF of lemma 1-2-grams (a word
   regex, then :func:`mentorqual.nlp.lemma`, memoised per word type) and of character
   2-5-grams inside word boundaries, which catch compounds and inflections the lemma
   table misses ("mentorkurset", "lønsedlerne").
2. Per code, an inner k-fold grouped by interview gives out-of-fold decision scores.
   A sigmoid (Platt) fitted to them turns the final model's scores into calibrated
   probabilities, and the cut that maximises F1 on them becomes the code's threshold.
   The inner folds reuse the features of step 1: these are fitted without labels.
3. The final model per code is fitted on all training texts.

A code with too few positives keeps the model's own probability and a threshold of
0.5 (see :attr:`ThemeClassifier.untuned`); a code without positives or without
negatives is not trained at all (see :attr:`ThemeClassifier.skipped`).

:func:`cross_validate` refits everything inside each outer training part, so its
out-of-fold predictions are honest estimates for unseen interviews.
"""

from __future__ import annotations

import json
import math
import pickle
import re
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

import numpy as np
import sklearn  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]
from sklearn.pipeline import FeatureUnion  # type: ignore[import-untyped]

from .. import nlp
from ..errors import MentorqualError

FORMAT_MAGIC = b"mentorqual-theme-classifier\n"
FORMAT_VERSION = 1
MIN_POSITIVES = 5  # fewer positives: no calibration, no threshold tuning
_WORD = re.compile(r"[^\W\d_]+")
_PLATT_C = 100.0  # nearly unregularised: two parameters, hundreds of scores

Folds = list[tuple[np.ndarray, np.ndarray]]


class ClassifierError(MentorqualError):
    """A theme classifier cannot be trained, used or loaded as asked."""


def lemma_tokens(text: str) -> list[str]:
    """Lower-cased lemmas of the words of a text; digits and punctuation are dropped."""
    return [nlp.lemma(word) for word in _WORD.findall(text)]


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


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))


@dataclass
class _Fitted:
    features: FeatureUnion
    models: dict[str, LogisticRegression]
    platt: dict[str, tuple[float, float]]  # code -> (a, b): p = sigmoid(a * score + b)
    constants: dict[str, float]  # untrained codes: 0.0 (no positives) or 1.0
    thresholds: np.ndarray
    skipped: dict[str, str]
    untuned: dict[str, str]


class ThemeClassifier:
    """Multi-label classifier of paragraphs into codebook themes.

    Args:
        codes: the codes, in the column order of :meth:`predict_proba`.
        random_state: seed of every random choice (liblinear's coordinate order).
        C: inverse L2 regularisation of the logistic regressions.
        class_weight: ``"balanced"`` (rare codes weigh more) or None.
        word_ngrams: n-gram range over lemmas, or None for no lemma features.
        char_ngrams: ``char_wb`` n-gram range, or None for no character features.
        min_df: paragraphs a character n-gram must occur in to be a feature.
        inner_splits: folds of the inner, grouped CV that calibrates and tunes.
        min_positives: fewer positive paragraphs leave a code uncalibrated at 0.5.

    Example:
        >>> model = ThemeClassifier(["kurser", "ledelse"])
        >>> model.fit(texts, labels, interviews)  # doctest: +SKIP
        >>> model.predict(["Mentorkurset var godt."])  # doctest: +SKIP
        [{'kurser'}]
    """

    def __init__(
        self,
        codes: Sequence[str],
        random_state: int = 0,
        *,
        C: float = 4.0,
        class_weight: str | None = "balanced",
        word_ngrams: tuple[int, int] | None = (1, 2),
        char_ngrams: tuple[int, int] | None = (2, 5),
        min_df: int = 2,
        inner_splits: int = 5,
        min_positives: int = MIN_POSITIVES,
    ) -> None:
        self.codes = tuple(codes)
        if not self.codes:
            raise ClassifierError("a theme classifier needs at least one code")
        repeated = sorted(c for c, k in Counter(self.codes).items() if k > 1)
        if repeated:
            raise ClassifierError(f"code {repeated[0]!r} is listed more than once")
        if word_ngrams is None and char_ngrams is None:
            raise ClassifierError("a theme classifier needs word or character n-grams")
        if inner_splits < 2:
            raise ClassifierError(f"inner_splits must be at least 2, not {inner_splits}")
        self.random_state = random_state
        self.C = C
        self.class_weight = class_weight
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.inner_splits = inner_splits
        self.min_positives = min_positives
        self._fitted: _Fitted | None = None

    # -- training ------------------------------------------------------------------

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[AbstractSet[str]],
        groups: Sequence[str],
    ) -> ThemeClassifier:
        """Train on paragraphs, their codes (an empty set is a real negative) and the
        interview each comes from. Codes that cannot be trained are listed in
        :attr:`skipped` and never predicted (or, without negatives, always)."""
        y = _targets(self.codes, texts, labels, groups)
        folds = group_folds(groups, self.inner_splits)
        features = self._new_features()
        try:
            x = features.fit_transform(list(texts))
        except ValueError as exc:  # e.g. no words at all
            raise ClassifierError(f"cannot build features from the texts ({exc})") from None
        fitted = _Fitted(features, {}, {}, {}, np.full(len(self.codes), 0.5), {}, {})
        for j, code in enumerate(self.codes):
            target = y[:, j]
            positives = int(target.sum())
            if positives in (0, len(target)):
                fitted.constants[code] = float(positives > 0)
                fitted.skipped[code] = (
                    f"code {code!r} cannot be trained: "
                    f"no {'positive' if positives == 0 else 'negative'} paragraphs"
                )
                continue
            fitted.models[code] = self._logistic(x.shape).fit(x, target)
            reason = self._calibrate(fitted, j, x, target, folds)
            if reason:
                fitted.untuned[code] = f"code {code!r} uses threshold 0.5: {reason}"
        self._fitted = fitted
        return self

    def _calibrate(self, fitted: _Fitted, j: int, x: Any, target: np.ndarray, folds: Folds) -> str:
        """Fit the code's sigmoid and threshold on inner out-of-fold scores; or say why not."""
        positives = int(target.sum())
        if positives < self.min_positives:
            return f"only {positives} positive paragraph(s), fewer than {self.min_positives}"
        scores = np.empty(len(target))
        for train, test in folds:
            if target[train].min() == target[train].max():
                return "its positives are in too few interviews to cross-validate"
            model = self._logistic(x.shape).fit(x[train], target[train])
            scores[test] = model.decision_function(x[test])
        platt = LogisticRegression(C=_PLATT_C).fit(scores.reshape(-1, 1), target)
        a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
        if a <= 0:
            return "its out-of-fold scores do not separate positives from negatives"
        fitted.platt[self.codes[j]] = (a, b)
        fitted.thresholds[j] = best_threshold(_sigmoid(a * scores + b), target)
        return ""

    def _new_features(self) -> FeatureUnion:
        parts = []
        if self.word_ngrams is not None:
            words = TfidfVectorizer(
                tokenizer=lemma_tokens,
                lowercase=False,
                token_pattern=None,
                ngram_range=self.word_ngrams,
                sublinear_tf=True,
            )
            parts.append(("lemmas", words))
        if self.char_ngrams is not None:
            chars = TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=self.char_ngrams,
                sublinear_tf=True,
                min_df=self.min_df,
            )
            parts.append(("chars", chars))
        return FeatureUnion(parts)

    def _logistic(self, shape: tuple[int, int]) -> LogisticRegression:
        # Both formulations solve the same problem; liblinear's dual one is several
        # times faster while there are fewer paragraphs than features (measured: 0.6 s
        # instead of 2.2-4.2 s per fit on 20,000 paragraphs and 34,000 features).
        return LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            solver="liblinear",
            dual=shape[0] < shape[1],
            random_state=self.random_state,
        )

    # -- using ---------------------------------------------------------------------

    @property
    def is_fitted(self) -> bool:
        return self._fitted is not None

    def _state(self) -> _Fitted:
        if self._fitted is None:
            raise ClassifierError("the theme classifier is not trained yet; call fit() first")
        return self._fitted

    @property
    def thresholds(self) -> dict[str, float]:
        """The decision threshold of each code."""
        return dict(zip(self.codes, self._state().thresholds.tolist(), strict=True))

    @property
    def skipped(self) -> dict[str, str]:
        """Codes that could not be trained, with the reason."""
        return dict(self._state().skipped)

    @property
    def untuned(self) -> dict[str, str]:
        """Trained codes left uncalibrated with threshold 0.5, with the reason."""
        return dict(self._state().untuned)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities, shape (len(texts), len(codes)), columns in :attr:`codes` order."""
        state = self._state()
        result = np.empty((len(texts), len(self.codes)))
        if not len(texts):
            return result
        x = state.features.transform(list(texts))
        for j, code in enumerate(self.codes):
            if code in state.constants:
                result[:, j] = state.constants[code]
            elif code in state.platt:
                a, b = state.platt[code]
                result[:, j] = _sigmoid(a * state.models[code].decision_function(x) + b)
            else:
                result[:, j] = state.models[code].predict_proba(x)[:, 1]
        return result

    def decide(self, probabilities: np.ndarray) -> list[set[str]]:
        """The codes whose probability reaches their threshold, per row."""
        above = np.asarray(probabilities) >= self._state().thresholds
        return [{c for c, hit in zip(self.codes, row, strict=True) if hit} for row in above]

    def predict(self, texts: Sequence[str]) -> list[set[str]]:
        """The codes of each text."""
        return self.decide(self.predict_proba(texts))

    # -- storing -------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The trained model as bytes: a JSON header line, then a compressed pickle."""
        self._state()
        header = {"version": FORMAT_VERSION, "sklearn": sklearn.__version__, "codes": self.codes}
        body = zlib.compress(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL), 6)
        return FORMAT_MAGIC + json.dumps(header).encode() + b"\n" + body

    @classmethod
    def from_bytes(cls, data: bytes) -> ThemeClassifier:
        """Load a model written by :meth:`to_bytes`.

        Unsafe on untrusted input: unpickling can run arbitrary code. Pass only bytes
        that this module wrote into the project's own database. The header is checked
        before anything is unpickled; a model from another format version or another
        scikit-learn minor version is refused, to be retrained.
        """
        if not data.startswith(FORMAT_MAGIC):
            raise ClassifierError("not a mentorqual theme classifier")
        line, _, body = data[len(FORMAT_MAGIC) :].partition(b"\n")
        try:
            header = json.loads(line)
            version, trained_with = int(header["version"]), str(header["sklearn"])
        except (ValueError, KeyError, TypeError):
            raise ClassifierError("the theme classifier's header is damaged") from None
        if version != FORMAT_VERSION:
            raise ClassifierError(
                f"the theme classifier has format version {version}; this mentorqual reads "
                f"version {FORMAT_VERSION}: retrain the classifier"
            )
        if _minor(trained_with) != _minor(sklearn.__version__):
            raise ClassifierError(
                f"the theme classifier was trained with scikit-learn {trained_with}, this is "
                f"{sklearn.__version__}: retrain the classifier"
            )
        try:
            model = pickle.loads(zlib.decompress(body))
        except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            raise ClassifierError("the theme classifier's data is damaged") from None
        if not isinstance(model, cls) or not model.is_fitted:
            raise ClassifierError("the stored object is not a trained theme classifier")
        return model


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def _targets(
    codes: Sequence[str],
    texts: Sequence[str],
    labels: Sequence[AbstractSet[str]],
    groups: Sequence[str],
) -> np.ndarray:
    """Check the training data and return the (texts, codes) boolean label matrix."""
    if not len(texts) == len(labels) == len(groups):
        raise ClassifierError(
            f"{len(texts)} texts, {len(labels)} label sets and {len(groups)} interview ids: "
            "they must be equally many"
        )
    index = {code: j for j, code in enumerate(codes)}
    y = np.zeros((len(texts), len(codes)), dtype=bool)
    for i, codings in enumerate(labels):
        for code in codings:
            if code not in index:
                raise ClassifierError(
                    f"text {i} is labelled with {code!r}, which is not one of the codes "
                    f"({', '.join(codes)})"
                )
            y[i, index[code]] = True
    return y


# -- evaluation ------------------------------------------------------------------------


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
    _targets(codes, texts, labels, groups)
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


# -- active learning ------------------------------------------------------------------


def suggest(
    probabilities: np.ndarray,
    groups: Sequence[str],
    strata: Sequence[str],
    n: int,
    *,
    thresholds: Sequence[float] | np.ndarray | None = None,
) -> list[int]:
    """Indices of the ``n`` uncoded paragraphs most worth coding next.

    A paragraph's uncertainty is its smallest margin ``|p - threshold|`` over the codes
    (pass the model's thresholds; the default is 0.5). Picks are spread out: strata
    (regions) take turns, each taking its most uncertain paragraph whose interview
    has fewer than ``ceil(n / interviews)`` picks; the cap is raised only when no
    stratum can pick under it. Ties go to the lower index, so the result is
    deterministic. Returned in the order picked.
    """
    p = np.asarray(probabilities, dtype=float)
    if p.ndim != 2 or not len(p) == len(groups) == len(strata):
        raise ClassifierError(
            f"suggest needs one row of probabilities, one interview and one stratum per "
            f"paragraph; got {p.shape[0] if p.ndim else 0} rows, {len(groups)} interviews "
            f"and {len(strata)} strata"
        )
    if n <= 0 or not len(p):
        return []
    cut = np.full(p.shape[1], 0.5) if thresholds is None else np.asarray(thresholds, float)
    if cut.shape != (p.shape[1],):
        raise ClassifierError(f"{len(cut)} thresholds for {p.shape[1]} codes")
    margin = np.abs(p - cut).min(axis=1) if p.shape[1] else np.zeros(len(p))
    queues: dict[str, list[int]] = {}
    for i in sorted(range(len(p)), key=lambda i: (margin[i], i)):
        queues.setdefault(strata[i], []).append(i)  # strata ordered by their best candidate
    cap = math.ceil(n / len(set(groups)))
    taken: Counter[str] = Counter()
    chosen: list[int] = []
    while len(chosen) < min(n, len(p)):
        picked = False
        for queue in queues.values():
            pick = next((i for i in queue if taken[groups[i]] < cap), None)
            if pick is None:
                continue
            queue.remove(pick)
            chosen.append(pick)
            taken[groups[pick]] += 1
            picked = True
            if len(chosen) == n:
                break
        if not picked:
            cap += 1
    return chosen
