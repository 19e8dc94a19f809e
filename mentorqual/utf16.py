"""Text positions in UTF-16 code units, as REFI-QDA and NVivo count them.

Python indexes strings by code point. UTF-16 counts a character outside the Basic
Multilingual Plane (emoji, some CJK) as two units, so past the first such character the
two counts differ. For æ, ø and å they agree. No database and no XML here.

Example:
    >>> to_utf16("Hej 👋 med", 6)
    7
    >>> from_utf16("Hej 👋 med", 7)
    6
"""

from __future__ import annotations

from bisect import bisect_right

__all__ = ["Utf16Index", "from_utf16", "to_utf16", "utf16_length"]


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def to_utf16(text: str, position: int) -> int:
    """The UTF-16 unit offset of code-point offset ``position`` (0 ≤ position ≤ len)."""
    return Utf16Index(text).to_utf16(position)


def from_utf16(text: str, unit: int) -> int:
    """The code-point offset of UTF-16 unit offset ``unit``.

    Raises ValueError if ``unit`` is outside the text or falls inside a surrogate pair.
    """
    return Utf16Index(text).from_utf16(unit)


class Utf16Index:
    """Converts many offsets of one text in O(log n) each.

    It keeps the code-point positions of the characters that take two units; a text
    without any (most Danish text) converts in O(1).
    """

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.wide = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # UTF-16 offset of each wide character: its code-point offset plus the wide ones before it.
        self.wide_units = [i + k for k, i in enumerate(self.wide)]
        self.units = self.length + len(self.wide)

    def to_utf16(self, position: int) -> int:
        if not 0 <= position <= self.length:
            raise ValueError(f"position {position} is outside the text (0–{self.length})")
        return position + bisect_right(self.wide, position - 1)

    def from_utf16(self, unit: int) -> int:
        if not 0 <= unit <= self.units:
            raise ValueError(f"position {unit} is outside the text (0–{self.units} UTF-16 units)")
        before = bisect_right(self.wide_units, unit - 1)  # wide characters starting before
        if before and self.wide_units[before - 1] + 1 == unit:
            raise ValueError(f"position {unit} falls inside a surrogate pair")
        return unit - before
