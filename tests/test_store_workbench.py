"""The workbench's single-coding writes: a human coding's code and memo changed in
place, and a coding found by its span."""

from __future__ import annotations

from pathlib import Path

from mentorqual import Project

from .web_fixtures import workbench_project


def test_a_human_codings_code_and_memo_change_in_place(tmp_path: Path) -> None:
    store = Project(workbench_project(tmp_path)).store()
    paragraph = max(p.id for p in store.respondent_paragraphs() if p.interview == "T01")
    with store.transaction():
        coding, _ = store.add_human_span("T01", 10, 20, "administration", "A")
        store.replace_machine_codings("rules", "rules", "v", [(paragraph, "kurser", 1.0, None)],
                                      [paragraph])  # fmt: skip
        machine = next(c for c in store.interview_codings("T01") if c.coder == "rules")
        before = store.coding_by_id(coding)
        store.change_human_coding(coding, "kurser", "Et memo med æøå")
        store.change_human_coding(machine.id, "administration", "Ikke en menneskes")
    after = store.coding_by_id(coding)
    assert before is not None and after is not None
    assert (after.code, after.memo) == ("kurser", "Et memo med æøå")
    assert after._replace(code=before.code, memo=before.memo) == before
    assert store.coding_by_id(machine.id) == machine  # machine codings are not changed here
    assert store.human_span_id("T01", 10, 20, "kurser", "A") == coding
    assert store.human_span_id("T01", 10, 20, "administration", "A") is None
    assert store.human_span_id("T01", 10, 20, "kurser", "B") is None
    store.close()
