"""No planted personal data leaves the project through any export.

A small fictional corpus carries CPR numbers, phone numbers, e-mail addresses, an
address, a date of birth and names in several formats, in coded paragraphs, in
disagreements between two coders and in a speaker label. `mentorqual run` must refuse
it and write nothing; with --redact, no output file (nor `codings export`, `counts -o`
or `agreement -o`) may hold a planted value, and each value is replaced by the tag of
its kind.
"""

from __future__ import annotations

import csv
import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from mentorqual.cli import cli
from mentorqual.importers.document import Document
from mentorqual.importers.transcript import parse_transcript
from mentorqual.pii import TAGS, PiiGuard

from .conftest import CODEBOOK, snapshot

# The project's own names (`pii add-name`): a surname and a place of work.
OWN_NAMES = ("Hansen", "Solsikken")
PLANTED: dict[str, tuple[str, ...]] = {
    "CPR": ("010190-1234", "0503781357", "150270 4321"),
    "TELEFON": ("+45 23 45 67 89", "0045 31415926", "88 77 66 55", "+4542424242"),
    "EMAIL": ("mette.hansen@example.dk", "k.nielsen+mentor@kommune.example"),
    "NAVN": ("Mette", "Søren", "Fatima", "Jens", *OWN_NAMES),
    "ADRESSE": ("Søndergade 14", "8000 Aarhus C"),
    "FØDSELSDATO": ("01.01.1990",),
}
# The digits of each planted number, without a country code: found however an output
# might have reformatted them.
DIGITS = (
    "0101901234", "0503781357", "1502704321", "23456789", "31415926", "88776655", "42424242",
)  # fmt: skip

TRANSCRIPTS = {
    "PL01.txt": """---
interview: PL01
region: Hovedstaden
role: Jobkonsulent
---
I: Hvordan bruger I mentorordningen?
IP: Borgeren blev meget tryg, da Mette Hansen blev hendes faste mentor. Hun kunne altid \
ringe til Mette på +45 23 45 67 89 eller komme på Søndergade 14, 2. th., 8000 Aarhus C, \
og det gav tryghed.
I: Hvad med papirarbejdet?
IP: Blanketten med CPR-nummer 010190-1234 og fødselsdato 01.01.1990 lå fremme, og Søren \
sendte blanketterne til mette.hansen@example.dk bagefter.
""",
    "PL02.txt": """---
interview: PL02
region: Nordjylland
role: Jobkonsulent
---
I: Får mentorerne kurser?
IP: Jens tog mentorkurset sidste år, og Fatima skrev til k.nielsen+mentor@kommune.example \
for at komme på kurset.
I: Og ledelsen?
IP: Lederen hos Solsikken bevilgede kurser, men ring til 0045 31415926, hvis budgettet \
driller. Borgerens CPR 0503781357 stod på papirerne.
""",
    # The respondent's label is her name.
    "PL03.txt": """---
interview: PL03
region: Syddanmark
role: Mentorkoordinator
---
I: Hvordan afklarer I borgerens kompetencer?
Fatima: Vi bruger virksomhedspraktik til afklaring. Jeg ringede til Mette på 88 77 66 55 \
om praktikken.
I: Og trygheden?
Fatima: Borgeren var tryg, fordi Søren fulgte op. Hendes CPR-nummer 150270 4321 skulle på \
blanketten, og hun skrev til +4542424242.
""",
}
# Coders A and B disagree on three paragraphs, all of them with personal data.
CODINGS = {
    "coder_A.csv": "interview,segment,code,coder\n"
    "PL01,p2,tryghed,A\nPL01,p4,administration,A\nPL02,p2,kurser,A\n"
    "PL02,p4,ledelse,A\nPL03,p2,kompetenceafklaring,A\nPL03,p4,tryghed,A\n",
    "coder_B.csv": "interview,segment,code,coder\n"
    "PL01,p2,tryghed,B\nPL01,p2,administration,B\nPL01,p4,administration,B\n"
    "PL02,p2,kurser,B\nPL02,p4,kurser,B\nPL03,p2,kompetenceafklaring,B\n",
}
GUARD = PiiGuard(OWN_NAMES)


