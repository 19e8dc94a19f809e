"""REFI-QDA files in: ``.qdc`` codebooks, ``.qdpx`` projects (a zip of ``project.qde``
and ``sources/``) and bare ``.qde`` project files.

The files are untrusted. XML is parsed with defusedxml (no DTDs, entities or external
references), zip entries with absolute paths or ``..`` are refused, and the number of
entries and their uncompressed size are capped before anything is unpacked. Nothing is
written anywhere (see :mod:`.qdpx_archive`).

Real exports differ from the schema in small ways, and the reader accepts them: the
namespace versions ``urn:QDA-XML:project:1.0`` and ATLAS.ti's ``...:0:4``, a sources
folder in any case, the XML file under any name ending in ``.qde``, a UTF-8 byte-order
mark and CRLF in the source texts, and empty containers such as ``<Sets/>``.
Positions are read as UTF-16 code units (as NVivo counts them) and converted to code
points; a selection outside its text is listed in ``skipped``, not imported.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from ..errors import InputError
from ..types import (
    REGIONS,
    QdaCode,
    QdaCoding,
    QdaProject,
    QdaSelection,
    QdaSource,
    Transcript,
)
from ..utf16 import Utf16Index
from .document import Document, read_bytes
from .metadata import normalise_region
from .qdpx_archive import INTERNAL, QdpxArchive
from .qdpx_docx import docx_paragraphs, line_counting, same_either_way
from .transcript import DEFAULT_INTERVIEWER_LABELS, canonical_with_offsets, parse_transcript

__all__ = [
    "QDA_SUFFIXES",
    "SourceCoding",
    "read_qdc",
    "read_qdpx",
    "to_transcripts",
]

QDA_SUFFIXES = (".qdpx", ".qde")
_NAMESPACE = re.compile(r"^\{urn:QDA-XML:[^}]*\}")


def read_qdc(path: Path) -> list[QdaCode]:
    """The codes of a REFI-QDA codebook (.qdc), parents before children."""
    root = _parse_xml(read_bytes(path), path)
    if _tag(root) != "CodeBook":
        raise InputError(f"{path}: not a REFI-QDA codebook (the root is <{_tag(root)}>)")
    codes = list(_codes(_child(root, "Codes"), None))
    if not codes:
        raise InputError(f"{path}: the codebook has no codes")
    _check_unique(path, [c.guid for c in codes], "code")
    return codes


def read_qdpx(path: Path) -> QdaProject:
    """Read a .qdpx archive, or a bare .qde (whose texts must then be inline)."""
    if path.suffix.lower() == ".qde":
        return _read_project(read_bytes(path), path, None)
    with QdpxArchive(path) as archive:
        return _read_project(archive.read(archive.project_file()), path, archive)


# -- XML ------------------------------------------------------------------------------


def _parse_xml(data: bytes, path: Path) -> Element:
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(
            f"{path}: the XML declares a DTD or entities, which are refused (XXE)"
        ) from None
    except ParseError as exc:
        raise InputError(f"{path}: not valid XML ({exc})") from None


def _tag(element: Element) -> str:
    return _NAMESPACE.sub("", element.tag)


def _children(element: Element | None, tag: str) -> Iterator[Element]:
    if element is not None:
        yield from (child for child in element if _tag(child) == tag)


def _child(element: Element | None, tag: str) -> Element | None:
    return next(_children(element, tag), None)


def _text(element: Element | None, tag: str) -> str:
    child = _child(element, tag)
    return (child.text or "").strip() if child is not None else ""


def _codes(container: Element | None, parent: str | None) -> Iterator[QdaCode]:
    for element in _children(container, "Code"):
        guid = _guid(element.get("guid"))
        yield QdaCode(
            guid=guid,
            name=(element.get("name") or "").strip() or guid,
            description=_text(element, "Description"),
            colour=_colour(element.get("color", "")),
            parent=parent,
            codable=(element.get("isCodable") or "true").strip().lower() in ("true", "1"),
        )
        yield from _codes(element, guid)


def _guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").upper()


def _colour(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return value.upper()
    if re.fullmatch(r"#[0-9A-Fa-f]{3}", value):
        return "#" + "".join(c * 2 for c in value[1:]).upper()
    return ""


def _check_unique(path: Path, guids: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for guid in guids:
        if guid in seen:
            raise InputError(f"{path}: {what} GUID {guid} is used twice")
        seen.add(guid)


# -- the project -------------------------------------------------------------------------


def _read_project(data: bytes, path: Path, archive: QdpxArchive | None) -> QdaProject:
    root = _parse_xml(data, path)
    if _tag(root) != "Project":
        raise InputError(f"{path}: not a REFI-QDA project (the root is <{_tag(root)}>)")
    users = {
        _guid(u.get("guid")): (u.get("name") or u.get("id") or "").strip()
        for u in _children(_child(root, "Users"), "User")
    }
    codes = list(_codes(_child(_child(root, "CodeBook"), "Codes"), None))
    _check_unique(path, [c.guid for c in codes], "code")
    variables = {
        _guid(v.get("guid")): ((v.get("name") or "").strip(), v.get("typeOfVariable") or "Text")
        for v in _children(_child(root, "Variables"), "Variable")
    }
    project = QdaProject(
        name=root.get("name") or path.stem,
        users=users,
        codes=codes,
        sources=[],
        variables={name: (guid, kind) for guid, (name, kind) in variables.items() if name},
        origin=root.get("origin") or "",
    )
    cases = _cases(root, variables)
    known_codes = {c.guid for c in codes}
    for element in _child(root, "Sources") or []:
        kind = _tag(element)
        name = element.get("name") or _guid(element.get("guid"))
        if kind != "TextSource":
            project.skipped.append(f"{kind} {name!r}: only text sources are imported")
            continue
        found = _source_text(element, path, archive, project.skipped)
        if found is None:
            continue
        text, from_docx = found
        source = QdaSource(guid=_guid(element.get("guid")), name=name, text=text)
        case = cases.get(source.guid)
        if case is not None:
            source.case, source.attributes = case[0], dict(case[1])
        source.attributes.update(_values(element, variables))
        source.selections = _selections(
            element, source, known_codes, project.skipped, strict=from_docx
        )
        whole = list(_children(element, "Coding"))
        if whole:
            project.skipped.append(
                f"source {name!r}: {len(whole)} coding(s) of the whole source; "
                "only codings of text selections are imported"
            )
        project.sources.append(source)
    _check_unique(path, [s.guid for s in project.sources], "source")
    return project


def _cases(
    root: Element, variables: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, dict[str, str]]]:
    """Source GUID -> (case GUID, attributes) for sources that belong to one case."""
    found: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for case in _children(_child(root, "Cases"), "Case"):
        values = _values(case, variables)
        name = (case.get("name") or "").strip()
        if name:
            values.setdefault("interview", name)
        for ref in _children(case, "SourceRef"):
            found.setdefault(_guid(ref.get("targetGUID")), []).append(
                (_guid(case.get("guid")), values)
            )
    return {source: cases[0] for source, cases in found.items() if len(cases) == 1}


def _values(element: Element, variables: dict[str, tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for value in _children(element, "VariableValue"):
        ref = _child(value, "VariableRef")
        variable = variables.get(_guid(ref.get("targetGUID")) if ref is not None else "")
        content = next((c for c in value if _tag(c) != "VariableRef"), None)
        text = (content.text or "").strip() if content is not None else ""
        if variable and variable[0] and text:
            values[variable[0]] = unicodedata.normalize("NFC", text)
    return values


def _source_text(
    element: Element, path: Path, archive: QdpxArchive | None, skipped: list[str]
) -> tuple[str, bool] | None:
    """The source's text, and whether it was read from its ``.docx`` (richTextPath)
    because the plain text is empty or missing."""
    name = element.get("name") or _guid(element.get("guid"))
    inline = _child(element, "PlainTextContent")
    reference = (element.get("plainTextPath") or "").strip()
    rich = (element.get("richTextPath") or "").strip()
    if inline is not None and reference:
        skipped.append(
            f"source {name!r}: has both plainTextPath and PlainTextContent; used the content"
        )
    if inline is not None and (inline.text or "").strip():
        return (inline.text or "").removeprefix("\ufeff"), False
    data = archive.source(reference) if archive is not None and reference else None
    if data is not None and _decode(data, path, name).strip():
        return _decode(data, path, name), False
    docx = archive.source(rich) if archive is not None and rich.lower().endswith(".docx") else None
    if docx is not None:
        return "\r\n".join(docx_paragraphs(docx, Path(f"{path}:{rich}"))), True
    if inline is not None or data is not None:
        return (inline.text or "") if inline is not None else "", False
    if not reference:
        skipped.append(f"source {name!r}: no text (neither plainTextPath nor PlainTextContent)")
    elif archive is None:
        skipped.append(
            f"source {name!r}: {reference} is not in a bare .qde (export a .qdpx instead)"
        )
    elif "://" in reference and not reference.startswith(INTERNAL):
        skipped.append(
            f"source {name!r}: its text is outside the archive ({reference}); "
            "only sources inside the archive are read"
        )
    else:
        skipped.append(f"source {name!r}: {reference} is not in the archive")
    return None


def _decode(data: bytes, path: Path, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"  # the byte-order mark is not counted in positions
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{path}: source {name!r} is not UTF-8 text") from None


def _selections(
    element: Element,
    source: QdaSource,
    known_codes: set[str],
    skipped: list[str],
    strict: bool = False,
) -> list[QdaSelection]:
    """The selections of a source, their positions converted to code points. With
    ``strict`` (a text read from a .docx), a selection is imported only where the
    count of a line break (one unit or two) is known or does not matter."""
    named = [
        (sel.get("name") or "", sel.get("startPosition", ""))
        for sel in _children(element, "PlainTextSelection")
    ]
    text, decided = line_counting(named, source.text)
    source.text = text
    index = Utf16Index(text)
    other = None if decided or not strict else Utf16Index(text.replace("\r\n", "\n"))
    selections: list[QdaSelection] = []
    for sel in _children(element, "PlainTextSelection"):
        guid = _guid(sel.get("guid"))
        try:
            start_unit, end_unit = (
                int(sel.get("startPosition", "")),
                int(sel.get("endPosition", "")),
            )
            if start_unit > end_unit:
                raise ValueError("start after end")
            start, end = index.from_utf16(start_unit), index.from_utf16(end_unit)
            if other is not None and not same_either_way(text, other, start_unit, end_unit):
                skipped.append(
                    f"source {source.name!r}: selection {guid} ({start_unit}–{end_unit}) "
                    "cannot be placed on the text of its .docx (NVivo counted the positions "
                    "on a plain text that is not in the archive); not imported"
                )
                continue
        except ValueError as exc:
            skipped.append(
                f"source {source.name!r}: selection {guid} "
                f"({sel.get('startPosition')}–{sel.get('endPosition')}) is not within the "
                f"text of {index.units:,} UTF-16 units ({exc}); not imported"
            )
            continue
        user = _guid(sel.get("creatingUser")) or None
        codings = []
        for coding in _children(sel, "Coding"):
            ref = _child(coding, "CodeRef")
            code = _guid(ref.get("targetGUID")) if ref is not None else ""
            if code not in known_codes:
                skipped.append(
                    f"source {source.name!r}: selection {guid} refers to an unknown code "
                    f"{code or '(none)'}; not imported"
                )
                continue
            codings.append(
                QdaCoding(
                    _guid(coding.get("guid")), code, _guid(coding.get("creatingUser")) or user
                )
            )
        selections.append(QdaSelection(guid, start, end, codings, sel.get("name") or "", user))
    return selections


# -- to transcripts ----------------------------------------------------------------------


@dataclass(frozen=True)
class SourceCoding:
    """A coding of a stretch of a transcript's canonical text."""

    interview: str
    start: int
    end: int
    code: str  # code GUID
    user: str | None  # user GUID


