"""The shared helpers of error messages."""

from __future__ import annotations

import pytest

from mentorqual.errors import MAX_LISTED, listing


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, ""),
        (1, "row 1"),
        (MAX_LISTED, "; ".join(f"row {n}" for n in range(1, MAX_LISTED + 1))),
        (
            MAX_LISTED + 3,
            "; ".join(f"row {n}" for n in range(1, MAX_LISTED + 1)) + "; and 3 more",
        ),
    ],
)
def test_listing_names_the_first_problems_and_counts_the_rest(count: int, expected: str) -> None:
    assert listing([f"row {n}" for n in range(1, count + 1)]) == expected


def test_listing_takes_a_limit() -> None:
    assert listing(["a", "b", "c"], limit=2) == "a; b; and 1 more"
