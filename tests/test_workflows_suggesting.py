"""`suggest` without a classifier: unassessed paragraphs in reading order, each with
the question before it, in a sheet that documents the codes and reads back in."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.errors import InputError
from mentorqual.reports.sheet import READING, SheetParagraph
from mentorqual.workflows import suggesting

from .conftest import snapshot

# Fictional. The file names run against the ids, so import order is not id order.
# R02 starts with the respondent, before any question; its "Mm." is not the question
# of the answer it interrupts. In R01 a "Ja." is all the interviewer said before p2.
TRANSCRIPTS = {
    "a.txt": """---
interview: R02
region: Nordjylland
role: Jobkonsulent
---
IP: Jeg kan lige starte med at sige, at vi er et lille team.
I: Hvordan bruger I mentorordningen?
IP: Vi bruger den mest til de unge.
I: Mm.
IP: Mentoren tager med ud på arbejdspladsen den første dag.
I: Og kurserne?
IP: Mentorkurset var godt.
""",
    "b.txt": """---
interview: R01
region: Hovedstaden
role: Leder
---
I: Ja.
IP: Jeg vil gerne lige sige noget først.
I: Fortæl om papirarbejdet.
IP: Der er mange blanketter, og de skal udfyldes hver måned, også når borgeren er syg.
I: Hvad med opbakningen fra lederen?
IP: Lederen bakker op.
""",
}

CODEBOOK = """codebook: proeve
version: "1"
language: da
themes:
  - code: stoette
    label: Støtte fra mentor
    definition:
      da: Mentoren hjælper borgeren i hverdagen.
    include:
      - Mentoren tager med ud.
    exclude:
      - Støtte fra familien.
    examples:
      typical: Hun tog med mig derud.
    rules:
      - id: stoette-ord
        terms: ["mentor*"]
  - code: kurser
    label: Kurser
    definition:
      da: Kurser for mentorer.
    rules:
      - id: kurser-ord
        terms: ["*kurset", "kursus*"]
