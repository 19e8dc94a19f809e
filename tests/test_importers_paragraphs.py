"""Paragraphs, not lines: hard wraps joined; headings, header blocks and annotations kept
as structure, never as respondent speech."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorqual.importers.document import Document
from mentorqual.importers.transcript import parse_transcript
from mentorqual.types import Transcript

HEAD = "---\ninterview: T2\nregion: Nordjylland\nrole: Jobkonsulent\n---\n"

# A typist's 60-character lines: every respondent sentence wraps.
WRAPPED = """\
I: Hvordan oplever du papirarbejdet omkring en mentorordning?
IP: Altså, der er rigtig mange blanketter, og vi skal
indhente lønsedler fra virksomheden hver eneste måned,
hvilket tager tid fra det, vi egentlig burde lave.

Men det er blevet bedre, efter vi fik den nye skabelon.
Nu tager det måske en halv time pr. forløb.
I: Og hvad med virksomhederne?
IP: De er glade for mentorerne, men mange af dem synes,
at afregningen er bøvlet. (griner) Det forstår jeg godt.
"""


def parse(body: str, source_format: str = "txt") -> Transcript:
    return parse_transcript(Document(HEAD + body, source_format), Path("t.txt"))


def texts(t: Transcript, role: str = "respondent") -> list[str]:
    return [t.paragraph_text(p) for p in t.paragraphs if p.role == role]


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    t = parse(WRAPPED)
    assert texts(t) == [
        "Altså, der er rigtig mange blanketter, og vi skal indhente lønsedler fra "
        "virksomheden hver eneste måned, hvilket tager tid fra det, vi egentlig burde lave.",
        "Men det er blevet bedre, efter vi fik den nye skabelon.",
        "Nu tager det måske en halv time pr. forløb.",
        "De er glade for mentorerne, men mange af dem synes, at afregningen er bøvlet. "
        "(griner) Det forstår jeg godt.",
    ]
    assert [p.locator for p in t.paragraphs] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    # The wrap became a space, so the text is as long as the file's and one line per
    # paragraph; the blank line between paragraphs is kept.
    assert len(t.text) == len(WRAPPED.rstrip("\n"))
    assert "\n\nMen det er blevet bedre" in t.text
    assert all("\n" not in t.paragraph_text(p) for p in t.paragraphs)


def test_joining_is_stable_when_the_canonical_text_is_parsed_again() -> None:
    t = parse(WRAPPED)
    again = parse_transcript(Document(t.text, "txt"), Path("t.txt"), attributes=t.attributes)
    assert (again.text, again.paragraphs) == (t.text, t.paragraphs)


def test_sentence_ends_and_capitals_are_not_joined() -> None:
    t = parse("I: Hvad så?\nIP: Det ved jeg ikke\nJobcentret har ikke sagt noget.\n")
    assert texts(t) == ["Det ved jeg ikke", "Jobcentret har ikke sagt noget."]


def test_header_block_and_headings_are_structure() -> None:
    body = """\
Interview 3 med jobkonsulent
Dato: 14. marts 2024
Varighed: 47 min.
Interviewer: AB
Informant: Jobkonsulent, ungeteamet

TEMA 1: OPSTART

I: Kan du fortælle, hvordan et forløb starter?
IP: Vi holder altid et opstartsmøde med borgeren og mentoren.

