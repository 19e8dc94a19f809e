"""Decoding .txt transcripts."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual.errors import InputError
from mentorqual.importers.txt import read_txt

TEXT = "I: Hvordan?\r\nIP: Trygheden på Ærø.\r\n"


def test_utf8_with_and_without_bom(write: Callable[..., Path]) -> None:
    plain = read_txt(write("a.txt", TEXT))
    bom = read_txt(write("b.txt", codecs.BOM_UTF8 + TEXT.encode()))
    assert plain.text == bom.text == TEXT
    assert plain.warnings == bom.warnings == []


def test_utf16_with_bom(write: Callable[..., Path]) -> None:
    assert read_txt(write("a.txt", TEXT.encode("utf-16"))).text == TEXT


def test_cp1252_fallback_warns_with_the_line(write: Callable[..., Path]) -> None:
    path = write("a.txt", "I: Hej\nIP: Trygheden på Ærø – ikke?\n", encoding="cp1252")
    document = read_txt(path)
    assert document.text == "I: Hej\nIP: Trygheden på Ærø – ikke?\n"
    assert document.warnings == [f"{path}, line 2: not valid UTF-8; read as cp1252 (Windows)"]


def test_binary_junk_is_refused(write: Callable[..., Path]) -> None:
    path = write("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(InputError) as error:
        read_txt(path)
    assert str(error.value) == f"{path}: not a text file (it contains binary data)"


def test_undecodable_bytes_are_refused(write: Callable[..., Path]) -> None:
    # 0x81 and 0x8D are undefined in cp1252 and invalid as UTF-8 here.
    path = write("a.txt", b"I: Hej\nIP: \x81\x8d\n")
    with pytest.raises(InputError) as error:
        read_txt(path)
    assert str(error.value) == (
        f"{path}: unreadable encoding (neither UTF-8 nor cp1252); save it as UTF-8"
    )
