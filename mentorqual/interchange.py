"""REFI-QDA workflows: build the records of a ``.qdc``/``.qdpx`` export from the store,
and fit an imported project's codes and codings onto this project. Used by
:class:`~.project.Project`; the XML lives in :mod:`.importers.qdpx` and
:mod:`.reports.qdpx`.

GUIDs are UUID 5 of what they name (a code, an interview, a paragraph's coding), so
they stay the same from one export to the next and tools can match them up.

A coding in mentorqual is a paragraph. A selection from another tool is moved onto
every paragraph it overlaps with at least one non-blank character.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .codebook import Codebook, NewCode, with_codes
from .errors import InputError
from .importers.qdpx import SourceCoding
from .pii import OffsetMap, PiiGuard, redact_with_map, refuse
from .store import SegmentRow, Store
from .types import QdaCode, QdaCoding, QdaProject, QdaSelection, QdaSource

ORIGIN = f"mentorqual {__version__}"
MACHINE_CODERS = ("rules", "classifier", "machine")
UNKNOWN_CODER = "ukendt"
_GUIDS = uuid.UUID("6b3f0d4e-2a51-4c1e-9a57-4d2f8f3c6a10")  # mentorqual's namespace
_INTEGER = re.compile(r"^-?\d{1,18}$")


def guid(*parts: str) -> str:
    """A stable GUID for what ``parts`` name, e.g. ``guid("code", "tryghed")``."""
    return str(uuid.uuid5(_GUIDS, "\x1f".join(parts))).upper()


# -- export -------------------------------------------------------------------------


def codebook_codes(codebook: Codebook) -> list[QdaCode]:
    """The codebook's themes and sub-codes as REFI-QDA codes. The name is the label
    (what users see in other tools); the description holds the definitions and the
    inclusion and exclusion criteria."""
    return [
        QdaCode(
            guid=guid("code", t.code),
            name=t.label,
            description=_description(t.definition, t.include, t.exclude),
            colour=t.colour.upper(),
            parent=guid("code", t.parent) if t.parent else None,
        )
        for t in (*codebook.themes, *codebook.subcodes)
    ]


def _description(definition: dict[str, str], include: Sequence[str], exclude: Sequence[str]) -> str:
    parts = [definition[k] for k in ("da", "en") if definition.get(k)]
    if include:
        parts.append("Medtag: " + " ".join(include))
    if exclude:
        parts.append("Udelad: " + " ".join(exclude))
    return "\n\n".join(parts)


def export_project(store: Store, codebook: Codebook, coders: Sequence[str], pii: str) -> QdaProject:
    """The project as REFI-QDA records: users (one per coder), codebook, variables,
    one case and one text source per interview, one selection per coded paragraph.

    ``pii`` is ``refuse`` (raise :class:`PiiError` on any finding), ``redact`` (replace
    findings in the texts and move the positions to match) or ``allow``.
    """
    known = store.coder_origins()
    unknown = [c for c in coders if c not in known]
    if unknown:
        raise InputError(f"unknown coder {unknown[0]!r}; valid values: {', '.join(known)}")
    rows = store.coding_table(list(coders) if coders else None)
    summaries = store.interview_summaries()
    texts = {s["interview"]: store.interview_text(s["interview"]) for s in summaries}
    shifts = _guard_texts(store, texts, pii)
    users = sorted({r["coder"] for r in rows} | set(coders))
    user_guids = {name: guid("user", name) for name in users}
    code_guids = {c: guid("code", c) for c in codebook.codes}
    sources = {
        s["interview"]: QdaSource(
            guid=guid("source", s["interview"]),
            name=s["interview"],
            text=texts[s["interview"]],
            attributes=dict(s["attributes"]),
            case=guid("case", s["interview"]),
        )
        for s in summaries
    }
    by_paragraph: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_paragraph[(r["interview"], r["locator"])].append(r)
    for (interview, locator), coded in by_paragraph.items():
        selection = _selection(interview, locator, coded, code_guids, user_guids)
        shift = shifts.get(interview)
        if shift is not None:
            selection.start, selection.end = shift(selection.start), shift(selection.end)
        sources[interview].selections.append(selection)
    return QdaProject(
        name=codebook.name,
        users={user_guids[u]: u for u in users},
        codes=codebook_codes(codebook),
        sources=list(sources.values()),
        variables=_variables([s["attributes"] for s in summaries]),
        origin=ORIGIN,
    )


def _variables(attributes: Sequence[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Every attribute but the interview id, with its GUID and type: ``Integer`` when
    every value is a whole number, else ``Text``."""
    keys = sorted({k for a in attributes for k in a} - {"interview"})
    return {
        k: (
            guid("variable", k),
            "Integer" if all(_INTEGER.match(a[k]) for a in attributes if a.get(k)) else "Text",
        )
        for k in keys
    }


def _selection(
    interview: str,
    locator: str,
    coded: Sequence[dict[str, Any]],
    code_guids: dict[str, str],
    user_guids: dict[str, str],
) -> QdaSelection:
    """One coded paragraph: a coding per (code, coder) of it."""
    coders = {r["coder"] for r in coded}
    return QdaSelection(
        guid=guid("selection", interview, locator),
        start=int(coded[0]["start"]),
        end=int(coded[0]["end"]),
        codings=[
            QdaCoding(
                guid("coding", interview, locator, r["code"], r["coder"]),
                code_guids[r["code"]],
                user_guids[r["coder"]],
            )
            for r in coded
        ],
        name=locator,
        user=user_guids[coders.pop()] if len(coders) == 1 else None,
    )


