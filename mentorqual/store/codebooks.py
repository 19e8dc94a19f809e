"""The codebook the project uses: its codes, and the codebooks it was loaded from."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .database import Database, now


class CodebookStore(Database):
    """The tables ``codebooks`` and ``codes``."""

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
        """Remove codes, and every coding of them (human codings after a backup of the
        project, :meth:`backup_before_deleting`)."""
        codes = list(codes)
        for code in codes:
            if self.db.execute(
                "SELECT 1 FROM codings WHERE code = ? AND origin = 'human' LIMIT 1", (code,)
            ).fetchone():
                self.backup_before_deleting()
        for code in codes:
            self.db.execute("DELETE FROM codings WHERE code = ?", (code,))
            self.db.execute("UPDATE codes SET parent = NULL WHERE parent = ?", (code,))
            self.db.execute("DELETE FROM codes WHERE code = ?", (code,))
