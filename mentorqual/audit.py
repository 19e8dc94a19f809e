"""The inter-coder agreement audit: per-code reliability of human coders, plain data in,
plain data out; no database, no files.

Each code is a presence/absence judgement per unit: a respondent paragraph, or with
``unit="interview"`` an interview (coded if any of its paragraphs carries the code,
assessed if the coder assessed any of its paragraphs). A unit that a coder did not
assess is *missing* for that coder, never "absent". Only units assessed by at least
2 of the coders ("pairable" units) enter the statistics; every statistic of a row is
computed over the same pairable units.

Per code the audit gives each coder's prevalence, pairwise percent agreement, Cohen's
kappa (2 coders) or Fleiss' kappa (3+), nominal Krippendorff's alpha with a
percentile bootstrap interval, Gwet's AC1, the Landis-Koch band of kappa and
Krippendorff's verdict on alpha, the coincidence matrix and, for 2 coders, the 2x2
confusion matrix. The statistics come from `mentorqual.agreement`; a statistic that is
undefined for a code (no variation) is NaN with a note, and the rest of the audit
goes on. The disagreements list every unit where the coders who assessed it differ on
at least one code: the agenda of a calibration meeting.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from .agreement import (
    AgreementError,
    alpha_bootstrap_ci_counts,
    binary_alpha_counts,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_verdict,
    landis_koch,
    percent_agreement,
    percentile_interval,
)
from .errors import InputError
from .types import report_order

Unit: TypeAlias = Literal["segment", "interview"]
Row: TypeAlias = dict[str, Any]
_Bools: TypeAlias = npt.NDArray[np.bool_]
_Ints: TypeAlias = npt.NDArray[np.int64]

ALL = "Alle"  # the group of every unit in scope
ALL_CODES = "(alle)"  # the code of the overall row
ALL_CODES_LABEL = "Alle temaer"
LEVEL = 0.95
_BINARY = [0, 1]


@dataclass(frozen=True)
class AuditUnit:
    """One respondent paragraph in scope of the audit."""

    segment: int
    interview: str
    region: str
    locator: str
    text: str


@dataclass(frozen=True)
class CodeAgreement:
    """Agreement on one code (or on all, ``code == ALL_CODES``) within one group."""

    code: str
    label: str
    group: str  # ALL, or a region with by="region"
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
    notes: tuple[str, ...] = ()

    def row(self) -> Row:
        row: Row = {"group": self.group, "code": self.code, "label": self.label}
        row["units"] = self.units
        row.update({f"prevalence:{c}": p for c, p in self.prevalence.items()})
        for key in ("percent", "kappa", "kappa_band", "alpha", "alpha_low", "alpha_high"):
            row[key] = getattr(self, key)
        row.update(alpha_verdict=self.alpha_verdict, ac1=self.ac1, notes="; ".join(self.notes))
        return row


@dataclass(frozen=True)
class CodeMatrices:
    """Krippendorff's coincidence matrix of a code and, for 2 coders, the confusion
    matrix; index 0 is absent, 1 is present."""

    code: str
    label: str
    coincidence: tuple[tuple[float, float], tuple[float, float]]
    confusion: tuple[tuple[int, int], tuple[int, int]] | None  # rows coder 1, columns coder 2


@dataclass(frozen=True)
class Disagreement:
    """A unit where the coders who assessed it differ on at least one code."""

    interview: str
    region: str
    segment: int | None  # None when the unit is an interview
    locator: str
    text: str
    codes: Mapping[str, tuple[str, ...] | None]  # coder -> codes given; None: not assessed
    disputed: tuple[str, ...]

    def row(self) -> Row:
        row: Row = {"interview": self.interview, "region": self.region}
        row.update(segment=self.segment, locator=self.locator, text=self.text)
        for coder, given in self.codes.items():
            row[f"codes:{coder}"] = None if given is None else ", ".join(given)
        row["disputed"] = ", ".join(self.disputed)
        return row


@dataclass(frozen=True)
class Audit:
    """The result of `audit`; the ``*_rows`` methods give it to a report writer."""

    coders: tuple[str, ...]
    codes: tuple[str, ...]
    labels: Mapping[str, str]
    unit: Unit
    by: str | None
    units_in_scope: int  # units given (paragraphs, or interviews)
    units_used: int  # pairable units
    assessed: Mapping[str, int]  # coder -> units the coder assessed
    per_code: tuple[CodeAgreement, ...]
    overall: CodeAgreement
    matrices: tuple[CodeMatrices, ...]
    disagreements: tuple[Disagreement, ...]
    groups: tuple[CodeAgreement, ...] = ()  # per group: each code, then all codes
    n_boot: int = 0  # 0: no bootstrap
    seed: int = 0

    @property
    def kappa_name(self) -> str:
        return "Cohens κ" if len(self.coders) == 2 else "Fleiss' κ"

    def summary_rows(self) -> list[Row]:
        return [a.row() for a in (*self.per_code, self.overall)]

    def group_rows(self) -> list[Row]:
        return [a.row() for a in self.groups]

    def disagreement_rows(self) -> list[Row]:
        return [d.row() for d in self.disagreements]

    def matrix_rows(self) -> list[Row]:
        """Two rows per matrix: ``matrix`` (coincidence/confusion), ``value`` of the row,
        then the cells ``absent`` and ``present``."""
        rows: list[Row] = []
        for m in self.matrices:
            tables = [("coincidence", m.coincidence)]
            tables += [("confusion", m.confusion)] if m.confusion else []
            for kind, cells in tables:
                for value, (absent, present) in zip(("absent", "present"), cells, strict=True):
                    rows.append({"code": m.code, "label": m.label, "matrix": kind})
                    rows[-1].update(value=value, absent=absent, present=present)
        return rows


# -- who assessed and coded what ---------------------------------------------------------


@dataclass(frozen=True)
class _Ratings:
    """Units x coders (assessed) and units x coders x codes (coded, False if missing)."""

    interview: list[str]
    region: list[str]
    units: list[AuditUnit] | None  # None for interview units
    assessed: _Bools
    coded: _Bools


def _segment_ratings(
    units: Sequence[AuditUnit],
    coders: Sequence[str],
    assessed: Mapping[str, Set[int]],
    codings: Mapping[str, Set[tuple[int, str]]],
    codes: Sequence[str],
) -> _Ratings:
    ordered = sorted(units, key=lambda u: (u.interview, u.segment))
    ids = np.fromiter((u.segment for u in ordered), dtype=np.int64, count=len(ordered))
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    if sorted_ids.size > 1 and (np.diff(sorted_ids) == 0).any():
        twice = int(sorted_ids[1:][np.diff(sorted_ids) == 0][0])
        raise InputError(f"segment {twice} is given twice as a unit")

    def rows_of(segments: _Ints) -> _Ints:
        """Unit rows of segment ids; -1 for segments outside the units."""
        at = np.minimum(np.searchsorted(sorted_ids, segments), len(ids) - 1)
        return np.where(sorted_ids[at] == segments, order[at], -1)

    index = {code: i for i, code in enumerate(codes)}
    seen = np.zeros((len(ordered), len(coders)), dtype=bool)
    coded = np.zeros((len(ordered), len(coders), len(codes)), dtype=bool)
    for c, coder in enumerate(coders):
        pairs = [(s, index[code]) for s, code in codings.get(coder, ()) if code in index]
        given = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        where = rows_of(given[:, 0])
        coded[where[where >= 0], c, given[where >= 0, 1]] = True
        # A coding is an assessment too, even if the assessment record is missing.
        looked = rows_of(np.fromiter(assessed.get(coder, ()), dtype=np.int64))
        seen[looked[looked >= 0], c] = True
    seen |= coded.any(axis=2)
    return _Ratings(
        [u.interview for u in ordered], [u.region for u in ordered], ordered, seen, coded
    )


def _interview_ratings(ratings: _Ratings) -> _Ratings:
    """A unit per interview: assessed if any paragraph was, coded if any paragraph was."""
    names = np.asarray(ratings.interview, dtype=object)
    starts = np.flatnonzero(np.r_[True, names[1:] != names[:-1]])  # rows are sorted
    return _Ratings(
        [ratings.interview[s] for s in starts],
        [ratings.region[s] for s in starts],
        None,
        np.logical_or.reduceat(ratings.assessed, starts, axis=0),
        np.logical_or.reduceat(ratings.coded, starts, axis=0),
    )


def _check_overlap(assessed: _Bools, coders: Sequence[str], unit: Unit) -> None:
    what = "segments" if unit == "segment" else "interviews"
    shared = assessed.sum(axis=1) >= 2
    for c, coder in enumerate(coders):
        if (assessed[:, c] & shared).any():
            continue
        others = [o for o in coders if o != coder]
        if len(coders) == 2:
            raise AgreementError(f"coders {coders[0]!r} and {coders[1]!r} have no {what} in common")
        names = ", ".join(repr(o) for o in others)
        raise AgreementError(f"coder {coder!r} has no {what} in common with {names}")


# -- the statistics of one code ----------------------------------------------------------

_NO_UNITS = "Ingen enheder er vurderet af mindst 2 kodere."


def _no_variation(value: str) -> str:
    return f"Ingen variation: alle vurderinger er '{value}', så κ og α er ikke definerede."


def _measure(name: str, compute: Callable[[], float], notes: list[str]) -> float:
    try:
        return compute()
    except AgreementError as exc:
        notes.append(f"{name}: {exc}")
        return math.nan


def _figures(
    code: str,
    label: str,
    group: str,
    coders: Sequence[str],
    assessed: _Bools,
    coded: _Bools,
    interval: Callable[[_Ints, _Ints], tuple[float, float]] | None,
) -> CodeAgreement:
    """The figures of one row; ``assessed`` and ``coded`` are items x coders."""
    looked = assessed.sum(axis=0)
    prevalence = {
        coder: float(coded[:, c].sum() / looked[c]) if looked[c] else math.nan
        for c, coder in enumerate(coders)
    }
    m = assessed.sum(axis=1)
    pairable = m >= 2
    if not pairable.any():
        nan = math.nan
        return CodeAgreement(
            code, label, group, 0, prevalence, nan, nan, nan, nan, nan, nan, "", "", (_NO_UNITS,)
        )
    seen, given = assessed[pairable], coded[pairable]
    ones = given.sum(axis=1).astype(np.int64)
    zeros = m[pairable].astype(np.int64) - ones
    values = np.where(seen, given, np.nan)
    notes: list[str] = []
    if not ones.any() or not zeros.any():
        notes.append(_no_variation("til stede" if ones.any() else "fravær"))
        quiet: list[str] = []  # the one note above says why kappa and alpha are NaN
    else:
        quiet = notes
    percent = _measure("Enighed", lambda: percent_agreement(values), notes)
    if len(coders) == 2:
        first, second = given[:, 0].astype(np.int8), given[:, 1].astype(np.int8)
        kappa = _measure("κ", lambda: cohen_kappa(first, second, _BINARY), quiet)
    else:
        kappa = _measure("κ", lambda: fleiss_kappa(values, _BINARY), quiet)
    alpha = _measure("α", lambda: binary_alpha_counts(ones, zeros), quiet)
    ac1 = _measure("AC1", lambda: gwet_ac1(values, _BINARY), notes)
    low = high = math.nan
    if interval is not None and not math.isnan(alpha):
        try:
            low, high = interval(ones, zeros)
        except AgreementError as exc:
            notes.append(f"α-interval: {exc}")
    return CodeAgreement(
        code, label, group, int(pairable.sum()), prevalence, percent, kappa, alpha, low, high, ac1,
        kappa_band="" if math.isnan(kappa) else landis_koch(kappa),
        alpha_verdict="" if math.isnan(alpha) else krippendorff_verdict(alpha),
        notes=tuple(notes),
    )  # fmt: skip


def _unit_bootstrap_ci(
    assessed: _Bools, coded: npt.NDArray[np.bool_], n_boot: int, seed: int
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


def _group_figures(
    group: str,
    coders: Sequence[str],
    codes: Sequence[str],
    labels: Mapping[str, str],
    assessed: _Bools,
    coded: _Bools,
    bootstrap: tuple[int, int] | None,
) -> list[CodeAgreement]:
    """Each code's row, then the all-codes row, for the units given."""
    per_code = None
    overall = None
    if bootstrap is not None:
        n_boot, seed = bootstrap

        def per_code(ones: _Ints, zeros: _Ints) -> tuple[float, float]:
            return alpha_bootstrap_ci_counts(ones, zeros, n_boot, seed, LEVEL)

        def overall(_ones: _Ints, _zeros: _Ints) -> tuple[float, float]:
            return _unit_bootstrap_ci(assessed, coded, n_boot, seed)

    rows = [
        _figures(code, labels[code], group, coders, assessed, coded[:, :, j], per_code)
        for j, code in enumerate(codes)
    ]
    n, k, q = coded.shape
    items_assessed = np.broadcast_to(assessed[:, None, :], (n, q, k)).reshape(n * q, k)
    items_coded = coded.transpose(0, 2, 1).reshape(n * q, k)
    pooled = _figures(
        ALL_CODES, ALL_CODES_LABEL, group, coders, items_assessed, items_coded, overall
    )
    return [*rows, replace(pooled, units=rows[0].units)]


