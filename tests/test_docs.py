"""Every command has help that ends with an example, and is in the README."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from mentorqual.cli import cli

from .conftest import ROOT


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += commands(command, f"{path} ")
    return found


ALL = commands(cli)


@pytest.mark.parametrize(("path", "command"), ALL, ids=[p for p, _ in ALL])
def test_help_ends_with_an_example(path: str, command: click.Command) -> None:
    help_text = (command.help or "").strip()
    assert "Example:" in help_text
    example = help_text.rsplit("Example:", 1)[1].strip().removeprefix("\b").strip()
    assert example.startswith("mentorqual ")
    assert f" {path.split()[0]}" in example
    # Each example line is shown as written: several need click's no-rewrap marker.
    shown = CliRunner().invoke(cli, [*path.split(), "--help"], terminal_width=80).output
    lines = {line.strip() for line in shown.splitlines()}
    assert all(line.strip() in lines for line in example.splitlines()), shown


@pytest.mark.parametrize(("path", "command"), ALL, ids=[p for p, _ in ALL])
def test_command_is_in_the_readme(path: str, command: click.Command) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if isinstance(command, click.Group):
        assert f"mentorqual {path} " in readme
    else:
        assert f"`mentorqual {path}" in readme


def test_readme_quick_start_shows_the_two_commands_first() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1]
    first_block = quick.split("```", 2)[1]
    assert first_block.split() == ["make", "demo", "make", "test"]


def test_readme_lists_every_csv_s_columns() -> None:
    """README "CSV columns": one row per CSV, its keys exactly the writer's."""
    from dataclasses import fields

    from mentorqual.agreement.evaluation import Scores
    from mentorqual.cli.interviews import SHOW_COLUMNS
    from mentorqual.reports.counts import DATA_HEADINGS
    from mentorqual.reports.quotes import KEYS
    from mentorqual.reports.retrieval import COOCCURRENCE_KEYS, KWIC_KEYS, PASSAGE_KEYS
    from mentorqual.workflows.codings import EXPORT_COLUMNS

    writers = {
        "codings export": EXPORT_COLUMNS,
        "counts": tuple(DATA_HEADINGS),  # after the grouping
        "quotes": (*KEYS, "basis"),
        "retrieve": PASSAGE_KEYS,
        "cooccurrence": COOCCURRENCE_KEYS,
        "search": KWIC_KEYS,
        "evaluate": tuple(f.name for f in fields(Scores)),
        "show --format csv": SHOW_COLUMNS,
    }
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("**CSV columns.**")[1]
    table = [line for line in section.split("\n\n")[1].splitlines() if line.startswith("| `")]
    listed = {}
    for line in table:
        name, columns = line.split(" | ")[:2]
        spans = columns.split("`")[1::2]  # the code spans; the key list is the first with ","
        listed[name.strip("| `").split("`")[0]] = tuple(
            next(s for s in spans if "," in s).split(", ")
        )
    assert listed == writers
