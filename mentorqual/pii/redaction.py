"""Replace hits by their tags, and move offsets of the text onto the redacted text."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import PiiError, listing
from .hits import TAGS, PiiHit


@dataclass(frozen=True)
class OffsetMap:
    """Maps an offset of a text to its offset in the redacted text.

    An offset before or at the start of a redacted span keeps its place in front of the
    tag; one inside a span or at its end goes to the end of the tag. So a hit's
    ``(start, end)`` maps onto exactly its tag, and :meth:`span` widens a selection that
    reaches into a tag to cover all of it.

    Example:
        >>> hits = [PiiHit("TELEFON", 5, 13, "22334455")]
        >>> text, moved = redact_with_map("Ring 22334455 nu", hits)
        >>> text, moved(5), moved(13), moved(16)
        ('Ring [TELEFON] nu', 5, 14, 17)
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    sizes: tuple[int, ...]  # the length of each tag
    shifts: tuple[int, ...]  # how far the text after the first k spans has moved

    @classmethod
    def of(cls, hits: Sequence[PiiHit]) -> OffsetMap:
        """The map of redacting ``hits`` (sorted, not overlapping)."""
        shifts = [0]
        for hit in hits:
            shifts.append(shifts[-1] + len(TAGS[hit.kind]) - (hit.end - hit.start))
        return cls(
            tuple(h.start for h in hits),
            tuple(h.end for h in hits),
            tuple(len(TAGS[h.kind]) for h in hits),
            tuple(shifts),
        )

    def __call__(self, offset: int) -> int:
        k = bisect_left(self.starts, offset)  # spans that start before ``offset``
        if k and offset < self.ends[k - 1]:  # inside a span: to the end of its tag
            return self.starts[k - 1] + self.shifts[k - 1] + self.sizes[k - 1]
        return offset + self.shifts[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A selection's new ``(start, end)``, covering every tag it reaches into."""
        k = bisect_left(self.starts, start)
        if k and start < self.ends[k - 1]:
            return self.starts[k - 1] + self.shifts[k - 1], self(end)
        return self(start), self(end)


def redact(text: str, hits: Iterable[PiiHit]) -> str:
    """Replace each hit in ``text`` with its tag (``[CPR]``, ``[TELEFON]``, ``[EMAIL]``,
    ``[NAVN]``, ``[ADRESSE]``, ``[FØDSELSDATO]``).

    Raises:
        ValueError: A hit does not match ``text`` at its offsets, or two hits overlap.

    Example:
        >>> redact("Ring 22334455", [PiiHit("TELEFON", 5, 13, "22334455")])
        'Ring [TELEFON]'
    """
    return redact_with_map(text, hits)[0]


def redact_with_map(text: str, hits: Iterable[PiiHit]) -> tuple[str, OffsetMap]:
    """:func:`redact`, and where each offset of ``text`` ends up in the result.

    Raises:
        ValueError: A hit does not match ``text`` at its offsets, or two hits overlap.

    Example:
        >>> hits = [PiiHit("NAVN", 0, 14, "Mette Holmgård")]
        >>> text, moved = redact_with_map("Mette Holmgård ringede", hits)
        >>> text, moved(14)
        ('[NAVN] ringede', 6)
    """
    ordered = sorted(hits, key=lambda h: (h.start, h.end))
    parts: list[str] = []
    position = 0
    for hit in ordered:
        if text[hit.start : hit.end] != hit.text or hit.start >= hit.end:
            raise ValueError(f"hit {hit.text!r} at {hit.start}-{hit.end} does not match the text")
        if hit.start < position:
            raise ValueError(f"hit {hit.text!r} at {hit.start}-{hit.end} overlaps another hit")
        parts += [text[position : hit.start], TAGS[hit.kind]]
        position = hit.end
    parts.append(text[position:])
    return "".join(parts), OffsetMap.of(ordered)


def refuse(found: Sequence[str], what: str) -> None:
    """Raise the one error for personal data in ``what`` about to leave the project,
    listing the first findings; do nothing when ``found`` is empty."""
    if found:
        raise PiiError(
            f"personal data in the {what}, nothing was written: {listing(found)}; "
            "use --redact to replace it or --allow-pii to skip the check"
        )
