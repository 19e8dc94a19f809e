"""What users type matches as they mean it (issue 21): interview ids in any case, codes
by code or label in any case, and `explain` shows an interviewer's paragraph too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.errors import InputError
from mentorqual.workflows import lookups

from .conftest import INTERVIEW

CODEBOOK = """codebook: opslag
themes:
  - code: adm
    label: Papirarbejde
    rules:
      - id: adm-ord
        terms: ["blanket*", "papir*"]
  - code: kursus
    label: Kurser
    rules:
      - id: kursus-ord
        terms: ["*kursus", "*kurset"]
"""


@pytest.fixture
def tagged(tmp_path: Path, write: Callable[..., Path]) -> Path:
    db = tmp_path / "p.db"
    book = str(write("opslag.yaml", CODEBOOK))
    for args in (
        ["codebook", "load", book],
        ["import", str(write("T01.txt", INTERVIEW))],
        ["tag", "--codebook", book],
    ):
        result = CliRunner().invoke(cli, ["--project", str(db), *args])
        assert result.exit_code == 0, result.output
    return db


def mq(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(db), *args])
    return result.exit_code, result.output


def test_explain_takes_the_id_in_any_case(tagged: Path) -> None:
    code, output = mq(tagged, "explain", "t01", "P2")
    assert code == 0, output
    assert output.splitlines()[0] == "T01 p2: Der er mange papirer og blanketter."
    assert "  adm by rules" in output
    assert mq(tagged, "explain", "T99", "p2") == (
        1,
        f"Error: T99: no such interview in {tagged}\n",
    )


def test_explain_shows_an_interviewers_paragraph(tagged: Path) -> None:
    code, output = mq(tagged, "explain", "T01", "p1")
    assert code == 0, output
    assert output == (
        "T01 p1: Hvordan fungerer administrationen hos jer?\n"
        "  the interviewer's paragraph (I): only the respondent's paragraphs are coded\n"
    )


def test_two_ids_that_differ_only_in_case_are_refused(
    tagged: Path, write: Callable[..., Path]
) -> None:
    twin = write("other/t01.txt", INTERVIEW.replace("interview: T01", "interview: t01"))
    assert mq(tagged, "import", str(twin)) == (
        1,
        f"Error: {twin}: interview id 't01' differs only in case from 'T01' in the "
        "project; ids match in any case, so rename one\n",
    )
    first = write("both/a.txt", INTERVIEW.replace("interview: T01", "interview: KBH1"))
    second = write("both/b.txt", INTERVIEW.replace("interview: T01", "interview: kbh1"))
    assert mq(tagged, "import", str(first.parent)) == (
        1,
        f"Error: {second}: interview id 'kbh1' differs only in case from 'KBH1' (in "
        f"{first}); ids match in any case, so rename one\n",
    )


def test_codes_match_by_code_or_label_in_any_case(tagged: Path) -> None:
    project = Project(tagged)
    by_label = project.counts(themes=["papirarbejde"], coder="rules")
    assert by_label.rows == project.counts(themes=["adm"], coder="rules").rows
    assert {r["theme"] for r in by_label.rows} == {"adm"}
    code, output = mq(tagged, "counts", "--coder", "rules", "--theme", "KURSER")
    assert code == 0, output
    assert "| Kurser |" in output and "Papirarbejde" not in output
    code, output = mq(tagged, "counts", "--coder", "rules", "--theme", "mad")
    assert (code, output) == (1, "Error: unknown theme 'mad'; valid values: adm, kursus\n")


def test_a_name_that_fits_two_codes_is_refused() -> None:
    themes = [("a", "B"), ("b", "Anden")]
    assert lookups.codes("code", ["b"], themes) == ["b"]  # an exact code wins
    with pytest.raises(InputError, match="^code 'B ' matches|^unknown code 'B '"):
        lookups.codes("code", ["B "], themes)
    assert lookups.codes("code", ["A", "ANDEN"], themes) == ["a", "b"]
    with pytest.raises(InputError) as error:
        lookups.codes("code", ["B"], [("a", "B"), ("b", "X")])
    assert str(error.value) == "code 'B' matches the codes a, b; give the code exactly"
