from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorqual import Project

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = ROOT / "codebooks" / "mentorordning.yaml"
TRANSCRIPTS = ROOT / "transcripts"

INTERVIEW = """---
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


# Fixtures that run the main job over the whole sample corpus (a minute or more each).
MAIN_JOB_FIXTURES = {"sample", "sample_run"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need the main job on the sample corpus are slow: `make test-fast`
    leaves them out, `make test` (and CI) runs them."""
    for item in items:
        if MAIN_JOB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project.db")


@pytest.fixture
def loaded(project: Project) -> Project:
    """A project with the sample codebook loaded."""
    project.load_codebook(CODEBOOK)
    return project


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a text file under tmp_path/in and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write


def coded_project(path: Path, transcript: Path, codings: Path) -> Path:
    """A project with the sample codebook, one transcript and its codings, built
    through the CLI."""
    from mentorqual.cli import cli

    for args in (
        ["codebook", "load", str(CODEBOOK)],
        ["import", str(transcript)],
        ["codings", "import", str(codings)],
    ):
        result = CliRunner().invoke(cli, ["--project", str(path), *args])
        assert result.exit_code == 0, result.output
    return path


def snapshot(db: Path) -> tuple[dict[str, int], str, list[tuple[object, ...]]]:
    """Row counts, integrity check and full content of a project file."""
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        rows: list[tuple[object, ...]] = []
        for t in sorted(tables):
            rows += [(t, *r) for r in con.execute(f"SELECT * FROM {t} ORDER BY 1")]
        return counts, integrity, rows
    finally:
        con.close()


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus after the main job: a project file beside its outputs folder
    ``out``. Shared by many tests: use it read-only."""
    from mentorqual.cli import cli

    tmp = tmp_path_factory.mktemp("sample")
    args = ["--project", str(tmp / "p.db"), "run", str(TRANSCRIPTS), "--out", str(tmp / "out")]
    result = CliRunner().invoke(cli, [*args, "--codebook", str(CODEBOOK)])
    assert result.exit_code == 0, result.output
    return tmp / "p.db"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once, plainly, when the workbench's browser tests were skipped."""
    skipped = terminalreporter.stats.get("skipped", [])
    if any("browser tests skipped" in str(r.longrepr) for r in skipped):
        terminalreporter.write_line(
            "browser tests skipped: needs chromium, chromium-driver and selenium"
        )
