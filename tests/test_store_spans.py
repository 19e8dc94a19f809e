"""Codings as spans: the migration, the one projection onto paragraphs, backups."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual import Project
from mentorqual.errors import ProjectError
from mentorqual.store import MIGRATIONS, Layout, Store, codes_paragraph
from mentorqual.types import CodedSpan

from .conftest import CODEBOOK, INTERVIEW


def test_migration_turns_paragraph_codings_into_their_spans(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    for _, sql in MIGRATIONS[:4]:
        con.executescript(sql)
    con.executescript(
        """
        CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
                                 applied_at TEXT NOT NULL);
        INSERT INTO migrations VALUES (1, '0001_initial', 'x'), (2, '0002_pii_names', 'x'),
            (3, '0003_models', 'x'), (4, '0004_pii_allowed', 'x');
        PRAGMA user_version = 4;
        INSERT INTO codebooks VALUES ('sha', 'cb', 'cb.yaml', '', 'x');
        INSERT INTO codes VALUES ('kurser', 'Kurser', NULL, '', '', 0, 'sha');
        INSERT INTO interviews VALUES ('T1', 't.txt', 'txt', 's', 'Hovedstaden', '', '{}', 'x');
        INSERT INTO texts VALUES ('T1', 'I: Ja?' || char(10) || 'IP: Et kursus.');
        INSERT INTO segments VALUES (1, 'T1', 'p1', 'paragraph', NULL, 'I', 'interviewer',
            1, 3, 6, 1);
        INSERT INTO segments VALUES (2, 'T1', 'p2', 'paragraph', NULL, 'IP', 'respondent',
            2, 11, 21, 2);
        INSERT INTO codings VALUES (7, 2, 'kurser', 'A', 'human', '', NULL, NULL, 'x');
        INSERT INTO codings VALUES (8, 2, 'kurser', 'rules', 'rules', 'v', 1.0, '[]', 'x');
        INSERT INTO assessments VALUES (2, 'A', 'human');
        """
    )
    con.close()
    store = Store(path)
    assert store.migrations()[4:6] == ["0005_coding_spans", "0006_assessed_codes"]
    rows = store.db.execute(
        "SELECT id, interview_id, char_start, char_end, segment_id, coder FROM codings ORDER BY id"
    ).fetchall()
    assert rows == [(7, "T1", 11, 21, None, "A"), (8, "T1", 11, 21, 2, "rules")]
    assert store.coding_pairs("A") == store.coding_pairs("rules") == {(2, "kurser")}
    assert [r.text for r in store.coding_table()] == ["Et kursus.", "Et kursus."]
    # What a coder assessed: every code, in every interview the coder assessed.
    assert store.assessed_codes("A") == {"T1": frozenset({"kurser"})}
    assert store.assessed_codes("rules") == {}
    store.close()


TEXT = "I: Hvordan?\nIP: Godt. Meget godt.\nIP: Ja.  Nej."


@pytest.mark.parametrize(
    ("span", "paragraphs"),
    [
        ((16, 33), [2]),  # a whole paragraph
        ((22, 27), [2]),  # a passage inside it
        ((30, 41), [2, 3]),  # across a paragraph break
        ((33, 38), []),  # only the break and a label
        ((41, 43), []),  # only blanks inside a paragraph
        ((0, len(TEXT)), [1, 2, 3]),
    ],
)
def test_a_span_codes_the_paragraphs_it_overlaps_with_a_non_blank_character(
    span: tuple[int, int], paragraphs: list[int]
) -> None:
    bounds = [(1, "T", 3, 11), (2, "T", 16, 33), (3, "T", 38, 47)]
    assert Layout.of(bounds, {"T": TEXT}.get).paragraphs("T", *span) == paragraphs
    assert [
        p for p, _, start, end in bounds if codes_paragraph(TEXT, (start, end), span)
    ] == paragraphs


def _two_paragraphs(project: Project, write: Callable[..., Path]) -> Store:
    project.import_paths([write("T01.txt", INTERVIEW)])
    project.load_codebook(CODEBOOK)
    return project.store()


def test_passages_project_onto_paragraphs_everywhere(
    project: Project, write: Callable[..., Path]
) -> None:
    store = _two_paragraphs(project, write)
    text = store.interview_text("T01")
    first, second, *_ = store.paragraphs("T01")
    inside = text.index("papirer")
    across = text.index("blanketter")
    with store.transaction():
        store.write_human_codings(
            "A",
            [
                CodedSpan("T01", inside, inside + len("papirer"), "administration"),
                CodedSpan("T01", across, text.index("lønsedlerne") + 11, "kurser", "memo"),
            ],
            [first.id, second.id],
        )
    assert store.coding_pairs("A") == {
        (first.id, "administration"),
        (first.id, "kurser"),
        (second.id, "kurser"),
    }
    rows = store.coding_table(["A"])
    assert [(r.locator, r.code, r.passage) for r in rows] == [
        ("p2", "administration", "papirer"),
        ("p2", "kurser", "blanketter.\nOg lønsedlerne"),
        ("p3", "kurser", "blanketter.\nOg lønsedlerne"),
    ]
    assert rows[1].coding == rows[2].coding and rows[1].memo == "memo"
    assert rows[0].text == first.text
    assert [c.code for c in store.segment_codings(second.id)] == ["kurser"]
    store.close()


def test_the_same_coding_twice_is_one(project: Project, write: Callable[..., Path]) -> None:
    store = _two_paragraphs(project, write)
    span = CodedSpan("T01", 60, 70, "kurser")
    with store.transaction():
        assert store.write_human_codings("A", [span], []) == (1, 0)
        assert store.write_human_codings("A", [span], []) == (0, 0)
    store.close()


def test_a_backup_is_written_before_human_codings_are_deleted(
    project: Project, write: Callable[..., Path]
) -> None:
    store = _two_paragraphs(project, write)
    with store.transaction():
        store.write_human_codings("A", [CodedSpan("T01", 60, 70, "kurser")], [])
    with store.transaction():
        assert store.write_human_codings("A", [], [], replace=["T01"]) == (0, 1)
    backup = store.backup_path
    assert backup is not None and backup.parent == project.path.parent
    assert backup.name.startswith("project-backup-") and backup.suffix == ".db"
    copy = Store(backup)
    assert copy.coding_pairs("A") != set()  # the project as it was before the deletion
    copy.close()
    store.close()


def test_a_backup_that_cannot_be_written_stops_the_deletion(
    project: Project, write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _two_paragraphs(project, write)
    with store.transaction():
        store.write_human_codings("A", [CodedSpan("T01", 60, 70, "kurser")], [])
    target = project.path.parent / "missing" / "backup.db"
    monkeypatch.setattr(Store, "_backup_target", lambda self: target)
    with pytest.raises(ProjectError) as error, store.transaction():
        store.write_human_codings("A", [], [], replace=["T01"])
    assert str(error.value).startswith(f"{target}: cannot write a backup of the project (")
    assert str(error.value).endswith("); nothing was deleted")
    assert len(store.human_spans("T01")) == 1
    store.close()