def _matrices(code: str, label: str, assessed: _Bools, coded: _Bools) -> CodeMatrices:
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


def _names(patterns: _Bools, codes: Sequence[str]) -> list[tuple[str, ...]]:
    """The codes of each row of a rows x codes mask, looked up once per distinct row."""
    if not len(patterns):
        return []
    if patterns.shape[1] < 63:  # one integer per row: a fast 1-D unique
        _, first, inverse = np.unique(
            patterns @ (1 << np.arange(patterns.shape[1], dtype=np.int64)),
            return_index=True,
            return_inverse=True,
        )
        distinct = patterns[first]
    else:
        distinct, inverse = np.unique(patterns, axis=0, return_inverse=True)
    names = [tuple(codes[j] for j in np.flatnonzero(row).tolist()) for row in distinct]
    return [names[i] for i in inverse.ravel()]


def _disagreements(
    ratings: _Ratings, coders: Sequence[str], codes: Sequence[str]
) -> tuple[Disagreement, ...]:
    m = ratings.assessed.sum(axis=1)
    ones = ratings.coded.sum(axis=1)  # units x codes
    split = (ones > 0) & (ones < m[:, None])
    rows = np.flatnonzero(split.any(axis=1))
    k = len(coders)
    given = _names(ratings.coded[rows].reshape(len(rows) * k, len(codes)), codes)
    disputed = _names(split[rows], codes)
    seen = ratings.assessed[rows].tolist()
    found = []
    for n, row in enumerate(rows.tolist()):
        by_coder = {
            coder: given[n * k + c] if seen[n][c] else None for c, coder in enumerate(coders)
        }
        u = None if ratings.units is None else ratings.units[row]
        found.append(
            Disagreement(
                ratings.interview[row],
                ratings.region[row],
                None if u is None else u.segment,
                "" if u is None else u.locator,
                "" if u is None else u.text,
                by_coder,
                disputed[n],
            )
        )
    return tuple(found)


