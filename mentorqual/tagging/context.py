"""Rule conditions that look beyond one sentence, applied to the tagger's results.

- **min_hits**: a rule fires in a paragraph only when it matched at least that many
  words there. One passing mention of a grant or a rule is not yet talk about
  paperwork; two are (``administration-sag`` in the sample codebook).
- **follow_question**: an answer keeps the theme of its question. A respondent
  paragraph that is not the first of its answer gets a theme when the interviewer's
  question matched one of the theme's rules *and* the previous paragraph of the
  same answer has the theme. Coders code this way ("Hvad med kurser for
  mentorerne?" - three paragraphs on how hard it is to spare a man for two days),
  and the chain stops as soon as the answer moves on. The evidence is the
  question's words, under the rule id ``follow-question``.

Both work on :class:`~.evidence.ParagraphResult` lists, so they cost nothing per
token.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..codebook import Codebook
from .evidence import Hit, ParagraphResult

FOLLOW_RULE = "follow-question"


@dataclass(frozen=True)
class Paragraph:
    """Where a paragraph sits: its interview, whether the interviewer says it, and
    where it starts in the interview's text."""

    interview: str
    interviewer: bool
    start: int


def min_hits(codebook: Codebook) -> dict[str, int]:
    """The rules with a minimum above one: rule id -> minimum."""
    return {rule.id: rule.min_hits for rule in codebook.rules if rule.min_hits > 1}


def followed_codes(codebook: Codebook) -> frozenset[str]:
    """The themes whose answers follow their question."""
    return frozenset(theme.code for theme in codebook.themes if theme.follow_question)


def apply_min_hits(results: Sequence[ParagraphResult], minimum: Mapping[str, int]) -> None:
    """Drop, in place, the hits of rules that matched fewer words than their minimum.

    >>> r = ParagraphResult({"a": [Hit("a-sag", "a", (("regel", 0, 5),))]})
    >>> apply_min_hits([r], {"a-sag": 2}); r.hits
    {}
    """
    if not minimum:
        return
    for result in results:
        for code in list(result.hits):
            kept = [h for h in result.hits[code] if len(h.tokens) >= minimum.get(h.rule, 1)]
            if kept:
                result.hits[code] = kept
            else:
                del result.hits[code]


def follow_questions(
    paragraphs: Sequence[Paragraph],
    results: Sequence[ParagraphResult],
    codes: frozenset[str],
) -> int:
    """Add, in place, the themes answers keep from their questions; return how many.

    ``paragraphs`` are every paragraph (interviewer and respondent) in interview and
    text order, ``results`` their tagging results. Evidence offsets stay relative to
    the paragraph that gets the coding, so the question's words come before it
    (negative offsets), which :func:`.evidence.codings` turns into interview offsets.
    """
    if not codes:
        return 0
    added = 0
    question: dict[str, list[tuple[str, int, int]]] = {}
    previous: set[str] = set()
    asking = False  # the previous paragraph was the interviewer's
    interview: str | None = None
    for paragraph, result in zip(paragraphs, results, strict=True):
        if paragraph.interview != interview:
            interview, question, previous, asking = paragraph.interview, {}, set(), False
        if paragraph.interviewer:
            if not asking:  # a new question, not one more paragraph of the same one
                question, asking = {}, True
            for code in codes & result.hits.keys():
                shift = paragraph.start
                question.setdefault(code, []).extend(
                    (t, a + shift, b + shift) for h in result.hits[code] for t, a, b in h.tokens
                )
            previous = set()
            continue
        if not asking:  # not the first paragraph of the answer
            for code in (codes & previous & question.keys()) - result.hits.keys():
                start = paragraph.start
                words = tuple((t, a - start, b - start) for t, a, b in question[code])
                result.hits[code] = [Hit(FOLLOW_RULE, code, words)]
                added += 1
        asking = False
        previous = set(result.hits)
    return added


def follow_answers(
    answers: tuple[Sequence[str], Sequence[int]],
    answer_results: Sequence[ParagraphResult],
    questions: tuple[Sequence[str], Sequence[int]],
    question_results: Sequence[ParagraphResult],
    codes: frozenset[str],
) -> int:
    """:func:`follow_questions` for respondent and interviewer paragraphs given apart,
    each as (interview ids, start offsets); returns how many themes were added."""
    merged = sorted(
        [
            *(
                (interview, start, False, result)
                for interview, start, result in zip(*answers, answer_results, strict=True)
            ),
            *(
                (interview, start, True, result)
                for interview, start, result in zip(*questions, question_results, strict=True)
            ),
        ],
        key=lambda row: (row[0], row[1]),
    )
    return follow_questions(
        [Paragraph(interview, asks, start) for interview, start, asks, _ in merged],
        [result for *_, result in merged],
        codes,
    )
