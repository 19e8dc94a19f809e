"""Trained classifiers, and the names the PII guard looks for."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .database import Database, now
from .rows import ModelRecord


class ModelStore(Database):
    """The tables ``models`` and ``pii_names``."""

    def save_model(self, model: ModelRecord) -> None:
        """Store a trained model (a model of the same id is replaced)."""
        self.db.execute(
            "INSERT OR REPLACE INTO models (id, kind, created_at, codebook_sha256, "
            "training_sha256, training_size, coders, metrics, params, data) VALUES "
            "(:id, :kind, :created_at, :codebook_sha256, :training_sha256, :training_size, "
            ":coders, :metrics, :params, :data)",
            {
                **model._asdict(),
                "coders": json.dumps(model.coders),
                "metrics": json.dumps(model.metrics),
                "params": json.dumps(model.params),
            },
        )

    def latest_model(self, kind: str) -> ModelRecord | None:
        """The newest model of a kind, with its bytes."""
        row = self.db.execute(
            "SELECT id, kind, created_at, codebook_sha256, training_sha256, training_size, "
            "coders, metrics, params, data FROM models WHERE kind = ? "
            "ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (kind,),
        ).fetchone()
        if row is None:
            return None
        coders, metrics, params = (json.loads(column) for column in row[6:9])
        return ModelRecord._make((*row[:6], coders, metrics, params, row[9]))

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

    def pii_allowed(self) -> list[str]:
        """Words and findings (``KIND:text``) the PII guard is not to report."""
        return [r[0] for r in self.db.execute("SELECT entry FROM pii_allowed ORDER BY entry")]

    def allow_pii(self, entries: Iterable[str]) -> int:
        """Add entries to the PII allow-list; returns how many were new."""
        before = self.db.total_changes
        stamp = now()
        self.db.executemany(
            "INSERT OR IGNORE INTO pii_allowed (entry, added_at) VALUES (?, ?)",
            [(e, stamp) for e in entries],
        )
        return self.db.total_changes - before
