"""Plain records passed between the layers: importers build them, the store keeps them."""

from __future__ import annotations

import enum
import hashlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

PathLike = str | os.PathLike[str]
Role = Literal["interviewer", "respondent"]


class PiiMode(enum.StrEnum):
    """What to do with personal data in text about to leave the project."""

    REFUSE = "refuse"  # write nothing, list the findings
    REDACT = "redact"  # replace each finding with its tag ([CPR], [NAVN], ...)
    ALLOW = "allow"  # write the text as it is


# The row or group of all codes, or of all units, in an engine's figures: a marker, not
# a word (no code or group is "*"); a report says it ("Alle temaer", "All themes").
ALL = "*"


@dataclass(frozen=True)
class Note:
    """A note in no language, for a report to say in its own: a key of the reports'
    vocabulary (`mentorqual.reports.language.WORDS`) and the values of its fields.
    Engines write notes, reports say them.

    >>> Note.of("note:lacking", coders="A, B").values()
    {'coders': 'A, B'}
    """

    key: str
    fields: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, key: str, **fields: str) -> Note:
        return cls(key, tuple(fields.items()))

    def values(self) -> dict[str, str]:
        return dict(self.fields)


# -- coders --------------------------------------------------------------------------
# The coders mentorqual writes itself; every other coder is a person, of origin HUMAN.
HUMAN = "human"
RULES = "rules"
CLASSIFIER = "classifier"
MACHINE = "machine"  # rules and classifier combined
MACHINE_CODERS = frozenset({RULES, CLASSIFIER, MACHINE})
MACHINE_ORDER = (MACHINE, CLASSIFIER, RULES)  # best first, for a default
# Not a coder of its own: the codings all human coders agree on (reports only).
CONSENSUS = "consensus"
RESERVED_CODERS = MACHINE_CODERS | {CONSENSUS}  # names a person may not take


# The five Danish regions, in the order reports list them (north to capital).
REGIONS = ("Nordjylland", "Midtjylland", "Syddanmark", "Sjælland", "Hovedstaden")


