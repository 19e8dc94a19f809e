"""Codings, human and machine, and which segments each coder has assessed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from .database import Database, now
from .rows import CodingRecord, SegmentCoding, StoredCoding


class CodingStore(Database):
    """The tables ``codings`` and ``assessments``."""

    # -- human codings -----------------------------------------------------------

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

    # -- machine codings ---------------------------------------------------------

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
        self._update_assessments(coder, origin, assessed)

    def _update_assessments(self, coder: str, origin: str, assessed: Iterable[int]) -> None:
        """Make ``assessed`` the segments a machine coder has assessed, writing only the
        difference."""
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

    # -- reading -----------------------------------------------------------------

    def coding_table(self, coders: Sequence[str] | None = None) -> list[CodingRecord]:
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
        return [CodingRecord._make(row) for row in rows]

    def segment_codings(self, segment: int) -> list[SegmentCoding]:
        """Every coding of one segment."""
        rows = self.db.execute(
            "SELECT code, coder, origin, origin_version, score, evidence, created_at "
            "FROM codings WHERE segment_id = ? ORDER BY origin = 'human' DESC, coder, code",
            (segment,),
        )
        return [SegmentCoding._make(row) for row in rows]

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

    def assessed(self, coder: str) -> set[int]:
        """Segments a coder has assessed."""
        return {
            r[0]
            for r in self.db.execute("SELECT segment_id FROM assessments WHERE coder = ?", (coder,))
        }

    # -- coders ------------------------------------------------------------------

    def coders(self) -> list[tuple[str, str, int]]:
        """(coder, origin, number of codings) for every coder."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT coder, origin, COUNT(*) FROM codings GROUP BY coder, origin ORDER BY coder"
            )
        ]

    def coder_origins(self) -> dict[str, str]:
        """Every coder that assessed segments, with its origin (human, rules, ...)."""
        return dict(
            self.db.execute("SELECT DISTINCT coder, origin FROM assessments ORDER BY coder")
        )

    def known_coders(self) -> list[str]:
        return [
            r[0] for r in self.db.execute("SELECT DISTINCT coder FROM assessments ORDER BY coder")
        ]

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