def _guard_texts(store: Store, texts: dict[str, str], pii: str) -> dict[str, OffsetMap]:
    """Check or redact the texts in place; returns, for each redacted text, how its
    offsets move."""
    if pii == "allow":
        return {}
    guard = PiiGuard(store.pii_names())
    hits = {interview: guard.scan(text) for interview, text in texts.items()}
    if pii == "refuse":
        refuse(
            [
                f"{interview} {hit.kind} {hit.text!r}"
                for interview, hs in hits.items()
                for hit in hs
            ],
            "transcripts",
        )
        return {}
    shifts: dict[str, OffsetMap] = {}
    for interview, found_hits in hits.items():
        if found_hits:
            texts[interview], shifts[interview] = redact_with_map(texts[interview], found_hits)
    return shifts


# -- import --------------------------------------------------------------------------


@dataclass
class CodeMatch:
    """How a project's codes map onto this project's codebook."""

    codes: dict[str, str]  # REFI code GUID -> project code
    added: list[NewCode] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # names, not added


def match_codes(codebook: Codebook | None, codes: Sequence[QdaCode], *, add: bool) -> CodeMatch:
    """Map codes by name onto the codebook's codes (the code or its label, ignoring
    case); with ``add``, the others become new codes (sub-codes under their top-level
    parent, as mentorqual's codebooks have two levels)."""
    known: dict[str, str] = {}
    if codebook is not None:
        for t in (*codebook.themes, *codebook.subcodes):
            known[_key(t.code)] = t.code
            known.setdefault(_key(t.label), t.code)
    match = CodeMatch({})
    taken = set(known.values())
    by_guid = {c.guid: c for c in codes}
    for code in codes:
        found = known.get(_key(code.name))
        if found is not None:
            match.codes[code.guid] = found
            continue
        if not add:
            match.unmatched.append(code.name)
            continue
        new_id = _unique(_slug(code.name), taken)
        taken.add(new_id)
        top = code
        while top.parent is not None and top.parent in by_guid:
            top = by_guid[top.parent]
        parent = match.codes.get(top.guid) if top is not code else None
        match.codes[code.guid] = new_id
        match.added.append(NewCode(new_id, code.name, code.description, code.colour, parent))
        known[_key(code.name)] = new_id
    return match


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-zæøå0-9_]+", "-", _key(name)).strip("-")
    return slug if re.match(r"^[a-zæøå]", slug) else f"kode-{slug}".rstrip("-")


def _unique(code: str, taken: set[str]) -> str:
    candidate, n = code, 2
    while candidate in taken:
        candidate, n = f"{code}-{n}", n + 1
    return candidate


@dataclass
class CodingPlan:
    """Codings of an import fitted onto paragraphs, per coder."""

    human: dict[str, set[tuple[int, str]]] = field(default_factory=dict)
    machine: dict[str, set[tuple[int, str]]] = field(default_factory=dict)
    scope: dict[str, set[int]] = field(default_factory=dict)  # coder -> respondent paragraphs
    warnings: list[str] = field(default_factory=list)


def fit_codings(
    store: Store,
    path: Path,
    codings: Iterable[SourceCoding],
    users: dict[str, str],
    codes: dict[str, str],
) -> CodingPlan:
    """Move each coding onto the paragraphs its selection overlaps."""
    plan = CodingPlan()
    paragraphs: dict[str, list[SegmentRow]] = {}
    missed = 0
    for coding in codings:
        coder = (users.get(coding.user or "") or UNKNOWN_CODER).strip() or UNKNOWN_CODER
        if coder == "consensus":
            raise InputError(f"{path}: user 'consensus' is a reserved name; rename the user")
        if coding.interview not in paragraphs:
            paragraphs[coding.interview] = store.paragraphs(coding.interview, role=None)
        rows = paragraphs[coding.interview]
        target = plan.machine if coder in MACHINE_CODERS else plan.human
        scope = plan.scope.setdefault(coder, set())
        scope.update(p.id for p in rows if p.role == "respondent")
        hit = [p.id for p in rows if _overlaps(p, coding.start, coding.end)]
        if not hit:
            missed += 1
            continue
        target.setdefault(coder, set()).update((p, codes[coding.code]) for p in hit)
    if missed:
        plan.warnings.append(
            f"{path}: {missed} coding(s) select only blank text or nothing; not imported"
        )
    return plan


def _overlaps(paragraph: SegmentRow, start: int, end: int) -> bool:
    lo, hi = max(start, paragraph.start), min(end, paragraph.start + len(paragraph.text))
    return lo < hi and not paragraph.text[lo - paragraph.start : hi - paragraph.start].isspace()


def imported_codebook(
    current: Codebook | None, match: CodeMatch, path: Path, name: str
) -> Codebook | None:
    """The codebook with the new codes added, or None when nothing is new."""
    if not match.added:
        return None
    return with_codes(current, match.added, path, name)
