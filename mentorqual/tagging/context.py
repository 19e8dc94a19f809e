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

from collections.abc import Callable, Mapping, Sequence
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


Positions = tuple[Sequence[str], Sequence[int]]  # interview ids, start offsets


def _in_text_order(answers: Positions, questions: Positions) -> list[tuple[str, int, bool, int]]:
    """(interview, start, is a question, index into its list) for every paragraph."""
    return sorted(
        [
            *((i, s, False, k) for k, (i, s) in enumerate(zip(*answers, strict=True))),
            *((i, s, True, k) for k, (i, s) in enumerate(zip(*questions, strict=True))),
        ]
    )


def questions_to_tag(
    answers: Positions,
    answer_results: Sequence[ParagraphResult],
    questions: Positions,
    codes: frozenset[str],
) -> list[int]:
    """The questions worth tagging, as indices into ``questions``: those whose answer
    has a paragraph with a followed theme and a paragraph after it. No other question
    can add a theme, so the rest need not be read or tagged."""
    if not codes:
        return []
    order = _in_text_order(answers, questions)
    wanted: list[int] = []
    asked: list[int] = []  # the paragraphs of the question being answered
    asked_in = ""  # its interview
    for n, (interview, _, is_question, k) in enumerate(order):
        if is_question:
            if n == 0 or not order[n - 1][2] or asked_in != interview:
                asked, asked_in = [], interview  # a new question
            asked.append(k)
            continue
        if not asked or asked_in != interview or asked[-1] in wanted[-1:]:
            continue  # no question, or it is wanted already
        later = order[n + 1] if n + 1 < len(order) else None
        continues = later is not None and later[0] == interview and not later[2]
        if continues and codes & answer_results[k].hits.keys():
            wanted += asked
    return wanted


def follow_answers(
    answers: Positions,
    answer_results: Sequence[ParagraphResult],
    questions: Positions,
    question_results: Sequence[ParagraphResult],
    codes: frozenset[str],
) -> int:
    """:func:`follow_questions` for respondent and interviewer paragraphs given apart;
    returns how many themes were added."""
    order = _in_text_order(answers, questions)
    return follow_questions(
        [Paragraph(interview, asks, start) for interview, start, asks, _ in order],
        [(question_results if asks else answer_results)[k] for _, _, asks, k in order],
        codes,
    )


def follow(
    answers: Positions,
    answer_results: Sequence[ParagraphResult],
    questions: Positions,
    tag_questions: Callable[[list[int]], Sequence[ParagraphResult]],
    codes: frozenset[str],
) -> int:
    """:func:`follow_answers`, tagging only the questions :func:`questions_to_tag`
    picks: ``tag_questions`` gets their indices into ``questions`` and returns their
    results. Returns how many themes were added."""
    wanted = questions_to_tag(answers, answer_results, questions, codes)
    asked = [ParagraphResult() for _ in questions[0]]
    for k, result in zip(wanted, tag_questions(wanted), strict=True):
        asked[k] = result
    return follow_answers(answers, answer_results, questions, asked, codes)
