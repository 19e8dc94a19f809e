"""The project store: one SQLite file. The only module that imports sqlite3.

The schema is versioned by recorded migrations (table ``migrations``, mirrored in
``PRAGMA user_version``). WAL mode and foreign keys are on; every command's writes
happen inside one :meth:`Store.transaction`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import ProjectError
from .types import ParagraphTexts, Transcript

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
]


BUSY_TIMEOUT_MS = 5000  # how long a command waits for another one's write to finish


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SegmentRow:
    """A paragraph as stored: what codings attach to."""

    id: int
    interview: str
    locator: str
    role: str
    text: str
    start: int  # offset of the text in the interview's canonical text
    speaker: str = ""


# A machine coding as stored, less its segment and code: (row id, origin, origin
# version, score, evidence JSON).
StoredCoding = tuple[int, str, str, float | None, str | None]


class Store:
    """A connection to one project file."""

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

    # -- codebook ----------------------------------------------------------------

    def codes(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT code FROM codes ORDER BY position")]

    def themes(self) -> list[tuple[str, str, str]]:
        """(code, label, colour) of every code, in codebook order."""
        return [
            tuple(r)
            for r in self.db.execute("SELECT code, label, colour FROM codes ORDER BY position")
        ]

    def codebook_name(self) -> str | None:
        row = self.db.execute(
            "SELECT b.name FROM codebooks b JOIN codes c ON c.codebook_sha256 = b.sha256 LIMIT 1"
        ).fetchone()
        return str(row[0]) if row else None

    def codebook_content(self) -> bytes | None:
        """The content of the codebook whose codes the project uses."""
        row = self.db.execute(
            "SELECT b.content FROM codebooks b JOIN codes c ON c.codebook_sha256 = b.sha256 LIMIT 1"
        ).fetchone()
        return str(row[0]).encode("utf-8") if row else None

    def codebook_sha256(self) -> str | None:
        row = self.db.execute("SELECT DISTINCT codebook_sha256 FROM codes").fetchone()
        return row[0] if row else None

    def save_codebook(
        self, sha256: str, name: str, source: str, content: str, codes: Sequence[dict[str, Any]]
    ) -> None:
        """Record a codebook and make its codes the project's codes."""
        self.db.execute(
            "INSERT OR IGNORE INTO codebooks (sha256, name, source, content, loaded_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (sha256, name, source, content, now()),
        )
        for position, code in enumerate(codes):
            self.db.execute(
                "INSERT INTO codes (code, label, parent, description, colour, position, "
                "codebook_sha256) VALUES (:code, :label, :parent, :description, :colour, "
                ":position, :sha) ON CONFLICT (code) DO UPDATE SET label = excluded.label, "
                "parent = excluded.parent, description = excluded.description, "
                "colour = excluded.colour, position = excluded.position, "
                "codebook_sha256 = excluded.codebook_sha256",
                {**code, "position": position, "sha": sha256},
            )

    def remove_codes(self, codes: Iterable[str]) -> None:
        """Remove codes, and every coding of them."""
        for code in codes:
            self.db.execute("DELETE FROM codings WHERE code = ?", (code,))
            self.db.execute("UPDATE codes SET parent = NULL WHERE parent = ?", (code,))
            self.db.execute("DELETE FROM codes WHERE code = ?", (code,))

    # -- interviews --------------------------------------------------------------

    def interview_sha(self, interview: str) -> tuple[str, dict[str, str]] | None:
        row = self.db.execute(
            "SELECT text_sha256, attributes FROM interviews WHERE id = ?", (interview,)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def delete_interview(self, interview: str) -> None:
        self.db.execute("DELETE FROM interviews WHERE id = ?", (interview,))

    def add_interview(
        self,
        transcript: Transcript,
        words: Sequence[int],
        sentences: Sequence[Sequence[tuple[int, int, int]]],
    ) -> dict[str, int]:
        """Insert an interview with its text and paragraphs.

        ``words`` gives each paragraph's word count; ``sentences`` gives, for each
        respondent paragraph in order, its sentences as (start, end, words) with
        offsets relative to the paragraph. Returns the segment id of each locator.
        """
        t = transcript
        self.db.execute(
            "INSERT INTO interviews (id, source_path, source_format, text_sha256, region, role, "
            "attributes, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                t.interview,
                t.source.as_posix(),
                t.source_format,
                t.sha256,
                t.region,
                t.attributes.get("role", ""),
                json.dumps(t.attributes, ensure_ascii=False, sort_keys=True),
                now(),
            ),
        )
        self.db.execute(
            "INSERT INTO texts (interview_id, text) VALUES (?, ?)", (t.interview, t.text)
        )
        ids: dict[str, int] = {}
        spans = iter(sentences)
        for p, n_words in zip(t.paragraphs, words, strict=True):
            cursor = self.db.execute(
                "INSERT INTO segments (interview_id, locator, kind, speaker, role, turn, "
                "char_start, char_end, n_words) VALUES (?, ?, 'paragraph', ?, ?, ?, ?, ?, ?)",
                (t.interview, p.locator, p.speaker, p.role, p.turn, p.start, p.end, n_words),
            )
            ids[p.locator] = int(cursor.lastrowid or 0)
            if p.role == "respondent":
                self.db.executemany(
                    "INSERT INTO segments (interview_id, locator, kind, parent_id, speaker, role, "
                    "turn, char_start, char_end, n_words) "
                    "VALUES (?, ?, 'sentence', ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            t.interview,
                            f"{p.locator}.s{k}",
                            ids[p.locator],
                            p.speaker,
                            p.role,
                            p.turn,
                            p.start + start,
                            p.start + end,
                            n,
                        )
                        for k, (start, end, n) in enumerate(next(spans), start=1)
                    ],
                )
        return ids

    def interview_text(self, interview: str) -> str:
        """The canonical text of an interview."""
        row = self.db.execute(
            "SELECT text FROM texts WHERE interview_id = ?", (interview,)
        ).fetchone()
        if row is None:
            raise ProjectError(f"{self.path}: no interview {interview!r}")
        return str(row[0])

    def paragraphs(self, interview: str, role: str | None = "respondent") -> list[SegmentRow]:
        """The paragraphs of one interview (of one role, or all) with their text, in order."""
        return self._paragraphs(
            "s.interview_id = ? AND s.role = coalesce(?, s.role)", (interview, role)
        )

    def all_paragraphs(self) -> list[SegmentRow]:
        """Every paragraph of the project, interviewer and respondent, with its text."""
        return self._paragraphs("1", ())

    def respondent_paragraphs(self) -> list[SegmentRow]:
        """Every respondent paragraph of the project, with its text."""
        return self._paragraphs("s.role = 'respondent'", ())

    def respondent_texts(self) -> ParagraphTexts:
        """What :meth:`respondent_paragraphs` returns, as columns.

        Each interview's text is read once and sliced here (offsets are code points,
        as SQLite's ``substr`` counts them), instead of SQLite copying out every
        paragraph.
        """
        return self._paragraph_texts("respondent")[0]

    def paragraph_texts(self) -> tuple[ParagraphTexts, ParagraphTexts]:
        """The respondent's and the interviewer's paragraphs, as columns, from one read
        (rule tagging finds the questions for ``follow_question`` among the latter)."""
        respondent, interviewer = self._paragraph_texts("respondent", "interviewer")
        return respondent, interviewer

    def _paragraph_texts(self, *roles: str) -> list[ParagraphTexts]:
        texts = dict(self.db.execute("SELECT interview_id, text FROM texts"))
        rows = self.db.execute(
            "SELECT role, id, interview_id, locator, char_start, char_end FROM segments "
            f"WHERE kind = 'paragraph' AND role IN ({', '.join('?' * len(roles))}) "
            "ORDER BY interview_id, id",
            roles,
        ).fetchall()
        found = []
        for role in roles:
            # Only paragraphs of interviews with a text, as the join in _paragraphs.
            mine = [r for r in rows if r[0] == role and r[2] in texts]
            found.append(
                ParagraphTexts(
                    ids=[r[1] for r in mine],
                    interviews=[r[2] for r in mine],
                    locators=[r[3] for r in mine],
                    starts=[r[4] for r in mine],
                    texts=[texts[i][a:b] for _, _, i, _, a, b in mine],
                )
            )
        return found

    def _paragraphs(self, where: str, params: tuple[Any, ...]) -> list[SegmentRow]:
        rows = self.db.execute(
            "SELECT s.id, s.interview_id, s.locator, s.role, "
            "substr(t.text, s.char_start + 1, s.char_end - s.char_start), s.char_start, "
            "s.speaker FROM segments s JOIN texts t ON t.interview_id = s.interview_id "
            f"WHERE s.kind = 'paragraph' AND {where} ORDER BY s.interview_id, s.id",
            params,
        )
        return [SegmentRow(*row) for row in rows]

    def paragraph_interviews(self) -> dict[int, str]:
        """The interview of every respondent paragraph, without loading any text."""
        return dict(
            self.db.execute(
                "SELECT id, interview_id FROM segments "
                "WHERE kind = 'paragraph' AND role = 'respondent'"
            ).fetchall()
        )

    # -- codings -----------------------------------------------------------------

    def human_codings(self, interview: str) -> list[tuple[str, str, str]]:
        """(paragraph text, code, coder) of every human coding in an interview."""
        rows = self.db.execute(
            "SELECT substr(t.text, s.char_start + 1, s.char_end - s.char_start), c.code, "
            "c.coder FROM codings c JOIN segments s ON s.id = c.segment_id "
            "JOIN texts t ON t.interview_id = s.interview_id "
            "WHERE s.interview_id = ? AND c.origin = 'human' ORDER BY s.id, c.coder, c.code",
            (interview,),
        )
        return [tuple(r) for r in rows]

    def human_assessments(self, interview: str) -> list[tuple[str, str]]:
        """(paragraph text, coder) of every human assessment in an interview."""
        rows = self.db.execute(
            "SELECT substr(t.text, s.char_start + 1, s.char_end - s.char_start), a.coder "
            "FROM assessments a JOIN segments s ON s.id = a.segment_id "
            "JOIN texts t ON t.interview_id = s.interview_id "
            "WHERE s.interview_id = ? AND a.origin = 'human'",
            (interview,),
        )
        return [tuple(r) for r in rows]

    def replace_human_codings(
        self,
        coder: str,
        scope: Iterable[int],
        codings: Iterable[tuple[int, str]],
    ) -> tuple[int, int]:
        """Make ``codings`` (segment id, code) the coder's human codings on ``scope``.

        Segments in scope are marked as assessed by the coder. Returns (added, removed).
        """
        scope = set(scope)
        wanted = set(codings)
        existing = {
            (segment, code)
            for segment, code in self.db.execute(
                "SELECT segment_id, code FROM codings WHERE coder = ? AND origin = 'human'",
                (coder,),
            )
            if segment in scope
        }
        removed = existing - wanted
        added = wanted - existing
        self.db.executemany(
            "DELETE FROM codings WHERE segment_id = ? AND code = ? AND coder = ?",
            [(s, c, coder) for s, c in removed],
        )
        stamp = now()
        self.db.executemany(
            "INSERT INTO codings (segment_id, code, coder, origin, created_at) "
            "VALUES (?, ?, ?, 'human', ?)",
            [(s, c, coder, stamp) for s, c in sorted(added)],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO assessments (segment_id, coder, origin) VALUES (?, ?, 'human')",
            [(s, coder) for s in sorted(scope)],
        )
        return len(added), len(removed)

    def coding_pairs(self, coder: str) -> set[tuple[int, str]]:
        """(segment id, code) of every coding by a coder."""
        return {
            (s, c)
            for s, c in self.db.execute(
                "SELECT segment_id, code FROM codings WHERE coder = ?", (coder,)
            )
        }

    def coding_evidence(self, coder: str) -> list[tuple[int, str, str | None]]:
        """(segment id, code, evidence JSON) of every coding by a coder."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT segment_id, code, evidence FROM codings WHERE coder = ?", (coder,)
            )
        ]

    def replace_machine_codings(
        self,
        coder: str,
        origin: str,
        version: str,
        codings: Iterable[tuple[int, str, float | None, str | None]],
        assessed: Iterable[int],
        scope: Iterable[int] | None = None,
    ) -> None:
        """Replace every coding and assessment of a machine coder (on the segments in
        ``scope``, or everywhere).

        ``codings`` holds (segment id, code, score, evidence JSON). Human codings are
        never touched: a human coder cannot carry a machine coder's name.
        """
        if scope is None:
            self.db.execute("DELETE FROM codings WHERE coder = ?", (coder,))
            self.db.execute("DELETE FROM assessments WHERE coder = ?", (coder,))
        else:
            segments = [(coder, s) for s in scope]
            self.db.executemany("DELETE FROM codings WHERE coder = ? AND segment_id = ?", segments)
            self.db.executemany(
                "DELETE FROM assessments WHERE coder = ? AND segment_id = ?", segments
            )
        stamp = now()
        self._insert_codings(
            [(s, c, coder, origin, version, score, ev, stamp) for s, c, score, ev in codings]
        )
        self._assess(coder, origin, assessed)

    def machine_codings(self, coder: str) -> dict[tuple[int, str], StoredCoding]:
        """Every coding by a machine coder: (segment id, code) -> (row id, origin,
        origin version, score, evidence JSON)."""
        return {
            (row[0], row[1]): row[2:]
            for row in self.db.execute(
                "SELECT segment_id, code, id, origin, origin_version, score, evidence "
                "FROM codings WHERE coder = ?",
                (coder,),
            )
        }

    def update_machine_codings(
        self,
        coder: str,
        origin: str,
        version: str,
        codings: Iterable[tuple[int, str, float | None, str | None]],
        assessed: Iterable[int],
        current: dict[tuple[int, str], StoredCoding],
    ) -> None:
        """What :meth:`replace_machine_codings` does everywhere, writing only the
        difference to ``current``: the coder's :meth:`machine_codings`, read in this
        transaction.

        A re-run mostly finds the codings it wrote last time. Equal rows are left
        alone (with their ``created_at``) and rows of the same segment and code are
        updated in place, so that only added and removed codings touch the indexes.
        """
        stamp = now()
        changed, added = [], []
        kept = set()
        for segment, code, score, evidence in codings:
            old = current.get((segment, code))
            if old is None:
                added.append((segment, code, coder, origin, version, score, evidence, stamp))
                continue
            kept.add(old[0])
            if old[1:] != (origin, version, score, evidence):
                changed.append((origin, version, score, evidence, stamp, old[0]))
        self.db.executemany(
            "DELETE FROM codings WHERE id = ?",
            [(old[0],) for old in current.values() if old[0] not in kept],
        )
        self.db.executemany(
            "UPDATE codings SET origin = ?, origin_version = ?, score = ?, evidence = ?, "
            "created_at = ? WHERE id = ?",
            changed,
        )
        self._insert_codings(added)
        self.db.execute("DELETE FROM assessments WHERE coder = ? AND origin != ?", (coder, origin))
        wanted = set(map(int, assessed))
        done = {
            s
            for (s,) in self.db.execute(
                "SELECT segment_id FROM assessments WHERE coder = ?", (coder,)
            )
        }
        self.db.executemany(
            "DELETE FROM assessments WHERE coder = ? AND segment_id = ?",
            [(coder, s) for s in sorted(done - wanted)],
        )
        self._assess(coder, origin, sorted(wanted - done))

    def _insert_codings(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Insert (segment id, code, coder, origin, origin version, score, evidence,
        created at) rows."""
        self.db.executemany(
            "INSERT INTO codings (segment_id, code, coder, origin, origin_version, score, "
            "evidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _assess(self, coder: str, origin: str, segments: Iterable[int]) -> None:
        """Mark segments as assessed by a machine coder, in one statement if SQLite has
        its JSON functions (built in since 3.38): a large run's ids go in as one array."""
        ids = [int(s) for s in segments]
        try:
            self.db.execute(
                "INSERT INTO assessments (segment_id, coder, origin) "
                "SELECT value, ?, ? FROM json_each(?)",
                (coder, origin, json.dumps(ids)),
            )
        except sqlite3.OperationalError as exc:
            if "json_each" not in str(exc):
                raise
            self.db.executemany(
                "INSERT INTO assessments (segment_id, coder, origin) VALUES (?, ?, ?)",
                [(s, coder, origin) for s in ids],
            )

    def segment_codings(self, segment: int) -> list[dict[str, Any]]:
        """Every coding of one segment."""
        rows = self.db.execute(
            "SELECT code, coder, origin, origin_version, score, evidence, created_at "
            "FROM codings WHERE segment_id = ? ORDER BY origin = 'human' DESC, coder, code",
            (segment,),
        )
        keys = ("code", "coder", "origin", "origin_version", "score", "evidence", "created_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def assessed(self, coder: str) -> set[int]:
        """Segments a coder has assessed."""
        return {
            r[0]
            for r in self.db.execute("SELECT segment_id FROM assessments WHERE coder = ?", (coder,))
        }

    def known_coders(self) -> list[str]:
        return [
            r[0] for r in self.db.execute("SELECT DISTINCT coder FROM assessments ORDER BY coder")
        ]

    def coding_table(self, coders: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Every coding of a paragraph (of ``coders``, or all) with its interview,
        attributes, speaker, offsets and text; ordered by interview, paragraph, coder."""
        where = ""
        params: tuple[str, ...] = ()
        if coders is not None:
            where = f"AND c.coder IN ({', '.join('?' for _ in coders)})"
            params = tuple(coders)
        rows = self.db.execute(
            "SELECT s.interview_id, i.region, i.role, s.speaker, s.id, s.locator, s.char_start, "
            "s.char_end, substr(t.text, s.char_start + 1, s.char_end - s.char_start), c.code, "
            "c.coder, c.origin, c.score, c.evidence FROM codings c "
            "JOIN segments s ON s.id = c.segment_id JOIN interviews i ON i.id = s.interview_id "
            "JOIN texts t ON t.interview_id = s.interview_id "
            f"WHERE s.kind = 'paragraph' {where} "
            "ORDER BY s.interview_id, s.id, c.origin != 'human', c.coder, c.code",
            params,
        )
        keys = (
            "interview", "region", "role", "speaker", "segment", "locator", "start", "end",
            "text", "code", "coder", "origin", "score", "evidence",
        )  # fmt: skip
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def coder_origins(self) -> dict[str, str]:
        """Every coder that assessed segments, with its origin (human, rules, ...)."""
        return dict(
            self.db.execute("SELECT DISTINCT coder, origin FROM assessments ORDER BY coder")
        )

    def human_coders(self) -> list[str]:
        """Human coders, by name."""
        return sorted(c for c, o in self.coder_origins().items() if o == "human")

    def lead_human_coder(self) -> str | None:
        """The human coder who assessed the most segments (ties: the first by name)."""
        row = self.db.execute(
            "SELECT coder FROM assessments WHERE origin = 'human' GROUP BY coder "
            "ORDER BY COUNT(*) DESC, coder LIMIT 1"
        ).fetchone()
        return str(row[0]) if row else None

    def assessed_interviews(self, coder: str) -> dict[str, int]:
        """Interviews a coder assessed, with the number of segments assessed in each."""
        return dict(
            self.db.execute(
                "SELECT s.interview_id, COUNT(*) FROM assessments a "
                "JOIN segments s ON s.id = a.segment_id WHERE a.coder = ? "
                "GROUP BY s.interview_id",
                (coder,),
            )
        )

    def sentences(self, paragraphs: Iterable[int]) -> dict[int, list[tuple[int, int, int]]]:
        """The sentences of paragraphs, as (start, end, words) relative to the paragraph."""
        ids = sorted(set(paragraphs))
        found: dict[int, list[tuple[int, int, int]]] = {i: [] for i in ids}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            for parent, start, end, words in self.db.execute(
                "SELECT s.parent_id, s.char_start - p.char_start, s.char_end - p.char_start, "
                "s.n_words FROM segments s JOIN segments p ON p.id = s.parent_id "
                f"WHERE s.parent_id IN ({', '.join('?' for _ in part)}) ORDER BY s.id",
                part,
            ):
                found[parent].append((start, end, words))
        return found

    # -- models ------------------------------------------------------------------

    def save_model(self, record: dict[str, Any], data: bytes) -> None:
        """Store a trained model; ``record`` holds the other columns."""
        self.db.execute(
            "INSERT OR REPLACE INTO models (id, kind, created_at, codebook_sha256, "
            "training_sha256, training_size, coders, metrics, params, data) VALUES "
            "(:id, :kind, :created_at, :codebook_sha256, :training_sha256, :training_size, "
            ":coders, :metrics, :params, :data)",
            {
                **record,
                "coders": json.dumps(record["coders"]),
                "metrics": json.dumps(record["metrics"]),
                "params": json.dumps(record["params"]),
                "data": data,
            },
        )

    def latest_model(self, kind: str, *, with_data: bool = True) -> dict[str, Any] | None:
        """The newest model of a kind, with its bytes under ``data`` if asked."""
        columns = "id, kind, created_at, codebook_sha256, training_sha256, training_size, "
        columns += "coders, metrics, params" + (", data" if with_data else "")
        row = self.db.execute(
            f"SELECT {columns} FROM models WHERE kind = ? ORDER BY created_at DESC, rowid DESC "
            "LIMIT 1",
            (kind,),
        ).fetchone()
        if row is None:
            return None
        keys = [c.strip() for c in columns.split(",")]
        found = dict(zip(keys, row, strict=True))
        for key in ("coders", "metrics", "params"):
            found[key] = json.loads(found[key])
        return found

    # -- personal data -----------------------------------------------------------

    def pii_names(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM pii_names ORDER BY name")]

    def add_pii_names(self, names: Iterable[str]) -> int:
        """Add names for the PII guard; returns how many were new."""
        before = self.db.total_changes
        stamp = now()
        self.db.executemany(
            "INSERT OR IGNORE INTO pii_names (name, added_at) VALUES (?, ?)",
            [(n, stamp) for n in names],
        )
        return self.db.total_changes - before

    # -- summaries ---------------------------------------------------------------

    def interview_summaries(self) -> list[dict[str, Any]]:
        """One row per interview: attributes, respondent paragraphs and words, codings."""
        rows = self.db.execute(
            "SELECT i.id, i.region, i.role, i.attributes, i.source_path, "
            "COUNT(s.id), COALESCE(SUM(s.n_words), 0) FROM interviews i "
            "LEFT JOIN segments s ON s.interview_id = i.id AND s.kind = 'paragraph' "
            "AND s.role = 'respondent' GROUP BY i.id ORDER BY i.id"
        ).fetchall()
        per_coder: dict[str, dict[str, int]] = {}
        for interview, coder, n in self.db.execute(
            "SELECT s.interview_id, c.coder, COUNT(*) FROM codings c "
            "JOIN segments s ON s.id = c.segment_id GROUP BY s.interview_id, c.coder"
        ):
            per_coder.setdefault(interview, {})[coder] = n
        return [
            {
                "interview": r[0],
                "region": r[1],
                "role": r[2],
                "attributes": json.loads(r[3]),
                "source": r[4],
                "segments": r[5],
                "words": r[6],
                "codings": per_coder.get(r[0], {}),
            }
            for r in rows
        ]

    def coders(self) -> list[tuple[str, str, int]]:
        """(coder, origin, number of codings) for every coder."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT coder, origin, COUNT(*) FROM codings GROUP BY coder, origin ORDER BY coder"
            )
        ]

    def table_counts(self) -> dict[str, int]:
        tables = ("codebooks", "codes", "interviews", "texts", "segments", "codings", "assessments")
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def integrity_check(self) -> str:
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
