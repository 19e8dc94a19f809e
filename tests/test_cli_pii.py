"""The PII guard before quotes and views leave the project: refuse, redact, allow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from mentorqual.cli import cli

from .conftest import coded_project, snapshot

PLANTED = """---
interview: P01
region: Sjælland
role: Jobkonsulent
---
I: Hvordan bruger I mentorer?
IP: Borgeren fik en fast mentor, og han var tryg ved hende. Ring på 23 45 67 89, sagde hun.
Mentoren skrev til borgeren på mette.hansen@example.dk om blanketterne.
Borgerens CPR-nummer 010203-1234 stod på papirerne, og Mette hjalp ham med blanketten.
Lederen på Solsikken bevilgede kurser til mentorerne.
"""
CODINGS = (
    "interview,segment,code,coder\n"
    "P01,p2,tryghed,A\nP01,p3,administration,A\nP01,p4,administration,A\nP01,p5,ledelse,A\n"
)


@pytest.fixture
def db(tmp_path: Path, write: Callable[..., Path]) -> Path:
    return coded_project(tmp_path / "p.db", write("P01.txt", PLANTED), write("a.csv", CODINGS))


def mq(runner: CliRunner, db: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, ["--project", str(db), *args])


def test_quotes_with_personal_data_are_refused(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.docx"
    result = mq(runner, db, "quotes", "-o", str(out))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("Error: personal data in the quotes, nothing was written: ")
    for finding in (
        "P01 p2 TELEFON '23 45 67 89'",
        "P01 p3 EMAIL 'mette.hansen@example.dk'",
        "P01 p4 CPR '010203-1234'",
        "P01 p4 NAVN 'Mette'",
    ):
        assert finding in result.output
    assert "use --redact to replace it or --allow-pii to skip the check" in result.output
    assert not out.exists()


def test_redacted_quotes(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.docx"
    assert mq(runner, db, "pii", "add-name", "Solsikken").exit_code == 0
    result = mq(runner, db, "quotes", "-o", str(out), "--redact")
    assert result.exit_code == 0, result.output
    quotes = [p.text for p in Document(str(out)).paragraphs if p.style.name == "Quote"]
    text = "\n".join(quotes)
    assert "Ring på [TELEFON], sagde hun." in text
    assert "på [EMAIL] om blanketterne" in text
    assert "CPR-nummer [CPR] stod på papirerne, og [NAVN] hjalp" in text
    assert "Lederen på [NAVN] bevilgede" in text  # the project's own name list
    for secret in ("23 45 67 89", "mette.hansen", "010203-1234", "Mette", "Solsikken"):
        assert secret not in text


def test_allow_pii_skips_the_check(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "q.md"
    assert mq(runner, db, "quotes", "-o", str(out), "--allow-pii").exit_code == 0
    assert "010203-1234" in out.read_text(encoding="utf-8")


def test_view_refuses_and_redacts(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "view"
    refused = mq(runner, db, "view", "-o", str(out))
    assert refused.exit_code == 1
    assert refused.output.startswith("Error: personal data in the transcripts")
    assert not out.exists()
    done = mq(runner, db, "view", "-o", str(out), "--redact")
    assert done.exit_code == 0, done.output
    page = (out / "P01.html").read_text(encoding="utf-8")
    assert "[CPR]" in page and "010203-1234" not in page and "mette.hansen" not in page


def test_pii_scan_lists_findings(runner: CliRunner, db: Path) -> None:
    result = mq(runner, db, "pii", "scan")
    assert result.exit_code == 1
    assert "P01 p4: CPR '010203-1234'" in result.output
    assert result.output.endswith("Error: 4 finding(s) of personal data\n")


def test_add_name_needs_a_name(runner: CliRunner, db: Path) -> None:
    before = snapshot(db)
    result = mq(runner, db, "pii", "add-name", " ")
    assert (result.exit_code, result.output) == (1, "Error: no names given\n")
    assert snapshot(db) == before


def test_pii_allow_accepts_one_finding_or_a_word(runner: CliRunner, db: Path) -> None:
    before = mq(runner, db, "pii", "scan")
    assert before.exit_code == 1
    assert "Found: " in before.output and "[CPR:010203-1234]" in before.output
    allowed = mq(runner, db, "pii", "allow", "CPR:010203-1234")
    assert (allowed.exit_code, allowed.output) == (0, "Allowed 1 new entry.\n")
    again = mq(runner, db, "pii", "allow", "CPR:010203-1234")
    assert again.output == "Allowed 0 new entries.\n"
    after = mq(runner, db, "pii", "scan")
    assert "010203-1234" not in after.output
    assert after.output.endswith("Error: 3 finding(s) of personal data\n")


def test_pii_allow_refuses_an_unknown_kind(runner: CliRunner, db: Path) -> None:
    before = snapshot(db)
    result = mq(runner, db, "pii", "allow", "NAME:Storm")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown kind in 'NAME:Storm'; a finding is KIND:text")
    assert snapshot(db) == before
