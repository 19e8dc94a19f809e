"""The audit's figures: per code (and over all codes) the prevalence, agreement
statistics and their reading, and the coincidence and confusion matrices.

A statistic that is undefined for a code (no variation) is NaN with a note, and the
rest of the audit goes on. Notes are `mentorqual.types.Note`s: keys, in no language,
that a report says in its own (every key the audit can write is in :data:`NOTES`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..types import ALL, Note
from .alpha import alpha_bootstrap_ci_counts, binary_alpha_counts, percentile_interval
from .matrix import AgreementError, Floats, Ints
from .ratings import Bools, Row
from .statistics import (
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_verdict,
    landis_koch,
    percent_agreement,
)

__all__ = [
    "ALL_CODES",
    "LEVEL",
    "NOTES",
    "CodeAgreement",
    "CodeMatrices",
    "code_matrices",
    "group_figures",
]

ALL_CODES = ALL  # the code and label of the overall row: a marker, not a word
LEVEL = 0.95
_BINARY = [0, 1]
_MEASURES = ("percent", "kappa", "alpha", "ac1")
#: Every key of the notes the figures write.
NOTES = (
    "note:no_units", "note:all_absent", "note:all_present", "note:no_interval",
    *(f"note:undefined:{m}" for m in _MEASURES),
)  # fmt: skip

#: (ones, zeros) per pairable unit -> the interval of alpha
Interval = Callable[[Ints, Ints], tuple[float, float]]


@dataclass(frozen=True)
class CodeAgreement:
    """Agreement on one code (or on all, ``code == ALL_CODES``) within one group."""

    code: str
    label: str
    group: str  # ALL, or a group (such as a region) with by
    units: int  # pairable units: assessed by at least 2 of the coders (alike for every code)
    prevalence: Mapping[str, float]  # coder -> share of the coder's assessed units coded
    percent: float  # pairwise percent agreement, 0-1
    kappa: float  # Cohen's (2 coders) or Fleiss' (3+)
    alpha: float  # Krippendorff's, nominal
    alpha_low: float  # 95 % bootstrap interval; NaN without bootstrap
    alpha_high: float
    ac1: float  # Gwet's
    kappa_band: str  # Landis-Koch; "" when kappa is NaN
    alpha_verdict: str  # Krippendorff's; "" when alpha is NaN
    notes: tuple[Note, ...] = ()

    @property
    def overall(self) -> bool:
        """Whether this is the row of all codes."""
        return self.code == ALL_CODES

    def row(self) -> Row:
        """The figures by name; ``notes`` is the tuple of notes."""
        row: Row = {"group": self.group, "code": self.code, "label": self.label}
        row["units"] = self.units
        row.update({f"prevalence:{c}": p for c, p in self.prevalence.items()})
        for key in ("percent", "kappa", "kappa_band", "alpha", "alpha_low", "alpha_high"):
            row[key] = getattr(self, key)
        row.update(alpha_verdict=self.alpha_verdict, ac1=self.ac1, notes=self.notes)
        return row


@dataclass(frozen=True)
class CodeMatrices:
    """Krippendorff's coincidence matrix of a code and, for 2 coders, the confusion
    matrix; index 0 is absent, 1 is present."""

    code: str
    label: str
    coincidence: tuple[tuple[float, float], tuple[float, float]]
    confusion: tuple[tuple[int, int], tuple[int, int]] | None  # rows coder 1, columns coder 2


# -- the statistics of one code ----------------------------------------------------------


def _measure(name: str, compute: Callable[[], float], notes: list[Note]) -> float:
    """``compute()``, or NaN and a note that the measure ``name`` is undefined."""
    try:
        return compute()
    except AgreementError:
        # With variation in binary ratings every measure is defined; a note, not a crash.
        notes.append(Note(f"note:undefined:{name}"))
        return math.nan


def _prevalence(coders: Sequence[str], assessed: Bools, coded: Bools) -> dict[str, float]:
    """Coder -> share of the coder's assessed items that the coder coded."""
    looked = assessed.sum(axis=0)
    return {
        coder: float(coded[:, c].sum() / looked[c]) if looked[c] else math.nan
        for c, coder in enumerate(coders)
    }


def _kappa(given: Bools, values: Floats, notes: list[Note]) -> float:
    """Cohen's kappa for 2 coders, Fleiss' for more; ``given`` is items x coders."""
    if given.shape[1] == 2:
        first, second = given[:, 0].astype(np.int8), given[:, 1].astype(np.int8)
        return _measure("kappa", lambda: cohen_kappa(first, second, _BINARY), notes)
    return _measure("kappa", lambda: fleiss_kappa(values, _BINARY), notes)


def _interval(
    interval: Interval | None, alpha: float, ones: Ints, zeros: Ints, notes: list[Note]
) -> tuple[float, float]:
    if interval is not None and not math.isnan(alpha):
        try:
            return interval(ones, zeros)
        except AgreementError:  # no resample had any variation
            notes.append(Note("note:no_interval"))
    return math.nan, math.nan


