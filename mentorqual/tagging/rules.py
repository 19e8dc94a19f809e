"""Rule tagging: a codebook's rules applied to respondent paragraphs, with evidence.

Speed comes from doing per word *type* what a naive tagger does per token, and from
making no Python object per token. Each new lower-cased word is analysed once (lemma,
inflection stems, compound parts) into a row saying what it does: which rules it is a
term of, which phrases it anchors, whether it negates or ends a sentence. A batch of
paragraphs becomes one array of tokens; each token gets its type's row with a numpy
gather, and sentences, phrases, AND, exclusion and negation are worked out with array
operations around the few tokens that can fire a rule. Only paragraphs that may match
a token pattern or a regex get a spaCy Doc of their own.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, LEMMA, LENGTH, LOWER
from spacy.lang.da.stop_words import STOP_WORDS
from spacy.matcher import Matcher

from .. import nlp
from ..codebook import Codebook, Rule
from ..errors import CodebookError

# Endings stripped to find a stem when the lookup table does not know a form
# ("lederne" is lemmatised as "led"; "kurset" is fine). Longest first.
INFLECTIONS = tuple(
    sorted(
        "e en et er ere erne ene ne n r s t es ens ets ers ernes enes nes ede ende ".split(),
        key=len,
        reverse=True,
    )
)
NEGATIONS = frozenset("ikke aldrig ingen intet ingenting hverken ej næppe".split())
CONJUNCTIONS = frozenset(("og", "men", "så"))  # a clause before a topicalised hit
NEGATION_WINDOW = 2  # tokens before a hit in which a negation counts
PHRASE_GAP = 1  # words allowed between the words of a phrase
TOPIC_POSITIONS = 2  # a hit this early in a sentence may be negated after it
TOPIC_WINDOW = 3  # verb, subject, negation: "Kurser har vi aldrig ..."
MIN_PART = 3  # shortest compound part
LINKS = ("", "s", "e")  # Danish linking letters: ledelse-s-opbakning

COLUMNS = (LOWER, IDX, LENGTH, IS_PUNCT)  # the token attributes the tagger reads
_LOWER, _IDX, _LENGTH, _PUNCT = range(len(COLUMNS))

# What a word type does, as bits of its flags.
RULE_TERM = 1  # a term of some rule, and not an exception of that rule
PHRASE_ANCHOR = 2  # the anchor word of some phrase
PATTERN_WORD = 4  # a word some token pattern needs
NEGATION = 8
CONJUNCTION = 16
CONTEXT = 32  # an `also` or `unless` term of some rule
SENTENCE_END = 64  # punctuation the sentencizer ends a sentence at

# Where a span comes from: a rule's evidence lists terms, then phrase 0, 1, ..., then
# token patterns, then regexes, as the rule's spans were always ordered.
TERM, PHRASE = 0, 1


@dataclass(frozen=True)
class Term:
    """One term of one rule, compiled."""

    stem: str
    head: bool  # may end a compound: *kursus
    modifier: bool  # may start a compound: blanket*


@dataclass(frozen=True)
class Hit:
    """Tokens that made a rule fire in a paragraph (offsets relative to the paragraph)."""

    rule: str
    code: str
    tokens: tuple[tuple[str, int, int], ...]


@dataclass
class ParagraphResult:
    """The codes a paragraph gets, with the evidence for each."""

    hits: dict[str, list[Hit]] = field(default_factory=dict)


def parse_term(text: str) -> Term:
    return Term(text.strip("*"), head=text.startswith("*"), modifier=text.endswith("*"))


class WordAnalyser:
    """Memoised analysis of word types: which terms a lower-cased word matches."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.terms = list(dict.fromkeys(terms))
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.heads: dict[str, list[int]] = defaultdict(list)
        self.modifiers: dict[str, list[int]] = defaultdict(list)
        for index, term in enumerate(self.terms):
            self.exact[term.stem].append(index)
            if term.head:
                self.heads[term.stem].append(index)
            if term.modifier:
                for link in LINKS:
                    self.modifiers[term.stem + link].append(index)
        self.index = {term: i for i, term in enumerate(self.terms)}
        self.memo: dict[str, frozenset[int]] = {}

    def add(self, terms: Iterable[Term]) -> None:
        """Add terms (before any word is analysed)."""
        for term in terms:
            if term not in self.index:
                self.index[term] = len(self.terms)
                self.terms.append(term)
                self.exact[term.stem].append(self.index[term])

    def __call__(self, word: str) -> frozenset[int]:
        found = self.memo.get(word)
        if found is None:
            found = self.memo[word] = frozenset(self._analyse(word))
        return found

    def _analyse(self, word: str) -> set[int]:
        if not word[:1].isalpha():
            return set()
        hits: set[int] = set()
        for stem in stems(word):
            hits.update(self.exact.get(stem, ()))
        if self.heads:
            for start in range(MIN_PART, len(word) - MIN_PART + 1):
                for stem in stems(word[start:]):
                    hits.update(self.heads.get(stem, ()))
        if self.modifiers:
            for end in range(MIN_PART, len(word) - MIN_PART + 1):
                hits.update(self.modifiers.get(word[:end], ()))
        return hits


