"""Codings as passages through REFI-QDA and codings files (issue 22)."""

from __future__ import annotations

import csv
import io
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

from .conftest import CODEBOOK
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


SAMPLE = """---
interview: T01
region: Hovedstaden
role: Jobkonsulent
---
I: Hvordan fungerer administrationen hos jer?
IP: Der er mange papirer og blanketter.
Og lønsedlerne skal tastes hver måned.

I: Og kurserne?
IP: Mentorkurset var godt.
"""


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
    with pytest.raises(InputError) as error:
        loaded.import_codings(path)
    assert str(error.value) == (
        f"{path}: 2 row(s) could not be used, nothing was imported: "
        "row 2: quote not found in a respondent paragraph: 'fungerer administrationen'; "
        "row 3: unknown code 'trygged'; did you mean 'tryghed'?"
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
