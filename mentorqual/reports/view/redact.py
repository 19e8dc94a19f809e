"""The ``pii`` filter applied to what a view shows, and the highlights moved to match."""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from .records import Span


class Redactor:
    """Applies the ``pii`` filter; short texts (ids, speakers, coders) are cached."""

    def __init__(self, pii: Callable[[str], str] | None) -> None:
        self.pii = pii
        self.cache: dict[str, str] = {}

    def short(self, text: str) -> str:
        if self.pii is None:
            return text
        if text not in self.cache:
            self.cache[text] = self.pii(text)
        return self.cache[text]

    def paragraph(self, text: str, spans: list[Span]) -> tuple[str, list[Span]]:
        """The filtered text, with the spans moved to where their text ended up."""
        shown = text if self.pii is None else self.pii(text)
        if shown == text or not spans:
            return shown, spans
        return shown, spans_moved_by_diff(text, shown, spans)


def spans_moved_by_diff(text: str, shown: str, spans: list[Span]) -> list[Span]:
    """``spans`` of ``text`` moved to ``shown`` (``text`` redacted), guessed from a diff.

    A stopgap: the filter knows exactly what it replaced, and an exact offset map from it
    is to take the place of this diff.
    """
    opcodes = SequenceMatcher(None, text, shown, autojunk=False).get_opcodes()

    def move(offset: int, end: bool) -> int:
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 < offset <= i2 if end else i1 <= offset < i2:
                # A span reaching into replaced text covers all of the replacement.
                return j1 + offset - i1 if tag == "equal" else (j2 if end else j1)
        return len(shown) if offset else 0

    return [(move(s, False), move(e, True), c) for s, e, c in spans]
