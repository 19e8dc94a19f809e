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
confusion matrix (`mentorqual.agreement.figures`). A statistic that is undefined for a
code (no variation) is NaN with a note (a `mentorqual.types.Note`, in no language),
and the rest of the audit goes on. The disagreements
(`mentorqual.agreement.disagreements`) list every unit where the coders who assessed
it differ on at least one code: the agenda of a calibration meeting. The audit writes
no words: the overall row and group are markers (`ALL_CODES`, `ALL`), and a report
says them, and the notes, in its language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..types import ALL, report_order
from .disagreements import Disagreement, disagreements
from .figures import CodeAgreement, CodeMatrices, code_matrices, group_figures
from .matrix import AgreementError
from .ratings import (
    AuditUnit,
    Ratings,
    Row,
    Unit,
    check_overlap,
    interview_ratings,
    segment_ratings,
)

__all__ = ["ALL", "Audit", "audit"]


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
    def kappa_kind(self) -> str:
        """Which kappa the ``kappa`` figures are: "cohen" (2 coders) or "fleiss" (3+)."""
        return "cohen" if len(self.coders) == 2 else "fleiss"

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


def _check_arguments(
    units: Sequence[AuditUnit],
    coders: tuple[str, ...],
    codes: tuple[str, ...],
    unit: Unit,
    by: str | None,
    n_boot: int,
    bootstrap: bool,
) -> None:
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
    if by is not None and not by.strip():
        raise InputError("by must name an attribute, such as 'region'")
    if bootstrap and n_boot < 1:
        raise AgreementError(f"n_boot must be at least 1, got {n_boot}")


def _group_figures(
    ratings: Ratings,
    by: str,
    coders: tuple[str, ...],
    codes: tuple[str, ...],
    labels: Mapping[str, str],
    resample: tuple[int, int] | None,
) -> list[CodeAgreement]:
    """`group_figures` of each group (value of ``by``), in report order."""
    groups: list[CodeAgreement] = []
    values = np.asarray(ratings.group, dtype=object)
    for value in sorted(set(ratings.group), key=lambda v: report_order((v,), (by,))):
        inside = values == value
        groups += group_figures(
            value, coders, codes, labels, ratings.assessed[inside], ratings.coded[inside],
            resample,
        )  # fmt: skip
    return groups


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
    `figures._unit_bootstrap_ci`). With ``by`` (such as ``"region"``) every figure, the
    interval included, is repeated per group: the units' ``group``, or their region
    when a unit has no group.

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
        by: None, or the name of the grouping (an attribute such as "region") to add
            per-group figures.
        n_boot: Bootstrap resamples for alpha's 95 % interval.
        seed: Seed of the bootstrap.
        bootstrap: False leaves the interval out (NaN), which saves time.

    Raises:
        AgreementError: Fewer than 2 coders, a coder with no unit in common with the
            others, or ``n_boot`` below 1.
        InputError: Duplicate coders, codes or segments; no codes or units; an unknown
            ``unit``; an empty ``by``.

    Example:
        >>> units = [AuditUnit(i, "HS01", "Hovedstaden", f"p{i}", "") for i in range(4)]
        >>> result = audit(units, ["A", "B"], {"A": {0, 1, 2, 3}, "B": {0, 1, 2, 3}},
        ...                {"A": {(0, "kurser"), (1, "kurser")}, "B": {(0, "kurser")}},
        ...                ["kurser"], bootstrap=False)
        >>> result.per_code[0].percent, round(result.per_code[0].kappa, 3)
        (0.75, 0.5)
    """
    coders, codes = tuple(coders), tuple(codes)
    _check_arguments(units, coders, codes, unit, by, n_boot, bootstrap)
    ratings = segment_ratings(units, coders, assessed, codings, codes)
    if unit == "interview":
        ratings = interview_ratings(ratings)
    check_overlap(ratings.assessed, coders, unit)
    shown = {code: (labels or {}).get(code, code) for code in codes}
    resample = (n_boot, seed) if bootstrap else None
    rows = group_figures(ALL, coders, codes, shown, ratings.assessed, ratings.coded, resample)
    groups = _group_figures(ratings, by, coders, codes, shown, resample) if by else []
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
            code_matrices(code, shown[code], ratings.assessed, ratings.coded[:, :, j])
            for j, code in enumerate(codes)
        ),
        disagreements=disagreements(ratings, coders, codes),
        groups=tuple(groups),
        n_boot=n_boot if bootstrap else 0,
        seed=seed,
    )
