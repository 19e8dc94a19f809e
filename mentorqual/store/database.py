"""The project file: connection, recorded migrations, transactions.

The schema is versioned by recorded migrations (table ``migrations``, mirrored in
``PRAGMA user_version``). WAL mode and foreign keys are on; every command's writes
happen inside one :meth:`Database.transaction`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import ProjectError

# (name, SQL). Append only: never edit a migration that has shipped.
MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE codebooks (
            sha256 TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            content TEXT NOT NULL,
            loaded_at TEXT NOT NULL
        );
        CREATE TABLE codes (
            code TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            parent TEXT REFERENCES codes(code),
            description TEXT NOT NULL DEFAULT '',
            colour TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL,
            codebook_sha256 TEXT NOT NULL REFERENCES codebooks(sha256)
        );
        CREATE TABLE interviews (
            id TEXT PRIMARY KEY,
            source_path TEXT NOT NULL,
            source_format TEXT NOT NULL,
            text_sha256 TEXT NOT NULL,
            region TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            attributes TEXT NOT NULL,          -- JSON object, region and role included
            imported_at TEXT NOT NULL
        );
        CREATE TABLE texts (
            interview_id TEXT PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
            text TEXT NOT NULL
        );
        CREATE TABLE segments (
            id INTEGER PRIMARY KEY,
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            locator TEXT NOT NULL,             -- "p12", or "p12.s2" for a sentence
            kind TEXT NOT NULL CHECK (kind IN ('paragraph', 'sentence')),
            parent_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
            speaker TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('interviewer', 'respondent')),
            turn INTEGER NOT NULL,
            char_start INTEGER NOT NULL,       -- code points into texts.text
            char_end INTEGER NOT NULL,         -- exclusive
            n_words INTEGER NOT NULL,
            CHECK (0 <= char_start AND char_start <= char_end),
            UNIQUE (interview_id, locator)
        );
        CREATE INDEX segments_parent ON segments(parent_id);
        CREATE TABLE codings (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
            code TEXT NOT NULL REFERENCES codes(code) ON UPDATE CASCADE,
            coder TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('human', 'rules', 'classifier', 'machine')),
            origin_version TEXT NOT NULL DEFAULT '',
            score REAL,
            evidence TEXT,                     -- JSON, for machine codings
            created_at TEXT NOT NULL,
            UNIQUE (segment_id, code, coder)
        );
        CREATE INDEX codings_coder ON codings(coder, code);
        -- Which segments a coder has assessed: an assessed segment with no coding is
        -- a real "no", an unassessed one is missing data.
        CREATE TABLE assessments (
            segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
            coder TEXT NOT NULL,
            origin TEXT NOT NULL,
            PRIMARY KEY (coder, segment_id)
        ) WITHOUT ROWID;
        CREATE INDEX assessments_segment ON assessments(segment_id);
        """,
    ),
    (
        "0002_pii_names",
        """
        -- Names the PII guard looks for besides its built-in list of Danish first names.
        CREATE TABLE pii_names (
            name TEXT PRIMARY KEY,
            added_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0003_models",
        """
        -- Trained classifiers. The pickled model lives only here: it is loaded from this
        -- table, never from a path outside the project.
        CREATE TABLE models (
            id TEXT PRIMARY KEY,               -- sha256 of what it was trained on, 16 hex
            kind TEXT NOT NULL,
            created_at TEXT NOT NULL,
            codebook_sha256 TEXT NOT NULL,
            training_sha256 TEXT NOT NULL,     -- of the (text, codes) pairs trained on
            training_size INTEGER NOT NULL,
            coders TEXT NOT NULL,              -- JSON list
            metrics TEXT NOT NULL,             -- JSON: grouped cross-validation
            params TEXT NOT NULL,              -- JSON
            data BLOB NOT NULL
        );
        """,
    ),
    (
        "0004_pii_allowed",
        """
        -- What the PII guard is not to report: words that look like names but are not
        -- ("Storm"), or one finding as KIND:text ("TELEFON:22 33 44 55").
        CREATE TABLE pii_allowed (
            entry TEXT PRIMARY KEY,
            added_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0005_coding_spans",
        """
        -- A coding is a span of the interview's canonical text (code points, end
        -- exclusive). A paragraph coding becomes the paragraph's span. Machine codings
        -- keep the paragraph they code in segment_id, as machine coders code paragraphs,
        -- and a human coding's segment_id is NULL. Which paragraphs a span codes is the
        -- projection in mentorqual/store/projection.py.
        CREATE TABLE coding_spans (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
            code TEXT NOT NULL REFERENCES codes(code) ON UPDATE CASCADE,
            coder TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('human', 'rules', 'classifier', 'machine')),
            origin_version TEXT NOT NULL DEFAULT '',
            score REAL,
            evidence TEXT,
            created_at TEXT NOT NULL,
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            memo TEXT,
            CHECK (0 <= char_start AND char_start < char_end)
        );
        INSERT INTO coding_spans (id, segment_id, code, coder, origin, origin_version, score,
            evidence, created_at, interview_id, char_start, char_end)
        SELECT c.id, CASE WHEN c.origin = 'human' THEN NULL ELSE c.segment_id END, c.code,
            c.coder, c.origin, c.origin_version, c.score, c.evidence, c.created_at,
            s.interview_id, s.char_start, s.char_end
        FROM codings c JOIN segments s ON s.id = c.segment_id;
        DROP TABLE codings;
        ALTER TABLE coding_spans RENAME TO codings;
        CREATE UNIQUE INDEX codings_span
            ON codings(interview_id, char_start, char_end, code, coder);
        CREATE INDEX codings_coder ON codings(coder, code);
        CREATE INDEX codings_segment ON codings(segment_id);
        CREATE INDEX segments_span ON segments(interview_id, char_start);
        """,
    ),
    (
        "0006_assessed_codes",
        """
        -- Which codes a coder assessed in an interview: the codebook's codes when the
        -- coder's work on it was recorded. A code added later is not assessed by that
        -- coder there, so it is missing data, never a "no". Existing projects: every
        -- code, in every interview the coder assessed.
        CREATE TABLE assessed_codes (
            coder TEXT NOT NULL,
            interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
            code TEXT NOT NULL REFERENCES codes(code) ON DELETE CASCADE ON UPDATE CASCADE,
            PRIMARY KEY (coder, interview_id, code)
        ) WITHOUT ROWID;
        CREATE INDEX assessed_codes_interview ON assessed_codes(interview_id);
        INSERT INTO assessed_codes (coder, interview_id, code)
        SELECT DISTINCT a.coder, s.interview_id, c.code
        FROM assessments a JOIN segments s ON s.id = a.segment_id CROSS JOIN codes c;
        """,
    ),
    (
        "0007_paragraph_times",
        """
        -- Where a paragraph starts in the recording, in seconds, when the transcript
        -- has a timestamp there ("[00:12:31] I: ..."), else NULL.
        ALTER TABLE segments ADD COLUMN time REAL;
        """,
    ),
]


