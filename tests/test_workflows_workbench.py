"""The workbench's use cases on an open store: changing one human coding's code or
memo, and undoing it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorqual import Project
from mentorqual.errors import InputError
from mentorqual.store import Store
from mentorqual.workflows import workbench
from mentorqual.workflows.workbench import MEMO_LIMIT, Change, Forbidden, NotFound

from .web_fixtures import workbench_project


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbench_project(tmp_path_factory.mktemp("workbench"))


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "project.db"
    copy.write_bytes(template.read_bytes())
    opened = Project(copy).store()
    try:
        with opened.transaction():
            yield opened
    finally:
        opened.close()


def code(store: Store, words: str, code: str, coder: str = "A") -> int:
    """Code ``words`` of T01 as ``coder``; returns the coding's id."""
    text = store.interview_text("T01")
    start = text.index(words)
    coding, _ = workbench.add_coding(store, coder, "T01", start, start + len(words), code)
    return coding


def test_a_new_code_keeps_the_passage_coder_and_time(store: Store) -> None:
    coding = code(store, "mange papirer", "administration")
    before = store.coding_by_id(coding)
    change = workbench.change_coding(store, "A", coding, code="kurser")
    after = store.coding_by_id(coding)
    assert before is not None and after is not None
    assert after.code == "kurser"
    assert after._replace(code=before.code) == before
    assert change == Change("A", added=(coding,), removed=(before,))


def test_undo_puts_back_exactly_the_row_before(store: Store) -> None:
    coding = code(store, "mange papirer", "administration")
    workbench.change_coding(store, "A", coding, memo="Første tanke")
    before = store.coding_by_id(coding)
    change = workbench.change_coding(store, "A", coding, code="kurser", memo="Anden tanke")
    workbench.undo(store, change)
    assert store.coding_by_id(coding) == before
    assert [c.id for c in store.interview_codings("T01")] == [coding]


def test_a_memo_is_stripped_and_a_blank_one_removes_it(store: Store) -> None:
    coding = code(store, "mange papirer", "administration")
    workbench.change_coding(store, "A", coding, memo="  Blanketterne fylder meget.\n")
    assert store.coding_by_id(coding).memo == "Blanketterne fylder meget."
    workbench.change_coding(store, "A", coding, code="kurser")  # no memo given: it stays
    assert store.coding_by_id(coding).memo == "Blanketterne fylder meget."
    view = workbench.interview_view(store, "T01", "A", blind=False)
    assert [(c.code, c.memo) for c in view.codings] == [("kurser", "Blanketterne fylder meget.")]
    workbench.change_coding(store, "A", coding, memo="   ")
    assert store.coding_by_id(coding).memo is None


def test_a_memo_has_a_limit(store: Store) -> None:
    coding = code(store, "mange papirer", "administration")
    workbench.change_coding(store, "A", coding, memo="æ" * MEMO_LIMIT)
    with pytest.raises(InputError) as error:
        workbench.change_coding(store, "A", coding, memo="ø" * (MEMO_LIMIT + 1))
    assert str(error.value) == (
        f"a memo holds at most {MEMO_LIMIT:,} characters; this one has {MEMO_LIMIT + 1:,}"
    )
    assert store.coding_by_id(coding).memo == "æ" * MEMO_LIMIT


def test_nothing_new_changes_nothing(store: Store) -> None:
    coding = code(store, "mange papirer", "administration")
    before = store.coding_by_id(coding)
    assert workbench.change_coding(store, "A", coding, code="administration", memo="") == (
        Change("A")
    )
    assert store.coding_by_id(coding) == before


def test_only_your_own_human_codings_change(store: Store) -> None:
    theirs = code(store, "mange papirer", "administration", coder="B")
    with pytest.raises(Forbidden, match=f"coding {theirs} is B's, not A's"):
        workbench.change_coding(store, "A", theirs, memo="Min mening")
    store.replace_machine_codings("rules", "rules", "v", [(paragraph(store), "kurser", 1.0, None)],
                                  [paragraph(store)])  # fmt: skip
    machine = next(c for c in store.interview_codings("T01") if c.coder == "rules")
    with pytest.raises(Forbidden, match=f"coding {machine.id} is rules's, not A's"):
        workbench.change_coding(store, "A", machine.id, code="administration")
    with pytest.raises(NotFound, match="no coding 999999"):
        workbench.change_coding(store, "A", 999999, code="kurser")
    assert store.coding_by_id(machine.id) == machine


def paragraph(store: Store) -> int:
    """The id of T01's last respondent paragraph."""
    return max(p.id for p in store.respondent_paragraphs() if p.interview == "T01")


def test_an_unknown_code_or_a_coding_twice_is_refused(store: Store) -> None:
    coding = code(store, "mange papirer", "administration")
    other = code(store, "mange papirer", "kurser")
    with pytest.raises(InputError, match="unknown code 'nope'"):
        workbench.change_coding(store, "A", coding, code="nope")
    text = store.interview_text("T01")
    start = text.index("mange papirer")
    with pytest.raises(InputError) as error:
        workbench.change_coding(store, "A", other, code="administration")
    assert str(error.value) == (
        f"T01: the passage {start}-{start + 13} is already coded 'administration' by A"
    )
    assert store.coding_by_id(other).code == "kurser"
