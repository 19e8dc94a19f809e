"""Classifier workflows on a project: train, tag, evaluate, suggest, and the coding
sheet round trip."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from mentorqual import Project
from mentorqual.cli import cli

from .conftest import CODEBOOK, snapshot


@pytest.fixture
def db(sample: Path, tmp_path: Path) -> Path:
    """A copy of the sample after `run`: it holds a trained classifier."""
    path = tmp_path / "p.db"
    shutil.copy(sample, path)
    return path


def mq(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(db), *args])
    return result.exit_code, result.output


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_run_trained_and_tagged_with_classifier_and_machine(db: Path) -> None:
    ((model, coders, size, codebook),) = rows(
        db, "SELECT id, coders, training_size, codebook_sha256 FROM models"
    )
    assert coders == '["A"]' and size == 793
    assert codebook == rows(db, "SELECT DISTINCT codebook_sha256 FROM codes")[0][0]
    counts = dict(rows(db, "SELECT coder, COUNT(*) FROM codings GROUP BY coder"))
    assert counts["classifier"] > 0 and counts["machine"] > 0
    versions = {
        v for (v,) in rows(db, "SELECT origin_version FROM codings WHERE coder = 'classifier'")
    }
    assert versions == {model}
    # Scores are probabilities at or above each code's threshold.
    low, high = rows(db, "SELECT MIN(score), MAX(score) FROM codings WHERE coder = 'classifier'")[0]
    assert 0 < float(low) <= float(high) <= 1  # type: ignore[arg-type]


def test_machine_codings_are_the_classifier_plus_supported_rule_hits(db: Path) -> None:
    pairs = {
        coder: set(rows(db, f"SELECT segment_id, code FROM codings WHERE coder = '{coder}'"))
        for coder in ("classifier", "machine", "rules")
    }
    assert pairs["classifier"] <= pairs["machine"]
    assert pairs["machine"] <= pairs["classifier"] | pairs["rules"]


def test_evaluate_classifier_is_cross_validated(db: Path) -> None:
    code, output = mq(db, "evaluate", "--coder", "classifier", "--against", "A", "--only", "*03")
    assert code == 0, output
    (n,) = rows(
        db,
        "SELECT COUNT(*) FROM assessments a JOIN segments s ON s.id = a.segment_id "
        "WHERE a.coder = 'A' AND s.interview_id LIKE '%03'",
    )[0]
    assert output.startswith(f"classifier against A, {n} paragraphs\n")
    lines = {line.split("|")[1].strip(): line for line in output.splitlines()[3:]}
    assert {"micro", "macro"} <= set(lines)
    # Honest figures: below the in-sample fit, which would be near 1.
    micro_f1 = float(lines["micro"].split("|")[10])
    assert 0.5 < micro_f1 < 0.95


def test_evaluate_repeats_gives_the_spread_over_grouped_splits(db: Path, tmp_path: Path) -> None:
    once = mq(db, "evaluate", "--coder", "classifier", "--against", "A", "--only", "*03")[1]
    out = tmp_path / "spread.csv"
    code, output = mq(
        db, "evaluate", "--coder", "classifier", "--against", "A", "--only", "*03",
        "--repeats", "2", "-o", str(out),
    )  # fmt: skip
    assert code == 0, output
    assert output.splitlines()[0].startswith("classifier against A, 2 grouped splits, ")
    header = [c.strip() for c in output.splitlines()[1].split("|")[1:-1]]
    assert header[:6] == ["code", "units", "support", "runs", "f1", "f1_mean"]
    first = {line.split("|")[1].strip(): line.split("|") for line in once.splitlines()[3:]}
    table = [line for line in output.splitlines()[3:] if line.startswith("|")]
    assert len(table) == len(first) == 7  # five codes, micro, macro
    for line in table:
        row = dict(zip(header, [c.strip() for c in line.split("|")[1:-1]], strict=True))
        # The standard split's figures are those of a single run.
        assert row["f1"] == first[row["code"]][10].strip()
        assert row["kappa"] == first[row["code"]][11].strip()
        for name in ("f1", "kappa"):
            low, mean, high = (float(row[f"{name}_{k}"]) for k in ("min", "mean", "max"))
            assert low <= float(row[name]) <= high and low <= mean <= high
    assert out.read_text(encoding="utf-8-sig").startswith("code,units,support,runs,f1,f1_mean")


def test_tag_classifier_refuses_a_model_from_another_codebook(db: Path, tmp_path: Path) -> None:
    changed = tmp_path / "codebook.yaml"
    changed.write_text(
        CODEBOOK.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"', 1),
        encoding="utf-8",
    )
    assert mq(db, "codebook", "load", str(changed))[0] == 0
    before = snapshot(db)
    code, output = mq(db, "tag", "--method", "classifier")
    assert code == 1
    assert (
        output.startswith("Error: the classifier ")
        and "was trained with another codebook" in output
    )
    assert output.endswith("train it again with 'mentorqual train'\n")
    assert snapshot(db) == before


def test_suggest_sheet_round_trip(db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.xlsx"
    code, output = mq(db, "suggest", "-n", "8", "-o", str(sheet), "--for", "B")
    (model,) = rows(db, "SELECT id FROM models")[0]
    assert (code, output) == (
        0,
        f"Wrote 8 paragraph(s) to code to {sheet}\n"
        f"Order: the classifier's doubt (model {model}), spread over interviews and regions, "
        "among the paragraphs coder B has not assessed\n"
        f"Write 1 under each code that fits, then: mentorqual codings import {sheet} "
        "--coder B\n",
    )
    book = load_workbook(sheet)
    ws = book["Kodning"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["interview", "region", "afsnit", "spørgsmål", "tekst"]
    codes = header[5:]
    assert [c.lower() for c in codes] == Project(db).info().codes  # labels: codes in capitals
    guide = " ".join(str(c.value) for c in book["Vejledning"]["A"])
    assert (
        f"Udvalg: afsnit, som koder B ikke har vurderet endnu: dem, klassifikatoren (model "
        f"{model}) er mest i tvivl om, spredt over interviews og regioner." in guide
    )
    picked = [r[:3] for r in ws.iter_rows(min_row=2, max_row=9, values_only=True)]
    # Paragraphs B has not assessed (B coded *01-*03), spread over interviews and regions.
    assert all(i[-2:] in ("04", "05", "06") for i, _, _ in picked)
    assert len({i for i, _, _ in picked}) == 8 and len({r for _, r, _ in picked}) == 5
    validations = ws.data_validations.dataValidation
    assert {v.formula1 for v in validations} == {'"1,0"'}
    assert sorted(str(v.sqref) for v in validations) == [
        f"{column}2:{column}9" for column in "FGHIJ"[: len(codes)]
    ]
    ws.cell(row=2, column=6, value=1)  # tryghed
    ws.cell(row=2, column=10, value="Ja")  # ledelse: ja/nej still read, in any case
    ws.cell(row=3, column=7, value=0)  # assessed, nothing found
    book.save(sheet)
    code, output = mq(db, "codings", "import", str(sheet), "--coder", "C")
    assert (code, output) == (0, "C: 2 added, 0 removed, on 2 interview(s)\n")
    project = Project(db)
    with project._reading() as store:
        assessed = store.assessed("C")
        pairs = store.coding_pairs("C")
        located = {
            (p.interview, p.locator): p.id
            for p in store.respondent_paragraphs()
            if (p.interview, p.locator) in {(i, s) for i, _, s in picked[:2]}
        }
    first, second = (located[(i, s)] for i, _, s in picked[:2])
    assert assessed == {first, second}
    assert pairs == {(first, "tryghed"), (first, "ledelse")}


def test_suggest_for_one_code_picks_by_that_codes_doubt(db: Path, tmp_path: Path) -> None:
    from mentorqual.workflows import classifier as machine

    sheet = tmp_path / "tryghed.xlsx"
    code, output = mq(db, "suggest", "-n", "1", "--code", "tryghed", "-o", str(sheet), "--for", "B")
    assert code == 0, output
    ws = load_workbook(sheet)["Kodning"]
    header = [c.value.lower() for c in ws[1]]
    assert header[5:] == Project(db).info().codes  # still every code
    ((interview, _, segment, *_),) = ws.iter_rows(min_row=2, max_row=2, values_only=True)
    assert output.splitlines()[1].startswith("Order: the classifier's doubt about tryghed ")
    # One pick is the paragraph whose tryghed probability is closest to its threshold.
    with Project(db)._reading() as store:
        _, model = machine.load(store)
        left = [p for p in store.respondent_paragraphs() if p.id not in store.assessed("B")]
    p = model.predict_proba([q.text for q in left])[:, model.codes.index("tryghed")]
    doubt = abs(p - model.thresholds["tryghed"])
    closest = left[int(doubt.argmin())]
    assert (interview, segment) == (closest.interview, closest.locator)
    before = snapshot(db)
    code, output = mq(db, "suggest", "--code", "trygheden", "-o", str(tmp_path / "x.xlsx"))
    assert (code, output) == (
        1,
        "Error: unknown code 'trygheden'; the classifier has tryghed, kompetenceafklaring, "
        "administration, kurser, ledelse\n",
    )
    assert snapshot(db) == before and not (tmp_path / "x.xlsx").exists()


def test_sheet_with_bad_cells_is_refused(db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.xlsx"
    assert mq(db, "suggest", "-n", "3", "-o", str(sheet), "--for", "B")[0] == 0
    book = load_workbook(sheet)
    ws = book["Kodning"]
    ws["F2"], ws["H3"] = "måske", 1
    ws["I4"] = 2
    book.save(sheet)
    before = snapshot(db)
    code, output = mq(db, "codings", "import", str(sheet), "--coder", "C")
    assert (code, output) == (
        1,
        f"Error: {sheet}: 2 cell(s) are not 1 or 0 (ja/nej) or empty, nothing was imported: "
        "F2 'måske'; I4 '2'\n",
    )
    assert snapshot(db) == before
    assert mq(db, "codings", "import", str(sheet))[1] == (
        f"Error: {sheet}: a coding sheet needs --coder NAME\n"
    )


def test_suggest_when_everything_is_coded(db: Path, tmp_path: Path) -> None:
    code, output = mq(db, "suggest", "-o", str(tmp_path / "s.xlsx"))
    assert (code, output) == (
        1,
        "Error: the human coders (A, B) have assessed every paragraph; nothing left to "
        "suggest. To code them again for agreement, name a coder with --for NAME\n",
    )


def test_suggest_in_reading_order_with_a_classifier(db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "reading.xlsx"
    code, output = mq(
        db, "suggest", "-n", "3", "--order", "reading", "--for", "B", "-o", str(sheet)
    )
    assert code == 0, output
    assert output.splitlines()[1] == (
        "Order: paragraphs in reading order, among those coder B has not assessed"
    )
    picked = [
        r[:5]
        for r in load_workbook(sheet)["Kodning"].iter_rows(min_row=2, max_row=4, values_only=True)
    ]
    with Project(db)._reading() as store:
        done = store.assessed("B")
        left = sorted(
            (p for p in store.respondent_paragraphs() if p.id not in done),
            key=lambda p: (p.interview, p.start),
        )[:3]
        asked = {}
        for p in left:
            before = [
                q.text
                for q in sorted(store.paragraphs(p.interview, role=None), key=lambda q: q.start)
                if q.role == "interviewer" and q.start < p.start
            ]
            said = [t for t in before if "?" in t or len(t.split()) > 2]  # not "Mm."
            asked[p.id] = (said or before or [""])[-1]
    assert [(i, s, q, t) for i, _, s, q, t in picked] == [
        (p.interview, p.locator, asked[p.id], p.text) for p in left
    ]


# -- training errors on a small project ---------------------------------------------------

TWO = """---
interview: {id}
region: Sjælland
role: Jobkonsulent
---
I: Fortæl om papirarbejdet.
IP: Der er mange blanketter og lønsedler.
Mentorkurset var godt.
Lederen bakker op.
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    folder.mkdir()
    for interview in ("S01", "S02"):
        (folder / f"{interview}.txt").write_text(TWO.format(id=interview), encoding="utf-8")
    path = tmp_path / "small.db"
    for args in (["codebook", "load", str(CODEBOOK)], ["import", str(folder)]):
        assert mq(path, *args)[0] == 0
    return path