def _figures(
    code: str,
    label: str,
    group: str,
    coders: Sequence[str],
    assessed: Bools,
    coded: Bools,
    interval: Interval | None,
) -> CodeAgreement:
    """The figures of one row; ``assessed`` and ``coded`` are items x coders."""
    prevalence = _prevalence(coders, assessed, coded)
    m = assessed.sum(axis=1)
    pairable = m >= 2
    if not pairable.any():
        nan = math.nan
        return CodeAgreement(
            code,
            label,
            group,
            0,
            prevalence,
            nan,
            nan,
            nan,
            nan,
            nan,
            nan,
            "",
            "",
            (Note("note:no_units"),),
        )
    seen, given = assessed[pairable], coded[pairable]
    ones = given.sum(axis=1).astype(np.int64)
    zeros = m[pairable].astype(np.int64) - ones
    values = np.where(seen, given, np.nan)
    notes: list[Note] = []
    if not ones.any() or not zeros.any():
        notes.append(Note("note:all_present" if ones.any() else "note:all_absent"))
        quiet: list[Note] = []  # the one note above says why kappa and alpha are NaN
    else:
        quiet = notes
    percent = _measure("percent", lambda: percent_agreement(values), notes)
    kappa = _kappa(given, values, quiet)
    alpha = _measure("alpha", lambda: binary_alpha_counts(ones, zeros), quiet)
    ac1 = _measure("ac1", lambda: gwet_ac1(values, _BINARY), notes)
    low, high = _interval(interval, alpha, ones, zeros, notes)
    return CodeAgreement(
        code, label, group, int(pairable.sum()), prevalence, percent, kappa, alpha, low, high, ac1,
        kappa_band="" if math.isnan(kappa) else landis_koch(kappa),
        alpha_verdict="" if math.isnan(alpha) else krippendorff_verdict(alpha),
        notes=tuple(notes),
    )  # fmt: skip


def _unit_bootstrap_ci(
    assessed: Bools, coded: Bools, n_boot: int, seed: int
) -> tuple[float, float]:
    """Percentile interval of the all-codes alpha, resampling units with all their codes.

    A unit's codes are not independent of each other, so the (unit, code) pairs are
    not resampled one by one. Nominal binary alpha is 1 - (n - 1) D / (2 n_0 n_1),
    where a unit with m values, o of them "present", adds 2 o (m - o) / (m - 1) to D
    for each code; so units with the same (m, present values, sum of o (m - o)) are
    alike, and a resample is a multinomial draw of how many units of each kind it holds.
    """
    m = assessed.sum(axis=1)
    keep = m >= 2
    m = m[keep].astype(np.int64)
    ones = coded[keep].sum(axis=1).astype(np.int64)  # units x codes
    key = np.stack([m, ones.sum(axis=1), (ones * (m[:, None] - ones)).sum(axis=1)], axis=1)
    kinds, units = np.unique(key, axis=0, return_counts=True)
    draws = np.random.default_rng(seed).multinomial(units.sum(), units / units.sum(), size=n_boot)
    values = draws @ (kinds[:, 0] * coded.shape[2])
    present = draws @ kinds[:, 1]
    disagreement = draws @ (2 * kinds[:, 2] / (kinds[:, 0] - 1))
    expected = 2.0 * (values - present) * present
    with np.errstate(divide="ignore", invalid="ignore"):
        alphas = np.where(expected > 0, 1 - (values - 1) * disagreement / expected, np.nan)
    return percentile_interval(alphas, LEVEL)


def group_figures(
    group: str,
    coders: Sequence[str],
    codes: Sequence[str],
    labels: Mapping[str, str],
    assessed: Bools,
    coded: Bools,
    bootstrap: tuple[int, int] | None,
) -> list[CodeAgreement]:
    """Each code's row, then the all-codes row, for the units given."""
    per_code = None
    overall = None
    if bootstrap is not None:
        n_boot, seed = bootstrap

        def per_code(ones: Ints, zeros: Ints) -> tuple[float, float]:
            return alpha_bootstrap_ci_counts(ones, zeros, n_boot, seed, LEVEL)

        def overall(_ones: Ints, _zeros: Ints) -> tuple[float, float]:
            return _unit_bootstrap_ci(assessed, coded, n_boot, seed)

    rows = [
        _figures(code, labels[code], group, coders, assessed, coded[:, :, j], per_code)
        for j, code in enumerate(codes)
    ]
    n, k, q = coded.shape
    items_assessed = np.broadcast_to(assessed[:, None, :], (n, q, k)).reshape(n * q, k)
    items_coded = coded.transpose(0, 2, 1).reshape(n * q, k)
    pooled = _figures(ALL_CODES, ALL_CODES, group, coders, items_assessed, items_coded, overall)
    return [*rows, replace(pooled, units=rows[0].units)]


def code_matrices(code: str, label: str, assessed: Bools, coded: Bools) -> CodeMatrices:
    """The matrices of one code; ``assessed`` and ``coded`` are units x coders."""
    m = assessed.sum(axis=1)
    keep = m >= 2
    ones = coded[keep].sum(axis=1)
    zeros = m[keep] - ones
    pairs = m[keep] - 1
    both = float((ones * zeros / pairs).sum())
    coincidence = (
        (float((zeros * (zeros - 1) / pairs).sum()), both),
        (both, float((ones * (ones - 1) / pairs).sum())),
    )
    confusion = None
    if assessed.shape[1] == 2:
        first, second = coded[keep].T.astype(np.int64)
        cells = np.bincount(first * 2 + second, minlength=4).tolist()
        confusion = ((cells[0], cells[1]), (cells[2], cells[3]))
    return CodeMatrices(code, label, coincidence, confusion)
