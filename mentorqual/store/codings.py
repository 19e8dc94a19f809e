"""Codings, human and machine, and which segments each coder has assessed: writing.

Human codings are spans of the text; machine codings are spans of whole paragraphs
(machine coders code paragraphs) that also keep the paragraph's id. Nothing here
deletes a human coding without a backup of the project first.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..types import CodedSpan
from .coding_reads import CodingReader
from .database import now
from .rows import HumanSpan, StoredCoding


class CodingStore(CodingReader):
    """The tables ``codings`` and ``assessments``: writing, and the coders.

    A coding is a span of an interview's text; :class:`CodingReader` reads them, and
    projects them onto paragraphs.
    """

    # -- human codings -----------------------------------------------------------

    def human_spans(self, interview: str) -> list[HumanSpan]:
        """Every human coding of an interview, in text order."""
        rows = self.db.execute(
            "SELECT char_start, char_end, code, coder, memo, created_at FROM codings "
            "WHERE interview_id = ? AND origin = 'human' ORDER BY char_start, char_end, coder, "
            "code",
            (interview,),
        )
        return [HumanSpan._make(r) for r in rows]

    def human_assessed_spans(self, interview: str) -> list[tuple[int, int, str]]:
        """(start, end, coder) of every paragraph of an interview a human assessed."""
        rows = self.db.execute(
            "SELECT s.char_start, s.char_end, a.coder FROM assessments a "
            "JOIN segments s ON s.id = a.segment_id "
            "WHERE s.interview_id = ? AND a.origin = 'human' ORDER BY s.char_start, a.coder",
            (interview,),
        )
        return [tuple(r) for r in rows]

    def human_coding_counts(self, codes: Iterable[str]) -> dict[tuple[str, str], int]:
        """(coder, code) -> the number of human codings of each of ``codes``."""
        counts: dict[tuple[str, str], int] = {}
        for code in codes:
            for coder, n in self.db.execute(
                "SELECT coder, COUNT(*) FROM codings WHERE code = ? AND origin = 'human' "
                "GROUP BY coder ORDER BY coder",
                (code,),
            ):
                counts[(coder, code)] = n
        return counts

    def write_human_codings(
        self,
        coder: str,
        spans: Iterable[CodedSpan],
        assessed: Iterable[int],
        replace: Iterable[str] = (),
        codes: Iterable[str] | None = None,
    ) -> tuple[int, int]:
        """Add ``spans`` to the coder's human codings (the same span and code twice is
        one coding) and mark the ``assessed`` paragraphs, and in their interviews the
        ``codes`` (default: the codebook's), as assessed. With ``replace`` (interview
        ids), the coder's other human codings of those interviews are removed, after a
        backup of the project (:meth:`backup_before_deleting`). Returns (added, removed).
        """
        wanted = {(s.interview, s.start, s.end, s.code): s.memo for s in spans}
        removed: set[tuple[str, int, int, str]] = set()
        for interview in sorted(set(replace)):
            removed |= {
                (interview, *row)
                for row in self.db.execute(
                    "SELECT char_start, char_end, code FROM codings "
                    "WHERE interview_id = ? AND coder = ? AND origin = 'human'",
                    (interview, coder),
                )
            }
        removed -= set(wanted)
        added = self._write_human(coder, wanted, removed, assessed, codes)
        return added, len(removed)

    def replace_human_codings(
        self,
        coder: str,
        scope: Iterable[int],
        codings: Iterable[tuple[int, str]],
    ) -> tuple[int, int]:
        """Make ``codings`` (paragraph id, code) the coder's human codings on the
        paragraphs of ``scope``, each as the paragraph's span; the scope is marked as
        assessed. Returns (added, removed)."""
        scope = set(scope)
        bounds = self.paragraph_bounds(scope | {s for s, _ in codings})
        wanted: dict[tuple[str, int, int, str], str | None] = {
            (*bounds[s], c): None for s, c in codings
        }
        layout = self.layout()
        removed = {
            (interview, start, end, code)
            for interview, start, end, code in self.db.execute(
                "SELECT interview_id, char_start, char_end, code FROM codings "
                "WHERE coder = ? AND origin = 'human'",
                (coder,),
            )
            if scope.intersection(layout.paragraphs(interview, start, end))
        } - set(wanted)
        return self._write_human(coder, wanted, removed, scope), len(removed)

    def _write_human(
        self,
        coder: str,
        wanted: dict[tuple[str, int, int, str], str | None],
        removed: set[tuple[str, int, int, str]],
        assessed: Iterable[int],
        codes: Iterable[str] | None = None,
    ) -> int:
        """Remove, then add human codings (interview, start, end, code) -> memo; returns
        how many were added."""
        assessed = set(assessed)
        if removed:
            self.backup_before_deleting()
        self.db.executemany(
            "DELETE FROM codings WHERE interview_id = ? AND char_start = ? AND char_end = ? "
            "AND code = ? AND coder = ?",
            [(*key, coder) for key in sorted(removed)],
        )
        before = self.db.total_changes
        stamp = now()
        self.db.executemany(
            "INSERT OR IGNORE INTO codings (interview_id, char_start, char_end, code, coder, "
            "origin, memo, created_at) VALUES (?, ?, ?, ?, ?, 'human', ?, ?)",
            [(*key, coder, memo, stamp) for key, memo in sorted(wanted.items())],
        )
        added = self.db.total_changes - before
        self.db.executemany(
            "INSERT OR IGNORE INTO assessments (segment_id, coder, origin) VALUES (?, ?, 'human')",
            [(s, coder) for s in sorted(assessed)],
        )
        self.assess_codes(coder, assessed, codes)
        return added

    # -- which codes were assessed -------------------------------------------------

    def assess_codes(
        self, coder: str, segments: Iterable[int], codes: Iterable[str] | None = None
    ) -> list[tuple[str, str]]:
        """Record ``codes`` (default: every code of the codebook) as assessed by the
        coder in the interviews of ``segments``; returns the (interview, code) pairs
        that were not yet (the workbench's undo takes exactly those back)."""
        ids = sorted(set(segments))
        if not ids:
            return []
        found: set[str] = set()
        for at in range(0, len(ids), 900):  # under SQLite's limit of bound values
            chunk = ids[at : at + 900]
            found.update(
                r[0]
                for r in self.db.execute(
                    f"SELECT DISTINCT interview_id FROM segments WHERE id IN "
                    f"({', '.join('?' * len(chunk))}) AND kind = 'paragraph'",
                    chunk,
                )
            )
        interviews = sorted(found)
        if codes is None:
            codes = [r[0] for r in self.db.execute("SELECT code FROM codes")]
        added = []
        for interview in interviews:
            for code in sorted(set(codes)):
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO assessed_codes (coder, interview_id, code) "
                    "VALUES (?, ?, ?)",
                    (coder, interview, code),
                )
                if cursor.rowcount == 1:
                    added.append((interview, code))
        return added

    def assessed_codes(self, coder: str) -> dict[str, frozenset[str]]:
        """Interview -> the codes the coder assessed there."""
        found: dict[str, set[str]] = {}
        for interview, code in self.db.execute(
            "SELECT interview_id, code FROM assessed_codes WHERE coder = ?", (coder,)
        ):
            found.setdefault(interview, set()).add(code)
        return {i: frozenset(c) for i, c in found.items()}

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
        assessed = list(assessed)
        self._assess(coder, origin, assessed)
        self.assess_codes(coder, assessed)

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
        assessed = list(assessed)
        self._update_assessments(coder, origin, assessed)
        self.assess_codes(coder, assessed)

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
        created at) rows: machine codings, each the span of its paragraph."""
        self.db.executemany(
            "INSERT INTO codings (interview_id, char_start, char_end, segment_id, code, coder, "
            "origin, origin_version, score, evidence, created_at) SELECT interview_id, "
            "char_start, char_end, id, ?, ?, ?, ?, ?, ?, ? FROM segments WHERE id = ?",
            ((*row[1:], row[0]) for row in rows),
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

    def codings_per_coder(self, interview: str) -> list[tuple[str, str, int]]:
        """(coder, origin, number of codings) in one interview."""
        return [
            (str(coder), str(origin), int(n))
            for coder, origin, n in self.db.execute(
                "SELECT coder, origin, COUNT(*) FROM codings WHERE interview_id = ? "
                "GROUP BY coder, origin ORDER BY coder",
                (interview,),
            )
        ]
