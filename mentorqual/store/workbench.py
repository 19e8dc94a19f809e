"""What the browser workbench reads and writes one action at a time: an interview's
codings with their row ids, one human coding added, changed or removed, assessments
taken back, and each coder's progress.

A coding removed here is returned whole (:class:`SpanCoding`), and
:meth:`WorkbenchStore.restore_codings` puts it back with the same id: the workbench's
undo, rather than a backup of the project per click.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .database import Database, now

_COLUMNS = (
    "id, interview_id, char_start, char_end, code, coder, origin, origin_version, score, "
    "evidence, memo, created_at, segment_id"
)


class SpanCoding(NamedTuple):
    """A coding as stored, with its row id: the span, code, coder and origin."""

    id: int
    interview: str
    start: int
    end: int
    code: str
    coder: str
    origin: str
    origin_version: str
    score: float | None
    evidence: str | None  # JSON, for machine codings
    memo: str | None
    created_at: str
    segment: int | None  # machine codings: the paragraph


class WorkbenchStore(Database):
    """Single codings and assessments, by id."""

    def interview_codings(self, interview: str) -> list[SpanCoding]:
        """Every coding of an interview, human and machine, in text order."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM codings WHERE interview_id = ? "
            "ORDER BY char_start, char_end, origin != 'human', coder, code",
            (interview,),
        )
        return [SpanCoding._make(r) for r in rows]

    def coding_by_id(self, coding: int) -> SpanCoding | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM codings WHERE id = ?", (coding,)).fetchone()
        return SpanCoding._make(row) if row else None

    def add_human_span(
        self, interview: str, start: int, end: int, code: str, coder: str
    ) -> tuple[int, bool]:
        """Add one human coding; returns its id and whether it is new (the same span,
        code and coder twice is one coding)."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO codings (interview_id, char_start, char_end, code, coder, "
            "origin, created_at) VALUES (?, ?, ?, ?, ?, 'human', ?)",
            (interview, start, end, code, coder, now()),
        )
        inserted = cursor.rowcount == 1
        row = self.db.execute(
            "SELECT id FROM codings WHERE interview_id = ? AND char_start = ? AND char_end = ? "
            "AND code = ? AND coder = ?",
            (interview, start, end, code, coder),
        ).fetchone()
        return int(row[0]), inserted

    def human_span_id(
        self, interview: str, start: int, end: int, code: str, coder: str
    ) -> int | None:
        """The id of a coder's coding of exactly this span with this code, if any."""
        row = self.db.execute(
            "SELECT id FROM codings WHERE interview_id = ? AND char_start = ? AND char_end = ? "
            "AND code = ? AND coder = ?",
            (interview, start, end, code, coder),
        ).fetchone()
        return int(row[0]) if row else None

    def change_human_coding(self, coding: int, code: str, memo: str | None) -> None:
        """Set a human coding's code and memo; its span, coder and time stay."""
        self.db.execute(
            "UPDATE codings SET code = ?, memo = ? WHERE id = ? AND origin = 'human'",
            (code, memo, coding),
        )

    def delete_codings(self, codings: Iterable[int]) -> None:
        self.db.executemany("DELETE FROM codings WHERE id = ?", [(c,) for c in codings])

    def restore_codings(self, codings: Iterable[SpanCoding]) -> None:
        """Put removed codings back exactly as they were, row ids included."""
        self.db.executemany(
            f"INSERT INTO codings ({_COLUMNS}) VALUES ({', '.join('?' * 13)})",
            [tuple(c) for c in codings],
        )

    def assess_human(self, coder: str, segments: Iterable[int]) -> list[int]:
        """Mark segments as assessed by a human coder; returns those that were not yet."""
        added = []
        for segment in sorted(set(segments)):
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO assessments (segment_id, coder, origin) "
                "VALUES (?, ?, 'human')",
                (segment, coder),
            )
            if cursor.rowcount == 1:
                added.append(segment)
        return added

    def unassess_codes(self, coder: str, pairs: Iterable[tuple[str, str]]) -> None:
        self.db.executemany(
            "DELETE FROM assessed_codes WHERE coder = ? AND interview_id = ? AND code = ?",
            [(coder, interview, code) for interview, code in pairs],
        )

    def unassess(self, coder: str, segments: Iterable[int]) -> None:
        self.db.executemany(
            "DELETE FROM assessments WHERE coder = ? AND segment_id = ?",
            [(coder, s) for s in segments],
        )

    def paragraph_machine_codings(self, paragraph: int) -> list[tuple[str, str, str | None]]:
        """(coder, code, evidence JSON) of the machine coders' codings of a paragraph."""
        rows = self.db.execute(
            "SELECT coder, code, evidence FROM codings WHERE segment_id = ? "
            "AND origin != 'human' ORDER BY coder, code",
            (paragraph,),
        )
        return [(coder, code, evidence) for coder, code, evidence in rows]

    def human_progress(self) -> dict[tuple[str, str], int]:
        """(interview, human coder) -> respondent paragraphs the coder has assessed."""
        rows = self.db.execute(
            "SELECT s.interview_id, a.coder, COUNT(*) FROM assessments a "
            "JOIN segments s ON s.id = a.segment_id "
            "WHERE a.origin = 'human' AND s.kind = 'paragraph' AND s.role = 'respondent' "
            "GROUP BY s.interview_id, a.coder"
        )
        return {(interview, coder): n for interview, coder, n in rows}
