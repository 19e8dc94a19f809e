"""Quote selection: trimming to whole sentences, ranking, duplicates, caps."""

from __future__ import annotations

from typing import Any

import pytest

from mentorqual.quotes import ELLIPSIS, Candidate, Quote, trim
from mentorqual.quotes import attribution as attribution_in
from mentorqual.quotes import select_quotes as select_in
from mentorqual.reports.language import Lang, say, unknown

THEMES = [("tryghed", "Tryghed"), ("kurser", "Kurser")]
HS = {"region": "Hovedstaden", "role": "Jobkonsulent"}
NJ = {"region": "Nordjylland", "role": "Mentorkoordinator"}


def attribution(attributes: dict[str, str], speaker: str = "", lang: Lang = "da") -> str:
    """The engine's attribution with a report's words for a missing role or region."""
    return attribution_in(attributes, say(lang, "respondent"), unknown(lang), speaker)


def select_quotes(*args: Any, lang: Lang = "da", **options: Any) -> list[Quote]:
    """The engine with a report's words for a missing role or value."""
    return select_in(*args, unknown=unknown(lang), respondent=say(lang, "respondent"), **options)


def sentences_of(text: str) -> list[tuple[int, int, int]]:
    """Sentence spans of a test text whose sentences end with '. '."""
    spans, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        spans.append((start, end, len(text[start:end].split())))
        start = end + 1
    return spans


LONG = (
    "Vi har mange borgere. De fleste har det svært. "
    "Mentoren giver dem tryghed hver dag på arbejdet. "
    "Det betyder rigtig meget for dem. Så er der kurserne. Og papirerne."
)


def test_short_text_is_kept_whole() -> None:
    text = "Det giver ro. Hun ringer til mig."
    assert trim(text, sentences_of(text), [], 80) == (text, 7)


def test_long_text_is_cut_to_whole_sentences_around_the_evidence() -> None:
    focus = LONG.index("tryghed")
    quote, words = trim(LONG, sentences_of(LONG), [focus], 14)
    assert quote.startswith(f"{ELLIPSIS} ") and quote.endswith(f" {ELLIPSIS}")
    assert "Mentoren giver dem tryghed hver dag på arbejdet." in quote
    assert "Vi har mange borgere" not in quote
    body = quote.removeprefix(f"{ELLIPSIS} ").removesuffix(f" {ELLIPSIS}")
    assert body in LONG  # whole sentences, verbatim
    assert words == len(body.split()) <= 14


def test_a_single_sentence_longer_than_the_limit_stays_whole() -> None:
    focus = LONG.index("tryghed")
    quote, _ = trim(LONG, sentences_of(LONG), [focus], 3)
    assert quote == f"{ELLIPSIS} Mentoren giver dem tryghed hver dag på arbejdet. {ELLIPSIS}"


def test_attribution() -> None:
    assert attribution(HS) == "(Jobkonsulent, Hovedstaden)"
    assert attribution({"region": "Sjælland"}) == "(Informant, Sjælland)"
    assert attribution({"role": "Mentor"}) == "(Mentor, ukendt region)"
    assert attribution({}, lang="en") == "(Respondent, unknown region)"


def test_quotes_of_an_interview_without_region_in_each_language() -> None:
    text = "Mentoren giver hende ro, når hun er utryg ved noget."
    found = {
        lang: select_quotes(
            [candidate("X01", 1, text, {"A"}, None, {"role": "Mentor"})], THEMES, lang=lang
        )
        for lang in ("da", "en")
    }
    assert [(q.group, q.attribution) for q in found["da"]] == [
        (("ukendt region",), "(Mentor, ukendt region)")
    ]
    assert [(q.group, q.attribution) for q in found["en"]] == [
        (("unknown region",), "(Mentor, unknown region)")
    ]


def candidate(
    interview: str, segment: int, text: str, human: set[str], score: float | None, attrs=HS
) -> Candidate:
    return Candidate(
        interview=interview,
        attributes=attrs,
        segment=segment,
        locator=f"p{segment}",
        text=text,
        code="tryghed",
        sentences=sentences_of(text),
        human=human,
        machine={} if score is None else {"rules": score},
    )


