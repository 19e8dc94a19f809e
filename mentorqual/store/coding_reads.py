"""Codings read out, projected onto paragraphs (:mod:`.projection`).

Every reader that answers in paragraphs (the pairs the audit, counts and evaluation
use, the coding table of the reports, one paragraph's codings) goes through the one
projection: a span codes the paragraphs it overlaps by a non-blank character.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .database import Database
from .projection import Layout
from .rows import CodingRecord, SegmentCoding


class CodingReader(Database):
    """Reading the table ``codings`` (and ``assessments``) in paragraphs."""

    _layout_cache: tuple[tuple[int, int], Layout] | None = None

    def layout(self) -> Layout:
        """Every paragraph of the project, to project spans onto. Kept while neither
        this connection nor another one has written to the project."""
        version = (self.db.total_changes, self.db.execute("PRAGMA data_version").fetchone()[0])
        if self._layout_cache is not None and self._layout_cache[0] == version:
            return self._layout_cache[1]
        rows = self.db.execute(
            "SELECT id, interview_id, char_start, char_end FROM segments "
            "WHERE kind = 'paragraph' ORDER BY interview_id, char_start"
        )
        layout = Layout.of(rows, self._text_or_none)
        self._layout_cache = (version, layout)
        return layout

    def _text_or_none(self, interview: str) -> str | None:
        row = self.db.execute(
            "SELECT text FROM texts WHERE interview_id = ?", (interview,)
        ).fetchone()
        return str(row[0]) if row else None

    def paragraph_bounds(self, segments: Iterable[int]) -> dict[int, tuple[str, int, int]]:
        """Segment id -> (interview, start, end) of paragraphs."""
        ids = sorted(set(segments))
        found: dict[int, tuple[str, int, int]] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            for segment, interview, start, end in self.db.execute(
                "SELECT id, interview_id, char_start, char_end FROM segments "
                f"WHERE id IN ({', '.join('?' for _ in part)})",
                part,
            ):
                found[segment] = (interview, start, end)
        return found

    def _projected(
        self, columns: str, where: str, params: Sequence[Any]
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(paragraph id, row) for every paragraph each selected coding codes; the
        row holds ``columns`` after the coding's interview, start and end."""
        layout = self.layout()
        rows = self.db.execute(
            f"SELECT interview_id, char_start, char_end, {columns} FROM codings WHERE {where}",
            params,
        )
        for row in rows:
            for paragraph in layout.paragraphs(row[0], row[1], row[2]):
                yield paragraph, row

    def coding_pairs(self, coder: str) -> set[tuple[int, str]]:
        """(paragraph id, code) of every paragraph a coder coded, by the projection."""
        layout = self.layout()
        whole, paragraphs = layout.whole, layout.paragraphs
        pairs = set()
        for interview, start, end, code in self.db.execute(
            "SELECT interview_id, char_start, char_end, code FROM codings WHERE coder = ?",
            (coder,),
        ):
            p = whole.get((interview, start, end))  # the common case, without a call
            if p is not None:
                pairs.add((p, code))
            else:
                pairs.update((q, code) for q in paragraphs(interview, start, end))
        return pairs

    def coding_evidence(self, coder: str) -> list[tuple[int, str, str | None]]:
        """(paragraph id, code, evidence JSON) of every coding by a coder."""
        rows = self._projected("code, evidence", "coder = ?", (coder,))
        return [(p, row[3], row[4]) for p, row in rows]

    def assessed(self, coder: str) -> set[int]:
        """Segments a coder has assessed."""
        return {
            r[0]
            for r in self.db.execute("SELECT segment_id FROM assessments WHERE coder = ?", (coder,))
        }

    def coding_table(self, coders: Sequence[str] | None = None) -> list[CodingRecord]:
        """Every coding (of ``coders``, or all) once per paragraph it codes, with the
        paragraph's interview, attributes, speaker, offsets and text and the coded
        passage; ordered by interview, paragraph, human first, coder, code."""
        where, params = "1", tuple[str, ...]()
        if coders is not None:
            where = f"coder IN ({', '.join('?' for _ in coders)})"
            params = tuple(coders)
        texts = dict(self.db.execute("SELECT interview_id, text FROM texts"))
        interviews = {
            i: (region, role)
            for i, region, role in self.db.execute("SELECT id, region, role FROM interviews")
        }
        paragraphs = {
            row[0]: row[1:]
            for row in self.db.execute(
                "SELECT id, locator, speaker, char_start, char_end FROM segments "
                "WHERE kind = 'paragraph'"
            )
        }
        records = []
        for p, row in self._projected(
            "code, coder, origin, score, evidence, id, memo", where, params
        ):
            interview, start, end, code, coder, origin, score, evidence, coding, memo = row
            locator, speaker, p_start, p_end = paragraphs[p]
            text = texts[interview]
            records.append(
                CodingRecord(
                    interview,
                    *interviews[interview],
                    speaker,
                    p,
                    locator,
                    p_start,
                    p_end,
                    text[p_start:p_end],
                    code,
                    coder,
                    origin,
                    score,
                    evidence,
                    coding,
                    start,
                    end,
                    text[start:end],
                    memo,
                )  # fmt: skip
            )
        records.sort(
            key=lambda r: (
                r.interview,
                r.segment,
                r.origin != "human",
                r.coder,
                r.code,
                r.passage_start,
                r.passage_end,
            )  # fmt: skip
        )
        return records

    def segment_codings(self, segment: int) -> list[SegmentCoding]:
        """Every coding of one paragraph, by the projection."""
        bounds = self.paragraph_bounds([segment]).get(segment)
        if bounds is None:
            return []
        interview, start, end = bounds
        rows = [
            row
            for p, row in self._projected(
                "code, coder, origin, origin_version, score, evidence, created_at",
                "interview_id = ? AND char_start < ? AND char_end > ?",
                (interview, end, start),
            )
            if p == segment
        ]
        rows.sort(key=lambda r: (r[5] != "human", r[4], r[3], r[1], r[2]))
        return [SegmentCoding._make(row[3:]) for row in rows]
