"""Human codings in: a codings CSV or a filled coding sheet, fitted onto the project.

A CSV row codes a passage: a verbatim quote is exactly that passage, found in a
respondent turn (white space and case aside, even across a paragraph break); a locator
(``p12``) is the whole paragraph; a row exported by ``codings export`` is its passage
at its offsets while that text still stands there. Codes are matched by code or label,
ignoring case, with a "did you mean" for a near miss. Every row is checked before
anything is written, and all bad rows are listed in one error.

Importing adds to a coder's codings (the same coding twice is one coding); with
``replace``, the coder's other codings of the file's interviews are removed, after a
backup of the project.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..errors import InputError, ProjectError, listing
from ..importers.sheet import SheetRow, read_coding_sheet
from ..store import Layout, SegmentRow, Store
from ..types import RESERVED_CODERS, CodedSpan, CodingRow
from .interviews import normalise
from .lookups import same_interview
from .passages import find_all

__all__ = ["CodingsReport", "CodeNames", "apply", "apply_sheet", "check_sheet_coder", "locate"]


@dataclass
class CodingsReport:
    """What a codings import did, per coder."""

    path: Path
    # coder -> (codings added, codings removed, interviews covered)
    coders: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    backup: Path | None = None  # written before human codings were deleted


class CodeNames:
    """The project's codes by code or label, any case; a near miss gets a suggestion."""

    def __init__(self, themes: Sequence[tuple[str, str, str]]) -> None:
        self.known: dict[str, str] = {}
        for code, _, _ in themes:
            self.known[_key(code)] = code
        for code, label, _ in themes:
            self.known.setdefault(_key(label), code)

    def get(self, name: str) -> str | None:
        return self.known.get(_key(name))

    def unknown(self, name: str) -> str:
        """``unknown code 'Trygged'; did you mean 'tryghed'?``"""
        close = difflib.get_close_matches(_key(name), list(self.known), n=1, cutoff=0.6)
        hint = f"; did you mean {self.known[close[0]]!r}?" if close else ""
        return f"unknown code {name!r}{hint}"


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def apply(store: Store, path: Path, rows: list[CodingRow], replace: bool = False) -> CodingsReport:
    """Write a codings file's rows: added to each coder's codings, or with ``replace``
    instead of the coder's codings on the file's interviews."""
    themes = store.themes()
    if not themes:
        raise ProjectError(
            f"{path}: the project has no codebook yet; "
            "load one with 'mentorqual codebook load FILE'"
        )
    reserved = sorted({r.coder for r in rows} & RESERVED_CODERS)
    if reserved:
        raise InputError(
            f"{path}: coder {reserved[0]!r} is reserved for machine codings; rename the coder"
        )
    rows = _in_any_case(store, rows)
    names = CodeNames(themes)
    layout = store.layout()
    paragraphs: dict[str, list[SegmentRow] | None] = {}
    wanted: dict[str, list[CodedSpan]] = defaultdict(list)
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
        code = names.get(row.code)
        if code is None:
            problems.append(f"row {row.row}: {names.unknown(row.code)}")
            continue
        span, problem = passage(store, layout, candidates, row)
        if span is None:
            problems.append(f"row {row.row}: {problem}")
            continue
        wanted[row.coder].append(CodedSpan(row.interview, *span, code))
    refuse_rows(path, problems)
    report = CodingsReport(path)
    for name in sorted(scope):
        assessed = [
            s.id
            for interview in scope[name]
            for s in paragraphs[interview] or []
            if s.role == "respondent"
        ]
        added, removed = store.write_human_codings(
            name, wanted[name], assessed, replace=scope[name] if replace else ()
        )
        report.coders[name] = (added, removed, len(scope[name]))
    report.backup = store.backup_path
    return report