CODE_NEW = (
    "'mentorqual suggest -n 40 -o sheet.xlsx' writes a coding sheet (read it back with "
    "'mentorqual codings import sheet.xlsx --coder NAME'), or code in the browser with "
    "'mentorqual serve --coder NAME'"
)


def test_training_without_human_codings(small: Path) -> None:
    assert mq(small, "train", "--from", "A") == (
        1,
        "Error: cannot train from 'A': not a human coder; the project has no human codings "
        f"yet; code paragraphs first: {CODE_NEW}\n",
    )


def test_training_with_too_few_positives(small: Path, tmp_path: Path) -> None:
    csv = tmp_path / "a.csv"
    csv.write_text(
        "interview,segment,code,coder\nS01,p2,administration,K1\nS02,p2,administration,K1\n"
        "S01,p3,kurser,K1\n",
        encoding="utf-8",
    )
    assert mq(small, "codings", "import", str(csv))[0] == 0
    before = snapshot(small)
    code, output = mq(small, "train", "--from", "K1")
    assert code == 1
    # K1 has assessed both interviews: more codings need more interviews.
    assert output == (
        "Error: too few positive paragraphs to train on for tryghed (0), "
        "kompetenceafklaring (0), administration (2), kurser (1), ledelse (0); at least 5 "
        "are needed per code. Code more of them: K1 has assessed every paragraph, so import "
        "more interviews ('mentorqual import FOLDER') and then 'mentorqual suggest -n 40 "
        "--for K1 -o sheet.xlsx' writes a coding sheet (read it back with 'mentorqual codings "
        "import sheet.xlsx --coder K1'), or code in the browser with 'mentorqual serve "
        "--coder K1'\n"
    )
    assert snapshot(small) == before


