"""The one projection of codings onto paragraphs.

A coding is a span of an interview's canonical text: what the coder marked. The
paragraph stays the unit of machine coding, counts, evaluation and the agreement audit,
and this module is the only place that says which paragraphs a span codes:

    a coder coded a paragraph with a code when one of their spans of that code
    overlaps the paragraph by at least one non-blank character.

A span of a whole paragraph (a migrated paragraph coding, a machine coding, a codings
row with a locator) codes exactly that paragraph; a passage inside a paragraph codes
it; a passage across a paragraph break codes both paragraphs. No database here.

Example:
    >>> text = "I: Hvordan?\\nIP: Godt. Meget godt.\\nIP: Ja."
    >>> layout = Layout.of([(1, "T", 3, 11), (2, "T", 16, 33), (3, "T", 38, 41)], {"T": text}.get)
    >>> layout.paragraphs("T", 22, 33), layout.paragraphs("T", 30, 40)
    ([2], [2, 3])
    >>> layout.paragraphs("T", 33, 38)  # only the break and a label between them
    []
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

__all__ = ["Layout", "codes_paragraph"]


def codes_paragraph(text: str, paragraph: tuple[int, int], span: tuple[int, int]) -> bool:
    """Whether ``span`` codes the paragraph at ``paragraph`` (start, end) of ``text``:
    they overlap by at least one non-blank character."""
    lo, hi = max(span[0], paragraph[0]), min(span[1], paragraph[1])
    return lo < hi and not text[lo:hi].isspace()


@dataclass
class Layout:
    """The paragraphs of some interviews in text order, to project spans onto.

    ``text`` gives an interview's canonical text; it is asked only for a span that
    covers part of a paragraph (a paragraph's first and last characters are never
    blank, so a span that covers a whole paragraph codes it without looking).
    """

    starts: dict[str, list[int]]
    ends: dict[str, list[int]]
    ids: dict[str, list[int]]
    text: Callable[[str], str | None]
    whole: dict[tuple[str, int, int], int] = field(default_factory=dict)  # span -> paragraph
    _texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls, paragraphs: Iterable[tuple[int, str, int, int]], text: Callable[[str], str | None]
    ) -> Layout:
        """From (segment id, interview, start, end) of paragraphs, in text order."""
        layout = cls({}, {}, {}, text)
        rows = list(paragraphs)
        for interview, group in groupby(rows, key=itemgetter(1)):
            ids, _, starts, ends = zip(*group, strict=True)
            layout.ids[interview] = list(ids)
            layout.starts[interview] = list(starts)
            layout.ends[interview] = list(ends)
        layout.whole = {(i, a, b): p for p, i, a, b in rows}
        return layout

    def paragraphs(self, interview: str, start: int, end: int) -> list[int]:
        """The segment ids of the paragraphs the span [start, end) codes."""
        whole = self.whole.get((interview, start, end))
        if whole is not None:  # a whole paragraph (most codings) codes just that one
            return [whole]
        ends = self.ends.get(interview)
        if not ends:
            return []
        starts, ids = self.starts[interview], self.ids[interview]
        j = bisect_right(ends, start)  # the first paragraph ending after the span starts
        if j < len(starts) and starts[j] <= start and end <= ends[j]:  # inside one
            return [] if self._text(interview)[start:end].isspace() else [ids[j]]
        found = []
        while j < len(starts) and starts[j] < end:
            if (start <= starts[j] and ends[j] <= end) or codes_paragraph(
                self._text(interview), (starts[j], ends[j]), (start, end)
            ):
                found.append(ids[j])
            j += 1
        return found

    def _text(self, interview: str) -> str:
        if interview not in self._texts:
            self._texts[interview] = self.text(interview) or ""
        return self._texts[interview]
