"""Human codings are never lost or deleted without an explicit request (issue 22)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.types import Note

from .conftest import CODEBOOK

TWO_LINES = """---
interview: T01
region: Hovedstaden
role: Jobkonsulent
---
I: Hvordan går det?
IP: Der er mange blanketter hver måned.
Mentorkurset gav mig ro.
I: Tak.
"""

CODINGS = (
    "interview,segment,code,coder\n"
    "T01,mange blanketter,administration,A\n"
    "T01,Mentorkurset gav mig ro,kurser,A\n"
    "T01,p2,tryghed,B\n"
)


def passages(project: Project) -> list[tuple[str, str, str]]:
    with project._reading() as store:
        rows = store.coding_table()
    return sorted({(r.passage, r.code, r.coder) for r in rows})


def mq(project: Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(project.path), *args])
    return result.exit_code, result.output


def test_joined_paragraphs_keep_their_codings_with_replace(
    loaded: Project, write: Callable[..., Path]
) -> None:
    path = write("T01.txt", TWO_LINES)
    loaded.import_paths([path])
    loaded.import_codings(write("a.csv", CODINGS))
    before = passages(loaded)
    joined = TWO_LINES.replace("måned.\nMentorkurset", "måned. Mentorkurset")
    code, output = mq(loaded, "import", str(write("T01.txt", joined)), "--replace")
    assert code == 0, output
    assert "Lost human coding" not in output
    assert "Backup of the project before human codings were replaced: " in output
    after = passages(loaded)
    # The passages are all still there; B's whole paragraph p2 is now part of p2.
    assert [p for p in after if p[2] == "A"] == [p for p in before if p[2] == "A"]
    assert [p[0] for p in after if p[2] == "B"] == ["Der er mange blanketter hver måned."]
    with loaded._reading() as store:
        assert {r.locator for r in store.coding_table()} == {"p2"}
        assert len(store.assessed("A")) == 1  # the one joined paragraph


def test_split_and_moved_paragraphs_keep_their_codings(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", TWO_LINES)])
    loaded.import_codings(write("a.csv", CODINGS))
    moved = TWO_LINES.replace(
        "I: Hvordan går det?\n", "I: Godmorgen.\nIP: Godmorgen.\nI: Hvordan går det?\n"
    ).replace("mange blanketter hver", "mange blanketter\n\nhver")  # a blank line: a new paragraph
    report = loaded.import_paths([write("T01.txt", moved)], replace=True)
    assert report.lost_codings == []
    assert passages(loaded) == [
        ("Der er mange blanketter\n\nhver måned.", "tryghed", "B"),  # now across the split
        ("Mentorkurset gav mig ro", "kurser", "A"),
        ("mange blanketter", "administration", "A"),
    ]


def test_only_text_really_gone_is_listed(loaded: Project, write: Callable[..., Path]) -> None:
    loaded.import_paths([write("T01.txt", TWO_LINES)])
    loaded.import_codings(write("a.csv", CODINGS))
    changed = TWO_LINES.replace("Mentorkurset gav mig ro.", "Kurset var fint.")
    report = loaded.import_paths([write("T01.txt", changed)], replace=True)
    assert report.lost_codings == ["T01 (A, kurser): 'Mentorkurset gav mig ro'"]
    assert report.backup is not None and report.backup.is_file()


def test_a_codebook_with_a_theme_fewer_is_refused_per_coder_and_code(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", TWO_LINES)])
    loaded.import_codings(write("a.csv", CODINGS))
    text = CODEBOOK.read_text(encoding="utf-8")
    start, end = text.index("  - code: kurser"), text.index("  - code: ledelse")
    fewer = write("fewer.yaml", text[:start] + text[end:])
    code, output = mq(loaded, "codebook", "load", str(fewer), "--codebook-update")
    assert code == 1
    assert output == (
        f"Error: {fewer}: 1 human coding(s) of the codes it lacks would be deleted "
        f"(A: kurser 1); to delete them, load it with 'mentorqual codebook load {fewer} "
        "--codebook-update --delete-codings' (a backup of the project is written first)\n"
    )
    code, output = mq(
        loaded, "codebook", "load", str(fewer), "--codebook-update", "--delete-codings"
    )
    assert code == 0, output
    assert output.splitlines()[1].startswith("Deleted 1 human coding(s); backup: ")
    assert ("Mentorkurset gav mig ro", "kurser", "A") not in passages(loaded)


def test_agreement_on_a_theme_added_later_is_not_assessed(
    loaded: Project, write: Callable[..., Path]
) -> None:
    loaded.import_paths([write("T01.txt", TWO_LINES)])
    loaded.import_codings(
        write(
            "a.csv",
            "interview,segment,code,coder\n"
            "T01,p2,kurser,A\nT01,p3,administration,A\n"
            "T01,p2,kurser,B\nT01,p3,tryghed,B\n",
        )
    )
    text = CODEBOOK.read_text(encoding="utf-8")
    loaded.load_codebook(
        write("big.yaml", text.rstrip() + "\n  - code: nyt_tema\n    label: Nyt tema\n"),
        update=True,
    )
    result = loaded.agreement(["A", "B"], bootstrap=False)
    rows = {a.code: a for a in result.per_code}
    assert rows["kurser"].percent == 1.0
    late = rows["nyt_tema"]
    assert late.units == 0 and late.percent != 1.0 and late.percent != late.percent  # NaN
    assert late.alpha_verdict == "not assessed"
    assert late.notes == (Note.of("note:lacking", coders="A, B"),)
    # A third codings file after the change: C assessed the new theme too, A did not.
    loaded.import_codings(write("c.csv", "interview,segment,code,coder\nT01,p2,nyt_tema,C\n"))
    mixed = {a.code: a for a in loaded.agreement(["A", "C"], bootstrap=False).per_code}
    assert mixed["nyt_tema"].alpha_verdict == "not assessed"
    assert mixed["nyt_tema"].notes == (Note.of("note:lacking", coders="A"),)
    out = write("agreement.md", "")
    loaded.agreement(["A", "B"], path=out, bootstrap=False)
    text = out.read_text(encoding="utf-8")
    assert "Ikke vurderet af alle kodere: nyt_tema." in text
    assert "| ikke vurderet | – | ikke vurderet af A, B: tæller som manglende |" in text
    loaded.agreement(["A", "B"], path=out, bootstrap=False, lang="en")
    text = out.read_text(encoding="utf-8")
    assert "| not assessed | – | not assessed by A, B: counts as missing |" in text
