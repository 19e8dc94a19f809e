"""Rule tagging: a codebook's rules applied to respondent paragraphs, with evidence.

Speed comes from doing per word *type* what a naive tagger does per token, and from
making no Python object per token. Each new lower-cased word is analysed once (lemma,
inflection stems, compound parts; :mod:`.words`) into a row saying what it does: which
rules it is a term of, which phrases it anchors, whether it negates or ends a sentence.
A batch of paragraphs becomes one array of tokens; each token gets its type's row with
a numpy gather, and sentences, phrases, AND, exclusion and negation are worked out with
array operations around the few tokens that can fire a rule (:mod:`.spans`). Only
paragraphs that may match a token pattern or a regex get a spaCy Doc of their own,
and the Matcher only sees the tokens a match may lie in (:mod:`.patterns`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from spacy.attrs import LEMMA
from spacy.lang.da.stop_words import STOP_WORDS
from spacy.lexeme import Lexeme
from spacy.matcher import Matcher

from .. import nlp
from ..errors import CodebookError, listing
from ..types import Codebook, Rule
from .evidence import Hit, ParagraphResult
from .patterns import PatternGate
from .spans import (
    COLUMNS,
    CONJUNCTIONS,
    NEGATION_WINDOW,
    NEGATIONS,
    PHRASE,
    PHRASE_GAP,
    TERM,
    TOPIC_POSITIONS,
    TOPIC_WINDOW,
    WORD_COLUMN,
    Batch,
    Phrases,
    Spans,
    negated,
    sentence_starts,
    within,
)
from .words import (
    CONJUNCTION,
    CONTEXT,
    NEGATION,
    PATTERN_WORD,
    PHRASE_ANCHOR,
    PUNCT,
    RULE_TERM,
    SENTENCE_END,
    Term,
    WordAnalyser,
    WordTypes,
    membership,
    parse_term,
    stems,
)

__all__ = [
    "CONJUNCTIONS",
    "NEGATIONS",
    "NEGATION_WINDOW",
    "PHRASE_GAP",
    "TOPIC_POSITIONS",
    "TOPIC_WINDOW",
    "Hit",
    "ParagraphResult",
    "RuleTagger",
    "Term",
    "WordAnalyser",
    "parse_term",
    "stems",
    "tagger_for",
]


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
        self.names = [(c.rule.id, c.rule.code) for c in self.rules]
        self.phrases = Phrases.compile([(c.phrases, c.anchors) for c in self.rules])
        self.matched = PHRASE + max(len(c.phrases) for c in self.rules)  # the Matcher's source
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        self.gate = PatternGate.compile(self._compile_patterns(rules))
        self.words.add(parse_term(w) for group in self.gate.groups for w in group)
        self.groups = [
            frozenset(self.words.index[parse_term(w)] for w in g) for g in self.gate.groups
        ]
        self.always_match = self.gate.always or any(r.regex for r in rules)  # every paragraph
        # The sets each term is in, as columns; a word type's sets are its terms' rows OR-ed.
        self.sets = membership(
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
        self.types = WordTypes(len(self.rules), len(self.groups), len(self.phrases.words))
        # Words a rule must match in a paragraph to fire (``min_hits``), by rule index.
        self.min_hits = [c.rule.min_hits for c in self.rules]
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

    def _compile_patterns(self, rules: Sequence[Rule]) -> list[Any]:
        """Add the rules' token patterns to the Matcher; returns them as plain lists."""
        patterns, problems = [], []
        for r in rules:
            for pattern in r.patterns:
                plain = json.loads(json.dumps(pattern))  # YAML mappings -> plain dicts
                try:
                    self.matcher.add(r.id, [plain])
                except Exception as exc:  # spaCy reports bad patterns as several types
                    problem = str(exc).strip().splitlines()[-1]
                    problems.append(
                        f"{self.codebook.path}, line {r.line}: rule {r.id!r}: invalid pattern "
                        f"({problem})"
                    )
                patterns.append(plain)
        if problems:  # every bad pattern at once, as the codebook's other problems
            raise CodebookError(listing(problems, sep="\n"))
        return patterns

    # -- public -------------------------------------------------------------------

    def tag(self, texts: Sequence[str], batch_size: int = 2048) -> list[ParagraphResult]:
        """Tag paragraphs; returns one result per text, in order."""
        results: list[ParagraphResult] = []
        for start in range(0, len(texts), batch_size):
            batch = self._batch(texts[start : start + batch_size])
            self.tokens += len(batch.table)
            spans = Spans.join(
                [
                    self._term_spans(batch),
                    self.phrases.spans(batch, self.types.phrase_words),
                    *self._doc_spans(batch),
                ]
            )
            results += self._results(batch, spans, self._holds(batch, spans))
        return results

    def candidates(self, texts: Sequence[str]) -> list[bool]:
        """Which paragraphs hold a word that can fire a rule: only they can get a code."""
        if self.always_match:
            return [True] * len(texts)
        batch = self._batch(texts)
        found = self.gate.paragraphs(batch, self.types.groups)
        found[batch.paragraph(np.flatnonzero(batch.flags & (RULE_TERM | PHRASE_ANCHOR)))] = True
        return found.tolist()

    # -- word types ---------------------------------------------------------------------

    def _batch(self, texts: Sequence[str]) -> Batch:
        table, bounds = nlp.token_table(texts, COLUMNS)
        types, new = self.types.ids.lookup(table[:, WORD_COLUMN])
        if new:
            self._learn([self.nlp.vocab[h] for h in new])
        return Batch(texts, table, bounds, types, self.types.flags[types], self.types.lengths)

    def _learn(self, types: list[Lexeme]) -> None:
        """Add the rows of new word types. A type is a word as written; its lower case
        is analysed, once for all the ways of writing it."""
        words = [t.lower_ for t in types]
        terms = [self.words(w) for w in words]
        some = [i for i, w in enumerate(terms) if w]  # most words match no term
        sets = np.zeros((len(words), self.sets.shape[1]), dtype=bool)
        for i in some:  # few: an integer matrix product of all of them was slower
            sets[i] = self.sets[sorted(terms[i])].any(axis=0)
        n, g = len(self.rules), len(self.groups)
        rule_terms = sets[:, :n] & ~sets[:, n : 2 * n]
        also, unless = sets[:, 2 * n : 3 * n], sets[:, 3 * n : 4 * n]
        groups, phrase_words = sets[:, 4 * n : 4 * n + g], sets[:, 4 * n + g :]

        def each(test: Callable[[str], bool], values: Iterable[Any] = words) -> np.ndarray:
            return np.array([test(w) for w in values], dtype=bool)

        flags = (
            rule_terms.any(axis=1) * RULE_TERM
            + phrase_words[:, self.phrases.anchor].any(axis=1) * PHRASE_ANCHOR
            + groups.any(axis=1) * PATTERN_WORD
            + each(NEGATIONS.__contains__) * NEGATION
            + each(CONJUNCTIONS.__contains__) * CONJUNCTION
            + (also | unless).any(axis=1) * CONTEXT
            + each(self.punct_chars.__contains__, (t.orth_ for t in types)) * SENTENCE_END
            + each(bool, (t.is_punct for t in types)) * PUNCT
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
            lengths=np.array([len(t.orth_) for t in types], dtype=np.uint64),
        )

    # -- candidate hits -----------------------------------------------------------------

    def _term_spans(self, batch: Batch) -> tuple[Any, ...]:
        """A one-token span for each rule whose terms a token matches."""
        positions = np.flatnonzero(batch.flags & RULE_TERM)
        rows, rules = np.nonzero(self.types.rule_terms[batch.types[positions]])
        start = positions[rows]
        return start, start + 1, rules, np.full(len(start), TERM), start

    def _doc_spans(self, batch: Batch) -> Iterable[tuple[Any, ...]]:
        """Token patterns and regexes, on a Doc of each paragraph that may match. The
        Matcher runs on the tokens a match may lie in."""
        starts, ends = batch.bounds[:-1], batch.bounds[1:]
        if len(self.matcher) and not self.gate.always:
            starts, ends = self.gate.windows(batch, self.types.groups)
        matching = starts < ends if len(self.matcher) else np.zeros(len(batch.texts), bool)
        regexes = [(i, p) for i, c in enumerate(self.rules) for p in c.regex]
        paragraphs = range(len(batch.texts)) if regexes else np.flatnonzero(matching).tolist()
        strings = self.nlp.vocab.strings
        for k in paragraphs:
            first = int(batch.bounds[k])
            doc = self.nlp.tokenizer(batch.texts[k])  # the same tokens as the batch's
            found = []
            if matching[k]:
                lemmas = self.types.lemmas[batch.types[first : first + len(doc)]]
                doc.from_array([LEMMA], lemmas.reshape(-1, 1))
                skip = int(starts[k]) - first
                found += [
                    (skip + s, skip + e, self.rule_index[strings[m]], self.matched)
                    for m, s, e in self.matcher(doc[skip : int(ends[k]) - first])
                ]
            for i, pattern in regexes:
                for m in pattern.finditer(doc.text):
                    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                    if span is not None:
                        found.append((span.start, span.end, i, self.matched + 1))
            if found:
                start, end, rule, source = np.array(found, dtype=np.int64).T
                yield start + first, end + first, rule, source, np.arange(len(found))

    # -- sentences, AND, exclusion, negation ----------------------------------------------

    def _holds(self, batch: Batch, spans: Spans) -> np.ndarray:
        """Which spans pass AND, exclusion and negation, within their sentence."""
        keep = np.ones(len(spans.start), dtype=bool)
        if not keep.size:
            return keep
        starts = sentence_starts(batch)
        k = np.searchsorted(starts, spans.start, side="right") - 1
        sentence = (starts[k], starts[k + 1])  # the sentence of each span's first token
        context = np.flatnonzero(batch.flags & CONTEXT)
        for i, compiled in enumerate(self.rules):
            mine = spans.rule == i
            if compiled.also:
                words = context[self.types.also[batch.types[context], i]]
                keep[mine] &= within(words, sentence[0][mine], sentence[1][mine])
            if compiled.unless:
                words = context[self.types.unless[batch.types[context], i]]
                keep[mine] &= ~within(words, sentence[0][mine], sentence[1][mine])
        check = keep & np.array([c.rule.negation for c in self.rules])[spans.rule]
        if check.any():
            keep[check] = ~negated(
                batch, spans.start[check], spans.end[check], sentence[0][check], sentence[1][check]
            )
        return keep

    def _results(self, batch: Batch, spans: Spans, keep: np.ndarray) -> list[ParagraphResult]:
        """The kept spans as evidence, per paragraph, code and rule, in the rules' order;
        a rule with ``min_hits`` fires only where it matched that many words."""
        results = [ParagraphResult() for _ in batch.texts]
        kept = np.flatnonzero(keep)
        paragraph = batch.paragraph(spans.start[kept])
        order = np.lexsort((spans.order[kept], spans.source[kept], spans.rule[kept], paragraph))
        kept, paragraph = kept[order], paragraph[order]
        rule = spans.rule[kept]
        starts = batch.char_starts(spans.start[kept]).tolist()
        ends = batch.char_ends(spans.end[kept] - 1).tolist()
        # A hit per run of one paragraph and rule, with each of its tokens once.
        first = np.flatnonzero(np.diff(paragraph, prepend=-1) | np.diff(rule, prepend=-1))
        bounds = [*first.tolist(), len(kept)]
        runs = zip(pairwise(bounds), paragraph[first].tolist(), rule[first].tolist(), strict=True)
        for (i, j), k, r in runs:
            text = batch.texts[k]
            if j - i == 1:  # most runs
                a, b = starts[i], ends[i]
                tokens: tuple[tuple[str, int, int], ...] = ((text[a:b], a, b),)
            else:
                places = dict.fromkeys(zip(starts[i:j], ends[i:j], strict=True))
                tokens = tuple([(text[a:b], a, b) for a, b in places])
            if len(tokens) < self.min_hits[r]:
                continue
            rule_id, code = self.names[r]
            hits = results[k].hits
            if code in hits:
                hits[code].append(Hit(rule_id, code, tokens))
            else:
                hits[code] = [Hit(rule_id, code, tokens)]
        return results


_last: list[RuleTagger] = []  # the tagger of the codebook used last


def tagger_for(codebook: Codebook) -> RuleTagger:
    """The :class:`RuleTagger` of ``codebook``, kept for the next call with the same
    codebook (by its sha256).

    What a tagger has learnt of the word types it has seen is its warm cache, as
    spaCy's tokenizer has one: tagging the same project again skips compiling the
    rules and analysing its words. Only the last codebook's tagger is kept.
    """
    if _last and _last[0].codebook.sha256 == codebook.sha256:
        return _last[0]
    tagger = RuleTagger(codebook)
    _last[:] = [tagger]
    return tagger
