"""REFI-QDA files out: ``.qdc`` codebooks and ``.qdpx`` projects.

Both validate against the official QDA-XML 1.0 schemas (``Codebook.xsd`` and
``Project.xsd``). The schemas refuse empty containers (``<Codes/>``, ``<Sets/>``,
``<Users/>``), so an element with nothing in it is left out, and they enforce element
order, which the writers follow. Positions are written in UTF-16 code units, zero-based,
end exclusive, as NVivo counts them. Source texts are UTF-8 with LF line endings.

The output is deterministic: the same records give the same bytes (no timestamps; zip
entries carry a fixed date), so two exports can be compared.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from ..types import QdaCode, QdaProject, QdaSource
from ..utf16 import Utf16Index
from .files import atomic_path

__all__ = ["CODEBOOK_NS", "PROJECT_NS", "write_qdc", "write_qdpx"]

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
_FIXED_DATE = (2000, 1, 1, 0, 0, 0)


def write_qdc(codes: Sequence[QdaCode], path: Path, origin: str) -> None:
    """Write a codebook (.qdc) with nested sub-codes."""
    root = Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": origin})
    _code_tree(SubElement(root, "Codes"), codes)
    with atomic_path(path) as tmp:
        tmp.write_bytes(_xml(root))


def write_qdpx(project: QdaProject, path: Path) -> None:
    """Write a .qdpx: ``project.qde`` and one ``sources/<guid>.txt`` per source."""
    qde = _xml(_project(project))
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "project.qde", qde)
        for source in project.sources:
            _add(archive, f"sources/{source.guid}.txt", source.text.encode("utf-8"))


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _xml(root: Element) -> bytes:
    indent(root, space="  ")
    body = tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


def _code_tree(container: Element, codes: Sequence[QdaCode]) -> None:
    children: dict[str | None, list[QdaCode]] = {}
    for code in codes:
        children.setdefault(code.parent, []).append(code)

    def add(parent: Element, code: QdaCode) -> None:
        attributes = {
            "guid": code.guid,
            "name": code.name,
            "isCodable": "true" if code.codable else "false",
        }
        if code.colour:
            attributes["color"] = code.colour
        element = SubElement(parent, "Code", attributes)
        if code.description:
            SubElement(element, "Description").text = code.description
        for child in children.get(code.guid, []):
            add(element, child)

    for code in children.get(None, []):
        add(container, code)


def _project(project: QdaProject) -> Element:
    root = Element("Project", {"xmlns": PROJECT_NS, "name": project.name})
    if project.origin:
        root.set("origin", project.origin)
    if project.users:
        users = SubElement(root, "Users")
        for guid, name in project.users.items():
            SubElement(users, "User", {"guid": guid, "name": name})
    if project.codes:
        _code_tree(SubElement(SubElement(root, "CodeBook"), "Codes"), project.codes)
    variables = project.variables
    if variables:
        container = SubElement(root, "Variables")
        for name, (guid, kind) in variables.items():
            SubElement(container, "Variable", {"guid": guid, "name": name, "typeOfVariable": kind})
    cases = [s for s in project.sources if s.case]
    if cases:
        container = SubElement(root, "Cases")
        for source in cases:
            case = SubElement(container, "Case", {"guid": source.case or "", "name": _name(source)})
            _variable_values(case, source, variables)
            SubElement(case, "SourceRef", {"targetGUID": source.guid})
    if project.sources:
        container = SubElement(root, "Sources")
        for source in project.sources:
            _text_source(container, source)
            # On the source too: QualCoder and NVivo read variables there, not via cases.
            _variable_values(container[-1], source, variables)
    return root


def _name(source: QdaSource) -> str:
    return source.attributes.get("interview") or source.name


def _variable_values(
    case: Element, source: QdaSource, variables: dict[str, tuple[str, str]]
) -> None:
    for name, (guid, kind) in variables.items():
        value = source.attributes.get(name, "")
        if value == "":
            continue
        element = SubElement(case, "VariableValue")
        SubElement(element, "VariableRef", {"targetGUID": guid})
        SubElement(element, f"{kind}Value").text = value


def _text_source(container: Element, source: QdaSource) -> None:
    element = SubElement(
        container,
        "TextSource",
        {
            "guid": source.guid,
            "name": source.name,
            "plainTextPath": f"internal://{source.guid}.txt",
        },
    )
    index = Utf16Index(source.text)
    for selection in sorted(source.selections, key=lambda s: (s.start, s.end, s.guid)):
        attributes = {
            "guid": selection.guid,
            "name": selection.name,
            "startPosition": str(index.to_utf16(selection.start)),
            "endPosition": str(index.to_utf16(selection.end)),
        }
        if selection.user:
            attributes["creatingUser"] = selection.user
        sel = SubElement(element, "PlainTextSelection", attributes)
        for coding in selection.codings:
            attrs = {"guid": coding.guid}
            if coding.user:
                attrs["creatingUser"] = coding.user
            SubElement(SubElement(sel, "Coding", attrs), "CodeRef", {"targetGUID": coding.code})
