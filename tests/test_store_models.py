"""Trained classifiers and the PII guard's names, as stored."""

from __future__ import annotations

from pathlib import Path

from mentorqual.store import ModelRecord, Store


def record(model_id: str, created_at: str, data: bytes) -> ModelRecord:
    return ModelRecord(
        id=model_id,
        kind="classifier",
        created_at=created_at,
        codebook_sha256="c0ffee",
        training_sha256="beef",
        training_size=12,
        coders=["Aske", "Birk"],
        metrics={"scores": [{"code": "kurser", "f1": 0.5}]},
        params={"random_state": 0, "thresholds": {"kurser": 0.4}},
        data=data,
    )


def test_the_newest_model_is_read_back_as_stored(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db")
    assert store.latest_model("classifier") is None
    old, new = (
        record("a" * 16, "2024-01-01T00:00:00+00:00", b"old"),
        record("b" * 16, "2024-02-01T00:00:00+00:00", b"\x00new"),
    )
    with store.transaction():
        store.save_model(new)
        store.save_model(old)
    assert store.latest_model("classifier") == new
    assert store.latest_model("rules") is None
    with store.transaction():  # the same id replaces the model
        store.save_model(new._replace(training_size=13))
    found = store.latest_model("classifier")
    assert found is not None and found.training_size == 13
    assert store.db.execute("SELECT COUNT(*) FROM models").fetchone()[0] == 2
    store.close()


def test_pii_names_count_only_new_ones(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.db")
    with store.transaction():
        assert store.add_pii_names(["Birthe", "Aksel"]) == 2
        assert store.add_pii_names(["Aksel", "Søren"]) == 1
    assert store.pii_names() == ["Aksel", "Birthe", "Søren"]
    store.close()
