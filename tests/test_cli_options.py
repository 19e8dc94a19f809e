"""One option vocabulary across the commands (issue 21): the same concept has the same
option name and the same metavar everywhere."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mentorqual.cli import cli

from .conftest import TRANSCRIPTS
from .test_docs import ALL

# Option -> the metavar it shows, for every concept more than one command has.
VOCABULARY = {
    "--coder": "NAME",
    "--against": "NAME",
    "--from": "NAME",
    "--for": "NAME",
    "--coders": "NAME,NAME[,...]",
    "--theme": "CODE",
    "--code": "CODE",
    "--codes": "CODE,...",
    "--by": "ATTRIBUTE",
    "--region": "REGION",
    "--codebook": "FILE",
    "--interviewer-label": "LABEL",
    "--only": "PATTERN",
    "--plot": "FILE",
}

OPTIONS = [
    (path, param)
    for path, command in ALL
    for param in command.params
    if isinstance(param, click.Option) and not param.hidden
]


def metavar(param: click.Option) -> str:
    return param.make_metavar(click.Context(cli))


@pytest.mark.parametrize(("path", "param"), OPTIONS, ids=[f"{p} {o.opts[-1]}" for p, o in OPTIONS])
def test_every_option_uses_the_vocabulary(path: str, param: click.Option) -> None:
    long = [o for o in param.opts if o.startswith("--")]
    assert long, f"{path}: {param.opts} has no long name"
    name = long[0]
    if name in VOCABULARY:
        assert metavar(param) == VOCABULARY[name], path
    # What a command writes is always -o/--output: a FILE, or a DIRECTORY for a folder.
    if "-o" in param.opts or name in ("--output", "--out"):
        assert param.opts == ["-o", "--output"], path
        folder = isinstance(param.type, click.Path) and not param.type.file_okay
        assert metavar(param) == ("DIRECTORY" if folder else "FILE"), path
    if name == "--by":
        assert param.multiple, f"{path}: --by is repeatable everywhere, to cross attributes"


def test_one_metavar_per_option_name() -> None:
    seen: dict[str, set[str]] = {}
    for _, param in OPTIONS:
        # A choice shows its own values (--format [qdc], --format [text|csv]).
        if param.is_flag or "--output" in param.opts or isinstance(param.type, click.Choice):
            continue
        seen.setdefault(param.opts[-1], set()).add(metavar(param))
    assert {name: shown for name, shown in seen.items() if len(shown) > 1} == {}


def test_shared_options_come_from_the_options_module() -> None:
    """Help texts of the same option are the same: they are one decorator."""
    helps: dict[str, set[str]] = {}
    for _, param in OPTIONS:
        if param.opts[-1] in ("--codebook", "--codebook-update", "--redact", "--allow-pii"):
            helps.setdefault(param.opts[-1], set()).add(param.help or "")
    assert helps and all(len(texts) == 1 for texts in helps.values()), helps


def test_run_takes_output_and_keeps_out_as_a_hidden_alias(tmp_path: Path) -> None:
    run = dict(ALL)["run"]
    shown = CliRunner().invoke(cli, ["run", "--help"]).output
    assert "-o, --output DIRECTORY" in shown and "--out " not in shown
    assert any(p.hidden and "--out" in p.opts for p in run.params if isinstance(p, click.Option))
    both = CliRunner().invoke(
        cli,
        ["--project", str(tmp_path / "p.db"), "run", str(TRANSCRIPTS), "-o", "a", "--out", "b"],
    )
    assert both.exit_code == 2 and "give the output folder once, with -o/--output" in both.output