def stems(word: str) -> set[str]:
    """The word, its lookup lemma, and the word less a common inflection ending."""
    found = {word, nlp.lemma(word)}
    for ending in INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_PART:
            found.add(word[: -len(ending)])
    return found


@dataclass
class _CompiledRule:
    rule: Rule
    terms: frozenset[int]
    exceptions: frozenset[int]
    phrases: list[list[int]]
    anchors: list[int]  # per phrase, the term every match of it holds
    also: frozenset[int]
    unless: frozenset[int]
    regex: list[re.Pattern[str]]


@dataclass
class _Phrases:
    """Every phrase of the codebook as arrays, to match them all at once."""

    rule: np.ndarray
    number: np.ndarray  # within its rule
    length: np.ndarray
    columns: np.ndarray  # (phrase, word): the word's column in `words`
    anchor: np.ndarray  # column of the anchor word
    nearest: np.ndarray  # how many tokens a match can start before its anchor: at least
    farthest: np.ndarray  # ... and at most
    words: list[int]  # the terms phrases use; a word type's row says which it matches

    @classmethod
    def compile(cls, rules: Sequence[_CompiledRule]) -> _Phrases:
        found = [
            (i, k, p, c.anchors[k]) for i, c in enumerate(rules) for k, p in enumerate(c.phrases)
        ]
        words = list(dict.fromkeys(t for _, _, p, _ in found for t in p))
        column = {t: i for i, t in enumerate(words)}
        columns = np.zeros(
            (len(found), max((len(p) for _, _, p, _ in found), default=1)), dtype=np.int64
        )
        for j, (_, _, p, _) in enumerate(found):
            columns[j, : len(p)] = [column[t] for t in p]

        def array(values: Iterable[int]) -> np.ndarray:
            return np.array(list(values), dtype=np.int64)

        return cls(
            rule=array(i for i, _, _, _ in found),
            number=array(k for _, k, _, _ in found),
            length=array(len(p) for _, _, p, _ in found),
            columns=columns,
            anchor=array(column[a] for _, _, _, a in found),
            nearest=array(p.index(a) for _, _, p, a in found),
            farthest=array(
                (len(p) - 1 - p[::-1].index(a)) * (PHRASE_GAP + 1) for _, _, p, a in found
            ),
            words=words,
        )


class _WordTypes:
    """What each word type seen so far does: one row per type id, grown as words come."""

    def __init__(self, n_rules: int, n_groups: int, n_phrase_words: int) -> None:
        self.ids = nlp.WordIds()  # LOWER hash -> type id
        self.flags = np.zeros(0, dtype=np.uint8)
        self.rule_terms = np.zeros((0, n_rules), dtype=bool)  # a term, not an exception
        self.also = np.zeros((0, n_rules), dtype=bool)
        self.unless = np.zeros((0, n_rules), dtype=bool)
        self.groups = np.zeros((0, n_groups), dtype=bool)  # words token patterns need
        self.phrase_words = np.zeros((0, n_phrase_words), dtype=bool)
        self.lemmas = np.zeros(0, dtype=np.uint64)  # for the Matcher's LEMMA

    def add(self, **rows: np.ndarray) -> None:
        for name, new in rows.items():
            setattr(self, name, np.concatenate((getattr(self, name), new)))


