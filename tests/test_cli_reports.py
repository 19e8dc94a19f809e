"""The report commands on the sample: counts, quotes, codings export, and the main
job's outputs."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.types import REGIONS

from .conftest import CODEBOOK, TRANSCRIPTS, snapshot

ATTRIBUTION = re.compile(r" \((Jobkonsulent|Mentorkoordinator|Virksomhedskonsulent), (\w+)\)$")


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(db), *args])
    return result.exit_code, result.output


# -- counts -------------------------------------------------------------------------


def test_counts_prints_the_tables(sample: Path) -> None:
    code, output = invoke(sample, "counts", "--coder", "A")
    assert code == 0, output
    assert output.startswith("Coder: A (human coder)\n")
    assert "## Kodede afsnit pr. 1.000 ord" in output
    assert "| N interviews | 6 | 6 | 6 | 6 | 6 | 30 |" in output


def test_counts_files_hold_the_same_numbers(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "counts"
    code, output = invoke(
        sample, "counts", "--coder", "rules", "-o", f"{out}.csv", "--plot", f"{out}.png"
    )
    assert code == 0, output
    assert invoke(sample, "counts", "--coder", "rules", "-o", f"{out}.xlsx")[0] == 0
    expected = Project(sample).counts(coder="rules").rows
    with open(f"{out}.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["region"], r["theme"], int(r["segments"])) for r in rows] == [
        (r["region"], r["theme"], r["segments"]) for r in expected
    ]
    book = load_workbook(f"{out}.xlsx")
    assert book.sheetnames[-2:] == ["Data", "Om tallene"]
    sheet = book[book.sheetnames[0]]
    assert [c.value for c in sheet[1]] == ["Tema", *REGIONS, "Alle"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert Path(f"{out}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--coder", "X"],
            "Error: unknown coder 'X'; valid coders: A, B, classifier, machine, rules, consensus",
        ),
        (
            ["--theme", "mad"],
            "Error: unknown theme 'mad'; valid values: tryghed, kompetenceafklaring, "
            "administration, kurser, ledelse",
        ),
        (
            ["--region", "Fyn"],
            "Error: unknown region 'Fyn'; valid values: Hovedstaden, Midtjylland, "
            "Nordjylland, Sjælland, Syddanmark",
        ),
        (["--by", "hobby"], "Error: unknown attribute 'hobby' for --by; valid: "),
        (["-o", "t.pdf"], "Error: t.pdf: unsupported output type '.pdf'; use .md, .csv, .xlsx"),
        (["--plot", "t.jpg"], "Error: t.jpg: unsupported output type '.jpg'; use .png"),
        (
            ["--coder", "consensus:A,rules"],
            "Error: consensus needs two or more human coders; unknown human coder 'rules'; "
            "the project's human coders: A, B",
        ),
    ],
)
def test_counts_bad_filters(sample: Path, args: list[str], message: str) -> None:
    code, output = invoke(sample, "counts", *args)
    assert code == 1
    assert output.startswith(message) and output.count("\n") == 1


def test_counts_into_a_folder_that_cannot_be_written(sample: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, output = invoke(sample, "counts", "-o", str(blocker / "counts.csv"))
    assert code == 1
    assert output.startswith(f"Error: {blocker / 'counts.csv'}: cannot write here")


# -- quotes -------------------------------------------------------------------------


def test_quote_sheet_in_word(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "quotes.docx"
    code, output = invoke(sample, "quotes", "--by", "region", "--top", "3", "-o", str(path))
    assert code == 0, output
    doc = Document(str(path))
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert styles[0] == ("Title", "Citater pr. region")
    assert [t for s, t in styles if s == "Heading 1"] == list(REGIONS)
    assert {t for s, t in styles if s == "Heading 2"} == {
        "Tryghed", "Kompetenceafklaring", "Administration", "Kurser", "Ledelse",
    }  # fmt: skip
    quotes = [t for s, t in styles if s == "Quote"]
    assert len(quotes) == 5 * 5 * 3
    region = None
    for style, text in styles:
        if style == "Heading 1":
            region = text
        elif style == "Quote":
            match = ATTRIBUTION.search(text)
            assert match and match.group(2) == region, text
    assert f"Wrote {len(quotes)} quote(s) in 5 group(s)" in output


def test_quote_sheet_in_excel_and_trimmed(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "quotes.xlsx"
    args = ["quotes", "--theme", "ledelse", "--max-words", "30", "--coder", "A", "-o", str(path)]
    code, output = invoke(sample, *args)
    assert code == 0, output
    book = load_workbook(path)
    assert book.sheetnames == [*REGIONS, "Om citaterne"]
    trimmed = 0
    for name in REGIONS:
        sheet = book[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
        header = [c.value for c in sheet[1]]
        assert header[:3] == ["Tema", "Citat", "Kilde"]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert 1 <= len(rows) <= 5
        assert sheet.cell(row=2, column=2).alignment.wrap_text
        for row in rows:
            assert row[0] == "Ledelse" and row[5] == "A"
            assert row[2] == f"(Jobkonsulent, {name})" or row[2].endswith(f", {name})")
            trimmed += "[...]" in row[1]
    assert trimmed > 0


def test_quotes_bad_input(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.docx"
    assert invoke(sample, "quotes", "-o", str(tmp_path / "q.pdf"))[1].startswith(
        f"Error: {tmp_path / 'q.pdf'}: unsupported output type '.pdf'; use .docx, .xlsx, .csv, .md"
    )
    code, output = invoke(sample, "quotes", "--coder", "C", "-o", str(path))
    assert (code, output) == (
        1,
        "Error: unknown coder 'C'; valid coders: A, B, classifier, machine, rules\n",
    )
    assert not path.exists()


# -- codings export -------------------------------------------------------------------


def test_codings_export_reads_back_in(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "codings.csv"
    code, output = invoke(sample, "codings", "export", "-o", str(path), "--coder", "B")
    assert code == 0, output
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == [
        "interview", "region", "role", "speaker", "segment_id", "start", "end", "text",
        "code", "coder", "score",
    ]  # fmt: skip
    con = sqlite3.connect(sample)
    try:
        n = con.execute("SELECT COUNT(*) FROM codings WHERE coder = 'B'").fetchone()[0]
    finally:
        con.close()
    assert len(rows) == n and output == f"Wrote {n} coding(s) to {path}\n"
    # Offsets point into the canonical text: the exported text is that slice.
    copy = tmp_path / "copy.db"
    shutil.copy(sample, copy)
    renamed = tmp_path / "renamed.csv"
    with renamed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**r, "coder": "B2"} for r in rows)
    code, output = invoke(copy, "codings", "import", str(renamed))
    assert code == 0, output
    project = Project(copy)
    with project._reading() as store:
        assert store.coding_pairs("B2") == store.coding_pairs("B")


def test_codings_export_to_excel(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "codings.xlsx"
    assert invoke(sample, "codings", "export", "-o", str(path))[0] == 0
    sheet = load_workbook(path)["Kodninger"]
    assert sheet.max_row - 1 == sum(n for _, _, n in Project(sample).info().coders)


# -- the main job's outputs -------------------------------------------------------------


def test_run_writes_every_report_and_a_manifest(sample: Path) -> None:
    out = sample.parent / "out"
    names = {p.name for p in out.iterdir()}
    assert names == {
        "codings.csv", "theme_counts_by_region.csv", "theme_counts_by_region.xlsx",
        "heatmap_region_theme.png", "quotes_by_region.docx", "quotes_by_region.xlsx",
        "manifest.json", "view", "agreement.xlsx", "retrieval", "cooccurrence.xlsx",
        "cooccurrence.png",
    }  # fmt: skip
    assert (out / "view" / "index.html").is_file()
    themes = ["tryghed", "kompetenceafklaring", "administration", "kurser", "ledelse"]
    assert sorted(p.name for p in (out / "retrieval").iterdir()) == sorted(
        f"{t}.docx" for t in themes
    )
    sources = [*TRANSCRIPTS.glob("*.txt"), *TRANSCRIPTS.glob("*.docx")]
    assert {p.stem for p in (out / "view").glob("*.html")} == {"index", *(s.stem for s in sources)}
    assert not [p for p in sample.parent.iterdir() if p.name.startswith(".")]  # no staging
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["codebook"]["sha256"] == hashlib.sha256(CODEBOOK.read_bytes()).hexdigest()
    assert manifest["command"][0] == "mentorqual"  # then sys.argv, which pytest owns here
    inputs = {Path(i["path"]).name: i["sha256"] for i in manifest["inputs"]}
    for source in [*TRANSCRIPTS.glob("*.txt"), *TRANSCRIPTS.glob("*.docx")]:
        assert inputs[source.name] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert {"metadata.csv", "coder_A.csv", "coder_B.csv", "mentorordning.yaml"} <= set(inputs)
    listed = {item["path"] for item in manifest["outputs"]}
    assert {"retrieval/tryghed.docx", "cooccurrence.xlsx", "cooccurrence.png"} <= listed
    for item in manifest["outputs"]:
        digest = hashlib.sha256((out / item["path"]).read_bytes()).hexdigest()
        assert digest == item["sha256"]
    assert manifest["versions"]["mentorqual"]
    assert manifest["lang"] == "da"


def test_failed_run_changes_neither_project_nor_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorqual.workflows import reports as outputs

    db, out = tmp_path / "p.db", tmp_path / "out"
    project = Project(db)
    project.load_codebook(CODEBOOK)
    before = snapshot(db)
    out.mkdir()
    (out / "codings.csv").write_text("old", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(outputs, "write_quote_sheet", broken)
    with pytest.raises(OSError):
        project.run(TRANSCRIPTS, out, codebook=CODEBOOK)
    assert snapshot(db) == before
    assert [p.name for p in out.iterdir()] == ["codings.csv"]
    assert (out / "codings.csv").read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# -- the files open in LibreOffice ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize(
    "name",
    [
        "quotes_by_region.docx", "quotes_by_region.xlsx", "theme_counts_by_region.xlsx",
        "agreement.xlsx", "cooccurrence.xlsx", "retrieval/tryghed.docx",
    ],
)  # fmt: skip
def test_outputs_convert_to_pdf_in_libreoffice(sample: Path, tmp_path: Path, name: str) -> None:
    source = sample.parent / "out" / name
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
            "--convert-to", "pdf", "--outdir", str(tmp_path), str(source),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / f"{source.stem}.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size > 5000


# -- whose coding: the view counts what the counts count ----------------------------------


def _view_totals(index: Path) -> list[int]:
    html = index.read_text(encoding="utf-8")
    foot = html.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    return [int(n) for n in re.findall(r"<td class=\"n[^\"]*\">(\d+)</td>", foot)[1:]]


@pytest.mark.parametrize("coder", [None, "B", "rules"])
def test_view_totals_equal_the_counts_of_the_same_coder(
    sample: Path, tmp_path: Path, coder: str | None
) -> None:
    project = Project(sample)
    counts = project.counts(coder=coder)
    expected = [int(r["segments"]) for r in counts.rows if r["region"] == "Alle"]
    if coder is None:  # the main job's view, and counts' default coder (A)
        index = sample.parent / "out" / "view" / "index.html"
    else:
        project.view(tmp_path / "view", coders=[coder])
        index = tmp_path / "view" / "index.html"
    assert _view_totals(index) == expected
    html = index.read_text(encoding="utf-8")
    assert f"Kodning: {'koder A (menneske)' if coder is None else ''}" in html
    assert f"{counts.whose}." in html


def test_every_report_says_whose_codings(sample: Path) -> None:
    out = sample.parent / "out"
    said = "Kodning: koder A (menneske), 30 interviews"
    book = load_workbook(out / "theme_counts_by_region.xlsx")
    for name in book.sheetnames[:3]:
        cells = [c.value for row in book[name].iter_rows() for c in row if c.value]
        assert f"{said}." in cells, name
    words = [p.text for p in Document(str(out / "quotes_by_region.docx")).paragraphs]
    assert any(w.startswith("Kodning: ") for w in words)


# -- quotes: a human's coding, spread over the interviews -------------------------------


def test_no_quote_from_a_paragraph_a_human_assessed_without_the_theme(sample: Path) -> None:
    project = Project(sample)
    with project._reading() as store:
        from mentorqual.workflows.coders import Snapshot
        from mentorqual.workflows.reports import QuoteOptions, quotes

        snapshot = Snapshot(store)
        chosen, _ = quotes(snapshot, QuoteOptions(top=50, per_interview=50))
        locate = {(r.interview, r.locator): r.id for r in store.all_paragraphs()}
        pairs = {h: store.coding_pairs(h) for h in snapshot.humans}
        assessed = {h: store.assessed(h) for h in snapshot.humans}
    assert len(chosen) > 125
    for q in chosen:
        segment = locate[(q.interview, q.locator)]
        for human in snapshot.humans:
            if segment in assessed[human]:
                assert (segment, q.theme) in pairs[human], (q, human)
        assert not q.machine_only  # A coded every sample interview


def test_quotes_are_spread_over_the_interviews_of_a_region(sample: Path) -> None:
    chosen, _ = _sample_quotes(sample)
    for region in REGIONS:
        interviews = {q.interview for q in chosen if q.group == (region,)}
        assert len(interviews) >= 4, (region, sorted(interviews))
    by_theme: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for q in chosen:
        by_theme.setdefault((q.group, q.theme), []).append(q.interview)
    for quoted in by_theme.values():  # no interview gives two while another gives none
        assert len(set(quoted)) == len(quoted) or len(set(quoted)) >= 5


def _sample_quotes(sample: Path) -> tuple[list, list[str]]:
    from mentorqual.workflows.coders import Snapshot
    from mentorqual.workflows.reports import QuoteOptions, quotes

    with Project(sample)._reading() as store:
        return quotes(Snapshot(store), QuoteOptions())


def test_report_ready_quotes_carry_no_coders_scores_or_checksums(
    sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "q.docx"
    assert invoke(sample, "quotes", "--top", "2", "-o", str(path))[0] == 0
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert "sha256" not in text and "kodet af" not in text and "score" not in text
    quotes = [p.text for p in Document(str(path)).paragraphs if p.style.name == "Quote"]
    assert all(q.startswith("»") and "« (" in q for q in quotes)
    assert "Kodning: koder A (menneske), koder B (menneske)" in text
    audit = tmp_path / "a.docx"
    assert invoke(sample, "quotes", "--top", "2", "--audit", "-o", str(audit))[0] == 0
    text = "\n".join(p.text for p in Document(str(audit)).paragraphs)
    assert "sha256" in text and "kodet af A" in text
    english = tmp_path / "e.md"
    assert invoke(sample, "quotes", "--lang", "en", "--by", "role", "-o", str(english))[0] == 0
    text = english.read_text(encoding="utf-8")
    assert text.startswith("# Quotes by role\n") and "“" in text and "»" not in text
    assert "Kodning" not in text and "Coding: coder A (human)" in text
