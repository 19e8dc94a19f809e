"""Reading a reliability matrix into category counts, and the error every statistic raises.

A reliability matrix has one row per unit (a segment) and one column per coder. A
cell holds the category label the coder gave the unit (any hashable), or ``None``/NaN
when that coder did not code it. Lists of rows, NumPy arrays and pandas DataFrames are
accepted. ``categories`` gives the full category set in scale order; without it the
labels are sorted (or kept in first-seen order when they cannot be sorted).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any, Protocol, TypeAlias

import numpy as np
import numpy.typing as npt

from ..errors import MentorqualError

__all__ = [
    "AgreementError",
    "Floats",
    "Ints",
    "Matrix",
    "coded",
    "pairable",
    "require_variation",
    "tally",
    "value_counts",
]


class AgreementError(MentorqualError):
    """Agreement cannot be computed for this input (too few coders or units, no variation)."""


class _Frame(Protocol):
    def to_numpy(self) -> Any: ...


#: Units x coders: a list of rows, a 2-D NumPy array or a pandas DataFrame.
Matrix: TypeAlias = Sequence[Sequence[Any]] | npt.NDArray[Any] | _Frame

Ints: TypeAlias = npt.NDArray[np.int64]
Floats: TypeAlias = npt.NDArray[np.float64]
_NA_TYPES = frozenset({"NAType", "NaTType"})  # pandas' missing markers, without importing pandas


def _stack_rows(matrix: Sequence[Sequence[Any]]) -> npt.NDArray[Any]:
    """Rows that NumPy would not make 2-D: ragged, or tuple labels it unpacked into a
    third axis."""
    try:
        rows = [np.fromiter(row, dtype=object) for row in matrix]
    except TypeError:
        raise AgreementError("a reliability matrix is a sequence of rows (units)") from None
    widths = sorted({len(row) for row in rows})
    if len(widths) > 1:
        raise AgreementError(f"every row needs one cell per coder; row widths {widths}")
    return np.stack(rows) if rows else np.empty((0, 0), dtype=object)


def _as_array(matrix: Matrix) -> npt.NDArray[Any]:
    if isinstance(matrix, np.ndarray):
        arr = matrix
    elif not isinstance(matrix, Sequence):
        to_numpy = getattr(matrix, "to_numpy", None)
        if to_numpy is None:
            raise AgreementError("a reliability matrix is a list of rows, an array or a DataFrame")
        arr = np.asarray(to_numpy())
    else:
        try:
            arr = np.array(matrix, dtype=object)
        except ValueError:  # ragged rows
            arr = np.empty(0, dtype=object)
        if arr.ndim != 2:
            arr = _stack_rows(matrix)
    if arr.ndim != 2:
        raise AgreementError(f"a reliability matrix is 2-D (units x coders), not {arr.ndim}-D")
    return arr


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    return type(value).__name__ in _NA_TYPES


def _raw_codes(flat: npt.NDArray[Any]) -> tuple[Ints, list[Hashable]]:
    """Index per cell into the labels found (-1 for missing), and those labels."""
    if flat.dtype.kind in "biufUS":  # vectorised; only floats can hold NaN
        present = ~np.isnan(flat) if flat.dtype.kind == "f" else np.ones(flat.size, bool)
        uniques, inverse = np.unique(flat[present], return_inverse=True)
        raw = np.full(flat.size, -1, dtype=np.int64)
        raw[present] = inverse.ravel()
        found: list[Hashable] = uniques.tolist()
        return raw, found
    index: dict[Hashable, int] = {}
    cells = []
    for value in flat:
        if _is_missing(value):
            cells.append(-1)
            continue
        try:
            cells.append(index.setdefault(value, len(index)))
        except TypeError:
            raise AgreementError(f"labels must be hashable, got {value!r}") from None
    return np.array(cells, dtype=np.int64), list(index)


def _category_list(found: list[Hashable], categories: Sequence[Hashable] | None) -> list[Hashable]:
    if categories is None:
        try:
            return sorted(found)  # type: ignore[type-var]
        except TypeError:  # labels of mixed types keep their first-seen order
            return found
    cats = list(categories)
    if len(set(cats)) != len(cats):
        raise AgreementError(f"categories contain duplicates: {cats!r}")
    return cats


def _encode(
    arr: npt.NDArray[Any], categories: Sequence[Hashable] | None
) -> tuple[Ints, list[Hashable]]:
    """Category index per cell (-1 for missing) and the category list."""
    raw, found = _raw_codes(arr.ravel())
    cats = _category_list(found, categories)
    position = {category: i for i, category in enumerate(cats)}
    lookup = np.full(len(found) + 1, -1, dtype=np.int64)  # the last slot maps -1 to -1
    for i, value in enumerate(found):
        if value not in position:
            raise AgreementError(f"label {value!r} is not one of the categories {cats!r}")
        lookup[i] = position[value]
    return lookup[raw].reshape(arr.shape), cats


def coded(matrix: Matrix, categories: Sequence[Hashable] | None) -> tuple[Ints, list[Hashable]]:
    """Units x coders of category indices (-1 for missing), and the category list."""
    arr = _as_array(matrix)
    if arr.shape[0] == 0:
        raise AgreementError("the reliability matrix has no units (rows)")
    if arr.shape[1] < 2:
        raise AgreementError(f"agreement needs at least 2 coders (columns), got {arr.shape[1]}")
    return _encode(arr, categories)


def value_counts(codes: Ints, n_categories: int) -> Ints:
    """Units x categories: how many coders gave each unit each category."""
    units = np.broadcast_to(np.arange(codes.shape[0])[:, None], codes.shape)
    present = codes >= 0
    flat = units[present] * n_categories + codes[present]
    counts = np.bincount(flat, minlength=codes.shape[0] * n_categories)
    return counts.reshape(codes.shape[0], n_categories)


def tally(matrix: Matrix, categories: Sequence[Hashable] | None) -> tuple[Ints, list[Hashable]]:
    """`value_counts` of a reliability matrix, and the category list."""
    codes, cats = coded(matrix, categories)
    return value_counts(codes, len(cats)), cats


def pairable(counts: Ints) -> Ints:
    """Units with at least two values: the only ones that say anything about agreement."""
    rows = counts[counts.sum(axis=1) >= 2]
    if not len(rows):
        raise AgreementError("no unit was coded by at least 2 coders, so nothing can be compared")
    return rows


def require_variation(pairable: Ints, cats: list[Hashable], name: str) -> None:
    used = np.flatnonzero(pairable.sum(axis=0))
    if used.size < 2:
        raise AgreementError(
            f"{name} is undefined: every compared value is {cats[used[0]]!r}, so there is no "
            "variation to measure agreement against"
        )
