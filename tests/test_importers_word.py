"""Word (.docx) transcripts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from mentorqual.errors import InputError
from mentorqual.importers import read_transcript
from mentorqual.importers.word import read_docx


def make_docx(path: Path, paragraphs: list[list[tuple[str, bool]]]) -> Path:
    """Write a .docx whose paragraphs are lists of (text, bold) runs."""
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_text_prefix_labels(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        [
            [("---", False)],
            [("region: Hovedstaden", False)],
            [("---", False)],
            [("I: Hvordan går det med blanketterne?", False)],
            [("IP: Dem er der mange af.", False)],
            [("Og lønsedlerne.", False)],
        ],
    )
    transcript = read_transcript(path)
    assert transcript.source_format == "docx"
    assert transcript.region == "Hovedstaden"
    assert [transcript.paragraph_text(p) for p in transcript.respondent_paragraphs] == [
        "Dem er der mange af.",
        "Og lønsedlerne.",
    ]


@pytest.mark.parametrize(
    "label_runs",
    [
        [("IP:", True), (" Mentorkurset var godt.", False)],
        [("IP", True), (": Mentorkurset var godt.", False)],
        [("IP", True), ("\tMentorkurset var godt.", False)],
        [("IP: ", True), ("Mentorkurset var godt.", False)],
    ],
)
def test_bold_labels(tmp_path: Path, label_runs: list[tuple[str, bool]]) -> None:
    path = make_docx(tmp_path / "a.docx", [[("I:", True), (" Og kurserne?", False)], label_runs])
    assert read_docx(path).text == "I: Og kurserne?\nIP: Mentorkurset var godt."


def test_recurring_bold_prefix_without_colon_is_a_label(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        [
            [("Interviewer", True), (" Hvordan?", False)],
            [("Jobkonsulent", True), (" Sådan.", False)],
            [("Interviewer", True), (" Og så?", False)],
            [("Jobkonsulent", True), (" Så videre.", False)],
        ],
    )
    assert read_docx(path).text.split("\n")[1] == "Jobkonsulent: Sådan."


def test_bold_emphasis_is_not_a_label(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        [[("I:", True), (" Hvad?", False)], [("Meget", True), (" vigtigt, synes jeg.", False)]],
    )
    assert read_docx(path).text == "I: Hvad?\nMeget vigtigt, synes jeg."


def test_corrupt_docx_is_refused(write: Callable[..., Path], tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx", [[("I: Hej", False)]])
    path = write("bad.docx", good.read_bytes()[:1500])
    with pytest.raises(InputError) as error:
        read_docx(path)
    assert str(error.value).startswith(f"{path}: not a valid .docx file (")


def test_text_named_docx_is_refused(write: Callable[..., Path]) -> None:
    path = write("notes.docx", "I: Hej\nIP: Hej.\n")
    with pytest.raises(InputError) as error:
        read_docx(path)
    assert str(error.value) == f"{path}: not a valid .docx file (not a zip archive)"


def test_zip_that_is_not_a_word_document(write: Callable[..., Path], tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "in" / "x.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hej")
    with pytest.raises(InputError, match=r"not a valid \.docx file \("):
        read_docx(path)
