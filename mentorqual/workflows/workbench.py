"""The browser workbench's use cases: an interview's paragraphs and codings, one human
coding added, changed or removed, an interview marked done, a review decision, and undo.

Each action takes an open store inside its own transaction and returns a
:class:`Change`: what it wrote, so that :func:`undo` restores exactly the state before.
Human codings are passages (code-point offsets into the interview's canonical text);
a review decision codes, or only assesses, one respondent paragraph.

Example:
    >>> change = add_coding(store, "A", "T01", 52, 70, "administration")  # doctest: +SKIP
    >>> undo(store, change)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InputError
from ..store import SegmentRow, SpanCoding, Store
from ..types import HUMAN, RESERVED_CODERS, RULES

__all__ = [
    "Change",
    "CodingView",
    "Forbidden",
    "InterviewProgress",
    "InterviewView",
    "NotFound",
    "ParagraphView",
    "Theme",
    "MEMO_LIMIT",
    "add_coding",
    "change_coding",
    "check_coder",
    "decide",
    "delete_coding",
    "interview_view",
    "mark_done",
    "paragraph_view",
    "overview",
    "undo",
]


MEMO_LIMIT = 2000  # characters: a note on a passage, not a document
# What a blind coder sees of others: the rules only. The classifier (and the machine
# coder built on it) learnt from human coders, so their codings would leak them.
BLIND_MACHINES = frozenset({RULES})


class NotFound(InputError):
    """No such interview, paragraph or coding."""


class Forbidden(InputError):
    """A coding that is not this coder's to change."""


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    colour: str


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph in reading order; ``side`` is ``interviewer`` or ``respondent``."""

    id: int
    locator: str
    speaker: str
    side: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CodingView:
    """A coding as the workbench shows it."""

    id: int
    start: int
    end: int
    code: str
    coder: str
    origin: str
    score: float | None
    mine: bool  # this coder's human coding: one they may change or remove
    memo: str | None


@dataclass(frozen=True)
class InterviewView:
    interview: str
    region: str
    role: str
    paragraphs: list[ParagraphView]
    codings: list[CodingView]
    assessed: int  # respondent paragraphs this coder has assessed
    respondent: int  # respondent paragraphs


@dataclass(frozen=True)
class InterviewProgress:
    """An interview on the front page: attributes and each human coder's progress."""

    interview: str
    region: str
    role: str
    paragraphs: int  # respondent paragraphs
    assessed: dict[str, int]  # human coder -> respondent paragraphs assessed


@dataclass(frozen=True)
class Change:
    """What one action wrote: codings added (ids), codings removed (whole rows) and
    paragraphs and (interview, code) pairs newly assessed by ``coder``; ``review`` for
    a review decision."""

    coder: str
    added: tuple[int, ...] = ()
    removed: tuple[SpanCoding, ...] = ()
    assessed: tuple[int, ...] = ()
    codes_assessed: tuple[tuple[str, str], ...] = ()
    review: bool = False


def check_coder(store: Store | None, coder: str | None) -> str:
    """The human coder the workbench writes as: ``coder``, else the project's only
    human coder. Machine coders' names are refused."""
    if coder is None:
        humans = store.human_coders() if store is not None else []
        if len(humans) != 1:
            known = f" (the project's coders: {', '.join(humans)})" if humans else ""
            raise InputError(f"name the coder with --coder NAME{known}")
        coder = humans[0]
    if not coder.strip() or coder in RESERVED_CODERS:
        raise InputError(f"{coder!r} cannot be a human coder's name")
    return coder


def themes(store: Store) -> list[Theme]:
    return [Theme(*t) for t in store.themes()]


def overview(store: Store) -> list[InterviewProgress]:
    progress = store.human_progress()
    coders = store.human_coders()
    return [
        InterviewProgress(
            s.interview,
            s.region,
            s.role,
            s.segments,
            {c: progress.get((s.interview, c), 0) for c in coders},
        )
        for s in store.interview_summaries()
    ]


def paragraph_view(p: SegmentRow) -> ParagraphView:
    """A stored paragraph as the workbench shows it."""
    return ParagraphView(p.id, p.locator, p.speaker, p.role, p.start, p.start + len(p.text), p.text)


def _paragraphs(store: Store, interview: str) -> list[ParagraphView]:
    found = [paragraph_view(p) for p in store.paragraphs(interview, role=None)]
    if not found:
        raise NotFound(f"no interview {interview!r}")
    return sorted(found, key=lambda p: p.start)


