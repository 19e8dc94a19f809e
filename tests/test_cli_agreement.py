"""`mentorqual agreement` on the sample, and the agreement sheet of the main job."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from mentorqual import Project
from mentorqual.agreement import cohen_kappa
from mentorqual.cli import cli
from mentorqual.types import REGIONS


def invoke(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(db), *args])
    return result.exit_code, result.output


def test_agreement_a_b(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "agreement.md"
    code, output = invoke(sample, "agreement", "--coders", "A,B", "-o", str(out))
    assert code == 0, output
    first = output.splitlines()[0]
    assert first.startswith("A, B: 409 of 793 segments assessed by two or more coders; ")
    project = Project(sample)
    with project._reading() as store:
        units = sorted(store.assessed("A") & store.assessed("B"))
        a, b = store.coding_pairs("A"), store.coding_pairs("B")
        codes = store.codes()
    assert len(units) == 409
    result = project.agreement(["A", "B"], bootstrap=False)
    for row in result.per_code:
        expected = cohen_kappa(
            [(u, row.code) in a for u in units], [(u, row.code) in b for u in units]
        )
        assert row.kappa == pytest.approx(expected)
        assert f"| {row.code} | 409 | {row.percent:.3f} | {row.kappa:.3f} |" in output
    differing = {u for u in units for c in codes if ((u, c) in a) != ((u, c) in b)}
    assert len(result.disagreements) == len(differing) > 0
    assert {d.interview[-2:] for d in result.disagreements} <= {"01", "02", "03"}
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_machine_as_a_coder_with_a_note(sample: Path) -> None:
    code, output = invoke(sample, "agreement", "--coders", "A,classifier", "--no-bootstrap")
    assert code == 0, output
    assert "A, classifier: 793 of 793 segments" in output
    assert "these figures are in-sample" in output
    # The hint names this audit's coders, not a coder the project may lack (issue 21).
    assert "'mentorqual evaluate --coder classifier --against A' gives cross-validated" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coders", "A"], "Error: agreement needs at least 2 coders, got 1\n"),
        (
            ["--coders", "A,Z"],
            "Error: unknown coder 'Z'; valid coders: A, B, classifier, machine, rules\n",
        ),
        (
            ["--coders", "A,B", "--codes", "mad"],
            "Error: unknown code 'mad'; valid values: tryghed, kompetenceafklaring, "
            "administration, kurser, ledelse\n",
        ),
        (
            ["--coders", "A,B", "-o", "x.pdf"],
            "Error: x.pdf: unsupported output type '.pdf'; use .xlsx, .md, .docx\n",
        ),
    ],
)
def test_agreement_bad_input(sample: Path, args: list[str], message: str) -> None:
    assert invoke(sample, "agreement", *args) == (1, message)


def test_no_units_in_common(sample: Path, tmp_path: Path) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text("interview,segment,code,coder\nHS04,p2,ledelse,C\n", encoding="utf-8")
    copy = tmp_path / "p.db"
    copy.write_bytes(sample.read_bytes())
    assert invoke(copy, "codings", "import", str(csv))[0] == 0
    assert invoke(copy, "agreement", "--coders", "B,C") == (
        1,
        "Error: coders 'B' and 'C' have no segments in common\n",
    )


def test_run_writes_the_agreement_sheet(sample: Path) -> None:
    book = load_workbook(sample.parent / "out" / "agreement.xlsx")
    assert book.sheetnames == ["Oversigt", "Uenigheder", "Matricer", "Om"]
    sheet = book["Uenigheder"]
    assert [c.value for c in sheet[1]] == [
        "Interview", "Region", "Afsnit", "Tekst", "A", "B", "Uenige om",
    ]  # fmt: skip
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = Project(sample).agreement(["A", "B"], bootstrap=False).disagreements
    assert [(r[0], r[2]) for r in rows] == [(d.interview, d.locator) for d in expected]
    for row in rows:
        assert row[3] and row[4] != row[5] and row[6]  # text, differing codes, the dispute


def test_agreement_by_any_attribute(sample: Path, tmp_path: Path) -> None:
    """--by takes any attribute, as counts and quotes do (issue 21), and crosses several."""
    out = tmp_path / "by-role.md"
    code, output = invoke(
        sample, "agreement", "--coders", "A,B", "--by", "role", "--no-bootstrap", "-o", str(out)
    )
    assert code == 0, output
    result = Project(sample).agreement(["A", "B"], by="role", bootstrap=False)
    roles = {s.role for s in Project(sample).info().interviews}
    assert {g.group for g in result.groups} <= roles and len({g.group for g in result.groups}) > 1
    assert result.by == "role"
    text = out.read_text(encoding="utf-8")
    assert "## Pr. rolle" in text and "| Rolle | Tema |" in text
    english = tmp_path / "by-role-en.md"
    args = ["--by", "role", "--no-bootstrap", "--lang", "en", "-o", str(english)]
    assert invoke(sample, "agreement", "--coders", "A,B", *args)[0] == 0
    text = english.read_text(encoding="utf-8")
    assert "## By role" in text and "| Role | Theme |" in text
    crossed = Project(sample).agreement(["A", "B"], by=["region", "role"], bootstrap=False)
    assert crossed.by == "region, role" and all(" / " in g.group for g in crossed.groups)
    by_region = Project(sample).agreement(["A", "B"], by="region", bootstrap=False)
    regions = list(dict.fromkeys(g.group for g in by_region.groups))
    assert regions == [r for r in REGIONS if r in regions]  # in report order, as before
    assert invoke(sample, "agreement", "--coders", "A,B", "--by", "hobby")[1].startswith(
        "Error: unknown attribute 'hobby' for --by; valid: "
    )


def test_the_terminal_table_is_in_english(sample: Path) -> None:
    result = CliRunner().invoke(cli, ["--project", str(sample), "agreement", "--coders", "A,B"])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[1]
    assert "| Cohen's κ |" in header and "Cohens" not in result.output
    assert "| (all) |" in result.output and "(alle)" not in result.output


def test_frames_say_the_overall_row_in_the_language(sample: Path) -> None:
    words = {"da": ("Alle", "(alle)", "Alle temaer"), "en": ("All", "(all)", "All themes")}
    for lang, said in words.items():
        frames = Project(sample).agreement_frames(["A", "B"], bootstrap=False, lang=lang)
        last = frames["summary"].iloc[-1]
        assert (last["group"], last["code"], last["label"]) == said