def test_human_coded_first_then_by_score() -> None:
    chosen = select_quotes(
        [
            candidate("HS01", 1, "Mentoren er en fast person for hende.", set(), 0.99),
            candidate("HS02", 2, "Hun ringer, når hun er utryg ved noget.", {"A", "B"}, None),
            candidate("HS03", 3, "Han kan altid ringe til sin mentor.", {"A"}, 0.4),
            candidate("HS04", 4, "Det giver ro på hele forløbet for ham.", set(), 0.5),
        ],
        THEMES,
        top=3,
    )
    assert [q.interview for q in chosen] == ["HS02", "HS03", "HS01"]
    assert chosen[0].coders == "A, B" and chosen[0].score is None
    assert chosen[1].coders == "A, rules" and chosen[1].score == 0.4
    assert chosen[0].attribution == "(Jobkonsulent, Hovedstaden)"


def test_near_duplicates_and_the_per_interview_cap() -> None:
    text = "Mentoren er en fast person, hun kan gå til, når noget er svært."
    chosen = select_quotes(
        [
            candidate("HS01", 1, text, {"A"}, None),
            candidate("HS02", 9, "Ja. " + text, {"A"}, None),  # the same anecdote again
            candidate("HS01", 2, "Hun ringer, når hun er utryg ved noget.", {"A"}, None),
            candidate("HS01", 3, "Han kan altid ringe til sin mentor om aftenen.", {"A"}, None),
            candidate("NJ01", 4, "Det giver ro på for borgeren.", {"A"}, None, NJ),
        ],
        THEMES,
        per_interview=1,
    )
    # Longer quotes (closer to a readable length) rank first: HS02 p9, then HS01 p3.
    # HS01 p1 is a near-duplicate of HS02 p9, and HS01 p2 one quote too many from HS01.
    assert [(q.group, q.interview, q.locator) for q in chosen] == [
        (("Nordjylland",), "NJ01", "p4"),  # regions in report order
        (("Hovedstaden",), "HS02", "p9"),
        (("Hovedstaden",), "HS01", "p3"),
    ]


def test_a_group_interview_attributes_each_speaker_to_their_role() -> None:
    attributes = {"region": "Sjælland", "role": "Mentor", "speakers": "Ole=Jobkonsulent"}
    assert attribution(attributes, speaker="Ole") == "(Jobkonsulent, Sjælland)"
    assert attribution(attributes, speaker="Mette") == "(Mentor, Sjælland)"
    assert attribution(attributes) == "(Mentor, Sjælland)"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Det var sjovt (griner), og så gik vi hjem.", "Det var sjovt, og så gik vi hjem."),
        ("Vi ventede [pause] og så kom han.", "Vi ventede og så kom han."),
        ("Hun sagde (ler lidt) nej.", "Hun sagde nej."),
        ("Han (jobkonsulenten) sagde ja.", "Han (jobkonsulenten) sagde ja."),  # not a note
    ],
)
def test_transcribers_notes_are_left_out_of_quotes(text: str, quoted: str) -> None:
    from mentorqual.quotes import without_annotations

    assert without_annotations(text) == quoted


def _paragraph(text: str, passage: tuple[int, int] | None) -> Candidate:
    sentences, start = [], 0
    for sentence in text.split(". "):
        end = start + len(sentence) + (2 if start + len(sentence) < len(text) else 0)
        sentences.append((start, min(end, len(text)), len(sentence.split())))
        start = end
    return Candidate(
        interview="T01", attributes={"region": "Sjælland"}, segment=1, locator="p2",
        text=text, code="tryghed", sentences=sentences, passage=passage,
    )  # fmt: skip


def test_a_quote_is_the_passage_the_coder_marked() -> None:
    from mentorqual.quotes import quote_text

    text = "Vi mødtes hver uge. Hun ringede altid om morgenen. Det gav mig ro. Og så videre."
    whole = text.index("Hun ringede"), text.index("Og så")  # two whole sentences
    assert quote_text(_paragraph(text, whole), 80) == (
        "[...] Hun ringede altid om morgenen. Det gav mig ro. [...]",
        9,
    )
    part = text.index("ringede"), text.index(" om morgenen")  # part of a sentence
    assert quote_text(_paragraph(text, part), 80)[0] == "[...] Hun ringede altid om morgenen. [...]"
    assert quote_text(_paragraph(text, None), 80)[0] == text  # no passage: the paragraph
