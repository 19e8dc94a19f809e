"""Finding a coded passage in a text: a quote from a codings file, or a passage of an
interview's old text after the transcript was replaced (paragraphs joined, split or
moved). Pure functions over strings; offsets are code points, end exclusive.

Example:
    >>> find_all("Det er godt.\\nIP: Det er  godt.", "det er godt")
    [(0, 11), (17, 29)]
    >>> relocate("Ja.\\nIP: Det hjælper.", "IP: Ja. Det hjælper.", 8, 20)
    (8, 20)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["find_all", "nearest", "relocate"]


def _pattern(passage: str) -> re.Pattern[str] | None:
    words = passage.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


def find_all(text: str, passage: str) -> list[tuple[int, int]]:
    """Every place ``passage`` stands in ``text``, white space and case aside."""
    pattern = _pattern(passage)
    if pattern is None:
        return []
    exact = [(m.start(), m.end()) for m in pattern.finditer(text) if m.group() == passage]
    if exact:
        return exact
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def nearest(found: Sequence[tuple[int, int]], position: float) -> tuple[int, int]:
    """The place closest to ``position`` (the first of equals)."""
    return min(found, key=lambda span: abs(span[0] - position))


def relocate(old: str, new: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the passage ``old[start:end]`` stands in ``new``: the same place if its text
    is still there, else the occurrence nearest to its old relative place; None when
    the text is gone."""
    passage = old[start:end]
    if new[start:end] == passage:
        return start, end
    found = find_all(new, passage)
    if not found:
        return None
    return nearest(found, start * len(new) / max(len(old), 1))
