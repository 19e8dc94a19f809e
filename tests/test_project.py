"""Project workflows: import, re-import, codebook, codings; atomic failure."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from unittest.mock import Mock

import pytest

from mentorqual import CodebookError, InputError, Project, ProjectError
from mentorqual.store import Store

from .conftest import CODEBOOK, INTERVIEW, snapshot

CODINGS = """interview,segment,code,coder
T01,Der er mange papirer og blanketter.,administration,A
T01,p3,administration,A
T01,Mentorkurset var godt,kurser,A
"""


def assessed(project: Project, coder: str) -> int:
    store = project.store()
    try:
        return int(
            store.db.execute(
                "SELECT COUNT(*) FROM assessments WHERE coder = ?", (coder,)
            ).fetchone()[0]
        )
    finally:
        store.close()


def codings_of(project: Project, coder: str) -> list[tuple[str, str, str]]:
    store = project.store()
    rows = {(r.interview, r.locator, r.code) for r in store.coding_table([coder])}
    store.close()
    return sorted(rows)


def test_import_stores_text_paragraphs_and_sentences(
    project: Project, write: Callable[..., Path]
) -> None:
    report = project.import_paths([write("T01.txt", INTERVIEW)])
    assert report.added == ["T01"]
    assert report.paragraphs == 3
    store = project.store()
    text = store.db.execute("SELECT text FROM texts").fetchone()[0]
    rows = store.db.execute(
        "SELECT locator, kind, role, char_start, char_end, n_words FROM segments ORDER BY id"
    ).fetchall()
    store.close()
    paragraphs = [r for r in rows if r[1] == "paragraph"]
    assert [(r[0], r[2]) for r in paragraphs] == [
        ("p1", "interviewer"),
        ("p2", "respondent"),
        ("p3", "respondent"),
        ("p4", "interviewer"),
        ("p5", "respondent"),
    ]
    assert text[paragraphs[1][3] : paragraphs[1][4]] == "Der er mange papirer og blanketter."
    sentences = [r for r in rows if r[1] == "sentence"]
    assert [text[r[3] : r[4]] for r in sentences] == [
        "Der er mange papirer og blanketter.",
        "Og lønsedlerne skal tastes hver måned.",
        "Mentorkurset var godt.",
    ]
    assert report.words == sum(r[5] for r in paragraphs if r[2] == "respondent") == 15


def test_reimport_of_unchanged_file_is_skipped(
    project: Project, write: Callable[..., Path]
) -> None:
    path = write("T01.txt", INTERVIEW)
    project.import_paths([path])
    before = snapshot(project.path)
    report = project.import_paths([path])
    assert report.added == [] and report.skipped == [("T01", str(path))]
    assert snapshot(project.path) == before


def test_same_text_with_crlf_and_bom_is_unchanged(
    project: Project, write: Callable[..., Path]
) -> None:
    project.import_paths([write("T01.txt", INTERVIEW)])
    variant = write("b/T01.txt", "\ufeff" + INTERVIEW.replace("\n", "\r\n"))
    assert project.import_paths([variant]).skipped == [("T01", str(variant))]


def test_changed_file_needs_replace(project: Project, write: Callable[..., Path]) -> None:
    project.import_paths([write("T01.txt", INTERVIEW)])
    changed = write("T01.txt", INTERVIEW.replace("godt", "rigtig godt"))
    before = snapshot(project.path)
    with pytest.raises(InputError) as error:
        project.import_paths([changed])
    assert str(error.value) == (
        f"{changed}: interview 'T01' is already in the project with different text or "
        "attributes; use --replace to update it"
    )
    assert snapshot(project.path) == before


def test_replace_keeps_human_codings_whose_text_remains(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    loaded.import_codings(write("a.csv", CODINGS))
    changed = INTERVIEW.replace("Mentorkurset var godt.", "Kurset var fint.").replace(
        "I: Hvordan", "I: Godmorgen.\nI: Hvordan"
    )
    report = loaded.import_paths([write("T01.txt", changed)], replace=True)
    assert report.replaced == ["T01"]
    # Issue 22: the coding is the quoted passage, and the lost passage is listed.
    assert report.lost_codings == ["T01 (A, kurser): 'Mentorkurset var godt'"]
    # The paragraphs moved from p2, p3 to p3, p4 and their codings followed the text.
    assert codings_of(loaded, "A") == [
        ("T01", "p3", "administration"),
        ("T01", "p4", "administration"),
    ]
    assert assessed(loaded, "A") == 2  # the two paragraphs whose text is unchanged


def test_duplicate_interview_ids_in_one_import(
    project: Project, write: Callable[..., Path]
) -> None:
    first = write("a/T01.txt", INTERVIEW)
    second = write("b/other.txt", INTERVIEW.replace("mange", "få"))
    with pytest.raises(InputError) as error:
        project.import_paths([first.parent.parent])
    assert str(error.value) == f"{second}: duplicate interview id 'T01' (also in {first})"
    assert not project.path.exists()


def test_failed_import_leaves_the_project_unchanged(
    project: Project, write: Callable[..., Path]
) -> None:
    project.import_paths([write("T01.txt", INTERVIEW)])
    before = snapshot(project.path)
    good = write("new/T02.txt", INTERVIEW.replace("T01", "T02"))
    write("new/T03.docx", b"PK\x03\x04 broken")
    with pytest.raises(InputError, match=r"T03\.docx: not a valid \.docx file"):
        project.import_paths([good.parent])
    after = snapshot(project.path)
    assert after == before
    assert after[1] == "ok"


def test_failed_first_import_creates_no_project(
    project: Project, write: Callable[..., Path]
) -> None:
    with pytest.raises(InputError):
        project.import_paths([write("x.txt", "ingen talere her\n")])
    assert not project.path.exists()


def test_folder_import_is_recursive_and_skips_codings(
    project: Project, write: Callable[..., Path]
) -> None:
    write("a/T01.txt", INTERVIEW)
    write("a/b/c/T02.txt", INTERVIEW.replace("T01", "T02"))
    write("a/codings/not-a-transcript.txt", "junk")
    write("a/notes.md", "# notes")
    report = project.import_paths([write("a/.hidden.txt", "junk").parent])
    assert report.added == ["T01", "T02"]


def test_missing_path_and_unsupported_suffix(project: Project, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file or folder$"):
        project.import_paths([tmp_path / "nope.txt"])
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"a\.pdf: unsupported file type '\.pdf'; expected"):
        project.import_paths([pdf])


# -- codings ---------------------------------------------------------------------


def test_codings_import_by_locator_and_quote(loaded: Project, write: Callable[..., Path]) -> None:
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    interviewer = CODINGS.replace("T01,p3,administration,A", "T01,p4,administration,A")
    with pytest.raises(InputError, match=r"row 3: segment p4 is an interviewer paragraph"):
        loaded.import_codings(write("a.csv", interviewer))
    report = loaded.import_codings(write("a.csv", CODINGS))
    assert report.coders == {"A": (3, 0, 1)}
    assert codings_of(loaded, "A") == [
        ("T01", "p2", "administration"),
        ("T01", "p3", "administration"),
        ("T01", "p5", "kurser"),
    ]


def test_a_second_codings_file_adds_and_replace_replaces(
    loaded: Project, write: Callable[..., Path]
) -> None:
    # Issue 22: coding happens in sessions, so a second file adds to the first.
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    loaded.import_codings(write("a.csv", "interview,segment,code,coder\nT01,p2,kurser,A\n"))
    report = loaded.import_codings(
        write("a.csv", "interview,segment,code,coder\nT01,p5,kurser,A\n")
    )
    assert report.coders == {"A": (1, 0, 1)} and report.backup is None
    assert codings_of(loaded, "A") == [("T01", "p2", "kurser"), ("T01", "p5", "kurser")]
    again = loaded.import_codings(write("a.csv", "interview,segment,code,coder\nT01,p5,kurser,A\n"))
    assert again.coders == {"A": (0, 0, 1)}
    replaced = loaded.import_codings(
        write("a.csv", "interview,segment,code,coder\nT01,p5,kurser,A\n"), replace=True
    )
    assert replaced.coders == {"A": (0, 1, 1)}
    assert codings_of(loaded, "A") == [("T01", "p5", "kurser")]
    assert replaced.backup is not None and replaced.backup.parent == loaded.path.parent


def test_bad_codings_rows_are_listed_and_nothing_is_written(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    before = snapshot(loaded.path)
    path = write(
        "a.csv",
        "interview,segment,code,coder\n"
        "T01,p2,kurser,A\n"
        "T99,p2,kurser,A\n"
        "T01,p2,sikkerhed,A\n"
        "T01,findes ikke,kurser,A\n"
        "T01,er,kurser,A\n"
        "T01,p42,kurser,A\n",
    )
    with pytest.raises(InputError) as error:
        loaded.import_codings(path)
    assert str(error.value) == (
        f"{path}: 5 row(s) could not be used, nothing was imported: "
        "row 3: unknown interview 'T99'; row 4: unknown code 'sikkerhed'; "
        "row 5: quote not found in a respondent paragraph: 'findes ikke'; "
        "row 6: quote matches 2 paragraphs (p2, p3); quote more words; "
        "row 7: no segment 'p42' in this interview"
    )
    assert snapshot(loaded.path) == before


def test_quote_matching_ignores_whitespace_then_case(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    loaded.import_codings(
        write(
            "a.csv",
            'interview,segment,code\nT01,"mange   papirer",administration\n'
            "T01,MENTORKURSET,kurser\n",
        ),
        coder="B",
    )
    assert codings_of(loaded, "B") == [("T01", "p2", "administration"), ("T01", "p5", "kurser")]


def test_coverage_row_marks_an_interview_coded(loaded: Project, write: Callable[..., Path]) -> None:
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    loaded.import_codings(write("a.csv", "interview,segment,code,coder\nT01,,,C\n"))
    assert assessed(loaded, "C") == 3  # the respondent paragraphs
    assert codings_of(loaded, "C") == []


def test_machine_coder_names_are_reserved(loaded: Project, write: Callable[..., Path]) -> None:
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    path = write("a.csv", "interview,segment,code,coder\nT01,p2,kurser,rules\n")
    with pytest.raises(InputError, match="coder 'rules' is reserved for machine codings"):
        loaded.import_codings(path)


def test_codings_need_a_codebook(project: Project, write: Callable[..., Path]) -> None:
    project.import_paths([write("T01.txt", INTERVIEW)])
    with pytest.raises(ProjectError, match="the project has no codebook yet"):
        project.import_codings(write("a.csv", CODINGS))


def test_codings_need_a_project(project: Project, write: Callable[..., Path]) -> None:
    with pytest.raises(ProjectError, match="no project here"):
        project.import_codings(write("a.csv", CODINGS))
    assert not project.path.exists()


# -- codebook --------------------------------------------------------------------


def test_codebook_with_other_codes_needs_update(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    loaded.import_codings(write("a.csv", CODINGS))
    smaller = write("cb.yaml", "themes:\n  - code: kurser\n  - code: ny\n")
    with pytest.raises(CodebookError) as error:
        loaded.load_codebook(smaller)
    assert str(error.value) == (
        f"{smaller}: its codes differ from the project's (new: ny; missing: administration, "
        "kompetenceafklaring, ledelse, tryghed); pass --codebook-update to switch "
        "(human codings of codes that remain are kept)"
    )
    # Issue 22: dropping human codings needs its own flag, and a backup is written.
    before = snapshot(loaded.path)
    with pytest.raises(CodebookError) as refused:
        loaded.load_codebook(smaller, update=True)
    assert str(refused.value) == (
        f"{smaller}: 2 human coding(s) of the codes it lacks would be deleted "
        "(A: administration 2); to delete them, load it with "
        f"'mentorqual codebook load {smaller} --codebook-update --delete-codings' "
        "(a backup of the project is written first)"
    )
    assert snapshot(loaded.path) == before
    change = loaded.load_codebook(smaller, update=True, delete_codings=True)
    assert change.deleted == {("A", "administration"): 2}
    assert change.backup is not None and change.backup.is_file()
    assert codings_of(loaded, "A") == [("T01", "p5", "kurser")]
    assert loaded.info().codes == ["kurser", "ny"]


def test_a_codebook_with_a_theme_more_keeps_every_coding(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    loaded.import_codings(write("a.csv", CODINGS))
    text = CODEBOOK.read_text(encoding="utf-8")
    bigger = write("big.yaml", text.rstrip() + "\n  - code: nyt_tema\n    label: Nyt tema\n")
    before = codings_of(loaded, "A")
    change = loaded.load_codebook(bigger, update=True)
    assert change.deleted == {} and change.backup is None
    assert codings_of(loaded, "A") == before
    assert loaded.info().codes[-1] == "nyt_tema"


def test_reloading_the_same_codebook_changes_nothing(loaded: Project) -> None:
    before = snapshot(loaded.path)
    loaded.load_codebook(CODEBOOK)
    assert snapshot(loaded.path) == before


def test_a_second_tagging_run_counts_its_own_tokens(
    loaded: Project, write: Callable[..., Path]
) -> None:
    # The tagger is kept between runs; each report still counts one run's tokens.
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    first, second = loaded.tag_rules(CODEBOOK), loaded.tag_rules(CODEBOOK)
    assert first.tokens > 0
    assert (second.tokens, second.kept, second.added) == (
        first.tokens,
        first.kept + len(first.added),
        [],
    )


@pytest.mark.parametrize("enabled", [True, False])
def test_rule_tagging_leaves_the_garbage_collector_as_it_was(
    loaded: Project, write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    # Tagging pauses the cyclic collector; it must come back on only if it was on.
    loaded.import_paths([write("T01.txt", INTERVIEW)])
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert loaded.tag_rules(CODEBOOK).added
        assert gc.isenabled() is enabled
        with monkeypatch.context() as patch:
            patch.setattr(Store, "paragraph_texts", Mock(side_effect=OSError("disk")))
            with pytest.raises(OSError, match="disk"):
                loaded.tag_rules(CODEBOOK)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