def report_order(key: Sequence[str], by: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """Sort key for a group of interviews: regions in :data:`REGIONS` order, other
    attribute values alphabetically."""
    return tuple(
        (REGIONS.index(v) if field == "region" and v in REGIONS else len(REGIONS), v)
        for field, v in zip(by, key, strict=True)
    )


# A report's words for an interview's missing value of an attribute, by the attribute's
# name: "ukendt region" in Danish, "unknown region" in English. The words live with the
# reports' vocabulary (`mentorqual.reports.language.unknown`); workflows pass them in.
Unknown = Callable[[str], str]


def group_value(attributes: Mapping[str, str], key: str, unknown: Unknown) -> str:
    """An interview's value of ``key`` for grouping; a missing one (interviews from
    other tools often have no region or role) reads ``unknown(key)``.

    >>> group_value({"region": ""}, "region", lambda key: f"unknown {key}")
    'unknown region'
    """
    return attributes.get(key, "") or unknown(key)


def speaker_role(attributes: Mapping[str, str], speaker: str) -> str:
    """The role of ``speaker``: from the interview's ``speakers`` attribute in a group
    interview ("Mette=Mentor; Ole=Jobkonsulent"), else the interview's role.

    >>> speaker_role({"role": "Mentor", "speakers": "Ole=Jobkonsulent"}, "Ole")
    'Jobkonsulent'
    """
    for pair in attributes.get("speakers", "").split(";"):
        name, _, role = pair.partition("=")
        if name.strip() == speaker and role.strip():
            return role.strip()
    return attributes.get("role", "")


def clock(time: float | None) -> str:
    """Seconds into a recording as ``H:MM:SS`` (tenths when there are any), or ``""``.

    >>> clock(83.4), clock(None)
    ('0:01:23.4', '')
    """
    if time is None:
        return ""
    minutes, seconds = divmod(round(time * 10) / 10, 60)
    hours, minutes = divmod(int(minutes), 60)
    whole = f"{hours}:{minutes:02d}:{int(seconds):02d}"
    tenths = round((seconds - int(seconds)) * 10)
    return f"{whole}.{tenths}" if tenths else whole


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of one speaker turn; offsets are code points into the canonical text."""

    locator: str  # "p12": stable within the interview, counts every paragraph
    turn: int
    speaker: str
    role: Role
    start: int
    end: int  # exclusive
    # Seconds into the recording, from a timestamp written at this paragraph
    # ("[00:12:31] I: ...", "#00:01:23-4#", a caption cue), or None. It is kept in the
    # canonical text but lies outside start..end, so it is never coded or quoted.
    time: float | None = None

    @property
    def clock(self) -> str:
        """The time as ``H:MM:SS`` (tenths when the source had them), or ``""``.

        >>> Paragraph("p1", 1, "I", "interviewer", 0, 5, 751.0).clock
        '0:12:31'
        """
        return clock(self.time)


@dataclass
class Transcript:
    """A parsed interview: canonical text, attributes and paragraphs."""

    interview: str
    attributes: dict[str, str]  # includes "region" and, where known, "role"
    text: str  # canonical: NFC, LF line endings, no front matter
    source: Path
    source_format: str
    paragraphs: list[Paragraph]
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def region(self) -> str:
        return self.attributes["region"]

    def paragraph_text(self, paragraph: Paragraph) -> str:
        return self.text[paragraph.start : paragraph.end]

    @property
    def respondent_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.role == "respondent"]


@dataclass(frozen=True)
class CodingRow:
    """One row of a human codings file, before it is resolved against the project."""

    row: int  # 1-based row number in the file, header = 1
    interview: str
    segment: str  # a locator such as "p12", or a verbatim quote from the paragraph
    code: str
    coder: str
    # From `codings export`: the coded passage's offsets and text, used when the text
    # still stands there.
    start: int | None = None
    end: int | None = None
    text: str = ""


class CodedSpan(NamedTuple):
    """A coding as a span of an interview's canonical text (code points, end exclusive),
    before it is written: what a coder marked, with the code and an optional memo."""

    interview: str
    start: int
    end: int
    code: str
    memo: str | None = None


# -- REFI-QDA interchange (.qdc codebooks, .qdpx projects) -------------------------


@dataclass(frozen=True)
class QdaCode:
    """A code of a REFI-QDA codebook; ``parent`` is the GUID of the enclosing code."""

    guid: str
    name: str
    description: str = ""
    colour: str = ""  # "#RRGGBB", or empty
    parent: str | None = None
    codable: bool = True


@dataclass(frozen=True)
class QdaCoding:
    """One code applied to a selection, by a user (GUIDs)."""

    guid: str
    code: str
    user: str | None


@dataclass
class QdaSelection:
    """A coded stretch of a text source. ``start`` and ``end`` are code points into
    the source's ``text`` (the XML counts UTF-16 units; the reader and writer convert)."""

    guid: str
    start: int
    end: int
    codings: list[QdaCoding]
    name: str = ""
    user: str | None = None


@dataclass
class QdaSource:
    """A text source with its selections and the attributes of its case."""

    guid: str
    name: str
    text: str
    selections: list[QdaSelection] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    case: str | None = None  # GUID of the case (one per interview in mentorqual)


@dataclass
class QdaProject:
    """A REFI-QDA project as plain records.

    ``variables`` maps a variable name to its GUID and REFI type (Text, Integer, ...).
    ``skipped`` lists what the reader left out, and why, for the user to see.
    """

    name: str
    users: dict[str, str]  # GUID -> name
    codes: list[QdaCode]
    sources: list[QdaSource]
    variables: dict[str, tuple[str, str]] = field(default_factory=dict)
    origin: str = ""
    skipped: list[str] = field(default_factory=list)


# -- paragraphs as the store reads them for rule tagging ----------------------------


@dataclass
class ParagraphTexts:
    """Paragraphs as columns, one list each, in the order of
    :meth:`Store.respondent_paragraphs`: cheaper than an object per paragraph when
    there are many (rule tagging reads all of them)."""

    ids: list[int]
    interviews: list[str]
    locators: list[str]
    starts: list[int]  # offset of the text in the interview's canonical text
    texts: list[str]


# -- codebooks (loaded and validated by mentorqual.codebook) ----------------------------


@dataclass(frozen=True)
class Rule:
    """One rule of a theme: what matches, and the conditions on the sentence around it.

    Terms are lemmas; ``*`` marks where a compound may attach: ``*kursus`` also
    matches "mentorkurset" (head), ``blanket*`` also "blankethelvede" (modifier).
    A term starting with ``!`` is an exception: ``!vejleder`` keeps ``*leder`` from
    matching "vejlederen".
    """

    id: str
    code: str
    terms: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict[str, Any], ...], ...] = ()
    regex: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # AND: one of these must be in the same sentence
    unless: tuple[str, ...] = ()  # exclusion: none of these may be in the same sentence
    negation: bool = True  # drop hits in a negated clause
    min_hits: int = 1  # fire only with this many matched words in the paragraph
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Theme:
    """One code of the codebook, with its documentation and (for themes) its rules."""

    code: str
    label: str
    colour: str = ""
    definition: dict[str, str] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    examples: dict[str, str] = field(default_factory=dict)
    parent: str | None = None
    rules: tuple[Rule, ...] = ()
    follow_question: bool = False  # later paragraphs of an answer keep the question's theme
    line: int = 0

    @property
    def description(self) -> str:
        return self.definition.get("da") or self.definition.get("en", "")


@dataclass(frozen=True)
class Codebook:
    """A validated codebook: its themes and sub-codes in file order."""

    name: str
    version: str
    path: Path
    content: str
    sha256: str
    themes: tuple[Theme, ...]
    subcodes: tuple[Theme, ...] = ()

    @property
    def codes(self) -> list[str]:
        return [t.code for t in (*self.themes, *self.subcodes)]

    @property
    def rules(self) -> list[Rule]:
        return [rule for theme in self.themes for rule in theme.rules]

    def records(self) -> list[dict[str, Any]]:
        """Rows for the project's ``codes`` table, parents before children."""
        return [
            {
                "code": t.code,
                "label": t.label,
                "parent": t.parent,
                "description": t.description,
                "colour": t.colour,
            }
            for t in (*self.themes, *self.subcodes)
        ]
