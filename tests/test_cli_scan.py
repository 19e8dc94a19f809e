"""`mentorqual scan`: personal data in transcript files, before they are imported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import CliRunner, Result

from mentorqual.cli import cli
from mentorqual.workflows.privacy import scan_files

from .conftest import TRANSCRIPTS

PLANTED = (
    "---\r\n"
    "interview: P01\r\n"
    "region: Sjælland\r\n"
    "---\r\n"
    "I: Hvem hjalp borgeren?\r\n"
    "IP: Det gjorde Mette fra Solsikken. Ring på +45 23 45 67 89.\r\n"
    "\r\n"
    "Hun skrev til k.jensen@example.dk, og CPR 0101901234 stod på blanketten.\r\n"
)


def scan(runner: CliRunner, tmp_path: Path, *args: str) -> Result:
    # No project is needed; this one must never be created.
    return runner.invoke(cli, ["--project", str(tmp_path / "never.db"), "scan", *args])


def test_findings_are_listed_by_file_and_line(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("P01.txt", PLANTED)
    write("clean.txt", "---\nregion: Sjælland\n---\nI: Hej.\nIP: Goddag.\n")
    result = scan(runner, tmp_path, str(path.parent))
    assert result.exit_code == 1
    assert result.output == (
        f"{path}, line 6: NAVN 'Mette'  [NAVN:Mette]\n"
        f"{path}, line 6: TELEFON '+45 23 45 67 89'  [TELEFON:+45 23 45 67 89]\n"
        f"{path}, line 8: EMAIL 'k.jensen@example.dk'  [EMAIL:k.jensen@example.dk]\n"
        f"{path}, line 8: CPR '0101901234'  [CPR:0101901234]\n"
        "Found: 1 CPR, 1 EMAIL, 1 NAVN, 1 TELEFON.\n"
        "Not personal data? 'mentorqual pii allow KEY' accepts a finding by the key in "
        "brackets, 'mentorqual pii allow WORD' a word everywhere.\n"
        "Error: 4 finding(s) of personal data in 1 of 2 file(s)\n"
    )
    assert not (tmp_path / "never.db").exists()


def test_extra_names_are_looked_for(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("P01.txt", PLANTED)
    result = scan(runner, tmp_path, str(path), "--name", "Solsikken", "--name", "Café Sol")
    assert result.exit_code == 1
    assert f"{path}, line 6: NAVN 'Solsikken'  [NAVN:Solsikken]\n" in result.output
    assert result.output.endswith("Error: 5 finding(s) of personal data in 1 of 1 file(s)\n")


def test_a_clean_corpus_passes(runner: CliRunner, tmp_path: Path) -> None:
    result = scan(runner, tmp_path, str(TRANSCRIPTS))
    assert (result.exit_code, result.output) == (0, "No personal data found in 30 file(s).\n")


def test_docx_findings_name_the_paragraph(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    document = docx.Document()
    for text in ("I: Hvem ringede?", "", "IP: Det gjorde Jens, fra 0045 23456789."):
        document.add_paragraph(text)
    path = tmp_path / "in" / "P02.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    result = scan(runner, tmp_path, str(path))
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"{path}, paragraph 3: NAVN 'Jens'  [NAVN:Jens]",
        f"{path}, paragraph 3: TELEFON '0045 23456789'  [TELEFON:0045 23456789]",
    ]


def test_reader_warnings_are_shown(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("P03.txt", "I: Hvad så?\nIP: Søren ringede.\n", encoding="cp1252")
    result = scan(runner, tmp_path, str(path))
    assert result.exit_code == 1
    assert f"Warning: {path}, line 1: not valid UTF-8; read as cp1252 (Windows)" in result.output
    assert f"{path}, line 2: NAVN 'Søren'" in result.output


def test_a_bad_file_is_one_error_line(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    write("P01.txt", PLANTED)
    bad = write("P09.docx", b"not a zip")
    result = scan(runner, tmp_path, str(bad.parent))
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}: not a valid .docx file (not a zip archive)\n"


def test_missing_path_and_wrong_type(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    missing = tmp_path / "nowhere"
    result = scan(runner, tmp_path, str(missing))
    assert (result.exit_code, result.output) == (1, f"Error: {missing}: no such file or folder\n")
    pdf = write("P01.pdf", b"%PDF-1.4")
    result = scan(runner, tmp_path, str(pdf))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {pdf}: unsupported file type '.pdf'; expected .txt, .docx, .odt, .vtt, .srt; "
        "a PDF; open it in Word (which converts it) and save it as .docx, or copy the text "
        "into a .txt file\n"
    )


def test_scan_files_skips_codings_and_reports_per_file(
    tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("P01.txt", PLANTED)
    write("codings/a.csv", "interview,segment,code,coder\nP01,Mette,tryghed,A\n")
    report = scan_files([path.parent])
    assert report.files == [path]
    assert report.files_with_findings == 1
    assert [(f.where, f.kind) for f in report.findings] == [
        (f"{path}, line 6", "NAVN"),
        (f"{path}, line 6", "TELEFON"),
        (f"{path}, line 8", "EMAIL"),
        (f"{path}, line 8", "CPR"),
    ]


def test_allowed_words_and_findings_are_not_reported(
    runner: CliRunner, tmp_path: Path, write: Callable[..., Path]
) -> None:
    path = write("P01.txt", PLANTED)
    result = scan(
        runner, tmp_path, str(path), "--allow", "mette", "--allow", "TELEFON:+45 23 45 67 89"
    )
    assert result.exit_code == 1
    assert "Mette" not in result.output.split("Found:")[0]
    assert "TELEFON" not in result.output
    assert "Found: 1 CPR, 1 EMAIL." in result.output
    assert result.output.endswith("Error: 2 finding(s) of personal data in 1 of 1 file(s)\n")