BUSY_TIMEOUT_MS = 5000  # how long a command waits for another one's write to finish


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Database:
    """A connection to one project file, migrated to the current schema."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if not create and not path.exists():
            raise ProjectError(
                f"{path}: no project here; create one with 'mentorqual import' or 'mentorqual run'"
            )
        if not path.parent.exists():
            raise ProjectError(f"{path}: the folder {path.parent} does not exist")
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise ProjectError(f"{path}: not a mentorqual project ({exc})") from None

    def close(self) -> None:
        self.db.close()

    # -- backups -----------------------------------------------------------------

    backup_path: Path | None = None  # the backup this connection wrote, if any

    def backup_before_deleting(self) -> Path:
        """Write a backup of the project as last committed, beside it, once per
        connection; returns its path. Called before anything deletes human codings.

        It reads through a second connection with SQLite's online backup API, so it
        holds the project as it was before this command's transaction. A backup that
        cannot be written raises :class:`ProjectError`, and the transaction around the
        deletion rolls back.
        """
        if self.backup_path is not None:
            return self.backup_path
        target = self._backup_target()
        try:
            source = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            try:
                with sqlite3.connect(target) as copy:
                    source.backup(copy)
                copy.close()
            finally:
                source.close()
        except (sqlite3.Error, OSError) as exc:
            Path(target).unlink(missing_ok=True)
            raise ProjectError(
                f"{target}: cannot write a backup of the project ({exc}); nothing was deleted"
            ) from None
        self.backup_path = target
        return target

    def _backup_target(self) -> Path:
        """``study-backup-20261122T101500.db`` beside ``study.db``, never overwriting one."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        suffix = self.path.suffix or ".db"
        base = self.path.with_name(f"{self.path.stem}-backup-{stamp}")
        target, n = Path(f"{base}{suffix}"), 2
        while target.exists():
            target, n = Path(f"{base}-{n}{suffix}"), n + 1
        return target

    # -- schema ------------------------------------------------------------------

    def migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise ProjectError(
                f"{self.path}: made by a newer mentorqual (schema {version}); upgrade mentorqual"
            )
        if version == len(MIGRATIONS):
            return
        with self.transaction():
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS migrations "
                "(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
            )
            for number, (name, sql) in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in sql.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(
                    "INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)",
                    (number, name, now()),
                )
                self.db.execute(f"PRAGMA user_version = {number}")

    def migrations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY id")]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: everything inside commits together or not at all."""
        if self.db.in_transaction:  # nested: the outer transaction decides
            yield
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")  # waits busy_timeout for another writer
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            raise ProjectError(
                f"{self.path}: the project is busy (another mentorqual command is writing "
                "to it); try again when it has finished"
            ) from None
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- health ------------------------------------------------------------------

    def table_counts(self) -> dict[str, int]:
        tables = ("codebooks", "codes", "interviews", "texts", "segments", "codings", "assessments")
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def integrity_check(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
