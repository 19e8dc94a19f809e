"""Interviews as stored: paragraphs, their texts as columns, summaries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mentorqual import Project
from mentorqual.store import InterviewSummary, Store

from .conftest import CODEBOOK, INTERVIEW


def columns(store: Store) -> list[tuple[int, str, str, int, str]]:
    found = store.respondent_texts()
    return list(
        zip(found.ids, found.interviews, found.locators, found.starts, found.texts, strict=True)
    )


def test_respondent_texts_are_the_respondent_paragraphs(sample: Path) -> None:
    store = Store(sample, create=False)
    expected = [
        (p.id, p.interview, p.locator, p.start, p.text) for p in store.respondent_paragraphs()
    ]
    assert len(expected) > 100
    assert columns(store) == expected
    store.close()


def test_paragraph_texts_are_both_sides_of_the_interview(sample: Path) -> None:
    store = Store(sample, create=False)
    respondent, interviewer = store.paragraph_texts()
    assert respondent == store.respondent_texts()
    expected = [
        (p.id, p.interview, p.locator, p.start, p.text)
        for p in store.all_paragraphs()
        if p.role == "interviewer"
    ]
    assert len(expected) > 100
    found = zip(
        interviewer.ids,
        interviewer.interviews,
        interviewer.locators,
        interviewer.starts,
        interviewer.texts,
        strict=True,
    )
    assert list(found) == expected
    store.close()


def test_respondent_texts_count_code_points_as_sqlite_does(
    project: Project, write: Callable[..., Path]
) -> None:
    # Characters outside the BMP and combining marks before a paragraph move the
    # offsets differently in UTF-8, UTF-16 and code points; slicing must match substr.
    odd = INTERVIEW.replace("T01", "T02").replace("Hvordan", "Hvordan 🙂 e\u0301")
    odd = odd.replace("Der er", "Der 𝔢𝔯 æøå")
    project.import_paths([write("T01.txt", INTERVIEW), write("T02.txt", odd)])
    store = project.store()
    expected = [
        (p.id, p.interview, p.locator, p.start, p.text) for p in store.respondent_paragraphs()
    ]
    assert [row[1] for row in expected] == ["T01", "T01", "T01", "T02", "T02", "T02"]
    assert any("𝔢𝔯" in row[4] for row in expected)
    assert columns(store) == expected
    store.close()


def test_interview_summaries_are_typed_rows(project: Project, write: Callable[..., Path]) -> None:
    project.import_paths([write("T01.txt", INTERVIEW)])
    project.load_codebook(CODEBOOK)
    store = project.store()
    ids = store.respondent_texts().ids
    with store.transaction():
        store.replace_human_codings("Aske", ids, [(ids[0], store.codes()[0])])
    (summary,) = store.interview_summaries()
    assert isinstance(summary, InterviewSummary)
    assert (summary.interview, summary.region, summary.role) == (
        "T01", "Hovedstaden", "Jobkonsulent"
    )  # fmt: skip
    assert summary.attributes == {
        "interview": "T01", "region": "Hovedstaden", "role": "Jobkonsulent"
    }  # fmt: skip
    assert summary.source.endswith("T01.txt")
    assert (summary.segments, summary.codings) == (3, {"Aske": 1})
    words = "SELECT SUM(n_words) FROM segments WHERE kind = 'paragraph' AND role = 'respondent'"
    assert summary.words == store.db.execute(words).fetchone()[0] > 0
    store.close()
