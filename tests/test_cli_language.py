"""--lang da|en on every command that writes a report for readers: a Danish report holds
none of the English labels and an English one none of the Danish, numbers have the
language's decimal mark, and the terminal stays English either way."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from mentorqual.cli import cli
from mentorqual.reports.counts import DATA_HEADINGS
from mentorqual.reports.quotes import KEYS
from mentorqual.reports.retrieval import COOCCURRENCE_KEYS, KWIC_KEYS, PASSAGE_KEYS

# command -> (arguments, output file, Danish labels, English labels); -o is appended.
# The labels are what tells the two reports apart: titles, headers, captions, notes.
CASES = {
    "counts": (
        ["counts", "--coder", "A"], "counts.md",
        ["Temaer pr. region", "Kodede afsnit", "Kodning: koder A (menneske)", "Kodebog"],
        ["Themes by region", "Coded paragraphs", "Coding: coder A (human)", "Codebook"],
    ),
    "quotes": (
        ["quotes", "--top", "1"], "quotes.md",
        ["Citater pr. region", "Kodning:", "»"],
        ["Quotes by region", "Coding:", "“"],
    ),
    "agreement": (
        ["agreement", "--coders", "A,B", "--no-bootstrap"], "agreement.md",
        ["Interkoder-enighed", "Oversigt", "Forekomst A", "Uenigheder", "Om tallene",
         "Koincidensmatrix", "fravær"],
        ["Inter-coder agreement", "Overview", "Prevalence A", "Disagreements",
         "About the figures", "Coincidence matrix", "absent"],
    ),
    "retrieve": (
        ["retrieve", "--theme", "tryghed", "--by", "region"], "tryghed.md",
        ["Alle afsnit om Tryghed pr. region", "Kodning: koder A", "Kodebog", "»"],
        ["Every passage on Tryghed by region", "Coding: coder A", "Codebook", "“"],
    ),
    "cooccurrence": (
        ["cooccurrence"], "co.md",
        ["Samtidig kodning", "| Tema |", "Hver celle", "Diagonalen"],
        ["Co-occurrence", "| Theme |", "Each cell", "The diagonal"],
    ),
    "search": (
        ["search", "mentor*"], "kwic.md",
        ["Søgning: mentor*", "forekomster", "Søgt på ordformer"],
        ["Search: mentor*", "occurrences", "Searched by word form"],
    ),
}  # fmt: skip
# A number with decimals as each report has them: a rate per 1,000 words with two, a
# statistic (κ, α) with three. Neither looks like a thousands mark ("21,345": three
# digits after it; never "0," before it).
DECIMALS = {"counts": r"\b\d+{mark}\d{{2}}\b", "agreement": r"\b0{mark}\d{{3}}\b"}
MARK = {"da": ",", "en": "\\."}


def invoke(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--project", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("command", list(CASES))
def test_a_report_holds_only_its_language(
    sample: Path, tmp_path: Path, command: str, lang: str
) -> None:
    args, name, danish, english = CASES[command]
    path = tmp_path / name
    output = invoke(sample, *args, "--lang", lang, "-o", str(path))
    text = path.read_text(encoding="utf-8")
    own, other = (danish, english) if lang == "da" else (english, danish)
    assert [w for w in own if w not in text] == []
    assert [w for w in other if w in text] == []
    assert output.splitlines()[-1].startswith("Wrote ")  # the terminal stays English


@pytest.mark.parametrize("command", list(DECIMALS))
def test_numbers_have_the_language_s_decimal_mark(
    sample: Path, tmp_path: Path, command: str
) -> None:
    args, name, _, _ = CASES[command]
    for lang, other in (("da", "en"), ("en", "da")):
        path = tmp_path / f"{lang}-{name}"
        invoke(sample, *args, "--lang", lang, "-o", str(path))
        text = path.read_text(encoding="utf-8")
        assert re.search(DECIMALS[command].format(mark=MARK[lang]), text), lang
        assert not re.search(DECIMALS[command].format(mark=MARK[other]), text), lang


# command -> (arguments, the CSV's keys as README "CSV columns" lists them, a heading of
# the .xlsx's first sheet in Danish and in English).
CSV_CASES = {
    "counts": (["counts", "--coder", "A"], ["region", *DATA_HEADINGS], ("Tema", "Theme")),
    "quotes": (["quotes", "--top", "1"], ["region", *KEYS, "basis"], ("Citat", "Quote")),
    "retrieve": (
        ["retrieve", "--theme", "tryghed", "--by", "region"], ["region", *PASSAGE_KEYS],
        ("Spørgsmål", "Question"),
    ),
    "cooccurrence": (["cooccurrence"], list(COOCCURRENCE_KEYS), ("Tema", "Theme")),
    "search": (["search", "mentor*"], list(KWIC_KEYS), ("Afsnit", "Paragraph")),
}  # fmt: skip


@pytest.mark.parametrize("command", list(CSV_CASES))
def test_a_csv_keeps_its_keys_and_the_sheet_follows_the_language(
    sample: Path, tmp_path: Path, command: str
) -> None:
    args, keys, heading = CSV_CASES[command]
    headers, rows, sheets = {}, {}, {}
    for lang in ("da", "en"):
        data, book = tmp_path / f"{lang}.csv", tmp_path / f"{lang}.xlsx"
        invoke(sample, *args, "--lang", lang, "-o", str(data))
        invoke(sample, *args, "--lang", lang, "-o", str(book))
        with data.open(encoding="utf-8-sig", newline="") as handle:
            headers[lang], *rows[lang] = list(csv.reader(handle))
        sheets[lang] = [c.value for c in load_workbook(book).worksheets[0][1]]
    assert headers["da"] == headers["en"] == keys
    assert rows["da"] and len(rows["da"]) == len(rows["en"])
    da, en = heading
    assert da in sheets["da"] and en not in sheets["da"]
    assert en in sheets["en"] and da not in sheets["en"]


# An interview from another tool: no region (an import warning, not an error).
NO_REGION = """---
interview: U01
role: Mentor
---
I: Hvordan har forløbet været for borgeren?
IP: Hun føler sig tryg, fordi mentoren altid tager telefonen, når hun ringer.

