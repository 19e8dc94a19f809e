"""The question a paragraph answers: the one rule for review, sheets and retrieval."""

from __future__ import annotations

from pathlib import Path

from mentorqual.store import Store
from mentorqual.workflows.questions import QuestionTracker, backchannel, questions_before

from .web_fixtures import workbench_project

ASKED = """---
interview: Q01
region: Sjælland
role: Mentor
---
IP: Jeg vil gerne sige noget først.
I: Hvordan startede forløbet?
IP: Med et møde på jobcentret.
I: Mm.
IP: Og så kom hun i praktik.
I: Fortæl om praktikken.
IP: Den var i et køkken.
I: Okay.
I: Ja, ja.
IP: Hun var glad for det.
"""


def test_backchannels_are_passed_over_to_the_question_they_interrupt() -> None:
    assert [backchannel(t) for t in ("Mm.", "Ja, ja.", "Okay?", "Fortæl om det.")] == [
        True, True, False, False,
    ]  # fmt: skip
    tracker = QuestionTracker()
    assert tracker.question("Q01") == ""
    tracker.hear("Q01", "Mm.")
    assert tracker.question("Q01") == "Mm."  # only a backchannel so far: the nearest
    tracker.hear("Q01", "Hvordan startede forløbet?")
    tracker.hear("Q01", "Ja.")
    assert tracker.question("Q01") == "Hvordan startede forløbet?"
    assert tracker.question("Q02") == ""


def test_questions_before_paragraphs_of_an_interview(tmp_path: Path) -> None:
    from mentorqual import Project

    project = Project(workbench_project(tmp_path))
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "Q01.txt").write_text(ASKED, encoding="utf-8")
    project.import_paths([tmp_path / "q"])
    store = Store(project.path)
    try:
        answers = [p for p in store.respondent_paragraphs() if p.interview == "Q01"]
        found = questions_before(store, answers)
    finally:
        store.close()
    assert [found[p.id] for p in sorted(answers, key=lambda p: p.start)] == [
        "",
        "Hvordan startede forløbet?",
        "Hvordan startede forløbet?",
        "Fortæl om praktikken.",
        "Fortæl om praktikken.",
    ]
