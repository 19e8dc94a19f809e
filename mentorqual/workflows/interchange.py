"""REFI-QDA export: the records of a ``.qdc`` codebook or ``.qdpx`` project, built from
the store; the XML is written by :mod:`mentorqual.reports.qdpx`. The import side is
:mod:`.refi_import`.

GUIDs are UUID 5 of what they name (a code, an interview, a coder's span), so
they stay the same from one export to the next and tools can match them up.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from .._version import __version__
from ..codebook import Codebook
from ..reports.qdpx import write_qdc, write_qdpx
from ..store import CodingRecord, Store
from ..types import QdaCode, QdaCoding, QdaProject, QdaSelection, QdaSource
from .coders import unknown_coder
from .privacy import PiiPolicy

ORIGIN = f"mentorqual {__version__}"
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


def export_project(
    store: Store, codebook: Codebook, coders: Sequence[str], policy: PiiPolicy
) -> QdaProject:
    """The project as REFI-QDA records: users (one per coder), codebook, variables,
    one case and one text source per interview (the variables on both), and one
    selection per coder and coded span, with a coding per code.

    The whole texts leave the project: the policy refuses them, or redacts them and
    moves the positions to match.
    """
    known = store.coder_origins()
    unknown = [c for c in coders if c not in known]
    if unknown:
        raise unknown_coder(store, unknown[0], list(known))
    rows = store.coding_table(list(coders) if coders else None)
    summaries = store.interview_summaries()
    texts = {s.interview: store.interview_text(s.interview) for s in summaries}
    texts, shifts = policy.redact_mapped(texts, "transcripts")
    users = sorted({r.coder for r in rows} | set(coders))
    user_guids = {name: guid("user", name) for name in users}
    code_guids = {c: guid("code", c) for c in codebook.codes}
    sources = {
        s.interview: QdaSource(
            guid=guid("source", s.interview),
            name=s.interview,
            text=texts[s.interview],
            attributes=dict(s.attributes),
            case=guid("case", s.interview),
        )
        for s in summaries
    }
    by_span: dict[tuple[str, str, int, int], list[CodingRecord]] = defaultdict(list)
    seen: set[int] = set()
    for r in rows:  # one row per coding: a span across a break has a row per paragraph
        if r.coding not in seen:
            seen.add(r.coding)
            by_span[(r.interview, r.coder, r.passage_start, r.passage_end)].append(r)
    for (interview, coder, start, end), coded in by_span.items():
        selection = _selection(interview, coder, start, end, coded, code_guids, user_guids[coder])
        shift = shifts.get(interview)
        if shift is not None:
            selection.start, selection.end = shift.span(selection.start, selection.end)
        sources[interview].selections.append(selection)
    return QdaProject(
        name=codebook.name,
        users={user_guids[u]: u for u in users},
        codes=codebook_codes(codebook),
        sources=list(sources.values()),
        variables=_variables([s.attributes for s in summaries]),
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
    coder: str,
    start: int,
    end: int,
    coded: Sequence[CodingRecord],
    code_guids: dict[str, str],
    user: str,
) -> QdaSelection:
    """One coder's span, with a coding per code: the selection's ``creatingUser`` is
    the coder, as NVivo and QualCoder read it."""
    where = (interview, coder, str(start), str(end))
    return QdaSelection(
        guid=guid("selection", *where),
        start=start,
        end=end,
        codings=[
            QdaCoding(guid("coding", *where, r.code), code_guids[r.code], user) for r in coded
        ],
        name=coded[0].locator,
        user=user,
    )


def write_codebook(codebook: Codebook, path: Path) -> int:
    """Write ``codebook`` as a REFI-QDA .qdc; returns the number of codes."""
    codes = codebook_codes(codebook)
    write_qdc(codes, path, ORIGIN)
    return len(codes)


def write_project(project: QdaProject, path: Path) -> None:
    """Write REFI-QDA project records as a .qdpx."""
    write_qdpx(project, path)