I: Og kurserne?
IP: Kurset i sidste måned var alt for langt, og papirerne var mange.
"""
CODINGS = {  # coder -> (interview, paragraph, code) rows
    "A": [("U01", "p2", "tryghed"), ("U01", "p4", "kurser"), ("T01", "p2", "administration")],
    "B": [("U01", "p2", "tryghed"), ("U01", "p4", "administration"),
          ("T01", "p2", "administration")],
}  # fmt: skip


@pytest.fixture
def no_region(tmp_path: Path) -> Path:
    """T01 (Hovedstaden) and U01 (no region), coded by A and B."""
    from .conftest import CODEBOOK, INTERVIEW

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "T01.txt").write_text(INTERVIEW, encoding="utf-8")
    (folder / "U01.txt").write_text(NO_REGION, encoding="utf-8")
    db = tmp_path / "p.db"
    invoke(db, "codebook", "load", str(CODEBOOK))
    assert "reported as 'ukendt region'" in invoke(db, "import", str(folder))
    for coder, rows in CODINGS.items():
        path = tmp_path / f"coder_{coder}.csv"
        lines = ["interview,segment,code,coder", *(f"{i},{p},{c},{coder}" for i, p, c in rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        invoke(db, "codings", "import", str(path))
    return db


# command -> arguments and how the missing region shows in its Markdown (the report's
# word for it, filled in); -o and --lang are appended.
MISSING = {
    "counts": (["counts", "--coder", "A"], ["| {unknown} * |"]),  # * one interview
    "quotes": (["quotes"], ["## {unknown}", "(Mentor, {unknown})"]),
    "agreement": (
        ["agreement", "--coders", "A,B", "--by", "region", "--no-bootstrap"], ["| {unknown} |"]
    ),
    "retrieve": (
        ["retrieve", "--theme", "tryghed", "--by", "region"],
        ["## {unknown}", "(Mentor, {unknown})"],
    ),
    "search": (["search", "tryg"], ["(Mentor, {unknown})"]),
}  # fmt: skip


@pytest.mark.parametrize("command", list(MISSING))
def test_a_missing_region_reads_in_the_report_s_language(
    no_region: Path, tmp_path: Path, command: str
) -> None:
    args, shown = MISSING[command]
    for lang, own, other in (("da", "ukendt region", "unknown region"),
                             ("en", "unknown region", "ukendt region")):  # fmt: skip
        path = tmp_path / f"{command}-{lang}.md"
        invoke(no_region, *args, "--lang", lang, "-o", str(path))
        text = path.read_text(encoding="utf-8")
        assert [s for s in shown if s.format(unknown=own) not in text] == [], text
        assert other not in text


def test_the_agreement_terminal_table_stays_english(sample: Path, tmp_path: Path) -> None:
    args = ["agreement", "--coders", "A,B", "--no-bootstrap"]
    danish = invoke(sample, *args, "--lang", "da", "-o", str(tmp_path / "a.md"))
    english = invoke(sample, *args, "--lang", "en", "-o", str(tmp_path / "a.md"))
    assert danish == english and "Cohen's κ" in danish and "Cohens" not in danish


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_view_in_each_language(sample: Path, tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "view"
    output = invoke(sample, "view", "--lang", lang, "-o", str(folder))
    assert output.startswith("Wrote ")
    index = (folder / "index.html").read_text(encoding="utf-8")
    page = (folder / "HS01.html").read_text(encoding="utf-8")
    own, other = (
        (["Informantafsnit", "I alt", "Kodning: koder A (menneske)"],
         ["Respondent paragraphs", "Total", "Coding: coder A (human)"])
        if lang == "da"
        else (["Respondent paragraphs", "Total", "Coding: coder A (human)"],
              ["Informantafsnit", "I alt", "Kodning: koder A (menneske)"])
    )  # fmt: skip
    assert [w for w in own if w not in index] == []
    assert [w for w in other if w in index + page] == []
    assert f'<html lang="{lang}">' in page
    # The machine's scores in the tooltips: "score 1,00" in Danish, "score 1.00" in English.
    scores = re.findall(r"score \d([.,])\d\d", page)
    assert scores and set(scores) == {"," if lang == "da" else "."}


def test_the_readme_row_of_every_command_with_lang_mentions_it() -> None:
    from .conftest import ROOT
    from .test_docs import ALL

    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    with_lang = [path for path, command in ALL if any("--lang" in p.opts for p in command.params)]
    assert {"run", "counts", "quotes", "view", "agreement", "retrieve", "cooccurrence",
            "search"} <= set(with_lang)  # fmt: skip
    for path in with_lang:
        rows = [line for line in readme if line.startswith(f"| `mentorqual {path} ")]
        assert rows and all("--lang" in row for row in rows), path
