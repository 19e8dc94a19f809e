"""The guard's kinds beyond numbers and listed first names: titles, whole names, probable
names, addresses and dates of birth; the allow-list; redaction with an offset map.

Every person, address and number here is invented.
"""

from __future__ import annotations

import doctest
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorqual.pii import (
    KINDS,
    SURNAMES,
    TAGS,
    OffsetMap,
    PiiGuard,
    PiiHit,
    find_pii,
    finding_key,
    redact,
    redact_with_map,
)
from mentorqual.pii.vocabulary import danish_words, is_danish


@pytest.fixture(scope="module")
def guard() -> PiiGuard:
    return PiiGuard()


def kinds(text: str, guard: PiiGuard) -> list[tuple[str, str]]:
    return [(hit.kind, hit.text) for hit in guard.scan(text)]


def test_every_kind_has_a_danish_tag() -> None:
    assert set(TAGS) == set(KINDS)
    assert set(TAGS.values()) == {
        "[CPR]", "[TELEFON]", "[EMAIL]", "[NAVN]", "[ADRESSE]", "[FØDSELSDATO]",
    }  # fmt: skip
    assert TAGS["MULIGT_NAVN"] == TAGS["NAVN"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fru Jørgensen ringede i går.", "Fru Jørgensen"),
        ("Jeg talte med hr. Mikkelsen om praktikken.", "hr. Mikkelsen"),
        ("Det var frk. Bjerre, der ringede.", "frk. Bjerre"),
        ("Erklæringen kom fra dr. Thorsen.", "dr. Thorsen"),
        ("Hun gik til fru Møller hver fredag.", "fru Møller"),  # a surname that is a word
        ("Hr. Nielsen er direktør.", "Hr. Nielsen"),
        ("Vi skrev til fru Anne Lassen.", "fru Anne Lassen"),
    ],
)
def test_a_title_and_its_name(text: str, name: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("NAVN", name)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Borgeren hedder Lone Bisgaard og bor alene.", "Lone Bisgaard"),
        ("Kasper Thygesen er intern mentor.", "Kasper Thygesen"),
        ("Vi fik en henvendelse fra Nguyen Thi Hoa i går.", "Nguyen Thi Hoa"),
        ("Mentoren var Ayşe Korkmaz fra kulturcentret.", "Ayşe Korkmaz"),
        ("Jeg ringede til Piotr Wróbel om timesedlen.", "Piotr Wróbel"),
        ("Det var Hans Peter Kjeldsen, der skrev under.", "Hans Peter Kjeldsen"),
        ("Jeg mødte Anne-Marie Lykkegaard på kurset.", "Anne-Marie Lykkegaard"),
        ("Hun har fået Jens Ole Bækgaards nummer.", "Jens Ole Bækgaards"),
        ("Borgeren, Khalid al-Hassan, ville arbejde med biler.", "Khalid al-Hassan"),
        ("Abdirahman Warsame fik fast arbejde.", "Abdirahman Warsame"),
    ],
)
def test_a_whole_name_is_one_hit(text: str, name: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("NAVN", name)]
    assert "[NAVN]" in guard.redact(text)
    for part in name.split():
        assert part not in guard.redact(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jeg talte med Zainab i går.", "Zainab"),
        ("Mentoren fulgte Oksana til samtalen.", "Oksana"),
        ("Fadumo kom altid til tiden.", "Fadumo"),  # not a word: a name at a sentence start
        ("Yonas startede på sprogskolen.", "Yonas"),
        ("Vi har en borger, Mehmet, som laver mad.", "Mehmet"),
        ("Jensen kom for sent.", "Jensen"),  # a family name at a sentence start
        ("Så ringede Møller igen.", "Møller"),  # a family name that is a word, inside
    ],
)
def test_listed_names(text: str, name: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("NAVN", name)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hun arbejder sammen med Temitope på lageret.", "Temitope"),
        ("Borgeren, Gulnara, havde aldrig været i praktik.", "Gulnara"),
        ("Mentoren hjalp Aigerim med at søge kørekort.", "Aigerim"),
        ("Vi fik en henvisning på Chidinma Okafor.", "Chidinma Okafor"),
        ("Mentoren kørte Ruslanas søn til tandlægen.", "Ruslanas"),
    ],
)
def test_probable_names(text: str, name: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("MULIGT_NAVN", name)]
    assert guard.redact(text) == text.replace(name, "[NAVN]")


