"""Codings and assessments, human and machine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mentorqual import Project
from mentorqual.store import CodingRecord, Store

from .conftest import CODEBOOK, INTERVIEW


def _t01(tmp_path: Path) -> Store:
    """A project with T01 and the sample codebook, open."""
    project = Project(tmp_path / "p.db")
    path = tmp_path / "T01.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    project.import_paths([path])
    project.load_codebook(CODEBOOK)
    return project.store()


def test_assessed_codes_are_recorded_once_per_interview_and_returned_when_new(
    tmp_path: Path,
) -> None:
    store = _t01(tmp_path)
    ids, codes = store.respondent_texts().ids, store.codes()
    many = [-n for n in range(1, 1001)] + [ids[0]]  # the real one past the first chunk
    with store.transaction():
        added = store.assess_codes("A", many)
        assert added == [("T01", c) for c in sorted(codes)]
        assert store.assess_codes("A", ids) == []
        assert store.assess_codes("B", ids[1:], [codes[0]]) == [("T01", codes[0])]
    assert store.assessed_codes("A") == {"T01": frozenset(codes)}
    store.close()


def test_machine_assessments_are_replaced(tmp_path: Path) -> None:
    store = _t01(tmp_path)
    ids, code = store.respondent_texts().ids, store.codes()[0]
    with store.transaction():
        store.replace_machine_codings("rules", "rules", "v", [], ids[:2])
        store.replace_machine_codings("rules", "rules", "v", [(ids[2], code, 1.0, None)], ids)
    assert store.assessed("rules") == set(ids)
    assert store.coder_origins() == {"rules": "rules"}
    store.close()


def test_machine_codings_are_updated_by_their_difference(tmp_path: Path) -> None:
    store = _t01(tmp_path)
    ids, (a, b, *_) = store.respondent_texts().ids, store.codes()
    with store.transaction():
        store.replace_machine_codings(
            "rules", "rules", "v1", [(ids[0], a, 1.0, "[1]"), (ids[1], a, 1.0, "[2]")], ids[:2]
        )
    store.db.execute("UPDATE codings SET created_at = 'then'")
    before = {
        row[:2]: row[2] for row in store.db.execute("SELECT segment_id, code, id FROM codings")
    }
    wanted = [(ids[0], a, 1.0, "[1]"), (ids[1], a, 1.0, "[3]"), (ids[2], b, 0.5, None)]
    with store.transaction():
        store.update_machine_codings(
            "rules", "rules", "v1", wanted, ids[1:], store.machine_codings("rules")
        )
    rows = store.db.execute(
        "SELECT segment_id, code, id, origin_version, score, evidence, created_at FROM codings "
        "ORDER BY segment_id"
    ).fetchall()
    assert [(s, c, score, ev) for s, c, _, _, score, ev, _ in rows] == [
        (s, c, score, ev) for s, c, score, ev in wanted
    ]
    assert rows[0][2] == before[(ids[0], a)] and rows[0][6] == "then"  # equal: untouched
    assert rows[1][2] == before[(ids[1], a)] and rows[1][6] != "then"  # changed in place
    assert store.assessed("rules") == set(ids[1:])
    with store.transaction():  # all removed; another segment assessed
        store.update_machine_codings(
            "rules", "rules", "v2", [], ids[:1], store.machine_codings("rules")
        )
    assert store.machine_codings("rules") == {} and store.assessed("rules") == {ids[0]}
    assert store.coder_origins() == {"rules": "rules"}
    store.close()


def test_codings_are_read_as_typed_rows(project: Project, write: Callable[..., Path]) -> None:
    project.import_paths([write("T01.txt", INTERVIEW)])
    project.load_codebook(CODEBOOK)
    store = project.store()
    ids, (a, b, *_) = store.respondent_texts().ids, store.codes()
    with store.transaction():
        store.replace_human_codings("Aske", ids[:1], [(ids[0], b)])
        store.replace_machine_codings("rules", "rules", "v1", [(ids[0], a, 1.0, "[]")], ids)
    table = store.coding_table()
    assert all(isinstance(row, CodingRecord) for row in table)
    human = table[0]  # a paragraph's human codings come first
    assert (human.interview, human.region, human.role, human.code, human.coder) == (
        "T01", "Hovedstaden", "Jobkonsulent", b, "Aske"
    )  # fmt: skip
    assert (human.origin, human.score, human.evidence) == ("human", None, None)
    assert human.text == store.interview_text("T01")[human.start : human.end]
    assert [row.coder for row in store.coding_table(["rules"])] == ["rules"]
    codings = store.segment_codings(ids[0])
    assert [(c.code, c.coder, c.origin, c.origin_version) for c in codings] == [
        (b, "Aske", "human", ""),
        (a, "rules", "rules", "v1"),
    ]
    assert codings[1].score == 1.0 and codings[1].evidence == "[]"
    assert list(codings[0]._asdict()) == [
        "code", "coder", "origin", "origin_version", "score", "evidence", "created_at"
    ]  # fmt: skip
    store.close()
