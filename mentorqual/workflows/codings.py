"""Human codings in, every coding out, and one paragraph's codings explained.

A codings file names paragraphs by locator (``p12``) or by a verbatim quote; every row
is checked before anything is written, and all bad rows are listed in one error.
Importing a coder's file again replaces that coder's codings on the file's interviews.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, ProjectError, listing
from ..importers import read_codings_csv
from ..importers.sheet import read_coding_sheet
from ..reports.files import atomic_path, check_suffix
from ..reports.tables import Row, Sheet, write_csv, write_workbook
from ..store import SegmentRow, Store
from ..tagging.context import FOLLOW_RULE
from ..tagging.evidence import Evidence
from ..types import RESERVED_CODERS, CodingRow
from . import lookups
from .coders import Snapshot
from .interviews import normalise
from .privacy import PiiPolicy

if TYPE_CHECKING:
    import pandas as pd

EXPORT_COLUMNS = (
    "interview", "region", "role", "speaker", "segment_id", "start", "end", "text", "code",
    "coder", "score",
)  # fmt: skip


@dataclass
class CodingsReport:
    """What a codings import did, per coder."""

    path: Path
    # coder -> (codings added, codings removed, interviews covered)
    coders: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def read(path: Path, coder: str | None) -> list[CodingRow]:
    """The rows of a codings CSV file, checked for shape (not yet against the project)."""
    return read_codings_csv(path, coder)


def apply(store: Store, path: Path, rows: list[CodingRow]) -> CodingsReport:
    """Write a codings file's rows: each coder's codings on the file's interviews are
    replaced by the file's."""
    codes = set(store.codes())
    if not codes:
        raise ProjectError(
            f"{path}: the project has no codebook yet; "
            "load one with 'mentorqual codebook load FILE'"
        )
    reserved = sorted({r.coder for r in rows} & RESERVED_CODERS)
    if reserved:
        raise InputError(
            f"{path}: coder {reserved[0]!r} is reserved for machine codings; rename the coder"
        )
    paragraphs: dict[str, list[SegmentRow] | None] = {}
    wanted: dict[str, set[tuple[int, str]]] = defaultdict(set)
    scope: dict[str, set[str]] = defaultdict(set)
    problems: list[str] = []
    for row in rows:
        if row.interview not in paragraphs:
            paragraphs[row.interview] = store.paragraphs(row.interview, role=None) or None
        candidates = paragraphs[row.interview]
        if candidates is None:
            problems.append(f"row {row.row}: unknown interview {row.interview!r}")
            continue
        scope[row.coder].add(row.interview)
        if not row.code:
            continue
        if row.code not in codes:
            problems.append(f"row {row.row}: unknown code {row.code!r}")
            continue
        segment, problem = locate(candidates, row.segment)
        if segment is None:
            problems.append(f"row {row.row}: {problem}")
            continue
        wanted[row.coder].add((segment, row.code))
    refuse_rows(path, problems)
    report = CodingsReport(path)
    for name in sorted(scope):
        segments = [
            s.id
            for interview in scope[name]
            for s in paragraphs[interview] or []
            if s.role == "respondent"
        ]
        added, removed = store.replace_human_codings(name, segments, wanted[name])
        report.coders[name] = (added, removed, len(scope[name]))
    return report


def check_sheet_coder(path: Path, coder: str | None) -> str:
    """The coder a filled coding sheet is imported as."""
    if not coder:
        raise InputError(f"{path}: a coding sheet needs --coder NAME")
    if coder in RESERVED_CODERS:
        raise InputError(f"{path}: coder {coder!r} is reserved for machine codings")
    return coder


def apply_sheet(store: Store, path: Path, coder: str) -> CodingsReport:
    """Write a filled coding sheet (from ``suggest``) as ``coder``'s codings."""
    codes, rows = read_coding_sheet(path)
    known = store.codes()
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InputError(
            f"{path}, row 1: unknown code column(s) {', '.join(unknown)}; "
            f"the codebook has {', '.join(known)}"
        )
    problems: list[str] = []
    scope: set[int] = set()
    wanted: set[tuple[int, str]] = set()
    cache: dict[str, list[SegmentRow]] = {}
    for row in rows:
        if row.interview not in cache:
            cache[row.interview] = store.paragraphs(row.interview, role=None)
        found, problem = locate(cache[row.interview], row.segment)
        if not cache[row.interview]:
            problems.append(f"row {row.row}: unknown interview {row.interview!r}")
        elif found is None:
            problems.append(f"row {row.row}: {problem}")
        else:
            scope.add(found)
            wanted |= {(found, code) for code in row.codes}
    refuse_rows(path, problems)
    added, removed = store.replace_human_codings(coder, scope, wanted)
    report = CodingsReport(path)
    report.coders[coder] = (added, removed, len({r.interview for r in rows}))
    return report


def refuse_rows(path: Path, problems: Sequence[str]) -> None:
    """One error listing the first rows that could not be used, if any."""
    if problems:
        raise InputError(
            f"{path}: {len(problems)} row(s) could not be used, nothing was imported: "
            f"{listing(problems)}"
        )


_LOCATOR = re.compile(r"^p\d+$")


