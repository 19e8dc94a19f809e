"""Rule tagging on spacy.blank("da"): compounds, inflection, negation, AND, exclusion."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Span

from mentorqual import nlp
from mentorqual.codebook import load_codebook
from mentorqual.errors import CodebookError
from mentorqual.importers import read_transcript
from mentorqual.project import validate_codebook
from mentorqual.tagging import rules, spans
from mentorqual.tagging.rules import RuleTagger, WordAnalyser, parse_term

from .conftest import CODEBOOK, TRANSCRIPTS

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


def test_the_tagger_of_the_last_codebook_is_kept(write: Callable[..., Path]) -> None:
    book = load_codebook(write("a.yaml", RULES))
    tagger = rules.tagger_for(book)
    assert rules.tagger_for(load_codebook(write("b.yaml", RULES))) is tagger  # same content
    other = load_codebook(write("c.yaml", RULES.replace("taste timer", "taste tider")))
    assert rules.tagger_for(other) is not tagger
    assert rules.tagger_for(book) is not tagger  # only the last one is kept


def test_sample_codebook_compiles() -> None:
    book = validate_codebook(CODEBOOK)
    assert {r.code for r in book.rules} == set(book.codes)


# -- the array tagger against the token-by-token algorithm it replaced ------------------


def reference(tagger: RuleTagger, text: str) -> dict[str, list[tuple[str, tuple]]]:
    """The rules applied token by token on a spaCy Doc, as the tagger used to."""
    doc = tagger.nlp.tokenizer(text)
    words = [tagger.words(t.lower_) for t in doc]
    for token in doc:
        token.lemma_ = nlp.lemma(token.lower_)
    matches: dict[str, list[Span]] = defaultdict(list)
    for match_id, start, end in tagger.matcher(doc) if len(tagger.matcher) else []:
        matches[tagger.nlp.vocab.strings[match_id]].append(doc[start:end])  # no pre-filter
    tagger.nlp.get_pipe("sentencizer")(doc)
    found: dict[str, list[tuple[str, tuple]]] = {}
    for c in tagger.rules:
        spans = [
            doc[i : i + 1]
            for i, w in enumerate(words)
            if not w.isdisjoint(c.terms) and w.isdisjoint(c.exceptions)
        ]
        for phrase in c.phrases:
            spans += [doc[a:b] for a, b in reference_phrase(words, phrase)]
        spans += matches.get(c.rule.id, [])
        for pattern in c.regex:
            for m in pattern.finditer(text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                spans += [span] if span is not None else []
        kept = [s for s in spans if reference_holds(c, s, words)]
        tokens = tuple(dict.fromkeys((s.text, s.start_char, s.end_char) for s in kept))
        if tokens and len(tokens) >= c.rule.min_hits:
            found.setdefault(c.rule.code, []).append((c.rule.id, tokens))
    return found


def reference_phrase(words: list[frozenset[int]], phrase: list[int]) -> Iterable[tuple[int, int]]:
    for start in range(len(words)):
        if phrase[0] not in words[start]:
            continue
        end = start
        for term in phrase[1:]:
            window = words[end + 1 : end + 2 + rules.PHRASE_GAP]
            step = next((i for i, w in enumerate(window) if term in w), None)
            if step is None:
                break
            end += step + 1
        else:
            yield start, end + 1


def reference_holds(c: rules._CompiledRule, span: Span, words: list[frozenset[int]]) -> bool:
    sentence = span.sent
    in_sentence = words[sentence.start : sentence.end]
    if c.also and all(w.isdisjoint(c.also) for w in in_sentence):
        return False
    if c.unless and not all(w.isdisjoint(c.unless) for w in in_sentence):
        return False
    return not (c.rule.negation and reference_negated(span))


def reference_negated(span: Span) -> bool:
    doc, sentence = span.doc, span.sent
    for token in reversed(
        doc[max(sentence.start, span.start - rules.NEGATION_WINDOW) : span.start]
    ):
        if token.is_punct:
            break
        if token.lower_ in rules.NEGATIONS:
            return True
    before = [t for t in doc[sentence.start : span.start] if not t.is_punct]
    if len(before) < rules.TOPIC_POSITIONS and not any(
        t.lower_ in rules.CONJUNCTIONS for t in before
    ):
        for token in doc[span.end : min(sentence.end, span.end + rules.TOPIC_WINDOW)]:
            if token.is_punct:
                break
            if token.lower_ in rules.NEGATIONS:
                return True
    return False


def found(result: rules.ParagraphResult) -> dict[str, list[tuple[str, tuple]]]:
    return {code: [(h.rule, h.tokens) for h in hits] for code, hits in result.hits.items()}


@pytest.fixture(scope="module")
def sample_tagger() -> RuleTagger:
    return RuleTagger(load_codebook(CODEBOOK))


@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    texts = []
    for path in sorted(TRANSCRIPTS.iterdir()):
        if path.suffix in (".txt", ".docx"):
            transcript = read_transcript(path)
            texts += [transcript.paragraph_text(p) for p in transcript.respondent_paragraphs]
    assert len(texts) > 700
    return texts


def test_sample_is_tagged_as_token_by_token(
    sample_tagger: RuleTagger, sample_texts: list[str]
) -> None:
    results = sample_tagger.tag(sample_texts, batch_size=100)
    assert sum(bool(r.hits) for r in results) > 300
    for text, result in zip(sample_texts, results, strict=True):
        assert found(result) == reference(sample_tagger, text), text


EDGE_CASES = [
    "",
    "   ",
    "  Mentorkurset var godt.  ",  # whitespace at the ends: tokenized on its own
    "Blanketter.\r\nLønsedler\ttimesedler",  # the joint character inside a text
    "Vi har bl.a. lønsedler. Fx. blanketter! Og så ... kurser?",
    '"Kurser?" "Nej." Ledelsen bakker op. (Papirer!) Ingen kurser.',  # quotes after a stop
    ".. Kurser har vi aldrig fået. Kurser fik vi ikke!",  # starts with punctuation
    "Det er ikke. Kurserne var gode, men ikke papirerne",  # negation stops at the sentence
    "Han var tryg ved. Det.",  # a phrase's gap can cross a sentence end
    "hvad han nu kan og hvad hun kan. Hvad de vil",  # several phrases from one anchor
    "Vi tror på dem, går ved siden af borgeren og er tæt på hende.",  # token patterns
    "Ingen  kurser,  og  to  mellemrum  ved  papirarbejdet",
    "pr. år er der pr. måned  kurser",  # a special case of the tokenizer
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_are_tagged_as_token_by_token(sample_tagger: RuleTagger, text: str) -> None:
    (result,) = sample_tagger.tag([text])
    assert found(result) == reference(sample_tagger, text)


def test_edge_cases_in_one_batch(sample_tagger: RuleTagger) -> None:
    together = [found(r) for r in sample_tagger.tag(EDGE_CASES * 3)]
    assert together == [reference(sample_tagger, t) for t in EDGE_CASES * 3]


def test_regex_rules_are_tagged_as_token_by_token(write: Callable[..., Path]) -> None:
    path = write(
        "cb.yaml",
        "themes:\n  - code: a\n    rules:\n      - id: r\n        regex: ['kursus\\w*', 'm.de']\n"
        "      - id: t\n        terms: [papir*]\n        also: [ikke]\n",
    )
    tagger = RuleTagger(load_codebook(path))
    texts = ["Kursusdagen og et møde.", "Papirer ikke. Ikke papirer!", "Intet."]
    results = [found(r) for r in tagger.tag(texts)]
    assert results == [reference(tagger, text) for text in texts]
    assert results[0] == {"a": [("r", (("Kursusdagen", 0, 11), ("møde", 18, 22)))]}


# -- what the speed rests on ----------------------------------------------------------


def test_every_coded_paragraph_is_a_candidate(
    sample_tagger: RuleTagger, sample_texts: list[str]
) -> None:
    candidates = sample_tagger.candidates(sample_texts)
    coded = [bool(r.hits) for r in sample_tagger.tag(sample_texts)]
    assert all(c for c, hit in zip(candidates, coded, strict=True) if hit)
    assert sum(candidates) < len(sample_texts)


def test_matcher_runs_wherever_a_pattern_matches(
    sample_tagger: RuleTagger, sample_texts: list[str]
) -> None:
    batch = sample_tagger._batch(sample_texts)
    gate = sample_tagger.gate.paragraphs(batch, sample_tagger.types.groups)
    matched = []
    for text in sample_texts:
        doc = sample_tagger.nlp.tokenizer(text)
        for token in doc:
            token.lemma_ = nlp.lemma(token.lower_)
        matched.append(bool(sample_tagger.matcher(doc)))
    assert sum(matched) > 0
    assert all(g for g, m in zip(gate, matched, strict=True) if m)
    assert sum(gate) < len(sample_texts) / 10  # the gate is selective


def test_each_word_type_is_analysed_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    tagger = RuleTagger(load_codebook(path))
    analysed: list[str] = []
    analyse = WordAnalyser._analyse

    def spy(self: WordAnalyser, word: str) -> set[int]:
        analysed.append(word)
        return analyse(self, word)

    monkeypatch.setattr(WordAnalyser, "_analyse", spy)
    texts = ["Mentorkurset og mentorkurset.", "MENTORKURSET var godt.", "Blanketter og blanketter."]
    tagger.tag(texts * 5, batch_size=2)
    assert sorted(analysed) == sorted(set(analysed))  # one decision per word type
    assert "mentorkurset" in analysed and "Mentorkurset" not in analysed
    learnt = len(tagger.types.ids)
    analysed.clear()
    tagger.tag(texts)
    assert analysed == [] and len(tagger.types.ids) == learnt


@pytest.mark.parametrize("join", [1, 2, 32])
def test_token_table_is_the_tokens_of_each_text(monkeypatch: pytest.MonkeyPatch, join: int) -> None:
    monkeypatch.setattr(nlp, "JOIN", join)
    texts = [*EDGE_CASES, "a\rb", "\r", "slut ", " start", "æ"] * 3
    columns = list(spans.COLUMNS)
    table, bounds = nlp.token_table(texts, columns)
    docs = [nlp.pipeline().tokenizer(t) for t in texts]
    assert bounds.tolist() == np.cumsum([0] + [len(d) for d in docs]).tolist()
    assert table.tolist() == [row for d in docs for row in d.to_array(columns).tolist()]
    alone = nlp._token_table(texts, columns, None)  # the fallback: no text joined
    assert alone[0].tolist() == table.tolist() and alone[1].tolist() == bounds.tolist()
    assert nlp.token_table([], columns)[0].shape == (0, len(spans.COLUMNS))


def test_matcher_on_the_tokens_a_match_may_lie_in(
    sample_tagger: RuleTagger, sample_texts: list[str]
) -> None:
    batch = sample_tagger._batch(sample_texts)
    starts, ends = sample_tagger.gate.windows(batch, sample_tagger.types.groups)
    starts, ends = starts - batch.bounds[:-1], ends - batch.bounds[:-1]
    left_out = 0
    for text, start, end in zip(sample_texts, starts.tolist(), ends.tolist(), strict=True):
        doc = sample_tagger.nlp.tokenizer(text)
        for token in doc:
            token.lemma_ = nlp.lemma(token.lower_)
        matches = sample_tagger.matcher(doc)
        if start < end:
            window = [
                (m, start + s, start + e) for m, s, e in sample_tagger.matcher(doc[start:end])
            ]
            assert window == matches, text  # the same matches, in the same order
            left_out += len(doc) - (end - start)
        else:
            assert matches == []
    assert left_out > 0
