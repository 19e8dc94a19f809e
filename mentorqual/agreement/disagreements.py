"""The disagreements: every unit where the coders who assessed it differ on at least one
code, with each coder's codes. The agenda of a calibration meeting."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .ratings import Bools, Ratings, Row

__all__ = ["Disagreement", "disagreements"]


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


def _names(patterns: Bools, codes: Sequence[str]) -> list[tuple[str, ...]]:
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


def disagreements(
    ratings: Ratings, coders: Sequence[str], codes: Sequence[str]
) -> tuple[Disagreement, ...]:
    """The units where the coders who assessed them differ, in the order of ``ratings``."""
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