@dataclass
class _Batch:
    """Paragraphs tokenized as one table, with each token's word type and its flags."""

    texts: Sequence[str]
    table: np.ndarray  # a row per token: COLUMNS
    bounds: np.ndarray  # the first token of each paragraph, and the total
    types: np.ndarray
    flags: np.ndarray

    def paragraph(self, positions: np.ndarray) -> np.ndarray:
        """The paragraph of each token position."""
        return np.searchsorted(self.bounds, positions, side="right") - 1

    @cached_property
    def punct(self) -> np.ndarray:
        return self.table[:, _PUNCT].astype(bool)

    def running(self, counted: np.ndarray) -> np.ndarray:
        """How many ``counted`` tokens come before each position (and the end)."""
        return np.concatenate(([0], np.cumsum(counted)))


@dataclass
class _Spans:
    """Candidate hits of a batch as parallel arrays of token positions."""

    start: np.ndarray
    end: np.ndarray
    rule: np.ndarray
    source: np.ndarray  # TERM, PHRASE + the phrase's number, token patterns, regexes
    order: np.ndarray  # the start, or the order the Matcher and regexes found them in

    @classmethod
    def join(cls, parts: Iterable[tuple[Any, ...]]) -> _Spans:
        columns = zip(*parts, strict=True)
        return cls(
            *(np.concatenate([np.asarray(c, dtype=np.int64) for c in column]) for column in columns)
        )


