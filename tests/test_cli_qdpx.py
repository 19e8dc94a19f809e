"""The REFI-QDA commands: export qdpx, codebook export/import, import FILE.qdpx; and
hostile archives, which are refused with one Error line and leave the project as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorqual.cli import cli
from mentorqual.importers import qdpx_archive

from .conftest import CODEBOOK, snapshot

DATA = Path(__file__).parent / "data" / "refi-qda"

QDE = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>'
    '<TextSource guid="11111111-1111-1111-1111-111111111111" name="T" '
    'plainTextPath="internal://11111111-1111-1111-1111-111111111111.txt"/>'
    "</Sources></Project>"
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;"/>'
)


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(db), *args])
    return result.exit_code, result.output


def archive(path: Path, entries: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    assert invoke(path, "codebook", "load", str(CODEBOOK))[0] == 0
    return path


def test_export_and_import_through_the_cli(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.qdpx"
    code, output = invoke(sample, "export", "qdpx", "-o", str(out), "--coder", "A")
    assert code == 0, output
    assert "Wrote 30 interview(s)" in output and "1 coder(s) and 5 code(s)" in output
    fresh = tmp_path / "fresh.db"
    assert invoke(fresh, "codebook", "load", str(CODEBOOK))[0] == 0
    code, output = invoke(fresh, "import", str(out))
    assert code == 0, output
    assert "Imported 30 new" in output and "A: " in output
    code, output = invoke(fresh, "import", str(out))
    assert code == 0 and "30 unchanged" in output


def test_export_qdpx_refuses_an_unknown_coder(sample: Path, tmp_path: Path) -> None:
    code, output = invoke(sample, "export", "qdpx", "-o", str(tmp_path / "s.qdpx"), "--coder", "Z")
    assert code == 1 and output.startswith("Error: unknown coder 'Z'; valid coders: A, B")
    assert not (tmp_path / "s.qdpx").exists()


def test_codebook_export_and_import(tmp_path: Path) -> None:
    qdc = tmp_path / "cb.qdc"
    code, output = invoke(tmp_path / "a.db", "codebook", "export", str(CODEBOOK), "-o", str(qdc))
    assert (code, output) == (0, f"Wrote 5 code(s) to {qdc}\n")
    code, output = invoke(
        tmp_path / "b.db", "codebook", "import", str(DATA / "atlasti-23.4-codebook.qdc")
    )
    assert (code, output) == (0, "0 code(s) matched, 1 added: code1\n")
    code, output = invoke(tmp_path / "b.db", "codebook", "export", "-o", str(tmp_path / "x.txt"))
    assert code == 1 and "Error: " in output and ".qdc" in output


def test_import_of_the_atlasti_project_lists_what_it_left_out(db: Path) -> None:
    code, output = invoke(db, "import", str(DATA / "atlasti-8.4-standard-project.qde"))
    assert code == 0, output
    assert "Left out 14 unused code(s)" in output
    assert "Not imported: PDFSource" in output


def test_qdpx_must_be_imported_alone(db: Path, tmp_path: Path) -> None:
    code, output = invoke(db, "import", str(tmp_path / "a.qdpx"), str(tmp_path / "b.txt"))
    assert code == 2 and "import a .qdpx or .qde file on its own" in output


@pytest.mark.parametrize(
    ("name", "entries", "message"),
    [
        ("slip.qdpx", {"project.qde": QDE, "../evil.txt": "x"}, "unsafe entry '../evil.txt'"),
        ("abs.qdpx", {"project.qde": QDE, "/etc/evil.txt": "x"}, "unsafe entry '/etc/evil.txt'"),
        ("xxe.qdpx", {"project.qde": XXE}, "the XML declares a DTD or entities"),
        ("none.qdpx", {"sources/a.txt": "x"}, "expected one project file (project.qde)"),
        ("two.qdpx", {"a.qde": QDE, "b.qde": QDE}, "expected one project file"),
        ("bad.qdpx", {"project.qde": "<Project"}, "not valid XML"),
        (
            "cb.qdpx",
            {"project.qde": (DATA / "atlasti-23.4-codebook.qdc").read_bytes()},
            "not a REFI-QDA project",
        ),
    ],
)
def test_hostile_archives_are_refused(
    db: Path, tmp_path: Path, name: str, entries: dict[str, str], message: str
) -> None:
    path = archive(tmp_path / name, entries)
    before = snapshot(db)
    code, output = invoke(db, "import", str(path))
    assert code == 1
    assert output.startswith(f"Error: {path}") and message in output
    assert output.count("\n") == 1 and "Traceback" not in output
    assert snapshot(db) == before


def test_zip_bomb_is_refused_before_unpacking(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORQUAL_MAX_BYTES", "10000")
    path = archive(tmp_path / "bomb.qdpx", {"project.qde": QDE, "sources/big.txt": b"0" * 500_000})
    assert path.stat().st_size < 10_000
    before = snapshot(db)
    code, output = invoke(db, "import", str(path))
    assert code == 1 and "(a zip bomb?)" in output and output.startswith(f"Error: {path}")
    assert snapshot(db) == before


def test_too_many_entries_are_refused(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qdpx_archive, "MAX_ARCHIVE_FILES", 3)
    entries: dict[str, str] = {"project.qde": QDE, **{f"sources/{i}.txt": "x" for i in range(5)}}
    code, output = invoke(db, "import", str(archive(tmp_path / "many.qdpx", entries)))
    assert code == 1 and "6 entries, more than the 3" in output


def test_xxe_in_a_bare_qde_and_a_codebook(db: Path, tmp_path: Path) -> None:
    qde = tmp_path / "x.qde"
    qde.write_text(XXE, encoding="utf-8")
    code, output = invoke(db, "import", str(qde))
    assert (
        code == 1
        and output == f"Error: {qde}: the XML declares a DTD or entities, which are refused (XXE)\n"
    )
    qdc = tmp_path / "x.qdc"
    qdc.write_text(XXE.replace("Project", "CodeBook"), encoding="utf-8")
    code, output = invoke(db, "codebook", "import", str(qdc))
    assert code == 1 and "refused (XXE)" in output


def test_not_a_zip(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "junk.qdpx"
    path.write_bytes(b"not a zip at all")
    code, output = invoke(db, "import", str(path))
    assert code == 1 and output.startswith(f"Error: {path}: not a valid .qdpx file")
