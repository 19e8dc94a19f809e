"""Parsing and segmentation of transcript text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from mentorqual.errors import InputError
from mentorqual.importers.document import Document
from mentorqual.importers.transcript import canonical, count_words, parse_transcript

HEAD = "---\ninterview: X1\nregion: Sjælland\nrole: Jobkonsulent\n---\n"


def parse(body: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return parse_transcript(Document(HEAD + body, "txt"), Path("x.txt"), **kwargs)  # type: ignore[arg-type]


def texts(transcript, role: str = "respondent") -> list[str]:  # type: ignore[no-untyped-def]
    return [transcript.paragraph_text(p) for p in transcript.paragraphs if p.role == role]


def test_turns_paragraphs_and_offsets() -> None:
    t = parse("I: Hvordan går det?\nIP: Godt.\nOg så videre.\n\nI: Tak.\n")
    assert [(p.locator, p.turn, p.speaker, p.role) for p in t.paragraphs] == [
        ("p1", 1, "I", "interviewer"),
        ("p2", 2, "IP", "respondent"),
        ("p3", 2, "IP", "respondent"),
        ("p4", 3, "I", "interviewer"),
    ]
    assert texts(t) == ["Godt.", "Og så videre."]
    assert t.text == "I: Hvordan går det?\nIP: Godt.\nOg så videre.\n\nI: Tak."
    assert t.attributes == {
        "interview": "X1",
        "region": "Sjælland",
        "role": "Jobkonsulent",
    }


def test_crlf_and_lf_give_the_same_canonical_text() -> None:
    body = "I: Spørgsmål?\nIP: Svar med æøå.\n"
    assert parse(body).text == parse(body.replace("\n", "\r\n")).text
    assert "\r" not in parse(body.replace("\n", "\r\n")).text


def test_text_is_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "IP: Tryghed på Ærø og i Århus.")
    t = parse("I: Hvor?\n" + decomposed + "\n")
    assert texts(t) == ["Tryghed på Ærø og i Århus."]
    assert unicodedata.is_normalized("NFC", t.text)


@pytest.mark.parametrize(
    ("interviewer", "respondent"),
    [
        ("I", "IP"),
        ("Int", "R"),
        ("Interviewer", "Respondent"),
        ("Intervieweren", "JK"),
        ("int", "Jobkonsulent"),
        ("INTERVIEWER", "Informant"),
    ],
)
def test_label_variants(interviewer: str, respondent: str) -> None:
    t = parse(f"{interviewer}: Spørgsmål?\n{respondent}: Svar.\n")
    assert [p.role for p in t.paragraphs] == ["interviewer", "respondent"]
    assert texts(t) == ["Svar."]


def test_label_with_extra_spaces_and_no_space_before_text() -> None:
    t = parse("I : Spørgsmål?\n  IP:Svar.\nIP:\tMere.\n")
    # "IP:Svar." has no space after the colon, so it is text of the I turn; a label
    # needs space (or end of line) after the colon, like "kl. 14:30" shows.
    assert [p.role for p in t.paragraphs] == ["interviewer", "interviewer", "respondent"]
    assert texts(t) == ["Mere."]


def test_custom_interviewer_labels() -> None:
    t = parse("Forsker: Hvordan?\nIP: Sådan.\n", interviewer_labels=["Forsker"])
    assert [p.role for p in t.paragraphs] == ["interviewer", "respondent"]


def test_unknown_label_counts_when_it_recurs() -> None:
    t = parse("I: Hvordan?\nMentorkoordinator: Sådan.\nI: Og?\nMentorkoordinator: Sådan her.\n")
    assert texts(t) == ["Sådan.", "Sådan her."]


@pytest.mark.parametrize(
    "line",
    [
        "Fx: hvis borgeren ikke møder op.",
        "fx: hvis borgeren ikke møder op.",
        "Altså: det er sådan.",
        "Det sagde hun: nej tak.",
        "Kl. 14:30 ringede hun.",
        "Men sådan er det: svært.",
    ],
)
def test_labels_inside_speech_are_not_labels(line: str) -> None:
    t = parse(f"I: Hvordan?\nIP: Det kommer an på det.\n{line}\nI: Tak.\n")
    assert texts(t) == ["Det kommer an på det.", line]
    assert [p.turn for p in t.paragraphs] == [1, 2, 2, 3]


def test_empty_turns_give_no_paragraph() -> None:
    t = parse("I:\nIP: Svar.\nI: \n\nIP:\nSvar på næste linje.\n")
    assert texts(t) == ["Svar.", "Svar på næste linje."]
    assert [p.turn for p in t.paragraphs] == [2, 4]


def test_text_before_the_first_label_is_not_a_segment() -> None:
    t = parse("Interview om mentorordningen\n\nI: Hvordan?\nIP: Godt.\n")
    assert [p.locator for p in t.paragraphs] == ["p1", "p2"]
    assert t.text.startswith("Interview om mentorordningen\n")


def test_offsets_are_code_points_into_the_canonical_text() -> None:
    t = parse("I: 😀 Hvad så?\nIP: Det går 👍 fint med æøå.\n")
    (p,) = t.respondent_paragraphs
    assert t.text[p.start : p.end] == "Det går 👍 fint med æøå."
    assert p.end - p.start == len("Det går 👍 fint med æøå.")


def test_no_labels_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^x\.txt: no speaker labels found"):
        parse("Bare en tekst uden talere.\nOg en linje mere.\n")


def test_only_interviewer_speech_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^x\.txt: no respondent speech"):
        parse("I: Hallo?\nI: Er der nogen?\n")


def test_empty_transcript_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^x\.txt: the transcript is empty$"):
        parse("\n\n")


def test_interview_id_defaults_to_the_file_name() -> None:
    doc = Document("---\nregion: Midtjylland\n---\nI: Hvad?\nIP: Det.\n", "txt")
    assert parse_transcript(doc, Path("a/IP07.txt")).interview == "IP07"


def test_canonical_and_word_count() -> None:
    assert canonical("a\r\nb\rc") == "a\nb\nc"
    assert count_words("Det er bl.a. 3 lønsedler, ikke?") == 7