class RuleTagger:
    """Applies a codebook's rules to paragraphs.

    >>> tagger = RuleTagger(load_codebook(path))  # doctest: +SKIP
    >>> tagger.tag(["Mentorkurset var godt."])[0].hits.keys()  # doctest: +SKIP
    dict_keys(['kurser'])
    """

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.nlp = nlp.pipeline()
        sentencizer: Any = self.nlp.get_pipe("sentencizer")
        self.punct_chars = frozenset(sentencizer.punct_chars)
        rules = codebook.rules
        if not rules:
            raise CodebookError(f"{codebook.path}: the codebook has no rules")
        terms = [
            parse_term(t.lstrip("!"))
            for r in rules
            for t in (*r.terms, *r.also, *r.unless, *(w for p in r.phrases for w in p.split()))
        ]
        self.words = WordAnalyser(terms)
        self.rules = [self._compile(r) for r in rules]
        self.rule_index = {c.rule.id: i for i, c in enumerate(self.rules)}
        self.phrases = _Phrases.compile(self.rules)
        self.matched = PHRASE + max(len(c.phrases) for c in self.rules)  # the Matcher's source
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        self.always_match = any(r.regex for r in rules)  # every paragraph needs a Doc
        self._compile_patterns(rules)
        # The sets each term is in, as columns; a word type's sets are its terms' rows OR-ed.
        self.sets = _membership(
            len(self.words.terms),
            [
                *(c.terms for c in self.rules),
                *(c.exceptions for c in self.rules),
                *(c.also for c in self.rules),
                *(c.unless for c in self.rules),
                *self.groups,
                *([t] for t in self.phrases.words),
            ],
        )
        self.types = _WordTypes(len(self.rules), len(self.groups), len(self.phrases.words))
        self.tokens = 0  # tokens tagged so far, for throughput figures

    def _compile(self, r: Rule) -> _CompiledRule:
        def ids(values: Iterable[str]) -> list[int]:
            return [self.words.index[parse_term(t)] for t in values]

        return _CompiledRule(
            rule=r,
            terms=frozenset(ids(t for t in r.terms if not t.startswith("!"))),
            exceptions=frozenset(ids(t[1:] for t in r.terms if t.startswith("!"))),
            phrases=[ids(p.split()) for p in r.phrases],
            # Any word of a phrase is in every match; the rarest is looked for first.
            anchors=[max(ids(p.split()), key=self._rarity) for p in r.phrases],
            also=frozenset(ids(r.also)),
            unless=frozenset(ids(r.unless)),
            regex=[re.compile(p, re.IGNORECASE) for p in r.regex],
        )

    def _rarity(self, term: int) -> tuple[bool, int]:
        """Sort key for anchors: content words before stop words, then longer words."""
        word = self.words.terms[term].stem
        return (word not in STOP_WORDS, len(word))

    def _compile_patterns(self, rules: Sequence[Rule]) -> None:
        """Add the rules' token patterns to the Matcher, and note the words they need.

        Word group 0 holds each pattern's anchor: a paragraph without one never got the
        Matcher. The Matcher now also needs, for some pattern, a word of each group that
        pattern requires, at the right distances if the pattern has a fixed length.
        """
        anchors: list[str] = []
        required: list[tuple[list[list[str] | None], bool]] = []
        for r in rules:
            for pattern in r.patterns:
                plain = json.loads(json.dumps(pattern))  # YAML mappings -> plain dicts
                try:
                    self.matcher.add(r.id, [plain])
                except Exception as exc:  # spaCy reports bad patterns as several types
                    problem = str(exc).strip().splitlines()[-1]
                    raise CodebookError(
                        f"{self.codebook.path}, line {r.line}: rule {r.id!r}: invalid pattern "
                        f"({problem})"
                    ) from None
                anchor = _anchor(plain)
                if anchor is None:
                    self.always_match = True
                else:
                    anchors += anchor
                required.append(_required(plain))
        groups = [anchors, *(w for tokens, _ in required for w in tokens if w is not None)]
        self.words.add(parse_term(w) for group in groups for w in group)
        self.groups = [frozenset(self.words.index[parse_term(w)] for w in g) for g in groups]
        numbers = iter(range(1, len(groups)))
        self.patterns = [
            ([None if w is None else next(numbers) for w in tokens], fixed)
            for tokens, fixed in required
        ]

    # -- public -------------------------------------------------------------------

    def tag(self, texts: Sequence[str], batch_size: int = 2048) -> list[ParagraphResult]:
        """Tag paragraphs; returns one result per text, in order."""
        results: list[ParagraphResult] = []
        for start in range(0, len(texts), batch_size):
            batch = self._batch(texts[start : start + batch_size])
            self.tokens += len(batch.table)
            spans = _Spans.join(
                [self._term_spans(batch), self._phrase_spans(batch), *self._doc_spans(batch)]
            )
            results += self._results(batch, spans, self._holds(batch, spans))
        return results

    def candidates(self, texts: Sequence[str]) -> list[bool]:
        """Which paragraphs hold a word that can fire a rule: only they can get a code."""
        if self.always_match:
            return [True] * len(texts)
        batch = self._batch(texts)
        found = self._pattern_paragraphs(batch)
        found[batch.paragraph(np.flatnonzero(batch.flags & (RULE_TERM | PHRASE_ANCHOR)))] = True
        return found.tolist()

    # -- word types ---------------------------------------------------------------------

    def _batch(self, texts: Sequence[str]) -> _Batch:
        table, bounds = nlp.token_table(texts, COLUMNS)
        types, new = self.types.ids.lookup(table[:, _LOWER])
        if new:
            self._learn([self.nlp.vocab.strings[h] for h in new])
        return _Batch(texts, table, bounds, types, self.types.flags[types])

    def _learn(self, words: list[str]) -> None:
        """Add the rows of new word types, analysed once each."""
        terms = [self.words(w) for w in words]
        some = [i for i, w in enumerate(terms) if w]  # most words match no term
        sets = np.zeros((len(words), self.sets.shape[1]), dtype=bool)
        sets[some] = _membership(len(self.words.terms), [terms[i] for i in some]).T @ self.sets > 0
        n, g = len(self.rules), len(self.groups)
        rule_terms = sets[:, :n] & ~sets[:, n : 2 * n]
        also, unless = sets[:, 2 * n : 3 * n], sets[:, 3 * n : 4 * n]
        groups, phrase_words = sets[:, 4 * n : 4 * n + g], sets[:, 4 * n + g :]

        def each(test: Callable[[str], bool]) -> np.ndarray:
            return np.array([test(w) for w in words], dtype=bool)

        flags = (
            rule_terms.any(axis=1) * RULE_TERM
            + phrase_words[:, self.phrases.anchor].any(axis=1) * PHRASE_ANCHOR
            + groups.any(axis=1) * PATTERN_WORD
            + each(NEGATIONS.__contains__) * NEGATION
            + each(CONJUNCTIONS.__contains__) * CONJUNCTION
            + (also | unless).any(axis=1) * CONTEXT
            # LOWER is enough: no other character lowers to one of these (tested).
            + each(self.punct_chars.__contains__) * SENTENCE_END
        )
        lemmas = [self.nlp.vocab.strings.add(nlp.lemma(w)) for w in words]
        self.types.add(
            flags=flags.astype(np.uint8),
            rule_terms=rule_terms,
            also=also,
            unless=unless,
            groups=groups,
            phrase_words=phrase_words,
            lemmas=np.array(lemmas, dtype=np.uint64),
        )

    # -- candidate hits -----------------------------------------------------------------

    def _term_spans(self, batch: _Batch) -> tuple[Any, ...]:
        """A one-token span for each rule whose terms a token matches."""
        positions = np.flatnonzero(batch.flags & RULE_TERM)
        rows, rules = np.nonzero(self.types.rule_terms[batch.types[positions]])
        start = positions[rows]
        return start, start + 1, rules, np.full(len(start), TERM), start

    def _phrase_spans(self, batch: _Batch) -> tuple[Any, ...]:
        """Spans where a phrase's terms occur in order, a few words apart at most.

        All phrases are matched at once. Every match holds its phrase's anchor, so the
        only starts tried are those from which the anchor's place in the phrase can fall
        on an anchor token; from each, every next term is the nearest token within the
        gap that matches it.
        """
        ph, member = self.phrases, self.types.phrase_words
        anchors = np.flatnonzero(batch.flags & PHRASE_ANCHOR)
        rows, phrase = np.nonzero(member[batch.types[anchors]][:, ph.anchor])
        back = np.arange(int(ph.farthest.max(initial=0)) + 1)
        start = anchors[rows, None] - back
        ok = (back >= ph.nearest[phrase, None]) & (back <= ph.farthest[phrase, None])
        ok &= start >= batch.bounds[batch.paragraph(anchors[rows])][:, None]
        phrase, start = np.broadcast_to(phrase[:, None], ok.shape)[ok], start[ok]
        begins = member[batch.types[start], ph.columns[phrase, 0]]
        size = max(len(batch.table), 1)
        phrase, start = np.divmod(np.unique(phrase[begins] * size + start[begins]), size)
        last = batch.bounds[batch.paragraph(start) + 1]
        alive = np.ones(len(start), dtype=bool)
        end = start.copy()
        for step in range(1, ph.columns.shape[1]):
            need = alive & (ph.length[phrase] > step)
            column = ph.columns[phrase, step]
            found = np.full(len(end), -1)
            for gap in range(1, PHRASE_GAP + 2):
                position = end + gap
                look = need & (found < 0) & (position < last)
                position = np.where(look, position, 0)
                found = np.where(look & member[batch.types[position], column], position, found)
            alive &= ~need | (found >= 0)
            end = np.where(need, found, end)
        start, end, phrase = start[alive], end[alive] + 1, phrase[alive]
        return start, end, ph.rule[phrase], PHRASE + ph.number[phrase], start

    def _pattern_paragraphs(self, batch: _Batch) -> np.ndarray:
        """Paragraphs with the words some token pattern needs (see _compile_patterns)."""
        found = np.zeros(len(batch.texts), dtype=bool)
        if not self.patterns:
            return found
        positions = np.flatnonzero(batch.flags & PATTERN_WORD)
        member = self.types.groups[batch.types[positions]]
        rows, groups = np.nonzero(member)
        present = np.zeros((len(batch.texts), len(self.groups)), dtype=bool)
        present[batch.paragraph(positions[rows]), groups] = True
        for tokens, fixed in self.patterns:
            needs = [(i, g) for i, g in enumerate(tokens) if g is not None]
            if fixed and needs:
                found |= self._in_order(
                    batch, positions[member[:, needs[0][1]]], needs, len(tokens)
                )
            else:
                found |= present[:, [g for _, g in needs]].all(axis=1)
        return found & present[:, 0]

    def _in_order(
        self, batch: _Batch, firsts: np.ndarray, needs: list[tuple[int, int]], length: int
    ) -> np.ndarray:
        """Paragraphs where, for some run of ``length`` tokens, each needed word group
        (at its offset) has a word in place; ``firsts`` are where the first group's are."""
        start = firsts - needs[0][0]
        paragraph = batch.paragraph(firsts)
        inside = (start >= batch.bounds[paragraph]) & (
            start + length <= batch.bounds[paragraph + 1]
        )
        start, paragraph = start[inside], paragraph[inside]
        for offset, group in needs[1:]:
            ok = self.types.groups[batch.types[start + offset], group]
            start, paragraph = start[ok], paragraph[ok]
        found = np.zeros(len(batch.texts), dtype=bool)
        found[paragraph] = True
        return found

    def _doc_spans(self, batch: _Batch) -> Iterable[tuple[Any, ...]]:
        """Token patterns and regexes, on a Doc of each paragraph that may match."""
        paragraphs: Iterable[int] = range(len(batch.texts))
        if not self.always_match:
            paragraphs = np.flatnonzero(self._pattern_paragraphs(batch)).tolist()
        strings = self.nlp.vocab.strings
        for k in paragraphs:
            first = int(batch.bounds[k])
            doc = self.nlp.tokenizer(batch.texts[k])  # the same tokens as the batch's
            found = []
            if len(self.matcher):
                lemmas = self.types.lemmas[batch.types[first : first + len(doc)]]
                doc.from_array([LEMMA], lemmas.reshape(-1, 1))
                found += [
                    (s, e, self.rule_index[strings[m]], self.matched)
                    for m, s, e in self.matcher(doc)
                ]
            for i, compiled in enumerate(self.rules):
                for pattern in compiled.regex:
                    for m in pattern.finditer(doc.text):
                        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                        if span is not None:
                            found.append((span.start, span.end, i, self.matched + 1))
            if found:
                start, end, rule, source = np.array(found, dtype=np.int64).T
                yield start + first, end + first, rule, source, np.arange(len(found))

    # -- sentences, AND, exclusion, negation ----------------------------------------------

    def _holds(self, batch: _Batch, spans: _Spans) -> np.ndarray:
        """Which spans pass AND, exclusion and negation, within their sentence."""
        keep = np.ones(len(spans.start), dtype=bool)
        if not keep.size:
            return keep
        starts = _sentence_starts(batch)
        k = np.searchsorted(starts, spans.start, side="right") - 1
        sentence = (starts[k], starts[k + 1])  # the sentence of each span's first token
        context = np.flatnonzero(batch.flags & CONTEXT)
        for i, compiled in enumerate(self.rules):
            mine = spans.rule == i
            if compiled.also:
                words = context[self.types.also[batch.types[context], i]]
                keep[mine] &= _within(words, sentence[0][mine], sentence[1][mine])
            if compiled.unless:
                words = context[self.types.unless[batch.types[context], i]]
                keep[mine] &= ~_within(words, sentence[0][mine], sentence[1][mine])
        check = keep & np.array([c.rule.negation for c in self.rules])[spans.rule]
        if check.any():
            keep[check] = ~_negated(
                batch, spans.start[check], spans.end[check], sentence[0][check], sentence[1][check]
            )
        return keep

    def _results(self, batch: _Batch, spans: _Spans, keep: np.ndarray) -> list[ParagraphResult]:
        """The kept spans as evidence, per paragraph, code and rule, in the rules' order."""
        results = [ParagraphResult() for _ in batch.texts]
        kept = np.flatnonzero(keep)
        paragraph = batch.paragraph(spans.start[kept])
        order = np.lexsort((spans.order[kept], spans.source[kept], spans.rule[kept], paragraph))
        kept, paragraph = kept[order], paragraph[order]
        last = spans.end[kept] - 1
        rows = zip(
            paragraph.tolist(),
            spans.rule[kept].tolist(),
            batch.table[spans.start[kept], _IDX].tolist(),
            (batch.table[last, _IDX] + batch.table[last, _LENGTH]).tolist(),
            strict=True,
        )
        for (k, rule), hits in groupby(rows, key=lambda row: row[:2]):
            text = batch.texts[k]
            tokens = tuple(dict.fromkeys((text[a:b], a, b) for _, _, a, b in hits))
            r = self.rules[rule].rule
            results[k].hits.setdefault(r.code, []).append(Hit(r.id, r.code, tokens))
        return results


