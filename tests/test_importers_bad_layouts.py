"""Files whose layout cannot be read: one error naming the file and what was seen; and
OpenDocument files made to harm."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual.errors import InputError
from mentorqual.importers import read_transcript
from mentorqual.importers.odt import MAX_SPACES, read_odt

FRONT = "---\nregion: Sjælland\n---\n"


def test_names_that_occur_once_are_speech(write: Callable[..., Path]) -> None:
    path = write("B1.txt", FRONT + "Mette Hansen: Velkommen til.\nKim: Tak skal du have.\n")
    with pytest.raises(InputError) as error:
        read_transcript(path)
    assert str(error.value) == (
        f"{path}: no speaker labels found; 'Mette Hansen:' starts only one line, and a "
        "name must start at least two to count as a speaker; each turn must start with a "
        "label such as 'I:' or 'IP:'"
    )


def test_plain_text_keeps_its_message(write: Callable[..., Path]) -> None:
    path = write("B1.txt", FRONT + "Bare en tekst.\nUden talere.\n")
    with pytest.raises(InputError) as error:
        read_transcript(path)
    assert str(error.value) == (
        f"{path}: no speaker labels found; each turn must start with a label such as 'I:' or 'IP:'"
    )


def make_odt(path: Path, *texts: str, spaces: int = 0) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.text import P, S

    document = OpenDocumentText()
    for text in texts:
        paragraph = P(text=text)
        if spaces:
            paragraph.addElement(S(c=spaces))
        document.text.addElement(paragraph)
    document.save(str(path))
    return path


def test_odt_space_runs_are_capped(tmp_path: Path) -> None:
    path = make_odt(tmp_path / "B1.odt", "I: Hvordan?", "IP: Godt.", spaces=10**9)
    text = read_odt(path).text
    assert text.split("\n")[0] == "I: Hvordan?" + " " * MAX_SPACES


def test_corrupt_odt_is_refused(tmp_path: Path) -> None:
    good = make_odt(tmp_path / "good.odt", "I: Hvordan?", "IP: Godt.")
    bad = tmp_path / "B1.odt"
    bad.write_bytes(good.read_bytes()[:300])
    with pytest.raises(InputError, match=r"B1\.odt: not a valid \.odt file \("):
        read_odt(bad)


def test_odt_with_entities_is_refused(tmp_path: Path) -> None:
    good = make_odt(tmp_path / "good.odt", "I: Hvordan?", "IP: &lol;")
    bad = tmp_path / "B1.odt"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(bad, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "content.xml":
                data = data.replace(
                    b"?>", b'?><!DOCTYPE x [<!ENTITY lol "hahahahahahahahaha">]>', 1
                ).replace(b"&amp;lol;", b"&lol;")
            new.writestr(info, data)
    with pytest.raises(InputError, match=r"B1\.odt: not a valid \.odt file \("):
        read_odt(bad)
