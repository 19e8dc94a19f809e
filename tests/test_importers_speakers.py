"""Who asks and who answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorqual.importers.document import Document
from mentorqual.importers.speakers import DEFAULT_INTERVIEWER_LABELS, label_key, questioner
from mentorqual.importers.transcript import parse_transcript
from mentorqual.types import Transcript

HEAD = "---\ninterview: T3\nregion: Hovedstaden\nrole: Jobkonsulent\n---\n"


def parse(body: str, **kwargs: object) -> Transcript:
    return parse_transcript(Document(HEAD + body, "txt"), Path("t.txt"), **kwargs)  # type: ignore[arg-type]


def sides(t: Transcript) -> list[tuple[str, str]]:
    return [(p.speaker, p.role) for p in t.paragraphs]


@pytest.mark.parametrize(
    ("asker", "answerer"),
    [
        ("Q", "A"),
        ("S", "Sv"),
        ("Int.", "IP"),
        ("Spørger", "Svar"),
        ("Interviewer 1", "Deltager 2"),
        ("Moderator", "Jobkonsulent 1"),
    ],
)
def test_default_labels_on_both_sides(asker: str, answerer: str) -> None:
    t = parse(f"{asker}: Hvor længe har du været her?\n{answerer}: I otte år.\n")
    assert sides(t) == [(asker, "interviewer"), (answerer, "respondent")]
    assert t.warnings == []


def test_given_labels_add_to_the_defaults() -> None:
    body = "Forsker2: Hvordan?\nIP: Sådan.\nI: Og så?\nIP: Så videre.\n"
    t = parse(body, interviewer_labels=["Forsker2"])
    assert [r for _, r in sides(t)] == ["interviewer", "respondent", "interviewer", "respondent"]


def test_the_speaker_who_asks_is_taken_as_interviewer_with_a_warning() -> None:
    body = """\
Mette: Velkommen. Hvor længe har du været jobkonsulent?
Jobkonsulent 1: Siden 2015, så snart ni år.
Mette: Hvordan finder I mentorerne?
Jobkonsulent 1: Mest gennem virksomhederne. Nogle gange spørger vi borgeren, hvem de kender.
Mette: Og hvad betyder mentoren for borgeren?
Jobkonsulent 1: Rigtig meget. Det er en fast person at gå til.
"""
    t = parse(body)
    assert sides(t)[:2] == [("Mette", "interviewer"), ("Jobkonsulent 1", "respondent")]
    assert t.warnings == [
        "t.txt: no interviewer label found; 'Mette' asks most of the questions and is "
        "taken as the interviewer (name the interviewer's label with --interviewer-label "
        "if that is wrong)"
    ]


def test_no_one_clearly_asks_leaves_everyone_a_respondent() -> None:
    t = parse("Anne: Det er godt.\nBo: Ja, det synes jeg også.\nAnne: Fint.\nBo: Ja.\n")
    assert {r for _, r in sides(t)} == {"respondent"}


def test_speaker_names_recur_to_count() -> None:
    t = parse("I: Hvem er I?\nMette Hansen: Jeg er mentor.\nI: Og?\nMette Hansen: Det er alt.\n")
    assert sides(t)[1] == ("Mette Hansen", "respondent")


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Int.", "int"),
        ("INT", "int"),
        ("IP2", "ip"),
        ("Jobkonsulent 3", "jobkonsulent"),
        ("S", "s"),
    ],
)
def test_label_key(label: str, key: str) -> None:
    assert label_key(label) == key


def test_respondent_forms_are_not_interviewer_labels() -> None:
    keys = {label_key(label) for label in DEFAULT_INTERVIEWER_LABELS}
    assert not keys & {"a", "sv", "r", "svar", "ip"}


def test_questioner_needs_a_clear_majority() -> None:
    assert questioner([("A", "Hvad?"), ("B", "Det."), ("A", "Og?"), ("B", "Ja.")]) == "A"
    assert questioner([("A", "Hvad?"), ("B", "Hvad?"), ("A", "Og?"), ("B", "Og?")]) is None
    assert questioner([("A", "Hvad?"), ("B", "Det.")]) is None  # one question is not enough