"""

# Every respondent paragraph in reading order: (interview, locator, question).
READING_ORDER = [
    ("R01", "p2", "Ja."),
    ("R01", "p4", "Fortæl om papirarbejdet."),
    ("R01", "p6", "Hvad med opbakningen fra lederen?"),
    ("R02", "p1", ""),
    ("R02", "p3", "Hvordan bruger I mentorordningen?"),
    ("R02", "p5", "Hvordan bruger I mentorordningen?"),
    ("R02", "p7", "Og kurserne?"),
]


def mq(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(db), *args])
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Two interviews and a codebook; no codings, no classifier."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TRANSCRIPTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    codebook = tmp_path / "proeve.yaml"
    codebook.write_text(CODEBOOK, encoding="utf-8")
    path = tmp_path / "p.db"
    for args in (["codebook", "load", str(codebook)], ["import", str(folder)]):
        code, output = mq(path, *args)
        assert code == 0, output
    return path


def code_r01(db: Path, tmp_path: Path, coder: str = "K1") -> None:
    csv = tmp_path / f"{coder}.csv"
    csv.write_text(f"interview,segment,code,coder\nR01,p4,kurser,{coder}\n", encoding="utf-8")
    assert mq(db, "codings", "import", str(csv))[0] == 0


def suggest(db: Path, n: int, coder: str | None = None) -> suggesting.Suggestions:
    with Project(db)._reading() as store:
        return suggesting.suggestions(store, n, coder)


def test_without_a_classifier_the_paragraphs_come_in_reading_order(db: Path) -> None:
    found = suggest(db, 20)
    assert found.sheet.order == READING and found.sheet.model is None
    rows = [(r.interview, r.segment, r.question) for r in found.sheet.rows]
    assert rows == READING_ORDER
    assert found.how_picked == (
        "no classifier yet: paragraphs in reading order, among those no human coder has assessed"
    )
    second = found.sheet.rows[1]
    assert second == SheetParagraph(
        "R01",
        "Hovedstaden",
        "p4",
        "Fortæl om papirarbejdet.",
        "Der er mange blanketter, og de skal udfyldes hver måned, også når borgeren er syg.",
    )
    assert [(r.interview, r.segment) for r in suggest(db, 3).sheet.rows] == [
        (i, s) for i, s, _ in READING_ORDER[:3]
    ]


def test_the_coder_filter(db: Path, tmp_path: Path) -> None:
    code_r01(db, tmp_path)
    with Project(db)._reading() as store:
        located = {p.id: (p.interview, p.locator) for p in store.respondent_paragraphs()}
        done = {located[s] for s in store.assessed("K1")}
    assert done  # K1 assessed R01 (what the import marks)
    mine = [(r.interview, r.segment) for r in suggest(db, 20, "K1").sheet.rows]
    anyone = [(r.interview, r.segment) for r in suggest(db, 20).sheet.rows]
    new = [(r.interview, r.segment) for r in suggest(db, 20, "K2").sheet.rows]
    assert mine == anyone == [(i, s) for i, s, _ in READING_ORDER if (i, s) not in done]
    assert new == [(i, s) for i, s, _ in READING_ORDER]
    assert suggest(db, 20, "K1").how_picked.endswith("among those coder K1 has not assessed")


def test_everything_assessed_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    csv = tmp_path / "all.csv"
    csv.write_text(
        "interview,segment,code,coder\nR01,p2,kurser,K1\nR02,p7,kurser,K1\n", encoding="utf-8"
    )
    assert mq(db, "codings", "import", str(csv))[0] == 0
    before = snapshot(db)
    out = tmp_path / "s.xlsx"
    assert mq(db, "suggest", "-o", str(out), "--for", "K1") == (
        1,
        "Error: coder K1 has assessed every paragraph; nothing left to suggest\n",
    )
    assert mq(db, "suggest", "-o", str(out)) == (
        1,
        "Error: the human coders (K1) have assessed every paragraph; nothing left to "
        "suggest. To code them again for agreement, name a coder with --for NAME\n",
    )
    assert not out.exists() and snapshot(db) == before
    assert mq(db, "suggest", "-n", "1", "-o", str(out), "--for", "K2")[0] == 0


def test_refusals(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    code, output = mq(db, "suggest", "--code", "kurser", "-o", str(out))
    assert code == 1
    assert output.startswith(
        "Error: --code picks by the classifier's doubt, and the project has no trained "
        "classifier yet; without it, suggest gives paragraphs in reading order."
    )
    assert mq(db, "suggest", "--order", "reading", "--code", "kurser", "-o", str(out))[1] == (
        "Error: --code picks by the classifier's doubt about a code; it does not go with "
        "--order reading\n"
    )
    assert mq(db, "suggest", "--for", "rules", "-o", str(out))[1] == (
        "Error: 'rules' is a machine coder; name a human coder\n"
    )
    assert not out.exists()
    bare = Project(tmp_path / "bare.db")  # transcripts, no codebook
    bare.import_paths([tmp_path / "in"])
    with pytest.raises(InputError, match="the project has no codebook"):
        bare.suggest(out)


def test_the_sheet_shows_questions_labels_and_definitions(db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "ark.xlsx"
    code, output = mq(db, "suggest", "-n", "4", "-o", str(sheet))
    assert code == 0, output
    assert output == (
        f"Wrote 4 paragraph(s) to code to {sheet}\n"
        "Order: no classifier yet: paragraphs in reading order, among those no human "
        "coder has assessed\n"
        f"Write 1 under each code that fits, then: mentorqual codings import {sheet} "
        "--coder NAME\n"
    )
    book = load_workbook(sheet)
    assert book.sheetnames == ["Kodning", "Koder", "Vejledning"]
    ws = book["Kodning"]
    header = [c.value for c in ws[1]]
    # A label that differs from its code stands under it; "Kurser" is kurser's label.
    assert header == [
        "interview", "region", "afsnit", "spørgsmål", "tekst", "stoette\nStøtte fra mentor",
        "Kurser",
    ]  # fmt: skip
    rows = [r[:5] for r in ws.iter_rows(min_row=2, max_row=5, values_only=True)]
    assert [(i, s, q) for i, _, s, q, _ in rows] == [
        (i, s, q or None) for i, s, q in READING_ORDER[:4]
    ]
    assert {v.formula1 for v in ws.data_validations.dataValidation} == {'"1,0"'}
    # Long texts wrap in wide columns, and each row is as high as its text needs.
    assert ws.column_dimensions["E"].width >= 60 and ws.column_dimensions["D"].width >= 30
    assert ws["E3"].alignment.wrap_text and ws["D3"].alignment.wrap_text
    assert ws.row_dimensions[3].height > ws.row_dimensions[2].height > 0  # R01 p4 is long
    notes = [ws.cell(row=r, column=1).value for r in range(7, ws.max_row + 1)]
    assert f"Læs arket ind med: mentorqual codings import {sheet.name} --coder NAVN" in notes
    codes = [[c.value for c in row] for row in book["Koder"].iter_rows()]
    assert codes[0] == ["Kode", "Navn", "Definition", "Kod, når", "Kod ikke, når", "Eksempler"]
    assert codes[1] == [
        "stoette",
        "Støtte fra mentor",
        "Mentoren hjælper borgeren i hverdagen.",
        "• Mentoren tager med ud.",
        "• Støtte fra familien.",
        "Typisk: Hun tog med mig derud.",
    ]
    assert codes[2][:3] == ["kurser", "Kurser", "Kurser for mentorer."]
    guide = "\n".join(str(c.value) for c in book["Vejledning"]["A"])
    assert "Skriv 1 (eller vælg i listen) under hvert tema" in guide
    assert f"mentorqual codings import {sheet.name} --coder NAVN" in guide
    assert "i læserækkefølge (der er endnu ingen trænet klassifikator)" in guide


def test_the_filled_sheet_imports_back(db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "ark.xlsx"
    code, output = mq(db, "suggest", "-o", str(sheet), "--for", "K1")
    assert code == 0, output
    assert output.endswith(f"then: mentorqual codings import {sheet} --coder K1\n")
    book = load_workbook(sheet)
    ws = book["Kodning"]
    listed = [(r[0], r[2]) for r in ws.iter_rows(min_row=2, max_row=5, values_only=True)]
    picked = [listed[0], listed[1], listed[3]]  # rows 2, 3 and 5; row 4 stays empty
    ws["F2"], ws["G2"] = 1, 1  # both codes
    ws["G3"] = 0  # assessed, no code
    ws["F5"] = 1.0  # as a spreadsheet may store it
    book.save(sheet)
    code, output = mq(db, "codings", "import", str(sheet), "--coder", "K1")
    assert (code, output) == (0, "K1: 3 added, 0 removed, on 2 interview(s)\n")
    with Project(db)._reading() as store:
        ids = {(p.interview, p.locator): p.id for p in store.respondent_paragraphs()}
        assessed, pairs = store.assessed("K1"), store.coding_pairs("K1")
    first, second, third = (ids[key] for key in picked)
    assert assessed == {first, second, third}
    assert pairs == {(first, "stoette"), (first, "kurser"), (third, "stoette")}
    # The next sheet leaves them out.
    again = [(r.interview, r.segment) for r in suggest(db, 20, "K1").sheet.rows]
    assert again == [(i, s) for i, s, _ in READING_ORDER if (i, s) not in picked]