def passage(
    store: Store, layout: Layout, paragraphs: list[SegmentRow], row: CodingRow
) -> tuple[tuple[int, int] | None, str]:
    """The span a codings row codes, or None and why not."""
    text = store.interview_text(row.interview)
    if row.start is not None and row.end is not None:
        if not 0 <= row.start < row.end <= len(text):
            return None, (
                f"the passage {row.start}–{row.end} lies outside the text "
                f"({len(text):,} characters)"
            )
        if text[row.start : row.end] == row.text:
            return _respondent((row.start, row.end), row, layout, paragraphs)
        # Not that text there (a redacted export, an edited transcript): by its segment.
    if _LOCATOR.match(row.segment):
        found, problem = locate(paragraphs, row.segment)
        if found is None:
            return None, problem
        p = next(p for p in paragraphs if p.id == found)
        return (p.start, p.start + len(p.text)), ""
    places = find_all(text, row.segment)
    respondent = {p.id: p for p in paragraphs if p.role == "respondent"}
    fitting = [
        (span, [p for p in layout.paragraphs(row.interview, *span) if p in respondent])
        for span in places
    ]
    fitting = [(span, hit) for span, hit in fitting if hit]
    if not fitting:
        return None, f"quote not found in a respondent paragraph: {row.segment[:60]!r}"
    where = sorted({respondent[p].locator for _, hit in fitting for p in hit}, key=_number)
    if len({tuple(hit) for _, hit in fitting}) > 1:
        shown = ", ".join(where[:5])
        return None, f"quote matches {len(where)} paragraphs ({shown}); quote more words"
    return fitting[0][0], ""


def _number(locator: str) -> int:
    return int(locator[1:]) if locator[1:].isdigit() else 0


def _respondent(
    span: tuple[int, int], row: CodingRow, layout: Layout, paragraphs: list[SegmentRow]
) -> tuple[tuple[int, int] | None, str]:
    respondent = {p.id for p in paragraphs if p.role == "respondent"}
    if respondent.intersection(layout.paragraphs(row.interview, *span)):
        return span, ""
    return None, f"the passage {span[0]}–{span[1]} overlaps no respondent text"


def check_sheet_coder(path: Path, coder: str | None) -> str:
    """The coder a filled coding sheet is imported as."""
    if not coder:
        raise InputError(f"{path}: a coding sheet needs --coder NAME")
    if coder in RESERVED_CODERS:
        raise InputError(f"{path}: coder {coder!r} is reserved for machine codings")
    return coder


def apply_sheet(store: Store, path: Path, coder: str, replace: bool = False) -> CodingsReport:
    """Write a filled coding sheet (from ``suggest``) as ``coder``'s codings of whole
    paragraphs: added, or with ``replace`` instead of the coder's codings of the
    sheet's paragraphs."""
    codes, sheet_rows = read_coding_sheet(path)
    rows = _in_any_case(store, sheet_rows)
    names = CodeNames(store.themes())
    unknown = [c for c in codes if names.get(c) is None]
    if unknown:
        raise InputError(
            f"{path}, row 1: {names.unknown(unknown[0])} (code column(s) "
            f"{', '.join(unknown)}); the codebook has {', '.join(store.codes())}"
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
            wanted |= {(found, names.get(code) or code) for code in row.codes}
    refuse_rows(path, problems)
    if replace:
        added, removed = store.replace_human_codings(coder, scope, wanted)
    else:
        bounds = store.paragraph_bounds(scope)
        spans = [CodedSpan(*bounds[s], code) for s, code in sorted(wanted)]
        added, removed = store.write_human_codings(coder, spans, scope)
    report = CodingsReport(path, backup=store.backup_path)
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
    """Find the paragraph a locator (``p12``) or a quote names (``explain``, sheets)."""
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


Row = TypeVar("Row", CodingRow, SheetRow)


def _in_any_case(store: Store, rows: list[Row]) -> list[Row]:
    """The rows with each interview id as the project spells it, when the file gives it
    in another case ("kbh1" for "KBH1") and only one interview matches."""
    ids = store.interview_ids()
    known = set(ids)
    spelled = {}
    for name in {r.interview for r in rows} - known:
        matches = same_interview(ids, name)
        if len(matches) == 1:
            spelled[name] = matches[0]
    if not spelled:
        return rows
    return [
        dataclasses.replace(r, interview=spelled[r.interview]) if r.interview in spelled else r
        for r in rows
    ]