@pytest.mark.parametrize(
    "text",
    [
        "Vi samarbejder med Jobcenter Aarhus og Region Midtjylland.",
        "STAR og KL har lavet en vejledning, og NAV i Norge har en lignende.",
        "Mange borgere kommer fra Syrien, Eritrea og Somalia.",
        "Hun taler Arabisk og lidt Dansk.",  # capitalised by mistake
        "Vi har møde hver Mandag i Marts.",
        "Han var i praktik i Føtex og derefter hos Danish Crown.",
        "Borgeren logger på med MitID og skriver på Messenger.",
        "Han har været i Forsvaret og på Sprogcenter Midt.",
        "Mentoren mødte hende på Hovedbanegården ved S-toget.",
        "Projektet fik penge fra Beskæftigelsesministeriet og Socialstyrelsen.",
        "Mm. Øhm, Jamen, Okay. Haha. Hmm.",
        "Ha, ja. Hos os er det anderledes. Sine børn passer han selv.",
        "Én ting er sikker. Dér var hun glad.",  # accents for stress only
        "Hun bor i Gellerup og arbejder i Vollsmose.",
    ],
)
def test_not_names(text: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == []


@pytest.mark.parametrize(
    ("word", "danish"),
    [
        ("beskæftigelsesindsatsen", True),
        ("jobcentervejledning", True),  # a compound missing from the table
        ("mentorordningerne", True),
        ("frederiksen", False),  # "frederik|sen": a family-name ending is no part
        ("madsen", False),
        ("temitope", False),
        ("gulnara", False),  # "guln|ara": a form, not a lemma, cannot start a compound
    ],
)
def test_danish_words_and_compounds(word: str, danish: bool) -> None:
    assert is_danish(word) is danish


def test_family_names_are_not_danish_compounds() -> None:
    words = danish_words()
    compounds = [s for s in SURNAMES if s.lower() not in words and is_danish(s.lower())]
    assert [s for s in compounds if s.endswith("sen")] == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Hun bor på Søndergade 14, 2. th., 8000 Aarhus C nu.",
            "Søndergade 14, 2. th., 8000 Aarhus C",
        ),
        ("Virksomheden ligger på Industrivej 7 i 7400 Herning.", "Industrivej 7 i 7400 Herning"),
        ("Han bor på Kastanievej 9, 1. tv.", "Kastanievej 9, 1. tv"),
        ("Mentoren hentede ham på Bøgeallé 3, st. th., hver dag.", "Bøgeallé 3, st. th"),
        ("Brevet gik til Skolebakken 2B, 6000 Kolding.", "Skolebakken 2B, 6000 Kolding"),
        ("Butikken ligger på Frederiksberg Allé 60.", "Frederiksberg Allé 60"),
        ("Kontoret er på Vestre Ringvej 41, 7500 Holstebro.", "Vestre Ringvej 41, 7500 Holstebro"),
        ("Han bor hos sin mor i 2200 København N.", "2200 København N"),
        ("Hun bor i 9800 Hjørring.", "9800 Hjørring"),
        ("Hun bor på Strøget 4.", "Strøget 4"),  # no street ending, but "bor på"
        ("Hun bor på Søndergade i Aarhus.", "Søndergade"),  # no number, but "bor på"
        ("Adressen er Kløvervænget, tror jeg.", "Kløvervænget"),
    ],
)
def test_addresses(text: str, address: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("ADRESSE", address)]
    assert guard.redact(text) == text.replace(address, "[ADRESSE]")


