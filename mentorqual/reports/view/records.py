"""The plain records a view is made from; the caller fills them, the view only lays out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ...types import Role


@dataclass(frozen=True)
class ViewTheme:
    """A code as the legend shows it; ``colour`` is ``#RRGGBB`` or empty for a palette colour."""

    code: str
    label: str
    colour: str = ""


@dataclass(frozen=True)
class ViewCoding:
    """One coding of one paragraph; offsets are code points into the paragraph, end exclusive.

    A coding of the whole paragraph (``start=0, end=len(text)``) is drawn as a strip beside
    it; a narrower one (evidence) is also highlighted in the text.
    """

    code: str
    coder: str
    start: int
    end: int
    score: float | None = None
    rule: str | None = None
    machine: bool = False  # a machine coder's coding: drawn as a dashed strip


@dataclass(frozen=True)
class ViewParagraph:
    """One paragraph of one speaker turn, with its codings."""

    locator: str
    speaker: str
    role: Role
    text: str
    codings: Sequence[ViewCoding] = ()


@dataclass(frozen=True)
class ViewInterview:
    """One interview: its id, attributes (``region``, ``role``, ...) and paragraphs in order."""

    interview: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    paragraphs: Sequence[ViewParagraph] = ()
    assessed: bool = True  # by the counted coder: else its counts show "–"


@dataclass(frozen=True)
class ViewCount:
    """Whose codings the index and the legends count, and the sentence saying so."""

    coder: str
    about: str  # "Kodning: koder A (menneske), 30 interviews"
    not_assessed: str = "ikke vurderet"


Span = tuple[int, int, ViewCoding]  # offsets into the paragraph text, as shown
