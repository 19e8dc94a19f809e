"""Answers that follow their question (the codebook's ``follow_question``).

A respondent paragraph that is not the first of its answer gets a theme when the
interviewer's question matched one of the theme's rules *and* the previous paragraph
of the same answer has the theme. Coders code this way ("Hvad med kurser for
mentorerne?" - three paragraphs on how hard it is to spare a man for two days), and
the chain stops as soon as the answer moves on. The evidence is the question's
words, under the rule id ``follow-question``.

This works on the tagger's :class:`~.evidence.ParagraphResult` lists, so it costs
nothing per token. (``min_hits``, the other condition wider than a sentence, is
applied by :class:`~.rules.RuleTagger` itself, where hits are made.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..types import Codebook
from .evidence import Hit, ParagraphResult

FOLLOW_RULE = "follow-question"


@dataclass(frozen=True)
class Paragraph:
    """Where a paragraph sits: its interview, whether the interviewer says it, and
    where it starts in the interview's text."""

    interview: str
    interviewer: bool
    start: int


def followed_codes(codebook: Codebook) -> frozenset[str]:
    """The themes whose answers follow their question."""
    return frozenset(theme.code for theme in codebook.themes if theme.follow_question)


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
    return _follow(
        (
            (p.interview, p.interviewer, p.start, r)
            for p, r in zip(paragraphs, results, strict=True)
        ),
        codes,
    )


def _follow(
    paragraphs: Iterable[tuple[str, bool, int, ParagraphResult]], codes: frozenset[str]
) -> int:
    """:func:`follow_questions` over (interview, interviewer, start, result) tuples."""
    if not codes:
        return 0
    added = 0
    question: dict[str, list[tuple[str, int, int]]] = {}
    previous: set[str] = set()
    asking = False  # the previous paragraph was the interviewer's
    interview: str | None = None
    for here, interviewer, start, result in paragraphs:
        if here != interview:
            interview, question, previous, asking = here, {}, set(), False
        if interviewer:
            if not asking:  # a new question, not one more paragraph of the same one
                question, asking = {}, True
            for code in codes & result.hits.keys():
                question.setdefault(code, []).extend(
                    (t, a + start, b + start) for h in result.hits[code] for t, a, b in h.tokens
                )
            previous = set()
            continue
        if not asking:  # not the first paragraph of the answer
            for code in (codes & previous & question.keys()) - result.hits.keys():
                words = tuple((t, a - start, b - start) for t, a, b in question[code])
                result.hits[code] = [Hit(FOLLOW_RULE, code, words)]
                added += 1
        asking = False
        previous = set(result.hits)
    return added


Positions = tuple[Sequence[str], Sequence[int]]  # interview ids, start offsets
# Every paragraph in text order: (interview, start, is the interviewer's, index into
# the answers or the questions).
Order = list[tuple[str, int, bool, int]]


def text_order(answers: Positions, questions: Positions) -> Order:
    """Respondent and interviewer paragraphs, given apart, merged in text order.

    Each side is usually in text order already, so the sort merges two runs.
    """
    return sorted(
        [
            *((i, s, False, k) for k, (i, s) in enumerate(zip(*answers, strict=True))),
            *((i, s, True, k) for k, (i, s) in enumerate(zip(*questions, strict=True))),
        ]
    )


def questions_to_tag(
    order: Order, answer_results: Sequence[ParagraphResult], codes: frozenset[str]
) -> list[int]:
    """The questions worth tagging, as indices into the questions of ``order``.

    A question can add a theme only where its answer has two paragraphs in a row and
    the first has a followed theme that the second lacks: a chain of followed themes
    starts at such a pair. No other question can add anything, so the rest need not
    be read or tagged.
    """
    return _questions(order, _worth_following(order, answer_results, codes))


def _questions(order: Order, ranges: list[tuple[int, int]]) -> list[int]:
    """The questions in these ranges of ``order``, as indices into the questions."""
    return [order[n][3] for first, end in ranges for n in range(first, end) if order[n][2]]


def _worth_following(
    order: Order, answer_results: Sequence[ParagraphResult], codes: frozenset[str]
) -> list[tuple[int, int]]:
    """The questions :func:`questions_to_tag` picks, with their answers: (first, end)
    ranges of ``order``, from the question's first paragraph to the end of its answer."""
    if not codes:
        return []
    found: list[tuple[int, int]] = []
    asked_at = -1  # where the question being answered starts in order, if there is one
    asked_in = ""  # its interview
    worth = False  # whether it is worth following
    before: frozenset[str] | set[str] = frozenset()  # followed themes of the paragraph before
    last_was_question = False
    for n, (interview, _, is_question, k) in enumerate(order):
        if is_question:
            if not last_was_question or asked_in != interview:  # a new question
                if worth:
                    found.append((asked_at, n))
                asked_at, asked_in, worth = n, interview, False
            last_was_question, before = True, frozenset()
            continue
        last_was_question = False
        if asked_in != interview:  # an answer without a question in this interview
            if worth:
                found.append((asked_at, n))
            asked_at, asked_in, worth, before = -1, interview, False, frozenset()
        hits = answer_results[k].hits.keys()
        if asked_at >= 0 and not worth and before - hits:
            worth = True
        before = codes & hits
    if worth:
        found.append((asked_at, len(order)))
    return found


def follow(
    answers: Positions,
    answer_results: Sequence[ParagraphResult],
    questions: Positions,
    tag_questions: Callable[[list[int]], Sequence[ParagraphResult]],
    codes: frozenset[str],
) -> int:
    """Answers follow their questions' themes (see the module docstring), tagging only
    the questions :func:`questions_to_tag` picks: ``tag_questions`` gets their indices
    into ``questions`` and returns their results. Only those questions and their
    answers are gone through again. Returns how many themes were added."""
    if not codes:
        return 0
    order = text_order(answers, questions)
    ranges = _worth_following(order, answer_results, codes)
    wanted = _questions(order, ranges)
    asked = dict(zip(wanted, tag_questions(wanted), strict=True))
    return _follow(
        (
            (interview, asks, start, asked[k] if asks else answer_results[k])
            for first, end in ranges
            for interview, start, asks, k in order[first:end]
        ),
        codes,
    )