def test_tag_classifier_without_a_model(small: Path) -> None:
    assert mq(small, "tag", "--method", "classifier") == (
        1,
        f"Error: the project has no trained classifier; no human coder has coded yet; code "
        f"paragraphs first: {CODE_NEW}; then run 'mentorqual train --from NAME'\n",
    )


def test_hints_name_only_the_projects_coders(small: Path, tmp_path: Path) -> None:
    """With one human coder, K1, no hint names any other (issue 18)."""
    csv = tmp_path / "k.csv"
    csv.write_text("interview,segment,code,coder\nS01,p2,kurser,K1\n", encoding="utf-8")
    assert mq(small, "codings", "import", str(csv))[0] == 0
    out = str(tmp_path / "x.xlsx")
    outputs = [
        mq(small, *args)[1]
        for args in (
            ["train", "--from", "K1"],
            ["train", "--from", "A"],
            ["tag", "--method", "classifier"],
            ["tag", "--method", "both"],
            ["suggest", "--code", "kurser", "-o", out],
            ["suggest", "--order", "uncertainty", "-o", out],
            ["suggest", "-n", "1", "-o", out],
            ["evaluate", "--coder", "classifier", "--against", "K1"],
        )
    ]
    found = re.findall(r"(?:--coder|--for|--from) (\w+)|coders?:? ([A-Z]\w*)", "\n".join(outputs))
    named = {a or b for a, b in found}
    assert named and named <= {"K1", "NAME"}, outputs
    assert "train --from K1" in outputs[2] and "the project's human coders: K1" in outputs[1]
    # Training points at suggest, which works without a model: no loop back to train.
    assert "Code more of them: 'mentorqual suggest -n 40 --for K1 -o sheet.xlsx'" in outputs[0]
    assert mq(small, "suggest", "-n", "40", "--for", "K1", "-o", out)[0] == 0


