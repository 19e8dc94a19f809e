"""The SQLite project store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual import Project
from mentorqual.errors import ProjectError
from mentorqual.store import MIGRATIONS, Store

from .conftest import CODEBOOK, INTERVIEW


def test_new_store_records_its_migrations(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db")
    assert store.migrations() == [name for name, _ in MIGRATIONS]
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.integrity_check() == "ok"
    store.close()


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    Store(tmp_path / "p.db").close()
    store = Store(tmp_path / "p.db")
    assert len(store.migrations()) == len(MIGRATIONS)
    store.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(ProjectError, match=r"made by a newer mentorqual"):
        Store(path)


def test_missing_project_is_an_error_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(ProjectError) as error:
        Store(tmp_path / "none.db", create=False)
    assert str(error.value) == (
        f"{tmp_path / 'none.db'}: no project here; "
        "create one with 'mentorqual import' or 'mentorqual run'"
    )
    assert not (tmp_path / "none.db").exists()


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    path.write_text("hello, this is not SQLite" * 100)
    with pytest.raises(ProjectError, match=r": not a mentorqual project \("):
        Store(path)


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db")
    with pytest.raises(RuntimeError), store.transaction():
        store.db.execute(
            "INSERT INTO codebooks (sha256, name, source, content, loaded_at) "
            "VALUES ('x', 'n', 's', 'c', 't')"
        )
        raise RuntimeError("boom")
    assert store.table_counts()["codebooks"] == 0
    store.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO texts (interview_id, text) VALUES ('nobody', 'text')")
    store.close()


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "p.db"
    with pytest.raises(ProjectError) as error:
        Store(path)
    assert str(error.value) == f"{path}: the folder {path.parent} does not exist"


def test_a_busy_project_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorqual import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "p.db"
    Store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        store = Store(path, create=False)
        with pytest.raises(ProjectError) as caught, store.transaction():
            pass
        assert str(caught.value) == (
            f"{path}: the project is busy (another mentorqual command is writing to it); "
            "try again when it has finished"
        )
        store.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


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


def test_machine_assessments_are_replaced(tmp_path: Path) -> None:
    project = Project(tmp_path / "p.db")
    path = tmp_path / "T01.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    project.import_paths([path])
    project.load_codebook(CODEBOOK)
    store = project.store()
    ids, code = store.respondent_texts().ids, store.codes()[0]
    with store.transaction():
        store.replace_machine_codings("rules", "rules", "v", [], ids[:2])
        store.replace_machine_codings("rules", "rules", "v", [(ids[2], code, 1.0, None)], ids)
    assert store.assessed("rules") == set(ids)
    assert store.coder_origins() == {"rules": "rules"}
    store.close()


def test_machine_codings_are_updated_by_their_difference(tmp_path: Path) -> None:
    project = Project(tmp_path / "p.db")
    path = tmp_path / "T01.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    project.import_paths([path])
    project.load_codebook(CODEBOOK)
    store = project.store()
    ids, (a, b, *_) = store.respondent_texts().ids, store.codes()
    with store.transaction():
        store.replace_machine_codings(
            "rules", "rules", "v1", [(ids[0], a, 1.0, "[1]"), (ids[1], a, 1.0, "[2]")], ids[:2]
        )
    store.db.execute("UPDATE codings SET created_at = 'then'")
    before = {
        row[:2]: row[2] for row in store.db.execute("SELECT segment_id, code, id FROM codings")
    }
    wanted = [(ids[0], a, 1.0, "[1]"), (ids[1], a, 1.0, "[3]"), (ids[2], b, 0.5, None)]
    with store.transaction():
        store.update_machine_codings(
            "rules", "rules", "v1", wanted, ids[1:], store.machine_codings("rules")
        )
    rows = store.db.execute(
        "SELECT segment_id, code, id, origin_version, score, evidence, created_at FROM codings "
        "ORDER BY segment_id"
    ).fetchall()
    assert [(s, c, score, ev) for s, c, _, _, score, ev, _ in rows] == [
        (s, c, score, ev) for s, c, score, ev in wanted
    ]
    assert rows[0][2] == before[(ids[0], a)] and rows[0][6] == "then"  # equal: untouched
    assert rows[1][2] == before[(ids[1], a)] and rows[1][6] != "then"  # changed in place
    assert store.assessed("rules") == set(ids[1:])
    with store.transaction():  # all removed; another segment assessed
        store.update_machine_codings(
            "rules", "rules", "v2", [], ids[:1], store.machine_codings("rules")
        )
    assert store.machine_codings("rules") == {} and store.assessed("rules") == {ids[0]}
    assert store.coder_origins() == {"rules": "rules"}
    store.close()
