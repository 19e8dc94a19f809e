"""Who assessed and who coded what: the audit's units x coders (x codes) masks.

A unit that a coder did not assess is *missing* for that coder, never "absent". A
coding counts as an assessment too, even if the assessment record is missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from .matrix import AgreementError, Ints

__all__ = [
    "AuditUnit",
    "Bools",
    "Ratings",
    "Row",
    "Unit",
    "check_overlap",
    "interview_ratings",
    "segment_ratings",
]

Unit: TypeAlias = Literal["segment", "interview"]
Row: TypeAlias = dict[str, Any]
Bools: TypeAlias = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class AuditUnit:
    """One respondent paragraph in scope of the audit."""

    segment: int
    interview: str
    region: str
    locator: str
    text: str
    group: str = ""  # the unit's group with ``by``; its region when empty


@dataclass(frozen=True)
class Ratings:
    """Units x coders (assessed) and units x coders x codes (coded, False if missing)."""

    interview: list[str]
    region: list[str]
    units: list[AuditUnit] | None  # None for interview units
    assessed: Bools
    coded: Bools
    group: list[str] = field(default_factory=list)  # per unit, with ``by``


def segment_ratings(
    units: Sequence[AuditUnit],
    coders: Sequence[str],
    assessed: Mapping[str, Set[int]],
    codings: Mapping[str, Set[tuple[int, str]]],
    codes: Sequence[str],
) -> Ratings:
    """The masks of ``units`` in (interview, segment) order; codes not in ``codes`` and
    segments not in ``units`` are left out."""
    ordered = sorted(units, key=lambda u: (u.interview, u.segment))
    ids = np.fromiter((u.segment for u in ordered), dtype=np.int64, count=len(ordered))
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    if sorted_ids.size > 1 and (np.diff(sorted_ids) == 0).any():
        twice = int(sorted_ids[1:][np.diff(sorted_ids) == 0][0])
        raise InputError(f"segment {twice} is given twice as a unit")

    def rows_of(segments: Ints) -> Ints:
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
    return Ratings(
        [u.interview for u in ordered],
        [u.region for u in ordered],
        ordered,
        seen,
        coded,
        [u.group or u.region for u in ordered],
    )


def interview_ratings(ratings: Ratings) -> Ratings:
    """A unit per interview: assessed if any paragraph was, coded if any paragraph was."""
    names = np.asarray(ratings.interview, dtype=object)
    starts = np.flatnonzero(np.r_[True, names[1:] != names[:-1]])  # rows are sorted
    return Ratings(
        [ratings.interview[s] for s in starts],
        [ratings.region[s] for s in starts],
        None,
        np.logical_or.reduceat(ratings.assessed, starts, axis=0),
        np.logical_or.reduceat(ratings.coded, starts, axis=0),
        [ratings.group[s] for s in starts],
    )


def check_overlap(assessed: Bools, coders: Sequence[str], unit: Unit) -> None:
    """Raise unless every coder shares a unit with at least one other coder."""
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
