"""Rule tagging of a project's paragraphs in one call: the tagger in batches with
progress, the answers that follow their question, and the codings with their evidence.

The caller passes plain records (:class:`~mentorqual.types.ParagraphTexts`) and gets a
:class:`RuleRun` back; how the tagger batches, counts tokens and spares the garbage
collector stays here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..types import Codebook, ParagraphTexts
from . import context
from .evidence import CodingRow, Hit, codings, summary
from .pause import gc_paused
from .rules import tagger_for

STEP = 2000  # paragraphs per progress report

# (step label, done, total), as the project's progress callbacks take them.
Progress = Callable[[str, int, int], None]


@dataclass
class RuleRun:
    """The codings one rule-tagging run makes, and how many tokens it read.

    Holds an object per coding and hit: keep the collector paused (:func:`gc_paused`)
    while holding a large one, or the next collection walks all of them.
    """

    rows: list[CodingRow]  # (segment id, code, score, evidence JSON), paragraph and code order
    hits: dict[tuple[int, str], list[Hit]]  # the hits behind each (segment id, code)
    tokens: int  # the respondent paragraphs' tokens: what the throughput is of

    def summary(self, segment: int, code: str) -> str:
        """One coding's evidence in a line: ``rule: word, word; rule: word``."""
        return summary(self.hits[(segment, code)])


def tag_paragraphs(
    codebook: Codebook,
    paragraphs: ParagraphTexts,
    questions: ParagraphTexts,
    progress: Progress,
) -> RuleRun:
    """Code the respondent ``paragraphs`` with the codebook's rules; where a theme
    follows its question, the interviewer's ``questions`` are tagged as needed.

    The tagger of the codebook is kept for the next run (:func:`.rules.tagger_for`).
    ``progress`` hears ("Tagging with rules", done, total) after each batch.

    Example:
        >>> paragraphs, questions = store.paragraph_texts()  # doctest: +SKIP
        >>> run = tag_paragraphs(book, paragraphs, questions, progress)  # doctest: +SKIP
        >>> run.rows[0]  # doctest: +SKIP
        (3, 'administration', 1.0, '[{"rule": "a-ord", "tokens": [["team", 286, 290]]}]')
    """
    with gc_paused():
        tagger = tagger_for(codebook)
        counted = tagger.tokens
        texts = paragraphs.texts
        results = []
        for start in range(0, len(texts), STEP):
            results += tagger.tag(texts[start : start + STEP])
            progress("Tagging with rules", min(start + STEP, len(texts)), len(texts))
        tokens = tagger.tokens - counted  # before the questions: the respondent's only
        if followed := context.followed_codes(codebook):
            asked = questions.texts
            context.follow(
                (paragraphs.interviews, paragraphs.starts),
                results,
                (questions.interviews, questions.starts),
                lambda wanted: tagger.tag([asked[k] for k in wanted]),
                followed,
            )
        rows, hits = codings(paragraphs.ids, paragraphs.starts, results)
        # Freed while the collector is off, for the same reason.
        del results
    return RuleRun(rows, hits, tokens)
