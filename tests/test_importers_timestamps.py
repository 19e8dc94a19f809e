"""Timestamps in every form transcribers write them, kept as the paragraph's time."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorqual.errors import InputError
from mentorqual.importers.document import Document
from mentorqual.importers.timestamps import clock, seconds
from mentorqual.importers.transcript import parse_transcript
from mentorqual.types import Paragraph, Transcript

HEAD = "---\ninterview: T1\nregion: Syddanmark\nrole: Jobkonsulent\n---\n"


def parse(body: str) -> Transcript:
    return parse_transcript(Document(HEAD + body, "txt"), Path("t.txt"))


def rows(t: Transcript) -> list[tuple[str, str, str, float | None]]:
    """Speaker, side, text and time of every paragraph."""
    return [(p.speaker, p.role, t.paragraph_text(p), p.time) for p in t.paragraphs]


EXPECTED = [
    ("I", "interviewer", "Hvordan kommer et mentorforløb i gang hos jer?", 751.0),
    ("IP", "respondent", "Det starter tit med en samtale med borgeren.", 764.0),
    ("I", "interviewer", "Og virksomheden?", 790.0),
    ("IP", "respondent", "Den ringer vi til bagefter. (griner)", 795.0),
]


@pytest.mark.parametrize(
    "layout",
    [
        "[{t}] {who}: {text}",
        "({t}) {who}: {text}",
        "{t} {who}: {text}",
        "{who} ({t}): {text}",
        "{who} [{t}]: {text}",
        "{who}: {text} #{t}-0#",
    ],
    ids=["brackets", "parentheses", "bare", "after the label", "brackets after label", "f4"],
)
def test_timestamp_forms(layout: str) -> None:
    body = "\n".join(
        layout.format(t=clock(time), who=who, text=text) for who, _, text, time in EXPECTED
    )
    t = parse(body + "\n")
    assert rows(t) == EXPECTED
    # The timestamp stays in the canonical text, outside the paragraph.
    assert "00:12:31" in t.text
    assert all("00:" not in t.paragraph_text(p) for p in t.paragraphs)


def test_f4_fractions_and_times_on_later_paragraphs() -> None:
    t = parse(
        "I: Hvad fylder mest i hverdagen? #00:01:23-4#\n"
        "IP: Papirarbejdet, helt klart. #00:01:31-7#\n"
        "Og så telefonen.\n"
    )
    assert rows(t) == [
        ("I", "interviewer", "Hvad fylder mest i hverdagen?", 83.4),
        ("IP", "respondent", "Papirarbejdet, helt klart.", 91.7),
        ("IP", "respondent", "Og så telefonen.", None),
    ]
    assert t.paragraphs[0].clock == "0:01:23.4"


def test_a_timestamp_alone_on_a_line_times_the_next_paragraph() -> None:
    t = parse("[00:05:00]\nI: Hvordan gik kurset?\n[00:05:09]\nIP: Godt, vi lærte meget.\n")
    assert [(p.speaker, p.time) for p in t.paragraphs] == [("I", 300.0), ("IP", 309.0)]


def test_a_timestamp_starts_a_new_paragraph_within_a_turn() -> None:
    t = parse(
        "[00:10:00] IP: Vi har mange borgere, som\n"
        "har brug for en mentor.\n"
        "[00:10:30] og så har vi dem, der klarer sig selv.\n"
        "I: Tak.\n"
    )
    assert rows(t)[:2] == [
        ("IP", "respondent", "Vi har mange borgere, som har brug for en mentor.", 600.0),
        ("IP", "respondent", "og så har vi dem, der klarer sig selv.", 630.0),
    ]


def test_clock_times_in_speech_are_not_timestamps() -> None:
    t = parse("I: Hvornår?\nIP: Mødet var\n14:30 ringede hun.\nKl. 14:30 kom hun.\n")
    assert rows(t)[1:] == [
        ("IP", "respondent", "Mødet var 14:30 ringede hun.", None),
        ("IP", "respondent", "Kl. 14:30 kom hun.", None),
    ]


def test_timestamps_without_labels_say_what_was_seen() -> None:
    with pytest.raises(InputError) as error:
        parse("[00:00:01] Hvordan går det?\n[00:00:04] Det går fint.\n")
    assert str(error.value) == (
        "t.txt: no speaker labels found; lines start with timestamps like '[00:00:01]' "
        "but no speaker label follows them; each turn must start with a label such as "
        "'I:' or 'IP:', as in '[00:00:01] I: ...'"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [("00:12:31", 751.0), ("1:02:03", 3723.0), ("0:03", 3.0), ("00:00:03,500", 3.5)],
)
def test_seconds(text: str, value: float) -> None:
    assert seconds(text) == value


def test_out_of_range_clock_is_no_time() -> None:
    assert seconds("0:75") is None


def test_paragraph_time_defaults_to_none() -> None:
    assert Paragraph("p1", 1, "I", "interviewer", 0, 3).time is None
    assert Paragraph("p1", 1, "I", "interviewer", 0, 3).clock == ""