def audit(
    units: Sequence[AuditUnit],
    coders: Sequence[str],
    assessed: Mapping[str, Set[int]],
    codings: Mapping[str, Set[tuple[int, str]]],
    codes: Sequence[str],
    labels: Mapping[str, str] | None = None,
    *,
    unit: Unit = "segment",
    by: str | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    bootstrap: bool = True,
) -> Audit:
    """Inter-coder agreement of ``coders`` on each of ``codes`` over ``units``.

    The all-codes row treats every (unit, code) pair as one binary unit: its alpha is
    binary alpha over those pairs, and its interval resamples whole units (see
    `_unit_bootstrap_ci`). With ``by="region"`` every figure, the interval included,
    is repeated per region.

    Args:
        units: The paragraphs in scope.
        coders: At least 2 coder names; the order is the column order of the report.
        assessed: Coder -> segment ids the coder assessed. A segment the coder coded
            counts as assessed too.
        codings: Coder -> (segment id, code) pairs. Codes not in ``codes`` and
            segments not in ``units`` are left out.
        codes: The codes to audit, in report order.
        labels: Code -> label for reports; the code itself by default.
        unit: "segment" (paragraph) or "interview".
        by: None, or "region" to add per-region figures.
        n_boot: Bootstrap resamples for alpha's 95 % interval.
        seed: Seed of the bootstrap.
        bootstrap: False leaves the interval out (NaN), which saves time.

    Raises:
        AgreementError: Fewer than 2 coders, a coder with no unit in common with the
            others, or ``n_boot`` below 1.
        InputError: Duplicate coders, codes or segments; no codes or units; an unknown
            ``unit`` or ``by``.

    Example:
        >>> units = [AuditUnit(i, "HS01", "Hovedstaden", f"p{i}", "") for i in range(4)]
        >>> result = audit(units, ["A", "B"], {"A": {0, 1, 2, 3}, "B": {0, 1, 2, 3}},
        ...                {"A": {(0, "kurser"), (1, "kurser")}, "B": {(0, "kurser")}},
        ...                ["kurser"], bootstrap=False)
        >>> result.per_code[0].percent, round(result.per_code[0].kappa, 3)
        (0.75, 0.5)
    """
    coders, codes = tuple(coders), tuple(codes)
    if len(coders) < 2:
        raise AgreementError(f"agreement needs at least 2 coders, got {len(coders)}")
    for kind, names in (("coder", coders), ("code", codes)):
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise InputError(f"{kind} {twice[0]!r} is given twice")
    if not codes:
        raise InputError("no codes to audit")
    if not units:
        raise InputError("no units (paragraphs) to audit")
    if unit not in ("segment", "interview"):
        raise InputError(f"unit must be 'segment' or 'interview', not {unit!r}")
    if by not in (None, "region"):
        raise InputError(f"agreement can be split by 'region' only, not {by!r}")
    if bootstrap and n_boot < 1:
        raise AgreementError(f"n_boot must be at least 1, got {n_boot}")
    ratings = _segment_ratings(units, coders, assessed, codings, codes)
    if unit == "interview":
        ratings = _interview_ratings(ratings)
    _check_overlap(ratings.assessed, coders, unit)
    shown = {code: (labels or {}).get(code, code) for code in codes}
    resample = (n_boot, seed) if bootstrap else None
    rows = _group_figures(ALL, coders, codes, shown, ratings.assessed, ratings.coded, resample)
    groups: list[CodeAgreement] = []
    if by == "region":
        regions = np.asarray(ratings.region, dtype=object)
        for region in sorted(set(ratings.region), key=lambda r: report_order((r,), ("region",))):
            inside = regions == region
            groups += _group_figures(
                region, coders, codes, shown, ratings.assessed[inside], ratings.coded[inside],
                resample,
            )  # fmt: skip
    return Audit(
        coders=coders,
        codes=codes,
        labels=shown,
        unit=unit,
        by=by,
        units_in_scope=len(ratings.interview),
        units_used=int((ratings.assessed.sum(axis=1) >= 2).sum()),
        assessed={c: int(n) for c, n in zip(coders, ratings.assessed.sum(axis=0), strict=True)},
        per_code=tuple(rows[:-1]),
        overall=rows[-1],
        matrices=tuple(
            _matrices(code, shown[code], ratings.assessed, ratings.coded[:, :, j])
            for j, code in enumerate(codes)
        ),
        disagreements=_disagreements(ratings, coders, codes),
        groups=tuple(groups),
        n_boot=n_boot if bootstrap else 0,
        seed=seed,
    )
