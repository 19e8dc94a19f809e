from __future__ import annotations

from pathlib import Path

import pytest

from mentorqual.importers import find_transcripts, read_codings_csv, read_transcript
from mentorqual.pii import (
    DANISH_FIRST_NAMES,
    NAME_WORDS,
    PiiGuard,
    PiiHit,
    find_pii,
    redact,
)
from mentorqual.types import Transcript

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "transcripts"

PLANTED = (
    "Mette fortalte, at borgeren har cpr-nummer 120480-1234. Ring på 22 34 56 78, "
    "2234 5678, 22345678 eller +45 22 34 56 78, eller skriv til mette.holm@kommune.dk."
)


@pytest.fixture(scope="session")
def guard() -> PiiGuard:
    return PiiGuard()


@pytest.fixture(scope="session")
def corpus() -> list[Transcript]:
    return [read_transcript(path) for path in find_transcripts([TRANSCRIPTS])]


def kinds(text: str, guard: PiiGuard) -> list[tuple[str, str]]:
    return [(hit.kind, hit.text) for hit in guard.scan(text)]


def test_planted_pii_is_found_with_offsets(guard: PiiGuard) -> None:
    expected = [
        ("NAVN", "Mette"),
        ("CPR", "120480-1234"),
        ("TELEFON", "22 34 56 78"),
        ("TELEFON", "2234 5678"),
        ("TELEFON", "22345678"),
        ("TELEFON", "+45 22 34 56 78"),
        ("EMAIL", "mette.holm@kommune.dk"),
    ]
    hits = guard.scan(PLANTED)
    assert [(h.kind, h.text) for h in hits] == expected
    position = 0
    for hit in hits:
        start = PLANTED.index(hit.text, position)
        assert (hit.start, hit.end) == (start, start + len(hit.text))
        position = hit.end
    assert find_pii(PLANTED) == hits


def test_redact_replaces_hits_with_tags(guard: PiiGuard) -> None:
    assert guard.redact(PLANTED) == (
        "[NAVN] fortalte, at borgeren har cpr-nummer [CPR]. Ring på [TELEFON], "
        "[TELEFON], [TELEFON] eller [TELEFON], eller skriv til [EMAIL]."
    )
    assert redact(PLANTED, find_pii(PLANTED)) == guard.redact(PLANTED)
    assert redact("ingenting her", []) == "ingenting her"


def test_redact_rejects_bad_hits() -> None:
    with pytest.raises(ValueError, match="does not match the text"):
        redact("Ring til Per", [PiiHit("NAVN", 0, 4, "Per")])
    with pytest.raises(ValueError, match="overlaps another hit"):
        redact("Anne Marie", [PiiHit("NAVN", 0, 10, "Anne Marie"), PiiHit("NAVN", 5, 10, "Marie")])


@pytest.mark.parametrize(
    "text",
    [
        "0101011234",
        "010101-1234",
        "010101 1234",
        "cpr.: 311299-1234.",
        "290200-4234",  # 7th digit 4 and year 00: born 2000, a leap year
        "290296-1234",
        "310158-5234",  # 7th digit 5 and year 58: born 1858
    ],
)
def test_valid_cpr(text: str, guard: PiiGuard) -> None:
    assert [h.kind for h in guard.scan(text)] == ["CPR"]


@pytest.mark.parametrize(
    "text",
    [
        "320199-1234",  # day 32
        "311399-1234",  # month 13
        "001299-1234",  # day 0
        "310499-1234",  # 31 April
        "290201-1234",  # 2001 is not a leap year
        "290200-1234",  # 7th digit 1: born 1900, not a leap year
        "sag 120101012345",  # inside a longer digit run
        "sag 12010101-1234",
        "sag 010101-12345",
        "beløb 1,0101011234",
    ],
)
def test_not_cpr(text: str, guard: PiiGuard) -> None:
    assert [h for h in guard.scan(text) if h.kind == "CPR"] == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ring 22 34 56 78 i morgen", "22 34 56 78"),
        ("ring 2234 5678 i morgen", "2234 5678"),
        ("ring 22345678 i morgen", "22345678"),
        ("ring +4522345678", "+4522345678"),
        ("ring 0045 2234 5678", "0045 2234 5678"),
        ("(tlf. 99 88 77 66)", "99 88 77 66"),
        ("ring 23-45-67-89 i morgen", "23-45-67-89"),
    ],
)
def test_phone_formats(text: str, number: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("TELEFON", number)]