Tema 2: Administration
I: Hvad med papirerne?
IP: Dem er der mange af.
[pause]
Men det går.
[Slut på interview]
"""
    t = parse(body)
    assert [(p.speaker, p.role) for p in t.paragraphs] == [
        ("I", "interviewer"),
        ("IP", "respondent"),
        ("I", "interviewer"),
        ("IP", "respondent"),
        ("IP", "respondent"),
    ]
    assert texts(t) == [
        "Vi holder altid et opstartsmøde med borgeren og mentoren.",
        "Dem er der mange af.",
        "Men det går.",
    ]
    assert t.text.startswith("Interview 3 med jobkonsulent\nDato: 14. marts 2024")
    assert "[Slut på interview]" in t.text


def test_markdown_and_capital_headings() -> None:
    t = parse("# Opstart\nI: Hvordan?\nIP: Sådan.\nADMINISTRATION\nDet var det.\n")
    assert texts(t) == ["Sådan.", "Det var det."]


def test_a_turn_label_in_a_header_like_first_line_is_still_a_turn() -> None:
    t = parse("Interviewer: Hvordan startede du som jobkonsulent?\nIP: Det var i 2009.\n")
    assert [p.role for p in t.paragraphs] == ["interviewer", "respondent"]


def test_inline_annotations_stay_in_the_text() -> None:
    t = parse("I: Hvordan?\nIP: Det er jo lidt skørt (griner), men det virker.\n")
    assert texts(t) == ["Det er jo lidt skørt (griner), men det virker."]


def test_document_structure_lines_are_never_paragraphs() -> None:
    doc = Document(HEAD + "I: Hvordan?\nIP: Godt.\nOpstart og visitation\nIP: Mere.\n", "docx")
    doc.structure = frozenset({7})  # the heading, counted from the first line of the file
    t = parse_transcript(doc, Path("t.docx"))
    assert texts(t) == ["Godt.", "Mere."]


def test_header_block_of_names_only() -> None:
    body = (
        "Interview 7\nInterviewer: MH\nInformant: Jobkonsulent\n\n"
        "[00:00:00] Interviewer: Må jeg optage?\n[00:00:03] Informant: Ja, det er fint.\n"
    )
    t = parse(body)
    assert [(p.speaker, t.paragraph_text(p)) for p in t.paragraphs] == [
        ("Interviewer", "Må jeg optage?"),
        ("Informant", "Ja, det er fint."),
    ]


def test_greetings_at_the_top_are_turns_not_a_header() -> None:
    t = parse(
        "Interviewer: Hej.\nInformant: Hej.\n\nInterviewer: Hvordan går det?\nInformant: Fint.\n"
    )
    assert texts(t) == ["Hej.", "Fint."]


def test_in_a_hard_wrapped_text_a_capital_may_continue_a_line() -> None:
    t = parse(
        "I: Hvordan samarbejder I med virksomhederne, når en\n"
        "borger starter i praktik?\n"
        "IP: Det kommer an på virksomheden, men typisk ringer\n"
        "Mette fra virksomhedsteamet til dem, inden borgeren\n"
        "starter, og så aftaler de, hvem der skal være mentor.\n"
        "Ja, altså, det er hende, der styrer det.\n"
    )
    assert texts(t) == [
        "Det kommer an på virksomheden, men typisk ringer Mette fra virksomhedsteamet til "
        "dem, inden borgeren starter, og så aftaler de, hvem der skal være mentor.",
        "Ja, altså, det er hende, der styrer det.",
    ]
    # In a text that is not hard-wrapped, a capital starts a new paragraph.
    assert texts(parse("I: Hvad så?\nIP: Det ved jeg ikke\nJobcentret har ikke sagt noget.\n")) == [
        "Det ved jeg ikke",
        "Jobcentret har ikke sagt noget.",
    ]


@pytest.mark.parametrize(
    "body",
    [
        "I: Hvad?\nIP: (og så\nvidere)\n",
        "I: Hvad?\nIP: Ja.\n#\n0: ja\n",
        "I: Hvad?\nIP: tema\n2 - bla\n- det var det\n",
        "I: \nA\nIP:A\na\nIP: 0\nI: 0\nog\nså\nvidere\n",
        "I: Hvad?\nIP: Ja\nMette Hansen\n0:03\n",
        "I: Hvad?\nIP: OK SÅ\nDET ER\nsådan\n",
    ],
)
def test_joined_lines_read_the_same_when_parsed_again(body: str) -> None:
    t = parse(body)
    again = parse_transcript(Document(t.text, "txt"), Path("t.txt"), attributes=t.attributes)
    assert (again.text, again.paragraphs) == (t.text, t.paragraphs)


def test_a_sentence_that_starts_like_a_heading_is_speech() -> None:
    t = parse("I: Og så?\nIP: Det gik skidt.\nDel 3. gang gik det bedre.\n")
    assert texts(t) == ["Det gik skidt.", "Del 3. gang gik det bedre."]