def interview_view(store: Store, interview: str, coder: str, blind: bool) -> InterviewView:
    """An interview's paragraphs in reading order and its codings; ``blind`` leaves out
    other coders' codings but the rules' (see :data:`BLIND_MACHINES`)."""
    paragraphs = _paragraphs(store, interview)
    codings = [
        CodingView(
            c.id, c.start, c.end, c.code, c.coder, c.origin, c.score,
            c.origin == HUMAN and c.coder == coder, c.memo,
        )
        for c in store.interview_codings(interview)
        if not (blind and c.coder != coder and c.coder not in BLIND_MACHINES)
    ]  # fmt: skip
    respondent = {p.id for p in paragraphs if p.side == "respondent"}
    summary = next(s for s in store.interview_summaries() if s.interview == interview)
    return InterviewView(
        interview,
        summary.region,
        summary.role,
        paragraphs,
        codings,
        len(respondent & store.assessed(coder)),
        len(respondent),
    )


def add_coding(
    store: Store, coder: str, interview: str, start: int, end: int, code: str
) -> tuple[int, Change]:
    """Code the passage [start, end) of an interview's text; returns the coding's id."""
    text = _text(store, interview)
    if code not in store.codes():
        raise InputError(f"unknown code {code!r}")
    if not 0 <= start < end <= len(text):
        raise InputError(f"{interview}: no passage {start}-{end} (the text has {len(text)})")
    if text[start:end].isspace():
        raise InputError(f"{interview}: the passage {start}-{end} is blank")
    while text[start].isspace():  # a selection often takes the space after a word
        start += 1
    while text[end - 1].isspace():
        end -= 1
    coding, new = store.add_human_span(interview, start, end, code, coder)
    return coding, Change(coder, added=(coding,) if new else ())


def _text(store: Store, interview: str) -> str:
    if store.interview_sha(interview) is None:
        raise NotFound(f"no interview {interview!r}")
    return store.interview_text(interview)


def _own(store: Store, coder: str, coding: int) -> SpanCoding:
    """One of this coder's human codings, as stored."""
    row = store.coding_by_id(coding)
    if row is None:
        raise NotFound(f"no coding {coding}")
    if row.origin != HUMAN or row.coder != coder:
        raise Forbidden(f"coding {coding} is {row.coder}'s, not {coder}'s")
    return row


def delete_coding(store: Store, coder: str, coding: int) -> Change:
    """Remove one of this coder's human codings."""
    row = _own(store, coder, coding)
    store.delete_codings([coding])
    return Change(coder, removed=(row,))


def change_coding(
    store: Store, coder: str, coding: int, code: str | None = None, memo: str | None = None
) -> Change:
    """Give one of this coder's human codings another code, or a memo; ``None`` keeps
    what it has, a blank memo removes the memo. The passage stays."""
    row = _own(store, coder, coding)
    new_code = row.code if code is None else code
    new_memo = row.memo if memo is None else (memo.strip() or None)
    if new_code not in store.codes():
        raise InputError(f"unknown code {new_code!r}")
    if new_memo is not None and len(new_memo) > MEMO_LIMIT:
        raise InputError(
            f"a memo holds at most {MEMO_LIMIT:,} characters; this one has {len(new_memo):,}"
        )
    if (new_code, new_memo) == (row.code, row.memo):
        return Change(coder)
    twin = store.human_span_id(row.interview, row.start, row.end, new_code, coder)
    if twin is not None and twin != coding:
        raise InputError(
            f"{row.interview}: the passage {row.start}-{row.end} is already coded "
            f"{new_code!r} by {coder}"
        )
    store.change_human_coding(coding, new_code, new_memo)
    return Change(coder, added=(coding,), removed=(row,))  # undo puts the old row back


def mark_done(store: Store, coder: str, interview: str) -> Change:
    """Mark every respondent paragraph of an interview as assessed by the coder, for
    every code: a code the coder did not give there is a real "no"."""
    paragraphs = _paragraphs(store, interview)
    ids = [p.id for p in paragraphs if p.side == "respondent"]
    return Change(
        coder,
        assessed=tuple(store.assess_human(coder, ids)),
        codes_assessed=tuple(store.assess_codes(coder, ids)),
    )


def decide(store: Store, coder: str, paragraph: int, codes: Sequence[str]) -> Change:
    """A review decision on a respondent paragraph: code it with ``codes`` (accept) or
    with none (reject); either way it is assessed by the coder."""
    bounds = store.paragraph_bounds([paragraph]).get(paragraph)
    if bounds is None:
        raise NotFound(f"no paragraph {paragraph}")
    known = store.codes()
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InputError(f"unknown code {unknown[0]!r}")
    interview, start, end = bounds
    added = []
    for code in dict.fromkeys(codes):
        coding, new = store.add_human_span(interview, start, end, code, coder)
        if new:
            added.append(coding)
    return Change(
        coder,
        added=tuple(added),
        assessed=tuple(store.assess_human(coder, [paragraph])),
        codes_assessed=tuple(store.assess_codes(coder, [paragraph])),
        review=True,
    )


def undo(store: Store, change: Change) -> None:
    """Restore exactly the state before ``change``."""
    store.delete_codings(change.added)
    store.restore_codings(change.removed)
    store.unassess(change.coder, change.assessed)
    store.unassess_codes(change.coder, change.codes_assessed)