def to_transcripts(
    project: QdaProject,
    path: Path,
    interviewer_labels: Sequence[str] = DEFAULT_INTERVIEWER_LABELS,
) -> tuple[list[Transcript], list[SourceCoding], list[str]]:
    """Parse each text source into a transcript, and move its codings onto the
    transcript's canonical text. Returns transcripts, codings and warnings.

    Sources without speaker labels (common in other tools) become one respondent turn.
    Region and role may be missing; an unknown region is kept as it is, with a warning.
    """
    transcripts: list[Transcript] = []
    codings: list[SourceCoding] = []
    warnings: list[str] = []
    seen: dict[str, str] = {}
    for source in project.sources:
        where = Path(f"{path}:{source.name}")
        text, offsets = canonical_with_offsets(source.text)
        if not text.strip():
            warnings.append(f"{where}: the text is empty; skipped")
            continue
        attributes = dict(source.attributes)
        attributes["interview"] = _interview_id(attributes.get("interview") or source.name)
        region = attributes.get("region", "")
        attributes["region"] = normalise_region(region) or region
        if region and region not in REGIONS and attributes["region"] == region:
            warnings.append(f"{where}: region {region!r} is not a Danish region; kept as it is")
        transcript = parse_transcript(
            Document(text, "qdpx", []),
            where,
            attributes=attributes,
            interviewer_labels=interviewer_labels,
            labels_required=False,
        )
        # Joining hard-wrapped lines turns line breaks into spaces and moves no offset.
        if len(transcript.text) != len(text):
            raise InputError(f"{where}: internal error: the text changed when parsed")
        if not any(p.speaker for p in transcript.paragraphs):
            warnings.append(
                f"{where}: no speaker labels; each paragraph is counted as respondent speech"
            )
        if transcript.interview in seen:
            raise InputError(
                f"{path}: two sources make interview {transcript.interview!r} "
                f"({seen[transcript.interview]!r} and {source.name!r})"
            )
        seen[transcript.interview] = source.name
        transcripts.append(transcript)
        for selection in source.selections:
            start, end = offsets[selection.start], offsets[selection.end]
            for coding in selection.codings:
                codings.append(
                    SourceCoding(transcript.interview, start, end, coding.code, coding.user)
                )
    return transcripts, codings, warnings


def _interview_id(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    stem, dot, suffix = name.rpartition(".")
    return stem if dot and suffix.lower() in ("txt", "docx", "doc", "rtf", "pdf") else name
