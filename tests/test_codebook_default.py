"""The default codebook ships inside the package, and a project keeps its own codebook
wherever a command runs (issue 21)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.codebook import DEFAULT_CODEBOOK

from .conftest import CODEBOOK, INTERVIEW, ROOT

OTHER = """codebook: andet
themes:
  - code: papir
    label: Papir
    rules:
      - id: papir-ord
        terms: ["blanket*", "papir*"]
"""


def test_the_packaged_codebook_is_package_data_and_the_same_as_the_users_copy() -> None:
    assert DEFAULT_CODEBOOK.is_file()
    assert DEFAULT_CODEBOOK.relative_to(ROOT / "mentorqual") == Path("codebook/mentorordning.yaml")
    # codebooks/mentorordning.yaml is kept for users to copy: never a diverging copy.
    if CODEBOOK.exists():
        assert CODEBOOK.read_bytes() == DEFAULT_CODEBOOK.read_bytes()
    setup = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    data = setup.split("[options.package_data]", 1)[1].split("\n[", 1)[0]
    assert "mentorqual.codebook = *.yaml" in data


def test_a_command_in_another_checkout_keeps_the_projects_codebook(
    tmp_path: Path, write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.db"
    runner = CliRunner()
    for args in (
        ["codebook", "load", str(write("andet.yaml", OTHER))],
        ["import", str(write("T01.txt", INTERVIEW))],
    ):
        assert runner.invoke(cli, ["--project", str(db), *args]).exit_code == 0
    # Another checkout: its own codebooks/mentorordning.yaml right where the command runs.
    checkout = tmp_path / "checkout"
    (checkout / "codebooks").mkdir(parents=True)
    (checkout / "codebooks" / "mentorordning.yaml").write_bytes(CODEBOOK.read_bytes())
    monkeypatch.chdir(checkout)
    result = runner.invoke(cli, ["--project", str(db), "tag"])
    assert result.exit_code == 0, result.output
    assert "codebook andet " in result.output
    assert Project(db).codebook().name == "andet"
    # --codebook still switches, when asked.
    switched = runner.invoke(
        cli, ["--project", str(db), "tag", "--codebook", "codebooks/mentorordning.yaml"]
    )
    assert switched.exit_code == 1 and "its codes differ from the project's" in switched.output
