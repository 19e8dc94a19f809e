"""The project file: connection, recorded migrations, transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mentorqual.errors import ProjectError
from mentorqual.store import MIGRATIONS, Store


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
    from mentorqual.store import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
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
