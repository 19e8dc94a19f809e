"""`tag`, `explain`, `evaluate` and `codebook validate/show` from the command line."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mentorqual import Project
from mentorqual.cli import cli

from .conftest import CODEBOOK, INTERVIEW, coded_project, snapshot

CODINGS = "interview,segment,code,coder\nT01,p2,administration,A\nT01,p5,ledelse,A\n"


@pytest.fixture
def db(tmp_path: Path, write: Callable[..., Path]) -> Path:
    return coded_project(tmp_path / "p.db", write("T01.txt", INTERVIEW), write("a.csv", CODINGS))


def mq(runner: CliRunner, db: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(cli, ["--project", str(db), *args])


def machine_rows(db: Path) -> list[tuple[object, ...]]:
    return [r for r in snapshot(db)[2] if r[0] == "codings" and r[4] == "rules"]


def test_tag_writes_rules_codings_with_origin_and_evidence(runner: CliRunner, db: Path) -> None:
    result = mq(runner, db, "tag", "--method", "rules", "--codebook", str(CODEBOOK))
    assert result.exit_code == 0, result.output
    assert "Added 3, removed 0 and kept 0 rules codings on 3 paragraphs" in result.output
    rows = machine_rows(db)
    assert {r[3] for r in rows} == {"administration", "kurser"}
    import hashlib

    assert {r[6] for r in rows} == {hashlib.sha256(CODEBOOK.read_bytes()).hexdigest()}
    explained = mq(runner, db, "explain", "T01", "p2")
    assert explained.exit_code == 0
    text = Project(db).store().db.execute("SELECT text FROM texts").fetchone()[0]
    papirer, blanketter = text.index("papirer"), text.index("blanketter")
    assert explained.output.splitlines() == [
        "T01 p2: Der er mange papirer og blanketter.",
        "  administration by A (human)",
        "  administration by rules (rules "
        + hashlib.sha256(CODEBOOK.read_bytes()).hexdigest()[:12]
        + ")",
        f"    rule administration-ord: 'papirer' [{papirer}:{papirer + 7}], "
        f"'blanketter' [{blanketter}:{blanketter + 10}]",
    ]


def test_retagging_is_idempotent_and_keeps_human_codings(runner: CliRunner, db: Path) -> None:
    assert mq(runner, db, "tag", "--codebook", str(CODEBOOK)).exit_code == 0
    before = snapshot(db)
    human = [r for r in before[2] if r[0] == "codings" and r[5] == "human"]
    again = mq(runner, db, "tag", "--codebook", str(CODEBOOK))
    assert "Added 0, removed 0 and kept 3 rules codings" in again.output
    after = snapshot(db)
    assert [r for r in after[2] if r[0] == "codings" and r[5] == "human"] == human
    assert len(machine_rows(db)) == 3 and after[0] == before[0]


def test_dry_run_lists_changes_and_writes_nothing(
    runner: CliRunner, db: Path, write: Callable[..., Path]
) -> None:
    mq(runner, db, "tag", "--codebook", str(CODEBOOK))
    before = snapshot(db)
    smaller = CODEBOOK.read_text(encoding="utf-8").replace('"*lønseddel", ', "")
    smaller = smaller.replace('"blanket*", "*blanket", "papir*", "*papir", ', "")
    path = write("cb.yaml", smaller)
    result = mq(runner, db, "tag", "--codebook", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "- T01 p2 administration" in result.output
    # p3 keeps administration through "tastes"; p2 loses it.
    assert "Would add 0, remove 1 and keep 2 rules codings" in result.output
    assert snapshot(db) == before


def test_codebook_with_other_codes_is_refused(
    runner: CliRunner, db: Path, write: Callable[..., Path]
) -> None:
    path = write(
        "cb.yaml",
        "themes:\n  - code: kurser\n    rules:\n      - id: k\n        terms: ['*kursus']\n",
    )
    before = snapshot(db)
    result = mq(runner, db, "tag", "--codebook", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}: its codes differ from the project's")
    assert snapshot(db) == before
    # Issue 22: A's codings go only with --delete-codings, given to codebook load.
    refused = mq(runner, db, "tag", "--codebook", str(path), "--codebook-update")
    assert refused.exit_code == 1
    assert "--codebook-update --delete-codings' (a backup of" in refused.output
    assert snapshot(db) == before
    loaded = mq(runner, db, "codebook", "load", str(path), "--codebook-update", "--delete-codings")
    assert loaded.exit_code == 0, loaded.output
    assert "Deleted 2 human coding(s); backup: " in loaded.output
    updated = mq(runner, db, "tag", "--codebook", str(path), "--codebook-update")
    assert updated.exit_code == 0, updated.output
    info = Project(db).info()
    assert info.codes == ["kurser"]
    assert info.interviews[0].codings == {"rules": 1}  # A's codes were removed


def test_evaluate_prints_and_writes(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    mq(runner, db, "tag", "--codebook", str(CODEBOOK))
    out = tmp_path / "eval.csv"
    result = mq(runner, db, "evaluate", "--coder", "rules", "--against", "A", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "rules against A, 3 paragraphs"
    rows = [line for line in lines[3:] if line.startswith("| ")]
    cells = {line.split("|")[1].strip(): line.split("|")[2:10] for line in rows}
    # A: administration on p2; rules: administration on p2 and p3 (units, support,
    # predicted, tp, fp, fn, precision, recall).
    assert [c.strip() for c in cells["administration"]] == [
        "3",
        "1",
        "2",
        "1",
        "1",
        "0",
        "0.500",
        "1.000",
    ]
    # 3 paragraphs x 5 codes; A adds ledelse on p5, rules add kurser on p5.
    assert [c.strip() for c in cells["micro"][:6]] == ["15", "2", "3", "1", "2", "1"]
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "code,units,support,predicted,tp,fp,fn,precision,recall,f1,kappa"
    # Rounded as the table shows them (three decimals), not 0.6666666666666666.
    administration = next(line for line in text.splitlines() if line.startswith("administr"))
    assert administration.split(",")[7:9] == ["0.500", "1.000"]
    assert not re.search(r"\.\d{4}", text)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--coder", "nobody", "--against", "A"],
            "Error: unknown coder 'nobody'; the project has A, rules\n",
        ),
        (
            ["--coder", "rules", "--against", "A", "--only", "X*"],
            "Error: coders 'rules' and 'A' have no segments in common\n",
        ),
        (
            ["--coder", "rules", "--against", "A", "-o", "e.pdf"],
            "Error: e.pdf: unsupported output type '.pdf'; use .md, .csv, .xlsx\n",
        ),
        (
            ["--coder", "rules", "--against", "A", "--repeats", "3"],
            "Error: coder 'rules' has fixed codings, so repeated splits would all give the "
            "same figures; repeats are for 'classifier' and 'machine'\n",
        ),
    ],
)
def test_evaluate_errors(runner: CliRunner, db: Path, args: list[str], message: str) -> None:
    mq(runner, db, "tag", "--codebook", str(CODEBOOK))
    result = mq(runner, db, "evaluate", *args)
    assert result.exit_code == 1
    assert result.output == message


def test_explain_errors(runner: CliRunner, db: Path) -> None:
    assert (
        mq(runner, db, "explain", "T09", "p1").output == f"Error: T09: no such interview in {db}\n"
    )
    assert (
        mq(runner, db, "explain", "T01", "p99").output
        == "Error: T01: no segment 'p99' in this interview\n"
    )


def test_codebook_validate_and_show(runner: CliRunner, write: Callable[..., Path]) -> None:
    ok = runner.invoke(cli, ["codebook", "validate", str(CODEBOOK)])
    assert ok.exit_code == 0
    assert ok.output.startswith(f"{CODEBOOK}: valid; 5 themes, 0 sub-codes, ")
    shown = runner.invoke(cli, ["codebook", "show", str(CODEBOOK)])
    assert "rule administration-ord: terms blanket*" in shown.output
    assert "rule administration-sag [at least 2 words]: terms bevilling*" in shown.output
    assert "follow_question: later paragraphs of an answer keep" in shown.output
    bad = write(
        "cb.yaml", "themes:\n  - code: a\n    rules:\n      - id: r\n        regex: ['(']\n"
    )
    result = runner.invoke(cli, ["codebook", "validate", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}, line 5: rule 'r': regex '(' does not compile")


def test_explain_shows_a_theme_kept_from_the_question(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    transcript = write(
        "T02.txt",
        "---\ninterview: T02\nregion: Sjælland\nrole: Jobkonsulent\n---\n"
        "I: Hvad med kurser for mentorerne?\n"
        "IP: Der er et mentorkursus to gange om året.\n"
        "Men de små virksomheder kan ikke undvære en mand i to dage.\n",
    )
    db = tmp_path / "q.db"
    assert mq(runner, db, "import", str(transcript)).exit_code == 0
    assert mq(runner, db, "tag", "--method", "rules", "--codebook", str(CODEBOOK)).exit_code == 0
    shown = mq(runner, db, "explain", "T02", "p3")
    assert shown.exit_code == 0, shown.output
    assert "  kurser by rules (rules" in shown.output
    lines = shown.output.splitlines()
    (follow,) = [line for line in lines if "follow-question" in line]
    raw = transcript.read_text(encoding="utf-8")
    text = raw[raw.index("I: Hvad") :]  # the interview's text, without the front matter
    start = text.index("kurser")
    assert follow == (
        f"    rule follow-question: 'kurser' [{start}:{start + 6}] (in the interviewer's question)"
    )
