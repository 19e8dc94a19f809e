"""Codings as passages through REFI-QDA and codings files (issue 22)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner
from defusedxml.ElementTree import fromstring

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.errors import InputError
from mentorqual.utf16 import utf16_length

from .conftest import CODEBOOK, INTERVIEW
from .test_interchange import DATA, EMOJI_INTERVIEW, NS, crlf_qdpx, qde_of

TEXT = (
    "I: Hvordan går det? 😀\r\n"
    "IP: Jeg har 📄 papirer og blanketter hver dag.\r\n"
    "Vi får også kurser om ugen, det giver tryghed 🙂.\r\n"
)


def passages(project: Project) -> list[tuple[str, int, int, str, str, str]]:
    with project._reading() as store:
        rows = store.coding_table()
    return sorted(
        {(r.interview, r.passage_start, r.passage_end, r.passage, r.code, r.coder) for r in rows}
    )


def units(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return utf16_length(text[:start]), utf16_length(text[: start + len(passage)])


def test_refi_round_trip_keeps_every_selection_exact(loaded: Project, tmp_path: Path) -> None:
    inside = units(TEXT, "papirer og blanketter")
    across = units(TEXT, "hver dag.\r\nVi får også kurser")
    path = crlf_qdpx(tmp_path / "n.qdpx", TEXT, [inside, across], "Sources")
    loaded.import_qdpx(path)
    first = passages(loaded)
    assert [(p[3], p[5]) for p in first] == [
        ("papirer og blanketter", "Lærke"),
        ("hver dag.\nVi får også kurser", "Lærke"),
    ]
    with loaded._reading() as store:
        text = store.interview_text("Interview 7")
        both = {r.locator for r in store.coding_table() if r.passage.startswith("hver")}
    assert all(text[s:e] == passage for _, s, e, passage, _, _ in first)
    assert both == {"p2", "p3"}  # the passage across the break codes both paragraphs
    out = tmp_path / "out.qdpx"
    loaded.export_qdpx(out)
    second = Project(tmp_path / "second.db")
    second.load_codebook(CODEBOOK)
    second.import_qdpx(out)
    assert passages(second) == first
    again = tmp_path / "again.qdpx"
    second.export_qdpx(again)
    assert qde_of(again) == qde_of(out)


def test_export_writes_a_selection_per_coder_and_variables_on_sources(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    project = Project(tmp_path / "p.db")
    project.load_codebook(CODEBOOK)
    project.import_paths([write("E01.txt", EMOJI_INTERVIEW)])
    project.import_codings(
        write("c.csv", "interview,segment,code,coder\nE01,p3,kurser,A\nE01,p3,tryghed,B\n")
    )
    out = tmp_path / "e.qdpx"
    project.export_qdpx(out)
    xmlschema.XMLSchema(str(DATA / "Project.xsd")).validate(io.BytesIO(qde_of(out)))
    root = fromstring(qde_of(out))
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{{{NS['q']}}}User")}
    selections = list(root.iter(f"{{{NS['q']}}}PlainTextSelection"))
    assert len(selections) == 2
    for selection in selections:
        codings = list(selection.iter(f"{{{NS['q']}}}Coding"))
        assert {c.get("creatingUser") for c in codings} == {selection.get("creatingUser")}
    assert sorted(users[s.get("creatingUser")] for s in selections) == ["A", "B"]
    source = next(root.iter(f"{{{NS['q']}}}TextSource"))
    values = [v.find("q:TextValue", NS) for v in source.findall("q:VariableValue", NS)]
    assert "Nordjylland" in [v.text for v in values if v is not None]


SAMPLE = INTERVIEW  # the shared fixture transcript


def test_a_quote_codes_exactly_its_passage_and_exports_it(
    loaded: Project, write: Callable[..., Path], tmp_path: Path
) -> None:
    loaded.import_paths([write("T01.txt", SAMPLE)])
    loaded.import_codings(
        write(
            "a.csv",
            "interview,segment,code,coder\n"
            "T01,papirer og blanketter,Administration,A\n"  # a label, any case
            "T01,blanketter. Og lønsedlerne,KURSER,A\n"  # across a paragraph break
            "T01,p5,kurser,A\n",
        )
    )
    assert [(p[3], p[4]) for p in passages(loaded)] == [
        ("papirer og blanketter", "administration"),
        ("blanketter.\nOg lønsedlerne", "kurser"),
        ("Mentorkurset var godt.", "kurser"),
    ]
    out = tmp_path / "export.csv"
    loaded.export_codings(out, coders=["A"])
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # One row per coding, with its passage; the passage across the break once.
    assert [(r["segment_id"], r["text"], r["code"]) for r in rows] == [
        ("p2", "papirer og blanketter", "administration"),
        ("p2", "blanketter.\nOg lønsedlerne", "kurser"),
        ("p5", "Mentorkurset var godt.", "kurser"),
    ]
    # The export imports back to the same passages.
    again = Project(tmp_path / "again.db")
    again.load_codebook(CODEBOOK)
    again.import_paths([write("T01.txt", SAMPLE)])
    again.import_codings(out)
    assert passages(again) == passages(loaded)


def test_bad_passages_are_listed_with_file_and_row(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", SAMPLE)])
    path = write(
        "a.csv",
        "interview,segment,code,coder\n"
        "T01,fungerer administrationen,kurser,A\n"  # only interviewer text
        "T01,papirer,trygged,A\n"  # a near miss
        "T01,papirer,kurser,A\n",
    )
    exported = write(
        "b.csv",
        "interview,segment_id,start,end,text,code,coder\n"
        "T01,p2,900,910,papirer,kurser,A\n"  # outside the text
        "T01,p1,3,10,Hvordan,kurser,A\n",  # only interviewer text
    )
    with pytest.raises(InputError) as error:
        loaded.import_codings(path)
    assert str(error.value) == (
        f"{path}: 2 row(s) could not be used, nothing was imported: "
        "row 2: quote not found in a respondent paragraph: 'fungerer administrationen'; "
        "row 3: unknown code 'trygged'; did you mean 'tryghed'?"
    )
    with pytest.raises(InputError) as error:
        loaded.import_codings(exported)
    assert str(error.value) == (
        f"{exported}: 2 row(s) could not be used, nothing was imported: "
        "row 2: the passage 900–910 lies outside the text (168 characters); "
        "row 3: the passage 3–10 overlaps no respondent text"
    )
    assert passages(loaded) == []


def test_codings_import_adds_and_replace_replaces_after_a_backup(
    write: Callable[..., Path], loaded: Project
) -> None:
    loaded.import_paths([write("T01.txt", SAMPLE)])
    first = write("a.csv", "interview,segment,code,coder\nT01,p2,kurser,A\n")
    second = write("b.csv", "interview,segment,code,coder\nT01,p5,kurser,A\n")
    invoke = CliRunner().invoke
    base = ["--project", str(loaded.path), "codings", "import"]
    assert invoke(cli, [*base, str(first)]).output == "A: 1 added, 0 removed, on 1 interview(s)\n"
    assert invoke(cli, [*base, str(second)]).output == "A: 1 added, 0 removed, on 1 interview(s)\n"
    result = invoke(cli, [*base, str(second), "--replace"])
    lines = result.output.splitlines()
    assert lines[0] == "A: 0 added, 1 removed, on 1 interview(s)"
    assert lines[1].startswith("Backup of the project before the removal: ")
    assert Path(lines[1].split(": ", 1)[1]).is_file()
    assert Path(lines[1].split(": ", 1)[1]).read_bytes()[:16] == b"SQLite format 3\x00"


def refi_archive(
    path: Path, source: str, files: dict[str, bytes], selections: list[tuple[int, int, str]]
) -> Path:
    """A .qdpx with one text source given by ``source`` (its attributes) and
    ``selections`` (start, end, name) coded with Kurser by Lærke."""
    sels = "".join(
        f'<PlainTextSelection guid="2222222{k}-2222-2222-2222-222222222222" name="{name}" '
        f'startPosition="{a}" endPosition="{b}"><Coding guid="3333333{k}-3333-3333-3333-'
        '333333333333" creatingUser="44444444-4444-4444-4444-444444444444"><CodeRef '
        'targetGUID="55555555-5555-5555-5555-555555555555"/></Coding></PlainTextSelection>'
        for k, (a, b, name) in enumerate(selections)
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
        'name="qc"><Users><User guid="44444444-4444-4444-4444-444444444444" name="Lærke"/>'
        '</Users><CodeBook><Codes><Code guid="55555555-5555-5555-5555-555555555555" '
        'name="Kurser" isCodable="true"/></Codes></CodeBook><Sources><TextSource '
        f'guid="11111111-1111-1111-1111-111111111111" name="Interview 8" {source}>{sels}'
        "</TextSource></Sources></Project>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        for name, data in files.items():
            archive.writestr(name, data)
    return path


PLAIN = "I: Hvad med kurser?\nIP: Mentorkurset var godt.\nIP: Resten var fint."


@pytest.mark.parametrize("reference", ["interview8.txt", "sources/interview8.txt"])
def test_a_bare_relative_plain_text_path_is_found_in_sources(
    loaded: Project, tmp_path: Path, reference: str
) -> None:
    start = PLAIN.index("Mentorkurset")
    path = refi_archive(
        tmp_path / "qc.qdpx",
        f'plainTextPath="{reference}"',
        {"sources/interview8.txt": PLAIN.encode()},
        [(start, start + 12, "")],
    )
    report = loaded.import_qdpx(path)
    assert report.imported.added == ["Interview 8"] and report.codings == {"Lærke": 1}
    assert [p[3] for p in passages(loaded)] == ["Mentorkurset"]


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_only_source_is_read_and_only_placeable_codings_are_imported(
    loaded: Project, tmp_path: Path
) -> None:
    lines = PLAIN.split("\n")
    crlf = "\r\n".join(lines)  # as NVivo counts its plain text: a break is two units
    first = crlf.index("Hvad med")
    named = crlf.index("Mentorkurset")
    unnamed = crlf.index("Resten")
    path = refi_archive(
        tmp_path / "mac.qdpx",
        'plainTextPath="internal://e.txt" richTextPath="internal://e.docx"',
        {"sources/e.txt": b"", "sources/e.docx": docx_bytes(lines)},
        [
            (first, first + 8, ""),  # before any break: the same either way
            (named, named + 21, "Mentorkurset var godt"),  # its name tells the count
            (unnamed, unnamed + 6, ""),
        ],
    )
    report = loaded.import_qdpx(path)
    assert report.codings == {"Lærke": 3}
    assert [p[3] for p in passages(loaded)] == ["Hvad med", "Mentorkurset var godt", "Resten"]

    nameless = refi_archive(
        tmp_path / "mac2.qdpx",
        'plainTextPath="internal://e.txt" richTextPath="internal://e.docx"',
        {"sources/e.txt": b"", "sources/e.docx": docx_bytes(lines)},
        [(first, first + 8, ""), (unnamed, unnamed + 6, "")],
    )
    other = Project(tmp_path / "other.db")
    other.load_codebook(CODEBOOK)
    report = other.import_qdpx(nameless)
    assert report.codings == {"Lærke": 1}  # never guessed: the other one is listed
    assert any("cannot be placed on the text of its .docx" in s for s in report.skipped)
    assert [p[3] for p in passages(other)] == ["Hvad med"]


def test_a_project_without_codings_or_sources_imports_what_it_has(
    project: Project, tmp_path: Path
) -> None:
    path = refi_archive(
        tmp_path / "texts.qdpx",
        'plainTextPath="internal://t.txt"',
        {"sources/t.txt": PLAIN.encode()},
        [],
    )
    report = project.import_qdpx(path)  # no codebook needed: there are no codings
    assert report.imported.added == ["Interview 8"] and report.codings == {}
    assert report.warnings[-1] == f"{path}: no codings; only the texts were imported"
    empty = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr(
            "project.qde",
            '<?xml version="1.0" encoding="utf-8"?>'
            '<Project xmlns="urn:QDA-XML:project:1.0" name="tom"/>',
        )
    report = project.import_qdpx(empty)
    assert report.imported.added == []
    assert report.warnings == [f"{empty}: no text sources with text; no interviews imported"]