@pytest.mark.parametrize(
    "text",
    [
        "I 2019 startede hun i praktik.",
        "Det koster 12.500 kr. om måneden.",
        "Tilskuddet er kr. 25000000 i alt.",
        "Budgettet er 25000000 kr.",
        "Fra 2019 2020 var der en pause.",
        "12345678",  # Danish numbers begin with 2-9
        "223456789",  # nine digits
        "22 34 56 78 90",
        "2234 5678 9012",
        "sagsnummer 22345678-1",
        "sagsnummer 2019-0412",
        "den 2019-04-12",
    ],
)
def test_not_phone(text: str, guard: PiiGuard) -> None:
    assert [h for h in guard.scan(text) if h.kind == "TELEFON"] == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("skriv til mette.holm@kommune.dk.", "mette.holm@kommune.dk"),
        ("<jk+mentor@jobcenter.aarhus.dk>", "jk+mentor@jobcenter.aarhus.dk"),
        ("Mette.Holm@rksk.dk", "Mette.Holm@rksk.dk"),  # the e-mail wins over the name
        ("søren@københavn.dk", "søren@københavn.dk"),
    ],
)
def test_email(text: str, address: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("EMAIL", address)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Så ringede Per til mig.", ["Per"]),
        ("Det var Bo og Kim, der tog den.", ["Bo", "Kim"]),
        ("Mette kom ind og sagde hej.", ["Mette"]),  # not a word: a name at sentence start too
        ("Jeg talte med Søren, Åse og Bjørn.", ["Søren", "Åse", "Bjørn"]),
        ("Hans Jensen ringede.", ["Hans Jensen"]),  # a capitalised word follows: whole
        ("Det sagde hr. Per Holm.", ["hr. Per Holm"]),  # "hr." does not end the sentence
        ("Mettes mentor og Lars' chef", ["Mettes", "Lars'"]),
        ("Anne-Marie og René", ["Anne-Marie", "René"]),
        ("Vi kalder det Mette-ordningen.", ["Mette"]),
    ],
)
def test_names_found(text: str, names: list[str], guard: PiiGuard) -> None:
    assert kinds(text, guard) == [("NAVN", name) for name in names]


@pytest.mark.parametrize(
    "text",
    [
        "Per uge ser jeg hende to gange.",
        "Vi ses en gang per uge.",
        "Ja. Per uge er det fire timer.",
        "IP: Per uge, ja.\n- Per måned",
        "Hans mentor havde haft ham i et år.",
        "Bo du alene? Mark er dyr. Rose ham!",
        "Lykkes det, så er det godt. Dans er sundt.",
        "»Tom for ideer«, sagde hun.",
        "PER OG METTE",  # names match case-sensitively
        "mette og per",
        "Perspektivet og Annemette-ordningen",  # not whole words
    ],
)
def test_name_words_are_not_names(text: str, guard: PiiGuard) -> None:
    assert kinds(text, guard) == []


def test_user_names_are_found() -> None:
    guard = PiiGuard(names=["Vestergaard", "Bo", "Anne Sofie Kamp", "  "])
    text = "Bo ringede til Anne  Sofie Kamp og Bo Vestergaard. Vestergaards chef"
    assert kinds(text, guard) == [
        ("NAVN", "Bo"),  # a user name counts at a sentence start too
        ("NAVN", "Anne  Sofie Kamp"),
        ("NAVN", "Bo Vestergaard"),  # a whole name is one hit
        ("NAVN", "Vestergaards"),
    ]
    assert [h.text for h in find_pii("Møde med Vestergaard", names=["Vestergaard"])] == [
        "Vestergaard"
    ]
    assert [h.text for h in find_pii("Møde med Solsikken", names=["Solsikken"])] == ["Solsikken"]
    assert find_pii("Møde med Solsikken") == []  # a Danish word: a name only when given
    only_user = PiiGuard(names=["Vestergaard"], builtin_names=False)
    assert kinds("Mette Vestergaard", only_user) == [("NAVN", "Vestergaard")]
    assert PiiGuard(builtin_names=False).scan("Mette") == []


def test_name_words_are_reviewed_words() -> None:
    """Every name excused at a sentence start is a built-in name (or its genitive) and
    a Danish word in the lemma table; "frank" and "max" are from Den Danske Ordbog."""
    from mentorqual.nlp import _lemma_table

    table = _lemma_table()
    for word in NAME_WORDS:
        assert word in DANISH_FIRST_NAMES or word[:-1] in DANISH_FIRST_NAMES, word
        assert word.lower() in {"frank", "max"} or table.get(word.lower()) is not None, word


def test_no_hits_in_sample_corpus(corpus: list[Transcript], guard: PiiGuard) -> None:
    """The fictional sample corpus has no personal data: every hit is a false positive."""
    assert len(corpus) == 30
    found: list[str] = []
    for transcript in corpus:
        assert transcript.paragraphs
        texts = [transcript.text] + [transcript.paragraph_text(p) for p in transcript.paragraphs]
        for text in texts:
            found += [f"{transcript.interview}: {hit}" for hit in guard.scan(text)]
    codings = sorted((TRANSCRIPTS / "codings").glob("*.csv"))
    assert codings
    for path in codings:
        rows = read_codings_csv(path)
        assert rows
        found += [f"{path.name} row {r.row}: {hit}" for r in rows for hit in guard.scan(r.segment)]
    assert found == []
