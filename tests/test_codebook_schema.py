"""The codebook format is described once (issue 21): the validator, `codebook --help`,
the README and `codebook new` all come from `mentorqual.codebook.schema`; validation
reports every problem of a file at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from mentorqual.cli import cli
from mentorqual.codebook import RULE_KEYS, SUBCODE_KEYS, THEME_KEYS, load_codebook, schema
from mentorqual.errors import CodebookError

from .conftest import CODEBOOK, ROOT


def test_the_validator_allows_exactly_the_schemas_keys(write: Callable[..., Path]) -> None:
    assert THEME_KEYS == schema.THEME.names and RULE_KEYS == schema.RULE.names
    assert SUBCODE_KEYS < THEME_KEYS
    path = write("cb.yaml", "themes:\n  - code: a\n    colour_hex: '#000000'\n")
    with pytest.raises(CodebookError) as error:
        load_codebook(path)
    assert str(error.value) == (
        f"{path}, line 3: unknown key 'colour_hex' in a theme; allowed: "
        + ", ".join(sorted(schema.THEME.names))
    )


def test_readme_has_the_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Codebook format", 1)[1].split("\n## ", 1)[0]
    assert schema.markdown() in section


def test_codebook_help_has_every_key() -> None:
    shown = CliRunner().invoke(cli, ["codebook", "--help"], terminal_width=200).output
    lines = [line.strip() for line in shown.splitlines()]
    for section in schema.SCHEMA:
        for key in section.keys:
            if section.like:
                assert key.name in shown
                continue
            assert any(line.startswith(key.name) and line.endswith(key.meaning) for line in lines)
            assert key.example in lines
    assert schema.help_text().count("\b") == len(schema.SCHEMA)


def _keys(data: Any, found: set[str]) -> set[str]:
    if isinstance(data, dict):
        found |= {str(k) for k in data}
        for value in data.values():
            _keys(value, found)
    elif isinstance(data, list):
        for value in data:
            _keys(value, found)
    return found


def test_codebook_new_writes_a_starter_that_validates_and_shows_every_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "codebooks" / "mit-projekt.yaml"
    path.parent.mkdir()
    result = CliRunner().invoke(cli, ["codebook", "new", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {path}: 3 codes, 2 rules.")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A mentorqual codebook.")
    every = {k.name for section in schema.SCHEMA for k in section.keys}
    # Rule keys that are patterns' own (LOWER) are not codebook keys.
    assert every <= _keys(yaml.safe_load(text), set())
    for section in schema.SCHEMA:
        for key in section.keys:
            if not section.like:
                assert f"# {key.meaning}" in text, key.name
    checked = CliRunner().invoke(cli, ["codebook", "validate", str(path)])  # compiles the rules
    assert checked.exit_code == 0, checked.output
    assert load_codebook(path).name == "mit-projekt"
    again = CliRunner().invoke(cli, ["codebook", "new", str(path)])
    assert (again.exit_code, again.output) == (
        1,
        f"Error: {path}: already exists; choose a new file name\n",
    )


def test_validate_reports_every_problem_at_once(write: Callable[..., Path]) -> None:
    path = write(
        "cb.yaml",
        "themes:\n"
        "  - code: Tryghed\n"  # 2
        "    color: '#000000'\n"  # 3
        "  - code: a\n"
        "    colour: red\n"  # 5
        "    follow_question: ja\n"  # 6
        "    rules:\n"
        "      - id: r\n"
        "        terms: [x]\n"
        "        min_hits: 0\n"  # 10
        "      - id: r\n"  # 11
        "        regex: ['(']\n"  # 12
        "  - code: a\n",  # 13
    )
    result = CliRunner().invoke(cli, ["codebook", "validate", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"Error: {path}, line 2: code 'Tryghed' must be lower case")
    assert [line.removeprefix("Error: ").split(":")[0] for line in lines] == [
        f"{path}, line {n}" for n in (2, 3, 5, 6, 10, 11, 12, 13)
    ]
    assert "duplicate rule id 'r' (first on line 8)" in lines[5]
    assert "duplicate code 'a' (first on line 4)" in lines[7]


def test_many_problems_are_listed_ten_and_counted(write: Callable[..., Path]) -> None:
    themes = "".join(f"  - code: a\n    colour: red{n}\n" for n in range(12))
    with pytest.raises(CodebookError) as error:
        load_codebook(write("cb.yaml", "themes:\n" + themes))
    lines = str(error.value).splitlines()
    assert len(lines) == 11 and lines[-1] == "and 13 more"  # 12 colours, 11 duplicates


def test_every_bad_token_pattern_at_once(write: Callable[..., Path]) -> None:
    path = write(
        "cb.yaml",
        "themes:\n  - code: a\n    rules:\n"
        "      - id: r1\n        patterns: [[{NOSUCH: x}]]\n"
        "      - id: r2\n        patterns: [[{LOWER: {NOTIN: [x]}}]]\n",
    )
    result = CliRunner().invoke(cli, ["codebook", "validate", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"Error: {path}, line 4: rule 'r1': invalid pattern")
    assert lines[1].startswith(f"{path}, line 6: rule 'r2': invalid pattern")


def test_the_shipped_codebook_uses_only_schema_keys() -> None:
    assert load_codebook(CODEBOOK).themes