def _membership(n: int, sets: Sequence[Iterable[int]]) -> np.ndarray:
    """A 0/1 matrix with a row per item 0..n-1 and a column per set."""
    found = np.zeros((n, len(sets)), dtype=np.int32)
    for column, items in enumerate(sets):
        found[list(items), column] = 1
    return found


def _sentence_starts(batch: _Batch) -> np.ndarray:
    """The first token of every sentence as spaCy's sentencizer splits them, plus the end.

    A sentence starts a paragraph, or at the first word after sentence-end punctuation;
    other punctuation (quotes, brackets) in between is passed over.
    """
    ends = np.flatnonzero(batch.flags & SENTENCE_END)
    limit = batch.bounds[batch.paragraph(ends) + 1]
    found = [batch.bounds]
    position = ends + 1
    while position.size:
        inside = position < limit
        position, limit = position[inside], limit[inside]
        word = ~batch.punct[position] & ((batch.flags[position] & SENTENCE_END) == 0)
        found.append(position[word])
        position, limit = position[~word] + 1, limit[~word]
    return np.unique(np.concatenate(found))


def _within(words: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whether each range start:end holds one of the (sorted) word positions."""
    return np.searchsorted(words, start) < np.searchsorted(words, end)


def _negated(
    batch: _Batch, start: np.ndarray, end: np.ndarray, first: np.ndarray, stop: np.ndarray
) -> np.ndarray:
    """Is each hit in a negated clause? ``first:stop`` are the hits' sentences.

    Two Danish patterns: a negation shortly before the hit in the same clause ("det er
    ikke papirarbejdet, der er problemet", "ingen kurser"), and a topicalised hit at
    the start of a sentence negated after its verb ("Kurser har vi aldrig fået").
    Punctuation ends the scope.
    """
    found = np.zeros(len(start), dtype=bool)

    def scan(
        positions: Iterable[np.ndarray], inside: Callable[[np.ndarray], Any], open_: np.ndarray
    ) -> None:
        for j in positions:
            open_ &= inside(j)
            j = np.where(open_, j, 0)
            open_ &= ~batch.punct[j]
            found[open_ & ((batch.flags[j] & NEGATION) != 0)] = True

    scan((start - i for i in range(1, NEGATION_WINDOW + 1)), lambda j: j >= first, ~found)
    words = batch.running(~batch.punct)
    conjunctions = batch.running((batch.flags & CONJUNCTION) != 0)
    topical = (words[start] - words[first] < TOPIC_POSITIONS) & (
        conjunctions[start] == conjunctions[first]
    )
    scan((end + i for i in range(TOPIC_WINDOW)), lambda j: j < stop, topical)
    return found


def _anchor(pattern: list[dict[str, Any]]) -> list[str] | None:
    """Words one of which any match of the pattern must contain, or None if unknown.

    Each token's literal values (LOWER, LEMMA, ORTH, TEXT, NORM; a string or an IN
    list) are necessary; the token whose shortest literal is longest is the rarest.
    """
    options: list[list[str]] = []
    for token in pattern:
        found: list[str] = []
        for key, value in token.items():
            if key.upper() not in ("LOWER", "LEMMA", "ORTH", "TEXT", "NORM"):
                continue
            if isinstance(value, str):
                found.append(value.lower())
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                found += [str(v).lower() for v in value["IN"]]
        if found and token.get("OP") not in ("?", "*"):
            options.append(found)
    if not options:
        return None
    return max(options, key=lambda words: (min(len(w) for w in words), -len(words)))


def _required(pattern: list[dict[str, Any]]) -> tuple[list[list[str] | None], bool]:
    """Per token, the words (lower-cased) one of which every match has there, or None;
    and whether the pattern has a fixed length (no operators).

    Only literals the word analysis sees count: LOWER, ORTH and TEXT are the word, LEMMA
    its lemma, and a word must start with a letter. NORM can differ from the word, and
    an operator other than "+" can make the token optional or negate it.
    """
    required: list[list[str] | None] = []
    for token in pattern:
        required.append(None)
        if token.get("OP", "+") != "+":
            continue
        for key, value in token.items():
            words = None
            if key.upper() not in ("LOWER", "LEMMA", "ORTH", "TEXT"):
                continue
            if isinstance(value, str):
                words = [value.lower()]
            elif isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
                words = [str(v).lower() for v in value["IN"]]
            if words and all(w[:1].isalpha() and "*" not in w for w in words):
                required[-1] = words  # one of several literals is enough
    return required, all("OP" not in token for token in pattern)