def locate(paragraphs: list[SegmentRow], segment: str) -> tuple[int | None, str]:
    """Find the paragraph a codings row means: by locator (``p12``) or by a quote."""
    if _LOCATOR.match(segment):
        for p in paragraphs:
            if p.locator == segment:
                if p.role != "respondent":
                    return None, f"segment {segment} is an interviewer paragraph"
                return p.id, ""
        return None, f"no segment {segment!r} in this interview"
    quote = normalise(segment)
    respondent = [p for p in paragraphs if p.role == "respondent"]
    hits = [p for p in respondent if quote in normalise(p.text)]
    if not hits:
        folded = quote.casefold()
        hits = [p for p in respondent if folded in normalise(p.text).casefold()]
    if len(hits) == 1:
        return hits[0].id, ""
    if not hits:
        return None, f"quote not found in a respondent paragraph: {segment[:60]!r}"
    where = ", ".join(p.locator for p in hits[:5])
    return None, f"quote matches {len(hits)} paragraphs ({where}); quote more words"


# -- out ---------------------------------------------------------------------------


def export_rows(snapshot: Snapshot, coders: Sequence[str], policy: PiiPolicy) -> list[Row]:
    """Every coding (of ``coders``, or all) with the columns of ``codings.csv``.

    The policy applies to the text, speaker and role columns; the interview and
    segment_id columns, which the file is imported back by, are left as they are.
    """
    if coders:
        snapshot.check_coders(coders)
    table = snapshot.codings(coders)
    items = {
        (f"{r.interview} {r.locator}", value): None
        for r in table
        for value in (r.text, r.speaker, r.role)
    }
    clean = _cached(policy.check(list(items), "codings"))
    return [
        {
            "interview": r.interview,
            "region": r.region,
            "role": clean(r.role),
            "speaker": clean(r.speaker),
            "start": r.start,
            "end": r.end,
            "segment_id": r.locator,
            "text": clean(r.text),
            "code": r.code,
            "coder": r.coder,
            "score": r.score,
        }
        for r in table
    ]


def _cached(clean: Callable[[str], str]) -> Callable[[str], str]:
    """``clean`` run once per distinct text: a paragraph has a row per coding."""
    done: dict[str, str] = {}

    def cached(text: str) -> str:
        if text not in done:
            done[text] = clean(text) if text else text
        return done[text]

    return cached


def write_export(rows: Sequence[Row], path: Path) -> None:
    """Write exported codings as .csv or .xlsx."""
    suffix = check_suffix(path, (".csv", ".xlsx"))
    with atomic_path(path) as temp:
        if suffix == ".csv":
            write_csv(rows, EXPORT_COLUMNS, temp)
        else:
            write_workbook(
                [Sheet("Kodninger", rows, EXPORT_COLUMNS, widths={"text": 80}, formats={})], temp
            )


def frame(snapshot: Snapshot, coders: Sequence[str] = ()) -> pd.DataFrame:
    """Every coding (of ``coders``, or all) as a pandas DataFrame, one row per coding,
    with the export's columns and the coding's origin."""
    import pandas as pd  # only for notebooks

    if coders:
        snapshot.check_coders(coders)
    columns = [*EXPORT_COLUMNS, "origin"]
    rows = [
        (
            r.interview, r.region, r.role, r.speaker, r.locator, r.start, r.end, r.text,
            r.code, r.coder, r.score, r.origin,
        )
        for r in snapshot.codings(coders)
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


# -- explain -------------------------------------------------------------------------


@dataclass(frozen=True)
class ExplainedHit:
    """A rule hit behind a coding: the rule, the words (text, start, end) and whether
    they are in the interviewer's question rather than the paragraph."""

    rule: str
    tokens: tuple[tuple[str, int, int], ...]
    in_question: bool


@dataclass(frozen=True)
class CodingExplanation:
    """One coding of a paragraph and what produced it."""

    code: str
    coder: str
    origin: str
    origin_version: str | None
    model: str | None  # classifier and machine: the model
    probability: float | None
    rules: tuple[ExplainedHit, ...]  # rules and machine: the rule hits


@dataclass(frozen=True)
class Explanation:
    """A paragraph and every coding of it."""

    interview: str
    paragraph: SegmentRow
    codings: list[CodingExplanation]


def explain(store: Store, interview: str, segment: str) -> Explanation:
    """A paragraph's text and every coding of it, with rule evidence. ``interview``
    may be given in any case; a locator may name an interviewer's paragraph too."""
    interview = lookups.interview(store, interview)
    paragraphs = store.paragraphs(interview, role=None)
    paragraph = next((p for p in paragraphs if p.locator == segment.lower()), None)
    if paragraph is None:
        found, problem = locate(paragraphs, segment)
        if found is None:
            raise InputError(f"{interview}: {problem}")
        paragraph = next(p for p in paragraphs if p.id == found)
    found = paragraph.id
    codings = []
    for coding in store.segment_codings(found):
        evidence = Evidence.from_json(coding.evidence)
        codings.append(
            CodingExplanation(
                coding.code,
                coding.coder,
                coding.origin,
                coding.origin_version,
                evidence.model,
                evidence.probability,
                tuple(
                    ExplainedHit(h.rule, tuple(h.tokens), h.rule == FOLLOW_RULE)
                    for h in evidence.hits
                ),
            )
        )
    return Explanation(interview, paragraph, codings)
