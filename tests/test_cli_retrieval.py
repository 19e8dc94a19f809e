"""Retrieval on the sample: a theme's passages, co-occurrence, keyword in context."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.reports.retrieval import COOCCURRENCE_KEYS
from mentorqual.types import REGIONS


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(db), *args])
    return result.exit_code, result.output


def test_retrieve_lists_every_coded_passage_with_its_question(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "tryghed.docx"
    code, output = invoke(
        sample, "retrieve", "--theme", "tryghed", "--by", "region", "-o", str(path)
    )
    assert code == 0, output
    counts = Project(sample).counts(coder="A")
    total = next(
        r["segments"] for r in counts.rows if r["region"] == "Alle" and r["theme"] == "tryghed"
    )
    assert output == f"Wrote {total} passage(s) on Tryghed to {path}\n"
    paragraphs = [(p.style.name, p.text) for p in Document(str(path)).paragraphs]
    assert paragraphs[0] == ("Title", "Alle afsnit om Tryghed pr. region")
    assert [t for s, t in paragraphs if s == "Heading 1"] == list(REGIONS)
    assert sum(s == "Quote" for s, _ in paragraphs) == total
    assert any(t.startswith("Interviewer: ") and t.endswith("?") for _, t in paragraphs)
    assert "Kodning: koder A (menneske), 30 interviews." in [t for _, t in paragraphs]
    # Reading order within an interview.
    locators = [t.split("afsnit p")[1] for _, t in paragraphs if t.startswith("HS01, afsnit p")]
    assert locators == sorted(locators, key=int)


def test_retrieve_to_excel_and_bad_theme(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "kurser.xlsx"
    assert invoke(sample, "retrieve", "--theme", "kurser", "--coder", "B", "-o", str(path))[0] == 0
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]] == [
        "Interview",
        "Afsnit",
        "Kilde",
        "Spørgsmål",
        "Afsnit (tekst)",
    ]
    code, output = invoke(sample, "retrieve", "--theme", "mad", "-o", str(path))
    assert code == 1 and output.startswith("Error: unknown theme 'mad'; valid values: ")


def test_cooccurrence_diagonal_is_the_counts(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "co.csv"
    code, output = invoke(
        sample, "cooccurrence", "-o", str(path), "--plot", str(tmp_path / "co.png")
    )
    assert code == 0, output
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(COOCCURRENCE_KEYS)  # data: a row per pair of themes
    pairs = {(r["theme"], r["other_theme"]): int(r["paragraphs"]) for r in rows}
    counts = Project(sample).counts()
    totals = {r["theme"]: r["segments"] for r in counts.rows if r["region"] == "Alle"}
    assert {a for a, _ in pairs} == {b for _, b in pairs} == set(totals)
    for (a, b), n in pairs.items():
        assert n == (totals[a] if a == b else pairs[(b, a)])  # the diagonal; symmetric
    assert any(n for (a, b), n in pairs.items() if a != b)
    assert (tmp_path / "co.png").read_bytes()[:4] == b"\x89PNG"


def test_search_by_form_and_by_lemma(sample: Path, tmp_path: Path) -> None:
    code, form = invoke(sample, "search", "kursus")
    assert code == 0, form
    code, lemma = invoke(sample, "search", "kursus", "--lemma")
    assert code == 0, lemma
    n_form, n_lemma = (int(o.splitlines()[-1].split()[0]) for o in (form, lemma))
    assert 0 < n_form < n_lemma
    assert "[kurserne]" in lemma.lower() or "[kurset]" in lemma.lower()
    code, compounds = invoke(sample, "search", "*kursus", "--lemma")
    assert int(compounds.splitlines()[-1].split()[0]) > n_lemma  # mentorkurset too
    path = tmp_path / "kwic.xlsx"
    assert invoke(sample, "search", "mentor*", "--region", "Sjælland", "-o", str(path))[0] == 0
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]] == ["Interview", "Afsnit", "Kilde", "Før", "Ord", "Efter"]
    hits = list(sheet.iter_rows(min_row=2, values_only=True))
    hits = [h for h in hits if h[0]]
    assert hits and all(h[2].endswith("Sjælland)") for h in hits if h[1])
    assert all(str(h[4]).lower().startswith("mentor") for h in hits if h[1])


def test_cooccurrence_heatmap_greys_the_diagonal_and_says_so(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorqual.workflows import retrieval

    drawn: list[dict[str, object]] = []
    monkeypatch.setattr(retrieval, "write_heatmap", lambda *a, **k: drawn.append(k))
    for lang in ("da", "en"):
        book = tmp_path / f"co-{lang}.xlsx"
        Project(sample).cooccurrence(path=book, plot=tmp_path / "co.png", lang=lang)
        sheet = load_workbook(book).worksheets[0]
        notes = [r[0] for r in sheet.iter_rows(values_only=True) if r[0]]
        title = "Samtidig kodning: afsnit" if lang == "da" else "Co-occurrence: paragraphs"
        assert any(str(n).startswith(title) for n in notes)
        assert sheet.title == ("Samtidig kodning" if lang == "da" else "Co-occurrence")
    da, en = drawn
    assert da["diagonal"] is en["diagonal"] is True
    # The caption says whose codings, N interviews, and that the grey diagonal is the
    # theme's own count.
    assert str(da["caption"]).startswith("Kodning: koder A (menneske), 30 interviews.")
    assert "Diagonalen (grå) er temaets eget antal" in str(da["caption"])
    assert str(en["caption"]).startswith("Coding: coder A (human), 30 interviews.")
    assert "The diagonal (grey) is the theme's own count" in str(en["caption"])