@pytest.mark.parametrize(
    "text",
    [
        "I 2019 Aarhus Kommune havde mange forløb.",
        "Han var på Bornholm 2 år og i Danmark 3 gange.",
        "Vi mødes på Rådhuset 2 gange om ugen.",
        "Der er 14 dage til den næste opfølgning.",
        "Kapitel 3 handler om mentorer.",
    ],
)
def test_not_addresses(text: str, guard: PiiGuard) -> None:
    assert [h for h in guard.scan(text) if h.kind == "ADRESSE"] == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hun er født den 3. marts 1985 i Aleppo.", "3. marts 1985"),
        ("Fødselsdato 14.06.1992 stod på skemaet.", "14.06.1992"),
        ("Borgeren (f. 2/9-1978) er svejser.", "2/9-1978"),
        ("Fødselsdatoen er 1990-04-17 ifølge papirerne.", "1990-04-17"),
        ("Hun er født d. 7/11 1969.", "7/11 1969"),
        ("Min borger, født 4.8.88, har aldrig haft arbejde.", "4.8.88"),
        ("Han er født i Kabul den 15. september 1987.", "15. september 1987"),
        ("Ifølge sagen er han født den 19. okt. 1994.", "19. okt. 1994"),
        ("Hun blev født i juni 1983 i Somalia.", "juni 1983"),
        ("Den 12. maj 2001 blev han født.", "12. maj 2001"),
        ("Han er født 03031985 ifølge skemaet.", "03031985"),
    ],
)
def test_dates_of_birth(text: str, date: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("FØDSELSDATO", date)]


@pytest.mark.parametrize(
    "text",
    [
        "Mødet blev holdt den 14. marts 2023 på rådhuset.",
        "Aftalen gælder fra 01.02.2024 til 31.07.2024.",
        "Hun er født i 1985.",  # a year alone is no date
        "Han fik fx 3. marts 1985 at vide, at han var ledig.",  # "fx", not "f."
        "Hun er født i Syrien. Den 3. marts 2016 kom hun til Danmark.",
        "Fødselsdato 32.13.1990 er ikke en dato.",
    ],
)
def test_not_dates_of_birth(text: str, guard: PiiGuard) -> None:
    assert [h for h in guard.scan(text) if h.kind == "FØDSELSDATO"] == []


def test_a_name_inside_an_address_is_redacted_with_it(guard: PiiGuard) -> None:
    text = "Hun bor på Niels Juels Gade 3, 8200 Aarhus N."
    assert kinds(text, guard) == [("ADRESSE", "Niels Juels Gade 3, 8200 Aarhus N")]


def test_allow_list_words_and_phrases() -> None:
    text = "I går kom Storm og Rose forbi Café Sol, og Solvej ringede fra Café Sol."
    assert {h.text for h in PiiGuard().scan(text)} >= {"Storm", "Rose", "Solvej"}
    guard = PiiGuard(allow=["storm", "ROSE", "Café  Sol"])
    assert kinds(text, guard) == [("NAVN", "Solvej")]
    assert kinds("Mette Rose ringede.", guard) == [("NAVN", "Mette")]  # not a name part
    assert find_pii("Storm kom.", allow=["Storm"]) == []


def test_allow_list_accepts_one_finding_by_its_key() -> None:
    text = "Sagsnummer 22 33 44 55 hører til Mette, ring på 23 45 67 89."
    hits = PiiGuard().scan(text)
    assert [h.key for h in hits] == ["TELEFON:22 33 44 55", "NAVN:Mette", "TELEFON:23 45 67 89"]
    guard = PiiGuard(allow=["TELEFON:22 33 44 55", "navn:mette"])  # the kind as given
    assert kinds(text, guard) == [("NAVN", "Mette"), ("TELEFON", "23 45 67 89")]
    assert kinds(text, PiiGuard(allow=["NAVN:mette"])) == [("TELEFON", "22 33 44 55"),
                                                           ("TELEFON", "23 45 67 89")]  # fmt: skip
    assert finding_key("NAVN", "Anne  Sofie\nKamp") == "NAVN:Anne Sofie Kamp"


