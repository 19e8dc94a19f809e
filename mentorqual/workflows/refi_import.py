"""REFI-QDA import: fit another tool's project (``.qdpx``, or ``.qde`` with inline texts)
or codebook (``.qdc``) onto this project. The XML is read by
:mod:`mentorqual.importers.qdpx`; the export side is :mod:`.interchange`.

A human coding is kept as the exact passage its selection marks; a machine coder's
(``rules``, ``classifier``, ``machine``) is moved onto the paragraphs it codes by the
projection: every paragraph it overlaps with at least one non-blank character.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..codebook import Codebook, NewCode, with_codes
from ..errors import InputError, ProjectError
from ..importers.qdpx import QDA_SUFFIXES as QDA_SUFFIXES  # what `import` reads as REFI-QDA
from ..importers.qdpx import SourceCoding, read_qdc, read_qdpx, to_transcripts
from ..reports.files import atomic_path
from ..store import Store
from ..types import CONSENSUS, HUMAN, MACHINE_CODERS, CodedSpan, QdaCode, QdaProject
from . import Progress, codebooks, interviews

UNKNOWN_CODER = "ukendt"


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
    """Codings of an import fitted onto the project, per coder: human codings as their
    exact spans, machine codings as the paragraphs they code."""

    human: dict[str, list[CodedSpan]] = field(default_factory=dict)
    machine: dict[str, set[tuple[int, str]]] = field(default_factory=dict)
    scope: dict[str, set[int]] = field(default_factory=dict)  # coder -> respondent paragraphs
    interviews: dict[str, set[str]] = field(default_factory=dict)  # coder -> interviews
    warnings: list[str] = field(default_factory=list)


def fit_codings(
    store: Store,
    path: Path,
    codings: Iterable[SourceCoding],
    users: dict[str, str],
    codes: dict[str, str],
) -> CodingPlan:
    """Keep each human coding's selection as it is; move each machine coding onto the
    paragraphs its selection codes (the projection, :mod:`mentorqual.store.projection`).
    A selection that codes no paragraph (only blanks, or nothing) is not imported."""
    plan = CodingPlan()
    respondent: dict[str, list[int]] = {}
    layout = store.layout()
    missed = 0
    for coding in codings:
        coder = (users.get(coding.user or "") or UNKNOWN_CODER).strip() or UNKNOWN_CODER
        if coder == CONSENSUS:
            raise InputError(f"{path}: user 'consensus' is a reserved name; rename the user")
        if coding.interview not in respondent:
            respondent[coding.interview] = [p.id for p in store.paragraphs(coding.interview)]
        plan.scope.setdefault(coder, set()).update(respondent[coding.interview])
        plan.interviews.setdefault(coder, set()).add(coding.interview)
        hit = layout.paragraphs(coding.interview, coding.start, coding.end)
        if not hit:
            missed += 1
            continue
        code = codes[coding.code]
        if coder in MACHINE_CODERS:
            plan.machine.setdefault(coder, set()).update((p, code) for p in hit)
        else:
            span = CodedSpan(coding.interview, coding.start, coding.end, code)
            plan.human.setdefault(coder, []).append(span)
    if missed:
        plan.warnings.append(
            f"{path}: {missed} coding(s) select only blank text or nothing; not imported"
        )
    return plan


def imported_codebook(
    current: Codebook | None, match: CodeMatch, path: Path, name: str
) -> Codebook | None:
    """The codebook with the new codes added, or None when nothing is new."""
    if not match.added:
        return None
    return with_codes(current, match.added, path, name)


# -- the use cases -------------------------------------------------------------------


@dataclass
class QdpxReport:
    """What a REFI-QDA project import did."""

    imported: interviews.ImportReport
    added_codes: list[str]
    unmatched_codes: list[str]  # codes of the file that matched none and were not added
    codings: dict[str, int]  # coder -> codings (human: passages, machine: paragraphs)
    skipped: list[str]  # what the file held that was not imported, and why
    warnings: list[str]


@dataclass
class QdcReport:
    """What a REFI-QDA codebook import did."""

    matched: int
    added: list[str]


@dataclass
class QdpxPlan:
    """A REFI-QDA project read and turned into transcripts, before the project is opened."""

    path: Path
    project: QdaProject
    transcripts: interviews.ImportPlan
    codings: list[SourceCoding]


def plan_qdpx(path: Path, interviewer_labels: Sequence[str]) -> QdpxPlan:
    """Read a .qdpx (or a .qde with inline texts) and parse its text sources."""
    qda = read_qdpx(path)
    transcripts, codings, warnings = to_transcripts(qda, path, interviewer_labels)
    return QdpxPlan(path, qda, interviews.ImportPlan(transcripts, warnings), codings)


def import_qdpx(
    store: Store, job: QdpxPlan, *, add_codes: bool, replace: bool, progress: Progress
) -> QdpxReport:
    """Write an imported project: codes onto the codebook (new ones with
    ``add_codes``), sources as interviews, codings onto the paragraphs they overlap."""
    path, qda = job.path, job.project
    current = codebooks.stored(store)
    match = match_codes(current, qda.codes, add=add_codes)
    names = {c.guid: c.name for c in qda.codes}
    missing = sorted({names[c.code] for c in job.codings if c.code not in match.codes})
    if missing:
        raise InputError(
            f"{path}: code(s) not in the project's codebook: {', '.join(missing)}; "
            "pass --add-codes to add them"
        )
    if current is None and not match.added and job.codings:
        raise ProjectError(
            f"{path}: the project has no codebook yet; load one with "
            "'mentorqual codebook load FILE', or pass --add-codes"
        )
    book = imported_codebook(current, match, path, qda.name)
    if book is not None:
        codebooks.apply(store, book, True)
    read_warnings = list(job.transcripts.warnings)
    if not job.transcripts.transcripts:
        read_warnings.append(f"{path}: no text sources with text; no interviews imported")
    elif not job.codings:
        read_warnings.append(f"{path}: no codings; only the texts were imported")
    plan = interviews.ImportPlan(job.transcripts.transcripts, [])
    imported = interviews.apply_import(store, plan, replace, progress)
    fitted = fit_codings(store, path, job.codings, qda.users, match.codes)
    counts = _write_codings(store, fitted, path, replace)
    imported.backup = store.backup_path
    return QdpxReport(
        imported=imported,
        added_codes=[c.code for c in match.added],
        unmatched_codes=match.unmatched,
        codings=counts,
        skipped=qda.skipped,
        warnings=[*read_warnings, *fitted.warnings],
    )


def _write_codings(store: Store, plan: CodingPlan, path: Path, replace: bool) -> dict[str, int]:
    """Machine coders' codings replace theirs on the file's paragraphs; human codings
    are added (with ``replace``: instead of the coder's on the file's interviews)."""
    origins = store.coder_origins()
    counts: dict[str, int] = {}
    for coder, scope in sorted(plan.scope.items()):
        if coder in plan.machine or coder in MACHINE_CODERS:
            pairs = plan.machine.get(coder, set())
            store.replace_machine_codings(
                coder,
                coder,
                f"imported from {path.name}",
                [(s, c, None, None) for s, c in sorted(pairs)],
                sorted(scope),
                scope=scope,
            )
        else:
            if origins.get(coder, HUMAN) != HUMAN:
                raise InputError(f"{path}: coder {coder!r} is a machine coder in this project")
            spans = plan.human.get(coder, [])
            store.write_human_codings(
                coder, spans, scope, replace=plan.interviews[coder] if replace else ()
            )
            counts[coder] = len(spans)
            continue
        counts[coder] = len(pairs)
    return counts


def read_codebook(path: Path) -> list[QdaCode]:
    """The codes of a REFI-QDA codebook (.qdc)."""
    return read_qdc(path)


def import_qdc(
    store: Store, path: Path, codes: Sequence[QdaCode], output: Path | None
) -> QdcReport:
    """Add the codes of a .qdc that the project's codebook lacks; ``output`` also gets
    the resulting codebook as YAML."""
    current = codebooks.stored(store)
    match = match_codes(current, codes, add=True)
    book = imported_codebook(current, match, path, path.stem)
    if book is not None:
        codebooks.apply(store, book, True)
    final = book or current
    if output is not None and final is not None:
        with atomic_path(output) as tmp:
            tmp.write_text(final.content, encoding="utf-8")
    return QdcReport(matched=len(codes) - len(match.added), added=[c.code for c in match.added])
