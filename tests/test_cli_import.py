"""`mentorqual import` from the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorqual.cli import cli

from .conftest import CODEBOOK, INTERVIEW, snapshot


def invoke(runner: CliRunner, db: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, ["--project", str(db), *args])


def test_import_reports_and_is_idempotent(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "p.db"
    path = write("T01.txt", INTERVIEW)
    result = invoke(runner, db, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "Imported 1 new and 0 replaced interview(s), 3 respondent paragraphs" in result.output
    again = invoke(runner, db, "import", str(path))
    assert again.exit_code == 0
    assert "Unchanged, skipped: T01" in again.output
    assert "Imported 0 new" in again.output


def test_project_from_environment(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "env.db"
    result = runner.invoke(
        cli, ["import", str(write("T01.txt", INTERVIEW))], env={"MENTORQUAL_PROJECT": str(db)}
    )
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_cp1252_file_imports_with_a_warning(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("T01.txt", INTERVIEW, encoding="cp1252")
    result = invoke(runner, tmp_path / "p.db", "import", str(path))
    assert result.exit_code == 0
    assert f"Warning: {path}, line 8: not valid UTF-8; read as cp1252 (Windows)" in result.output


def test_custom_interviewer_label(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("T01.txt", "---\nregion: Syddanmark\n---\nForsker: Hvordan?\nJK: Sådan.\n")
    result = invoke(
        runner, tmp_path / "p.db", "import", "--interviewer-label", "Forsker", str(path)
    )
    assert result.exit_code == 0, result.output
    assert "1 respondent paragraphs" in result.output


BAD_INPUTS = [
    ("missing", None, "{path}: no such file or folder"),
    ("T01.txt", b"\x00\x01\x02junk", "{path}: not a text file (it contains binary data)"),
    (
        "T01.txt",
        b"I: a\nIP: \x81\x8d\n",
        "{path}: unreadable encoding (neither UTF-8 nor cp1252); save it as UTF-8",
    ),
    (
        "T01.txt",
        b"---\nregion: [x\n---\nI: a\nIP: b\n",
        "{path}, line 2: malformed front matter: expected ',' or ']', but got '<stream end>'",
    ),
    (
        "T01.txt",
        b"---\nregion: Fyn\n---\nI: a\nIP: b\n",
        "{path}: unknown region 'Fyn'; expected one of "
        "Nordjylland, Midtjylland, Syddanmark, Sj\u00e6lland, Hovedstaden",
    ),
    (
        "T01.txt",
        b"---\nregion: Sj\xc3\xa6lland\n---\nBare tekst.\n",
        "{path}: no speaker labels found; each turn must start with a label such as 'I:' or 'IP:'",
    ),
    ("T01.docx", b"PK\x03\x04 not really", "{path}: not a valid .docx file (not a zip archive)"),
    (
        "T01.rtf",
        b"{\\rtf1}",
        "{path}: unsupported file type '.rtf'; expected .txt, .docx, .odt, .vtt, .srt; "
        "Rich Text Format; open it in Word and save it as .docx",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS)
def test_bad_input_is_one_error_line_and_changes_nothing(
    runner: CliRunner,
    tmp_path: Path,
    write: Callable[..., Path],
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    db = tmp_path / "p.db"
    assert invoke(runner, db, "import", str(write("T00.txt", INTERVIEW))).exit_code == 0
    before = snapshot(db)
    path = write(name, content) if content is not None else tmp_path / name
    result = invoke(runner, db, "import", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {message.format(path=path)}\n"
    assert "Traceback" not in result.output
    assert snapshot(db) == before


def test_duplicate_id_against_the_project(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "p.db"
    invoke(runner, db, "import", str(write("T01.txt", INTERVIEW)))
    other = write("other/x.txt", INTERVIEW.replace("mange", "få"))
    result = invoke(runner, db, "import", str(other))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {other}: interview 'T01' is already in the project with different text "
        "or attributes; use --replace to update it\n"
    )
    replaced = invoke(runner, db, "import", "--replace", str(other))
    assert replaced.exit_code == 0
    assert "0 new and 1 replaced" in replaced.output


TIMED = (
    "---\nregion: Nordjylland\nrole: Mentor\n---\n"
    "[00:00:12] K: Hvordan startede forløbet?\n"
    "[00:00:15] B: Vi mødtes på jobcentret, og så gik vi en tur.\n"
    "[00:01:02] K: Og bagefter?\n"
    "[00:01:05] B: Så ringede jeg til ham hver uge.\n"
)


def test_show_prints_what_was_read(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "p.db"
    path = write("T02.txt", TIMED)
    assert invoke(runner, db, "import", "--interviewer-label", "K", str(path)).exit_code == 0
    shown = invoke(runner, db, "show", "T02", "--format", "csv")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[0] == "id,speaker,side,time,start,end,text"
    assert lines[1].startswith("p1,K,interviewer,0:00:12,")
    assert lines[1].endswith(",Hvordan startede forløbet?")
    assert lines[2].startswith("p2,B,respondent,0:00:15,")
    text = invoke(runner, db, "show", "T02")
    assert text.output.splitlines()[0].split()[:4] == ["p1", "K", "interviewer", "0:00:12"]
    missing = invoke(runner, db, "show", "T99")
    assert (missing.exit_code, missing.output) == (1, f"Error: T99: no such interview in {db}\n")


def test_reparse_reads_an_unchanged_file_again(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "p.db"
    path = write("T02.txt", TIMED)
    wrong = invoke(runner, db, "import", "--interviewer-label", "B", str(path))
    assert "0 respondent paragraphs" not in wrong.output  # K answered, as read
    first = invoke(runner, db, "show", "T02", "--format", "csv").output
    assert ",K,respondent," in first
    same = invoke(runner, db, "import", "--interviewer-label", "K", str(path))
    assert "Unchanged, skipped: T02" in same.output  # without --reparse nothing is read
    again = invoke(runner, db, "import", "--reparse", "--interviewer-label", "K", str(path))
    assert again.exit_code == 0, again.output
    assert "Imported 0 new and 1 replaced interview(s), 2 respondent paragraphs" in again.output
    after = invoke(runner, db, "show", "T02", "--format", "csv").output
    assert ",K,interviewer," in after and ",B,respondent," in after
    unchanged = invoke(runner, db, "import", "--reparse", "--interviewer-label", "K", str(path))
    assert "Unchanged, skipped: T02" in unchanged.output


def test_unreadable_files_in_a_folder_are_listed(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("T01.txt", INTERVIEW)
    (path.parent / "T03.pdf").write_bytes(b"%PDF-1.4 not really")
    result = invoke(runner, tmp_path / "p.db", "import", str(path.parent))
    assert result.exit_code == 0, result.output
    assert f"Not imported: {path.parent / 'T03.pdf'}: skipped: " in result.output
    assert "Imported 1 new" in result.output


def test_every_bad_file_of_a_folder_in_one_error(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    """All files are read first, and every bad one is named (issue 21)."""
    db = tmp_path / "p.db"
    good = write("T01.txt", INTERVIEW)
    binary = write("T02.txt", b"\x00\x01\x02junk")
    region = write("T03.txt", b"---\nregion: Fyn\n---\nI: a\nIP: b\n")
    twin = write("sub/T04.txt", INTERVIEW)
    result = invoke(runner, db, "import", str(good.parent))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {binary}: not a text file (it contains binary data)",
        f"{region}: unknown region 'Fyn'; expected one of "
        "Nordjylland, Midtjylland, Syddanmark, Sj\u00e6lland, Hovedstaden",
        f"{twin}: duplicate interview id 'T01' (also in {good})",
    ]
    assert not db.exists()


def test_remove_lists_what_goes_asks_and_backs_up(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "p.db"
    first, second = write("T01.txt", INTERVIEW), write("T02.txt", TIMED)
    assert invoke(runner, db, "import", str(first), str(second)).exit_code == 0
    assert invoke(runner, db, "codebook", "load", str(CODEBOOK)).exit_code == 0
    codings = write("c.csv", "interview,segment,code,coder\nT01,p2,tryghed,A\n")
    assert invoke(runner, db, "codings", "import", str(codings)).exit_code == 0
    before = snapshot(db)
    asked = invoke(runner, db, "remove", "t01", "T99")  # all bad names at once
    assert asked.exit_code == 1
    assert asked.output == f"Error: T99: no such interview in {db}\n"
    refused = invoke(runner, db, "remove", "t01")  # not a terminal: no question to answer
    assert refused.exit_code == 1
    assert "  1 human coding(s) by A\n" in refused.output
    assert refused.output.endswith("Error: not removed; pass --yes to remove without asking\n")
    assert snapshot(db) == before
    done = invoke(runner, db, "remove", "t01", "--yes")
    assert done.exit_code == 0, done.output
    assert "Will remove:\n  1 interview(s): T01\n" in done.output
    backup = done.output.split("Backup of the project before the removal: ")[1].split("\n")[0]
    assert Path(backup).is_file() and snapshot(Path(backup)) == before
    assert done.output.endswith("Removed 1 interview(s).\n")
    shown = invoke(runner, db, "show", "T01")
    assert shown.exit_code == 1
    plain = invoke(runner, db, "remove", "T02", "--yes")  # no human codings: no backup
    assert "Backup" not in plain.output and plain.exit_code == 0


def test_a_codings_file_may_name_interviews_in_any_case(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "p.db"
    assert invoke(runner, db, "import", str(write("T01.txt", INTERVIEW))).exit_code == 0
    assert invoke(runner, db, "codebook", "load", str(CODEBOOK)).exit_code == 0
    codings = write("c.csv", "interview,segment,code,coder\nt01,p2,Tryghed,A\n")
    result = invoke(runner, db, "codings", "import", str(codings))
    assert result.exit_code == 0, result.output
    assert "A: 1 added" in result.output
