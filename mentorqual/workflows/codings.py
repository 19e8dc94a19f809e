"""Human codings in (:mod:`.coding_import`), every coding out, and one paragraph's
codings explained.

A coding is a passage; the export gives one row per coding with its passage's text and
offsets, and the first paragraph it codes as ``segment_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..importers import read_codings_csv
from ..reports.files import atomic_path, check_suffix
from ..reports.tables import Row, Sheet, write_csv, write_workbook
from ..store import CodingRecord, SegmentRow, Store
from ..tagging.context import FOLLOW_RULE
from ..tagging.evidence import Evidence
from ..types import CodingRow
from . import lookups
from .coders import Snapshot
from .coding_import import (
    CodeNames,
    CodingsReport,
    apply,
    apply_sheet,
    check_sheet_coder,
    locate,
    refuse_rows,
)
from .privacy import PiiPolicy

__all__ = [
    "EXPORT_COLUMNS",
    "CodeNames",
    "CodingsReport",
    "Explanation",
    "apply",
    "apply_sheet",
    "check_sheet_coder",
    "explain",
    "export_rows",
    "frame",
    "locate",
    "read",
    "refuse_rows",
    "write_export",
]

if TYPE_CHECKING:
    import pandas as pd

EXPORT_COLUMNS = (
    "interview", "region", "role", "speaker", "segment_id", "start", "end", "text", "code",
    "coder", "score",
)  # fmt: skip


def read(path: Path, coder: str | None) -> list[CodingRow]:
    """The rows of a codings CSV file, checked for shape (not yet against the project)."""
    return read_codings_csv(path, coder)


# -- out ---------------------------------------------------------------------------


def export_rows(snapshot: Snapshot, coders: Sequence[str], policy: PiiPolicy) -> list[Row]:
    """Every coding (of ``coders``, or all) with the columns of ``codings.csv``.

    The policy applies to the text, speaker and role columns; the interview and
    segment_id columns, which the file is imported back by, are left as they are.
    """
    if coders:
        snapshot.check_coders(coders)
    table = _one_per_coding(snapshot.codings(coders))
    items = {
        (f"{r.interview} {r.locator}", value): None
        for r in table
        for value in (r.passage, r.speaker, r.role)
    }
    clean = _cached(policy.check(list(items), "codings"))
    return [
        {
            "interview": r.interview,
            "region": r.region,
            "role": clean(r.role),
            "speaker": clean(r.speaker),
            "start": r.passage_start,
            "end": r.passage_end,
            "segment_id": r.locator,
            "text": clean(r.passage),
            "code": r.code,
            "coder": r.coder,
            "score": r.score,
        }
        for r in table
    ]


def _one_per_coding(table: Sequence[CodingRecord]) -> list[CodingRecord]:
    """The coding table with one row per coding: a passage across a paragraph break
    is listed at the first paragraph it codes."""
    seen: set[int] = set()
    rows = []
    for r in table:
        if r.coding not in seen:
            seen.add(r.coding)
            rows.append(r)
    return rows


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
            r.interview, r.region, r.role, r.speaker, r.locator, r.passage_start,
            r.passage_end, r.passage, r.code, r.coder, r.score, r.origin,
        )
        for r in _one_per_coding(snapshot.codings(coders))
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
