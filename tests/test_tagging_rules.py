"""Rule tagging on spacy.blank("da"): compounds, inflection, negation, AND, exclusion."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual.codebook import load_codebook
from mentorqual.errors import CodebookError
from mentorqual.project import validate_codebook
from mentorqual.tagging.rules import RuleTagger, WordAnalyser, parse_term

RULES = """themes:
  - code: kurser
    rules:
      - id: k-ord
        terms: ["*kursus*", "!konkurs"]
      - id: k-mentor
        terms: [oplære]
        also: ["*mentor", "mentor*"]
  - code: administration
    rules:
      - id: a-ord
        terms: ["blanket*", "*blanket", "*lønseddel", "papir*", "!papiret"]
      - id: a-frase
        phrases: ["taste timer"]
  - code: ledelse
    rules:
      - id: l-ord
        terms: ["*leder", "ledelse*", "!vejleder"]
        unless: [arbejdsleder]
      - id: l-mønster
        patterns: [[{LEMMA: bakke}, {LOWER: op}]]
        negation: false
"""


@pytest.fixture(scope="module")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> RuleTagger:
    path = tmp_path_factory.mktemp("cb") / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return RuleTagger(load_codebook(path))


def codes(tagger: RuleTagger, text: str) -> dict[str, list[str]]:
    (result,) = tagger.tag([text])
    return {code: [t for h in hits for t, _, _ in h.tokens] for code, hits in result.hits.items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mentorkurset var godt.", {"kurser": ["Mentorkurset"]}),  # compound head, inflected
        ("Kursusdagen var lang.", {"kurser": ["Kursusdagen"]}),  # compound modifier
        ("Vi holder kurser.", {"kurser": ["kurser"]}),  # inflection via the lemma table
        ("Det var et blankethelvede.", {"administration": ["blankethelvede"]}),
        ("Lønsedlerne kommer sent.", {"administration": ["Lønsedlerne"]}),  # capitalised
        ("Afdelingslederen og Lederne.", {"ledelse": ["Afdelingslederen", "Lederne"]}),
        ("Ledelsesopbakningen mangler.", {"ledelse": ["Ledelsesopbakningen"]}),  # linking s
        ("Han gik konkurs sidste år.", {}),  # known word whose lemma is not kursus
        ("Vejlederen sagde det.", {}),  # exception term
        ("På papiret ser det fint ud.", {}),  # exception term for the idiom
        ("Jeg skal taste alle timerne.", {"administration": ["taste alle timerne"]}),
        ("Ærøs mentorer blev oplært.", {"kurser": ["oplært"]}),  # AND: mentor in sentence
        ("Borgeren blev oplært.", {}),  # AND fails without a mentor word
        ("Ledelsen bakker op.", {"ledelse": ["Ledelsen", "bakker op"]}),  # Matcher pattern
    ],
)
def test_rule_matches(tagger: RuleTagger, text: str, expected: dict[str, list[str]]) -> None:
    assert codes(tagger, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Det er ikke papirarbejdet, der er problemet.", {}),
        ("Vi har ingen kurser.", {}),
        ("Kurser har vi aldrig fået tilbudt.", {}),  # topicalised, negated after the verb
        ("Nej, kurser har jeg ikke haft.", {}),
        # Negation scope ends at punctuation and at the sentence:
        ("Det er ikke let, men papirarbejdet fylder.", {"administration": ["papirarbejdet"]}),
        ("Det var ikke sjovt. Kurserne var lange.", {"kurser": ["Kurserne"]}),
        # A negation far before the hit does not count:
        ("Jeg synes ikke, at vi har for mange blanketter.", {"administration": ["blanketter"]}),
        # A rule with negation: false keeps its hits:
        ("Ledelsen bakker ikke op.", {}),
    ],
)
def test_negation(tagger: RuleTagger, text: str, expected: dict[str, list[str]]) -> None:
    assert codes(tagger, text) == expected


def test_negation_false_keeps_pattern_hits(tagger: RuleTagger) -> None:
    assert codes(tagger, "Ikke bakke op om det.") == {"ledelse": ["bakke op"]}


def test_unless_excludes_within_the_sentence(tagger: RuleTagger) -> None:
    assert codes(tagger, "Arbejdslederen og afdelingslederen var enige.") == {}
    assert codes(tagger, "Arbejdslederen var enig. Afdelingslederen også.") == {
        "ledelse": ["Afdelingslederen"]
    }


def test_offsets_point_into_the_text(tagger: RuleTagger) -> None:
    text = "Først æøå, så mentorkurset og blanketterne."
    (result,) = tagger.tag([text])
    for hits in result.hits.values():
        for hit in hits:
            for token, start, end in hit.tokens:
                assert text[start:end] == token


def test_word_analysis_is_memoised_per_type() -> None:
    words = WordAnalyser([parse_term("*kursus")])
    first = words("mentorkurset")
    assert words("mentorkurset") is first
    assert list(words.memo) == ["mentorkurset"]


def test_batches_give_the_same_result_as_one_by_one(tagger: RuleTagger) -> None:
    texts = ["Mentorkurset.", "Intet her.", "Det er ikke blanketten.", "Lederne siger ja."] * 3
    together = [r.hits for r in tagger.tag(texts, batch_size=5)]
    alone = [tagger.tag([t])[0].hits for t in texts]
    assert together == alone


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("      - id: r1\n        note: tom\n", r"line 4: rule 'r1' is empty"),
        (
            "      - id: r1\n        terms: [a]\n      - id: r1\n        terms: [b]\n",
            r"line 6: duplicate rule id 'r1' \(first on line 4\)",
        ),
        (
            "      - id: r1\n        regex: ['(uafsluttet']\n",
            r"line 5: rule 'r1': regex '\(uafsluttet' does not compile",
        ),
        (
            "      - id: r1\n        terms: [a]\n        hvis: [b]\n",
            r"line 6: unknown key 'hvis' in a rule",
        ),
        (
            "      - id: r1\n        terms: ['to ord']\n",
            r"line 5: rule 'r1': 'to ord' has several words",
        ),
        ("      - id: r1\n        terms: ['*']\n", r"line 5: rule 'r1': empty entry in 'terms'"),
        (
            "      - id: r1\n        patterns: [[{LEMMA: a, FOO: b}]]\n",
            r"line 4: rule 'r1': invalid pattern",
        ),
        (
            "      - id: r1\n        patterns: [a]\n",
            r"line 5: rule 'r1': 'patterns' must be a list",
        ),
        (
            "      - id: r1\n        terms: [a]\n        negation: måske\n",
            r"line 6: 'negation' must be true or false",
        ),
    ],
)
def test_invalid_rules(write: Callable[..., Path], rules: str, message: str) -> None:
    path = write("cb.yaml", "themes:\n  - code: a\n    rules:\n" + rules)
    with pytest.raises(CodebookError, match=f"^{path}, {message}"):
        validate_codebook(path)


def test_sample_codebook_compiles() -> None:
    from .conftest import CODEBOOK

    book = validate_codebook(CODEBOOK)
    assert {r.code for r in book.rules} == set(book.codes)