def write_corpus(folder: Path) -> Path:
    (folder / "codings").mkdir(parents=True)
    for name, text in {**TRANSCRIPTS, **{f"codings/{k}": v for k, v in CODINGS.items()}}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def mq(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--project", str(db), *args])


def new_project(db: Path) -> Path:
    """A project with the codebook and the project's own names, before the main job."""
    for args in (["codebook", "load", str(CODEBOOK)], ["pii", "add-name", *OWN_NAMES]):
        result = mq(db, *args)
        assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["codings", "export", "-o", "codings.csv"], "codings"),
        (["agreement", "--coders", "A,B", "-o", "agreement.xlsx"], "agreement report"),
        (["export", "qdpx", "-o", "project.qdpx"], "transcripts"),
    ],
)
def test_exports_refuse_personal_data_by_default(
    tmp_path: Path, args: list[str], what: str
) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    db = new_project(tmp_path / "p.db")
    result = mq(db, "run", str(corpus), "--out", str(tmp_path / "out"), "--allow-pii")
    assert result.exit_code == 0, result.output
    target = tmp_path / args[-1]
    result = mq(db, *args[:-1], str(target))
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith(f"Error: personal data in the {what}, nothing was written: ")
    assert not target.exists()


def test_run_refuses_personal_data_and_writes_nothing(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    db = new_project(tmp_path / "p.db")
    before = snapshot(db)
    out = tmp_path / "out"
    result = mq(db, "run", str(corpus), "--out", str(out), "--codebook", str(CODEBOOK))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("Error: personal data in the codings, nothing was written: ")
    assert "PL01 p4 CPR '010190-1234'" in result.output
    assert "use --redact to replace it or --allow-pii to skip the check" in result.output
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    assert snapshot(db) == before


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every output of the redacted main job, plus the separate exports."""
    tmp = tmp_path_factory.mktemp("leaks")
    corpus = write_corpus(tmp / "corpus")
    db = new_project(tmp / "p.db")
    out = tmp / "out"
    commands = [
        ["run", str(corpus), "--out", str(out), "--codebook", str(CODEBOOK), "--redact"],
        ["codings", "export", "-o", str(tmp / "export" / "codings.csv"), "--redact"],
        ["codings", "export", "-o", str(tmp / "export" / "codings.xlsx"), "--redact"],
        ["counts", "--coder", "A", "-o", str(tmp / "export" / "counts.csv")],
        ["counts", "--coder", "rules", "-o", str(tmp / "export" / "counts.xlsx")],
        ["agreement", "--coders", "A,B", "-o", str(tmp / "export" / "agreement.xlsx"), "--redact"],
        ["agreement", "--coders", "A,B", "-o", str(tmp / "export" / "agreement.md"), "--redact"],
        ["export", "qdpx", "-o", str(tmp / "export" / "project.qdpx"), "--redact"],
    ]
    for args in commands:
        result = mq(db, *args)
        assert result.exit_code == 0, result.output
    files = sorted(p for p in [*out.rglob("*"), *(tmp / "export").iterdir()] if p.is_file())
    return {str(p.relative_to(tmp)): p for p in files}


def texts(path: Path) -> list[str]:
    """Every piece of text a reader of the file sees."""
    if path.suffix == ".png":
        return []
    if path.suffix == ".docx":
        document = docx.Document(str(path))
        found = [p.text for p in document.paragraphs]
        found += [c.text for t in document.tables for r in t.rows for c in r.cells]
        properties = document.core_properties
        return found + [properties.title or "", properties.subject or "", properties.author or ""]
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        found = []
        for sheet in book.worksheets:
            found.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                found += [str(v) for v in row if v is not None]
        return found
    if path.suffix == ".qdpx":
        with zipfile.ZipFile(path) as archive:
            return [html.unescape(archive.read(n).decode("utf-8")) for n in archive.namelist()]
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".html":  # highlights may split a value: read it as a browser shows it
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return [text]


def leaks(text: str) -> Iterator[str]:
    for kind, values in PLANTED.items():
        for value in values:
            pattern = rf"(?<!\w){re.escape(value)}(?!\w)" if kind == "NAVN" else re.escape(value)
            if re.search(pattern, text):
                yield value
    for run in re.findall(r"\d[\d +-]*\d", text):
        digits = re.sub(r"\D", "", run)
        yield from (number for number in DIGITS if number in digits)


def test_the_outputs_are_all_there(exported: dict[str, Path]) -> None:
    names = {Path(n).name for n in exported}
    assert {
        "codings.csv", "theme_counts_by_region.csv", "theme_counts_by_region.xlsx",
        "quotes_by_region.docx", "quotes_by_region.xlsx", "agreement.xlsx", "manifest.json",
        "index.html", "PL01.html", "PL02.html", "PL03.html", "codings.xlsx", "counts.csv",
        "counts.xlsx", "agreement.md",
    } <= names  # fmt: skip


def test_no_output_holds_planted_personal_data(exported: dict[str, Path]) -> None:
    found = {
        name: sorted({value for text in texts(path) for value in leaks(text)})
        for name, path in exported.items()
    }
    assert {name: values for name, values in found.items() if values} == {}


def originals() -> dict[tuple[str, str], tuple[str, str]]:
    """(interview, locator) -> (paragraph text, speaker), as imported."""
    found = {}
    for name, raw in TRANSCRIPTS.items():
        transcript = parse_transcript(Document(raw, "txt"), Path(name))
        for p in transcript.paragraphs:
            found[(transcript.interview, p.locator)] = (transcript.paragraph_text(p), p.speaker)
    return found


TAG = re.compile(r"\[[A-ZÆØÅ]+\]")


def test_every_output_uses_the_same_tags(exported: dict[str, Path]) -> None:
    used = {tag for path in exported.values() for t in texts(path) for tag in TAG.findall(t)}
    assert used == set(TAGS.values())


@pytest.mark.parametrize("name", ["out/codings.csv", "export/codings.csv", "export/codings.xlsx"])
def test_codings_are_redacted_like_the_guard_redacts(exported: dict[str, Path], name: str) -> None:
    path = exported[name]
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    else:
        sheet = load_workbook(path).worksheets[0]
        header, *values = sheet.iter_rows(values_only=True)
        rows = [dict(zip(header, (v or "" for v in row), strict=True)) for row in values]
    source = originals()
    assert len(rows) > 10
    for row in rows:
        text, speaker = source[(row["interview"], row["segment_id"])]
        assert row["text"] == GUARD.redact(text)
        assert row["speaker"] == GUARD.redact(speaker)
    assert {r["speaker"] for r in rows} == {"IP", "[NAVN]"}
    assert {tag for r in rows for tag in TAG.findall(r["text"])} == set(TAGS.values())


def test_view_shows_each_paragraph_redacted(exported: dict[str, Path]) -> None:
    for (interview, _), (text, speaker) in originals().items():
        page = texts(exported[f"out/view/{interview}.html"])[0]
        assert GUARD.redact(text) in page
        assert GUARD.redact(speaker) in page


def test_quotes_are_cut_from_redacted_paragraphs(exported: dict[str, Path]) -> None:
    redacted = [GUARD.redact(text) for text, _ in originals().values()]
    word = docx.Document(str(exported["out/quotes_by_region.docx"]))
    quotes = [  # the quote without its attribution and »Danish quotation marks«
        re.sub(r" \([^()]*\)\Z", "", p.text).removeprefix("»").removesuffix("«")
        for p in word.paragraphs
        if p.style.name == "Quote"
    ]
    book = load_workbook(exported["out/quotes_by_region.xlsx"])
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        if "Citat" in header:
            column = header.index("Citat")
            quotes += [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # Quotes come only from paragraphs no human coder disputes (issue 19): 4 per file.
    assert len(quotes) >= 8
    for quote in quotes:
        for piece in quote.split("[...]"):
            assert any(piece.strip() in text for text in redacted), piece
    assert {tag for q in quotes for tag in TAG.findall(q)} == set(TAGS.values())


@pytest.mark.parametrize("name", ["out/agreement.xlsx", "export/agreement.xlsx"])
def test_disagreements_are_redacted(exported: dict[str, Path], name: str) -> None:
    sheet = load_workbook(exported[name])["Uenigheder"]
    header, *rows = sheet.iter_rows(values_only=True)
    column = next(i for i, h in enumerate(header) if h in ("Tekst", "text"))
    locator = next(i for i, h in enumerate(header) if h in ("Afsnit", "locator"))
    interview = next(i for i, h in enumerate(header) if h in ("Interview", "interview"))
    source = originals()
    assert len(rows) == 3
    for row in rows:
        text, _ = source[(row[interview], row[locator])]
        assert row[column] == GUARD.redact(text)