def test_builtin_names_off_leaves_only_the_users() -> None:
    guard = PiiGuard(names=["Solsikken"], builtin_names=False)
    assert kinds("Fru Jørgensen og Temitope var hos Solsikken.", guard) == [("NAVN", "Solsikken")]


PLANTED = (
    "Mette Holmgaard, født 3. juli 1979, bor på Egevej 10, 4000 Roskilde og har tlf. "
    "22 44 66 88, cpr 030779-1234 og mail mette@example.dk; fru Lassen kender Temitope."
)


def test_redact_with_map_moves_offsets(guard: PiiGuard) -> None:
    hits = guard.scan(PLANTED)
    assert [h.kind for h in hits] == [
        "NAVN", "FØDSELSDATO", "ADRESSE", "TELEFON", "CPR", "EMAIL", "NAVN", "MULIGT_NAVN",
    ]  # fmt: skip
    text, moved = redact_with_map(PLANTED, hits)
    assert text == redact(PLANTED, hits) == guard.redact(PLANTED)
    assert guard.redact_with_map(PLANTED) == (text, moved)
    for hit in hits:
        assert text[moved(hit.start) : moved(hit.end)] == TAGS[hit.kind]
        inside = hit.start + 1
        assert moved.span(inside, inside + 1) == (moved(hit.start), moved(hit.end))
    assert moved(0) == 0 and moved(len(PLANTED)) == len(text)
    plain = PLANTED.index(" bor på ")
    assert text[moved(plain) : moved(plain + 8)] == " bor på "


_WORDS = ["Mette", "Jensen", "ringede", "til", "22 33 44 55", "fru", "Holm", "og", "på"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.data())
def test_every_hit_maps_onto_its_tag(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    hits = PiiGuard().scan(text)
    redacted, moved = redact_with_map(text, hits)
    for hit in hits:
        assert redacted[moved(hit.start) : moved(hit.end)] == TAGS[hit.kind]
    # Text outside the hits keeps its place relative to the tags around it.
    offset = data.draw(st.integers(0, len(text)))
    if not any(h.start < offset < h.end for h in hits):
        before = sum(len(TAGS[h.kind]) - (h.end - h.start) for h in hits if h.end <= offset)
        assert moved(offset) == offset + before


@pytest.mark.parametrize("name", ["guard", "patterns", "redaction", "vocabulary"])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"mentorqual.pii.{name}")
    assert doctest.testmod(module).failed == 0


def test_offset_map_without_hits() -> None:
    moved = OffsetMap.of([])
    assert (moved(0), moved(7), moved.span(2, 5)) == (0, 7, (2, 5))
    hit = PiiHit("CPR", 5, 16, "010203-1234")
    text, moved = redact_with_map("CPR: 010203-1234 ok", [hit])
    assert (text, moved(5), moved(10), moved(16), moved(19)) == ("CPR: [CPR] ok", 5, 10, 10, 13)


def test_the_word_list_needs_no_spacy_and_no_network() -> None:
    """The word list is read from spacy-lookups-data's file: the guard's modules do not
    import spaCy, and a scan works with the network cut off."""
    import mentorqual.pii

    package = Path(mentorqual.pii.__file__).parent
    for module in package.rglob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(?:import|from)\s+spacy[\s.]", source, re.M), module
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise AssertionError('network')\n"
        "socket.socket.connect = refuse\n"
        "from mentorqual.pii import PiiGuard\n"
        "assert PiiGuard().scan('Hun talte med Temitope.')[0].kind == 'MULIGT_NAVN'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