def test_training_again_gives_the_same_model_id(db: Path) -> None:
    (before,) = rows(db, "SELECT id FROM models")[0]
    code, output = mq(db, "train", "--from", "A")
    assert code == 0, output
    assert output.startswith(f"Trained model {before} on 793 paragraphs from 30 interviews")
    assert rows(db, "SELECT id FROM models") == [(before,)]


def test_explain_shows_the_model_and_the_rules_machine_took_over(db: Path) -> None:
    ((interview, locator),) = rows(
        db,
        "SELECT s.interview_id, s.locator FROM codings c JOIN segments s ON s.id = c.segment_id "
        "WHERE c.coder = 'machine' AND c.evidence LIKE '%\"rule\"%' ORDER BY s.id LIMIT 1",
    )
    code, output = mq(db, "explain", str(interview), str(locator))
    assert code == 0, output
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if "by machine (machine " in line)
    assert lines[at + 1].startswith("    model ") and ": probability " in lines[at + 1]
    assert lines[at + 2].startswith("    rule ")


def test_hints_name_the_projects_own_coder(small: Path, tmp_path: Path) -> None:
    """No hint names a coder the project does not have (issue 21)."""
    csv = tmp_path / "k.csv"
    csv.write_text("interview,segment,code,coder\nS01,p2,kurser,K7\n", encoding="utf-8")
    assert mq(small, "codings", "import", str(csv))[0] == 0
    assert mq(small, "tag", "--method", "classifier") == (
        1,
        "Error: the project has no trained classifier; run 'mentorqual train --from K7'\n",
    )
