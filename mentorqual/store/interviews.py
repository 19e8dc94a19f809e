"""Interviews: their text, paragraphs and sentences, attributes and summaries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import ProjectError
from ..types import Paragraph, ParagraphTexts, Transcript
from .database import Database, now
from .rows import InterviewSummary, SegmentRow


class InterviewStore(Database):
    """The tables ``interviews``, ``texts`` and ``segments``."""

    # -- interviews --------------------------------------------------------------

    def interview_sha(self, interview: str) -> tuple[str, dict[str, str]] | None:
        row = self.db.execute(
            "SELECT text_sha256, attributes FROM interviews WHERE id = ?", (interview,)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def interview_ids(self) -> list[str]:
        """Every interview id of the project, sorted."""
        return [r[0] for r in self.db.execute("SELECT id FROM interviews ORDER BY id")]

    def delete_interview(self, interview: str) -> None:
        """Delete an interview with its paragraphs and codings; with human codings,
        after a backup of the project (:meth:`backup_before_deleting`)."""
        if self.db.execute(
            "SELECT 1 FROM codings WHERE interview_id = ? AND origin = 'human' LIMIT 1",
            (interview,),
        ).fetchone():
            self.backup_before_deleting()
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
        return self._add_segments(t, words, sentences)

    def _add_segments(
        self,
        t: Transcript,
        words: Sequence[int],
        sentences: Sequence[Sequence[tuple[int, int, int]]],
    ) -> dict[str, int]:
        """Insert the paragraphs of an interview, and the sentences of the respondent's."""
        ids: dict[str, int] = {}
        spans = iter(sentences)
        for p, n_words in zip(t.paragraphs, words, strict=True):
            cursor = self.db.execute(
                "INSERT INTO segments (interview_id, locator, kind, speaker, role, turn, "
                "char_start, char_end, n_words, time) "
                "VALUES (?, ?, 'paragraph', ?, ?, ?, ?, ?, ?, ?)",
                (
                    t.interview,
                    p.locator,
                    p.speaker,
                    p.role,
                    p.turn,
                    p.start,
                    p.end,
                    n_words,
                    p.time,
                ),
            )
            ids[p.locator] = int(cursor.lastrowid or 0)
            if p.role == "respondent":
                self._add_sentences(t.interview, p, ids[p.locator], next(spans))
        return ids

    def _add_sentences(
        self,
        interview: str,
        p: Paragraph,
        parent: int,
        spans: Sequence[tuple[int, int, int]],
    ) -> None:
        """Insert a paragraph's sentences, given as (start, end, words) relative to it."""
        self.db.executemany(
            "INSERT INTO segments (interview_id, locator, kind, parent_id, speaker, role, "
            "turn, char_start, char_end, n_words) "
            "VALUES (?, ?, 'sentence', ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    interview,
                    f"{p.locator}.s{k}",
                    parent,
                    p.speaker,
                    p.role,
                    p.turn,
                    p.start + start,
                    p.start + end,
                    n,
                )
                for k, (start, end, n) in enumerate(spans, start=1)
            ],
        )

    # -- text and paragraphs -----------------------------------------------------

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
            "s.speaker, s.time FROM segments s JOIN texts t ON t.interview_id = s.interview_id "
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

    # -- sentences ---------------------------------------------------------------

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

    # -- summaries ---------------------------------------------------------------

    def interview_summaries(self) -> list[InterviewSummary]:
        """One row per interview: attributes, respondent paragraphs and words, codings."""
        rows = self.db.execute(
            "SELECT i.id, i.region, i.role, i.attributes, i.source_path, "
            "COUNT(s.id), COALESCE(SUM(s.n_words), 0) FROM interviews i "
            "LEFT JOIN segments s ON s.interview_id = i.id AND s.kind = 'paragraph' "
            "AND s.role = 'respondent' GROUP BY i.id ORDER BY i.id"
        ).fetchall()
        per_coder: dict[str, dict[str, int]] = {}
        for interview, coder, n in self.db.execute(
            "SELECT interview_id, coder, COUNT(*) FROM codings GROUP BY interview_id, coder"
        ):
            per_coder.setdefault(interview, {})[coder] = n
        return [
            InterviewSummary(
                interview=r[0],
                region=r[1],
                role=r[2],
                attributes=json.loads(r[3]),
                source=r[4],
                segments=r[5],
                words=r[6],
                codings=per_coder.get(r[0], {}),
            )
            for r in rows
        ]
