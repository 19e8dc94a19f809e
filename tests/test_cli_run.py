"""The main job on the sample corpus: `mentorqual run transcripts/ --out outputs/`."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from mentorqual import Project
from mentorqual.cli import cli

from .conftest import CODEBOOK, TRANSCRIPTS, snapshot


def expected_codings(coder_file: Path) -> set[tuple[str, str, str]]:
    with coder_file.open(encoding="utf-8", newline="") as handle:
        return {
            (r["interview"], r["segment"], r["code"]) for r in csv.DictReader(handle) if r["code"]
        }


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("run")
    result = CliRunner().invoke(
        cli,
        [
            "--project",
            str(tmp / "p.db"),
            "run",
            str(TRANSCRIPTS),
            "--out",
            str(tmp / "out"),
            "--codebook",
            str(CODEBOOK),
        ],
    )
    assert result.exit_code == 0, result.output
    return tmp / "p.db", result.output


def test_run_imports_every_sample_interview_and_coding(sample_run: tuple[Path, str]) -> None:
    db, output = sample_run
    files = sorted(p.stem for p in TRANSCRIPTS.glob("*") if p.suffix in (".txt", ".docx"))
    info = Project(db).info()
    assert [r.interview for r in info.interviews] == files
    per_coder = {coder: n for coder, _, n in info.coders}
    for coder in ("A", "B"):
        assert per_coder[coder] == len(
            expected_codings(TRANSCRIPTS / "codings" / f"coder_{coder}.csv")
        )
    assert f"Imported {len(files)} new" in output
    # Rule tagging: every respondent paragraph assessed by the "rules" coder.
    assert per_coder["rules"] > 0
    assert "rules codings on" in output


def test_sample_corpus_meets_its_brief(sample_run: tuple[Path, str]) -> None:
    interviews = Project(sample_run[0]).info().interviews
    regions: dict[str, int] = {}
    for row in interviews:
        regions[row.region] = regions.get(row.region, 0) + 1
    assert len(interviews) >= 30
    assert min(regions.values()) >= 5 and len(regions) == 5
    assert sum(r.words for r in interviews) >= 20_000
    assert {p.suffix for p in TRANSCRIPTS.glob("*.*")} >= {".txt", ".docx"}
    coded_by_b = {r.interview for r in interviews if "B" in r.codings}
    assert len(coded_by_b) >= 12


def test_second_run_adds_nothing_and_lang_en_writes_english(
    sample_run: tuple[Path, str], tmp_path: Path
) -> None:
    db, out = sample_run[0], tmp_path / "out"
    before = snapshot(db)
    result = CliRunner().invoke(
        cli,
        [
            "--project", str(db), "run", str(TRANSCRIPTS), "--out", str(out),
            "--codebook", str(CODEBOOK), "--lang", "en",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Imported 0 new and 0 replaced" in result.output
    counts, integrity, _ = snapshot(db)
    assert counts == before[0] and integrity == "ok"
    # Every report of the run in English, and the manifest says so.
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["lang"] == "en"
    sheets = {
        name: load_workbook(out / name).sheetnames
        for name in ("theme_counts_by_region.xlsx", "agreement.xlsx", "cooccurrence.xlsx")
    }
    assert sheets["theme_counts_by_region.xlsx"][-1] == "About the figures"
    assert sheets["agreement.xlsx"][0] == "Overview"
    assert sheets["cooccurrence.xlsx"][0].startswith("Co-occurrence")
    titles = [
        Document(str(out / name)).paragraphs[0].text
        for name in ("quotes_by_region.docx", "retrieval/tryghed.docx")
    ]
    assert titles == ["Quotes by region", "Every passage on Tryghed by region"]
    index = (out / "view" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Respondent paragraphs" in index


def test_run_with_a_corrupt_docx_changes_nothing(
    sample_run: tuple[Path, str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TRANSCRIPTS, corpus)
    (corpus / "ZZ99.docx").write_bytes((corpus / "HS04.docx").read_bytes()[:2000])
    db = tmp_path / "p.db"
    shutil.copy(sample_run[0], db)
    before = snapshot(db)
    result = CliRunner().invoke(
        cli, ["--project", str(db), "run", str(corpus), "--codebook", str(CODEBOOK)]
    )
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {corpus / 'ZZ99.docx'}: not a valid .docx file (")
    assert result.output.count("\n") == 1
    assert snapshot(db) == before


def test_run_without_a_codebook_uses_the_packaged_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21 changed this: outside the repository (no codebooks/ folder) the default
    codebook is the one shipped inside the package, not an error."""
    monkeypatch.chdir(tmp_path)
    book = Project(tmp_path / "mentorqual.db").codebook()
    assert book.name == "mentorordning"
    assert book.sha256 == hashlib.sha256(CODEBOOK.read_bytes()).hexdigest()
    assert not (tmp_path / "mentorqual.db").exists()


def test_a_run_without_human_codings_says_how_to_start_coding(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(TRANSCRIPTS / "HS01.txt", folder)
    args = ["--project", str(tmp_path / "p.db"), "run", str(folder), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, [*args, "--codebook", str(CODEBOOK)])
    assert result.exit_code == 0, result.output
    note = next(line for line in result.output.splitlines() if "classifier was not trained" in line)
    assert "mentorqual serve --coder NAME" in note and "mentorqual suggest" in note
