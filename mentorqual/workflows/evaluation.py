"""A coder against a reference coder: precision, recall, F1 and Cohen's kappa.

Units are the respondent paragraphs both coders assessed. The classifier and the
machine coder learnt from human codings, so they are scored by cross-validation
grouped by interview (:func:`cross_validated_scores`); a paragraph is never
scored by a model that saw it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..reports import markdown_table, write_table
from ..reports.files import check_suffix
from ..store import Store
from ..types import CLASSIFIER, MACHINE, RULES
from . import Progress
from .classifier import CV_SPLITS, TrainingSet, check_positives, training_set

if TYPE_CHECKING:
    from ..agreement import Scores


@dataclass
class Evaluation:
    """Scores of ``coder`` against ``against``, one list per grouped split."""

    coder: str
    against: str
    runs: list[list[Scores]]

    def __repr__(self) -> str:
        return f"Evaluation({self.coder!r} against {self.against!r}, {len(self.runs)} split(s))"

    @property
    def scores(self) -> list[Scores]:
        """The standard split's scores: per code, then micro and macro."""
        return self.runs[0]

    @property
    def title(self) -> str:
        splits = f", {len(self.runs)} grouped splits" if len(self.runs) > 1 else ""
        return f"{self.coder} against {self.against}{splits}"

    def rows(self) -> list[dict[str, object]]:
        """One row per code; with several splits, F1 and kappa's mean and range too."""
        from ..agreement import spread  # numpy: only when there is a table to show

        if len(self.runs) == 1:
            return [s.row() for s in self.runs[0]]
        return spread(self.runs)

    def markdown(self) -> str:
        return markdown_table(self.rows())

    def write(self, path: Path) -> None:
        """Write the table to .md, .csv or .xlsx."""
        write_table(self.rows(), path, title=self.title, sheet="Evaluation")


def check_output(path: Path | None) -> None:
    if path is not None:
        check_suffix(path)


def evaluate_splits(
    store: Store,
    coder: str,
    against: str,
    *,
    only: Sequence[str] = (),
    repeats: int = 1,
    progress: Progress,
) -> Evaluation:
    """Score ``coder`` against ``against``, limited to the interviews matching ``only``
    (shell patterns such as ``*03``) if given; ``classifier`` and ``machine`` on
    ``repeats`` grouped splits (the standard one first). Other coders' codings are
    fixed, so they take one run only."""
    if repeats < 1:
        raise InputError(f"repeats must be at least 1, not {repeats}")
    coders = store.known_coders()
    for name in (coder, against):
        if name not in coders and name not in (CLASSIFIER, MACHINE):
            raise InputError(
                f"unknown coder {name!r}; the project has {', '.join(coders) or 'none'}"
            )
    if coder in (CLASSIFIER, MACHINE):
        keep = None
        if only:
            interviews = store.paragraph_interviews()
            keep = {u: _matches(i, only) for u, i in interviews.items()}
        runs = cross_validated_scores(
            store,
            coder,
            against,
            keep,
            repeats=repeats,
            progress=lambda done, total: progress("Cross-validating", done, total),
        )
        return Evaluation(coder, against, runs)
    if repeats > 1:
        raise InputError(
            f"coder {coder!r} has fixed codings, so repeated splits would all give "
            "the same figures; repeats are for 'classifier' and 'machine'"
        )
    units = store.assessed(coder) & store.assessed(against)
    if only:
        interviews = store.paragraph_interviews()
        units = {u for u in units if _matches(interviews[u], only)}
    if not units:
        raise InputError(f"coders {coder!r} and {against!r} have no segments in common")
    from ..agreement import evaluate  # numpy: only when scoring

    predicted = {pair for pair in store.coding_pairs(coder) if pair[0] in units}
    reference = {pair for pair in store.coding_pairs(against) if pair[0] in units}
    codes = _assessed_by_both(store, (coder, against), units)
    return Evaluation(coder, against, [evaluate(units, codes, predicted, reference)])


def _assessed_by_both(store: Store, coders: Sequence[str], units: set[int]) -> list[str]:
    """The codes both coders assessed in every interview of ``units``: a code added
    after a coder's work is missing for it, so it is not scored."""
    where = store.paragraph_interviews()
    interviews = {where[u] for u in units if u in where}
    assessed = [store.assessed_codes(c) for c in coders]
    return [
        code
        for code in store.codes()
        if all(code in per.get(i, frozenset()) for per in assessed for i in interviews)
    ]


def _matches(interview: str, patterns: Sequence[str]) -> bool:
    # Ids match in any case, as everywhere: "*03" and "hs*" as "HS*".
    return any(fnmatch.fnmatchcase(interview.casefold(), p.casefold()) for p in patterns)


def cross_validated_scores(
    store: Store,
    coder: str,
    against: str,
    only: Mapping[int, bool] | None = None,
    *,
    repeats: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> list[list[Scores]]:
    """Honest scores of ``classifier`` or ``machine`` against a human coder: grouped
    k-fold cross-validation on that coder's paragraphs, no interview in both train and
    test. ``only`` limits the scored paragraphs (segment id -> keep).

    One list of scores per grouped split: the standard split first, then ``repeats - 1``
    others (:func:`.tagging.calibration.group_folds` with seeds 1, 2, ...). With few
    interviews the split alone moves a code's kappa by several hundredths; the spread
    over splits shows by how much.
    """
    from ..agreement import evaluate  # numpy: only when scoring

    codes = store.codes()
    data = training_set(store, [against])
    check_positives(store, data, codes)
    rules: set[tuple[int, str]] = set()
    if coder == MACHINE:
        if not store.assessed(RULES):
            raise InputError("coder 'machine' needs the rules' codings; run 'mentorqual tag'")
        rules = store.coding_pairs(RULES)
    keep = [i for i, s in enumerate(data.segments) if only is None or only.get(s.id, False)]
    if not keep:
        raise InputError(f"no paragraphs of {against!r} match the selected interviews")
    kept = set(keep)
    reference = {(i, c) for i, labels in enumerate(data.labels) for c in labels if i in kept}
    runs = []
    for n in range(repeats):
        pairs = _cross_validated_pairs(data, codes, coder, rules, n or None)
        runs.append(evaluate(keep, codes, {p for p in pairs if p[0] in kept}, reference))
        if progress is not None:
            progress(n + 1, repeats)
    return runs


def _cross_validated_pairs(
    data: TrainingSet,
    codes: Sequence[str],
    coder: str,
    rules: set[tuple[int, str]],
    split_seed: int | None,
) -> set[tuple[int, str]]:
    """(row, code) of every coding ``coder`` makes under one grouped split."""
    import numpy as np

    from ..tagging.combine import machine_decisions
    from ..tagging.validation import cross_validate

    cv = cross_validate(
        data.texts, data.labels, data.groups, codes, n_splits=CV_SPLITS, split_seed=split_seed
    )
    pairs = cv.pairs()
    if coder == MACHINE:
        row_of = {s.id: i for i, s in enumerate(data.segments)}
        hits = {(row_of[s], codes.index(c)) for s, c in rules if s in row_of}
        thresholds = cv.thresholds[np.array(cv.folds)]  # each row's own fold thresholds
        combined = machine_decisions(cv.probabilities, thresholds, hits)
        pairs = {(int(i), codes[int(j)]) for i, j in zip(*np.nonzero(combined), strict=True)}
    return pairs
