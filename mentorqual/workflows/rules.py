"""Rule tagging: code every respondent paragraph with the codebook's rules, as coder
``rules``, writing only what changed. The tagging itself is :mod:`mentorqual.tagging`."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..codebook import Codebook
from ..store import Store
from ..tagging.pause import gc_paused
from ..types import RULES
from . import Progress


@dataclass
class TagReport:
    """What a tagging run did (or, with dry_run, would do)."""

    codebook: Codebook
    coder: str
    paragraphs: int
    tokens: int
    seconds: float
    added: list[tuple[str, str, str, str]]  # interview, locator, code, evidence summary
    removed: list[tuple[str, str, str, str]]
    kept: int
    dry_run: bool


def apply(store: Store, book: Codebook, dry_run: bool, progress: Progress) -> TagReport:
    """Tag with ``book``'s rules; the caller has made it the project's codebook."""
    from ..tagging.run import tag_paragraphs  # spaCy matchers: only when tagging

    started = time.perf_counter()
    with gc_paused():
        paragraphs, questions = store.paragraph_texts()
        run = tag_paragraphs(book, paragraphs, questions, progress)
        rows, hits = run.rows, run.hits
        old = store.machine_codings(RULES)
        added, removed = sorted(hits.keys() - old.keys()), sorted(old.keys() - hits.keys())
        listed = {s for s, _ in added} | {s for s, _ in removed}  # mostly none
        where = {
            s: (i, loc)
            for s, i, loc in zip(
                paragraphs.ids, paragraphs.interviews, paragraphs.locators, strict=True
            )
            if s in listed
        }
        report = TagReport(
            codebook=book,
            coder=RULES,
            paragraphs=len(paragraphs.texts),
            tokens=run.tokens,
            seconds=time.perf_counter() - started,
            added=[(*where[s], c, run.summary(s, c)) for s, c in added],
            removed=[(*where[s], c, "") for s, c in removed],
            kept=len(hits) - len(added),
            dry_run=dry_run,
        )
        if not dry_run:
            store.update_machine_codings(RULES, RULES, book.sha256, rows, paragraphs.ids, old)
        # Freed while the collector is off: the first collection after it would
        # otherwise walk every one of these objects.
        del paragraphs, questions, run, rows, hits, old
    return report
