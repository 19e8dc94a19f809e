"""Output files appear whole or not at all: atomic files, the staging folder, folder swaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentorqual.errors import InputError, MentorqualError
from mentorqual.reports.files import atomic_path, check_suffix, replaced_folder, staging_folder


def test_check_suffix_names_the_formats() -> None:
    assert check_suffix(Path("tal.XLSX")) == ".xlsx"
    with pytest.raises(InputError) as error:
        check_suffix(Path("tal.pdf"), (".csv", ".xlsx"))
    assert str(error.value) == "tal.pdf: unsupported output type '.pdf'; use .csv, .xlsx"


def test_atomic_path_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "kodninger.csv"
    target.write_text("gammel\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_text("halv", encoding="utf-8")
        raise RuntimeError("disk on fire")
    assert target.read_text(encoding="utf-8") == "gammel\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kodninger.csv"]


def test_staging_folder_moves_the_entries_in_on_success(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with staging_folder(out) as staging:
        (staging / "a.csv").write_text("a\n", encoding="utf-8")
    assert [p.name for p in out.iterdir()] == ["a.csv"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_replaced_folder_refuses_a_folder_that_is_not_ours(tmp_path: Path) -> None:
    target = tmp_path / "rapport"
    target.mkdir()
    (target / "noter.txt").write_text("mine noter\n", encoding="utf-8")
    with pytest.raises(MentorqualError) as error, replaced_folder(target, ".ours", "report"):
        pass
    assert str(error.value) == (
        f"{target}: the directory is not empty and holds no earlier report; "
        "choose a new or empty directory"
    )


def test_replaced_folder_replaces_an_earlier_output(tmp_path: Path) -> None:
    target = tmp_path / "rapport"
    for text in ("første\n", "anden\n"):
        with replaced_folder(target, ".ours", "report") as temp:
            (temp / ".ours").write_text("", encoding="utf-8")
            (temp / "side.html").write_text(text, encoding="utf-8")
    assert sorted(p.name for p in target.iterdir()) == [".ours", "side.html"]
    assert (target / "side.html").read_text(encoding="utf-8") == "anden\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport"]
