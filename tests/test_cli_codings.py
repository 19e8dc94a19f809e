"""`mentorqual codings import`, `codebook load` and `info` from the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from mentorqual.cli import cli

from .conftest import CODEBOOK, INTERVIEW, snapshot


def setup_project(runner: CliRunner, db: Path, write: Callable[..., Path]) -> None:
    for args in (["codebook", "load", str(CODEBOOK)], ["import", str(write("T01.txt", INTERVIEW))]):
        result = runner.invoke(cli, ["--project", str(db), *args])
        assert result.exit_code == 0, result.output


def test_codings_import_and_info(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "p.db"
    setup_project(runner, db, write)
    path = write("b.csv", "interview;segment;code\nT01;p2;administration\nT01;p5;kurser\n")
    result = runner.invoke(
        cli, ["--project", str(db), "codings", "import", str(path), "--coder", "B"]
    )
    assert result.exit_code == 0, result.output
    assert result.output == "B: 2 added, 0 removed, on 1 interview(s)\n"
    info = runner.invoke(cli, ["--project", str(db), "info"])
    assert info.exit_code == 0
    row = next(line for line in info.output.splitlines() if line.startswith("T01"))
    assert row.split() == ["T01", "Hovedstaden", "Jobkonsulent", "3", "15", "B", "2"]
    assert "Coder B (human): 2 codings" in info.output


def test_bad_codings_row_is_one_error_line(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    db = tmp_path / "p.db"
    setup_project(runner, db, write)
    before = snapshot(db)
    path = write("b.csv", "interview,segment,code,coder\nT01,p2,kurser,B\nT02,p2,kurser,B\n")
    result = runner.invoke(cli, ["--project", str(db), "codings", "import", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: 1 row(s) could not be used, nothing was imported: "
        "row 3: unknown interview 'T02'\n"
    )
    assert snapshot(db) == before


def test_codebook_load_error_names_file_and_line(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("cb.yaml", "themes:\n  - code: a\n    farve: '#000000'\n")
    result = runner.invoke(
        cli, ["--project", str(tmp_path / "p.db"), "codebook", "load", str(path)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}, line 3: unknown key 'farve' in a theme")
    assert result.output.count("\n") == 1
    assert not (tmp_path / "p.db").exists()


def test_info_without_a_project(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    result = runner.invoke(cli, ["--project", str(db), "info"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {db}: no project here; create one with 'mentorqual import' or 'mentorqual run'\n"
    )
