"""Theme classifier: one logistic regression per code over TF-IDF features of lemmas
and character n-grams, calibrated and thresholded by cross-validation grouped by interview.

Plain data in, plain data out: paragraph texts, label sets and interview ids in;
probabilities, code sets and bytes out. The project layer stores the bytes.

How :meth:`ThemeClassifier.fit` works:

1. Features (:mod:`.features`) are fitted once on all training texts: TF-IDF of lemma
   1-2-grams and of character 2-5-grams inside word boundaries.
2. Per code, an inner k-fold grouped by interview gives out-of-fold decision scores
   (:mod:`.calibration`). A sigmoid (Platt) fitted to them turns the final model's
   scores into calibrated probabilities, and the cut that maximises F1 on them becomes
   the code's threshold. The inner folds reuse the features of step 1: these are
   fitted without labels.
3. The final model per code is fitted on all training texts.

A code with too few positives, or trained on one interview only, keeps the model's
own probability and a threshold of 0.5 (see :attr:`ThemeClassifier.untuned`); a code
without positives or without negatives is not trained at all (see
:attr:`ThemeClassifier.skipped`).

:func:`.validation.cross_validate` refits everything inside each outer training part,
so its out-of-fold predictions are honest estimates for unseen interviews;
:func:`.active.suggest` picks what to code next.
"""

from __future__ import annotations

import json
import pickle
import zlib
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

import numpy as np
import sklearn  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.pipeline import FeatureUnion  # type: ignore[import-untyped]

from .calibration import ClassifierError, Folds, best_threshold, group_folds, platt, sigmoid
from .features import lemma_tokens, text_features

# lemma_tokens: models stored before the split name it here, as their features' tokenizer.
__all__ = ["FORMAT_MAGIC", "ClassifierError", "ThemeClassifier", "label_matrix", "lemma_tokens"]

FORMAT_MAGIC = b"mentorqual-theme-classifier\n"
FORMAT_VERSION = 1
MIN_POSITIVES = 5  # fewer positives: no calibration, no threshold tuning


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
        y = label_matrix(self.codes, texts, labels, groups)
        # One interview cannot be cross-validated: its codes stay uncalibrated at 0.5
        # (the workbench's review retrains on what a coder did so far, often one).
        folds = group_folds(groups, self.inner_splits) if len(set(groups)) > 1 else []
        features = text_features(self.word_ngrams, self.char_ngrams, self.min_df)
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
        if not folds:
            return "its paragraphs all come from one interview, which cannot be cross-validated"
        scores = np.empty(len(target))
        for train, test in folds:
            if target[train].min() == target[train].max():
                return "its positives are in too few interviews to cross-validate"
            model = self._logistic(x.shape).fit(x[train], target[train])
            scores[test] = model.decision_function(x[test])
        a, b = platt(scores, target)
        if a <= 0:
            return "its out-of-fold scores do not separate positives from negatives"
        fitted.platt[self.codes[j]] = (a, b)
        fitted.thresholds[j] = best_threshold(sigmoid(a * scores + b), target)
        return ""

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
                result[:, j] = sigmoid(a * state.models[code].decision_function(x) + b)
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


def label_matrix(
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
