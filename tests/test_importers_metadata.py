"""Front matter, metadata.csv and region names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual.errors import InputError
from mentorqual.importers import read_transcript
from mentorqual.importers.metadata import finish_attributes, normalise_region, split_front_matter
from mentorqual.importers.metadata_file import metadata_warnings, read_metadata_csv

BODY = "I: Hvordan?\nIP: Sådan.\n"


@pytest.mark.parametrize(
    ("given", "region"),
    [
        ("Hovedstaden", "Hovedstaden"),
        ("Region Hovedstaden", "Hovedstaden"),
        ("region hovedstaden", "Hovedstaden"),
        ("HOVEDSTADEN", "Hovedstaden"),
        ("Sjaelland", "Sjælland"),
        ("Region Sjælland", "Sjælland"),
        ("  Region   Nordjylland ", "Nordjylland"),
        ("midtjylland", "Midtjylland"),
        ("Region Syddanmark", "Syddanmark"),
        ("Region Zealand", "Sjælland"),
        ("Capital Region of Denmark", "Hovedstaden"),
    ],
)
def test_region_variants_are_normalised(given: str, region: str) -> None:
    assert normalise_region(given) == region


@pytest.mark.parametrize("given", ["Skåne", "Region", "Jylland", ""])
def test_unknown_regions(given: str) -> None:
    assert normalise_region(given) is None


def test_unknown_region_error_names_the_file() -> None:
    with pytest.raises(InputError) as error:
        finish_attributes({"region": "Fyn"}, Path("a/IP1.txt"))
    assert str(error.value) == (
        "a/IP1.txt: unknown region 'Fyn'; expected one of "
        "Nordjylland, Midtjylland, Syddanmark, Sjælland, Hovedstaden"
    )


def test_missing_region_is_a_warning() -> None:
    """Issue 17: a missing region is allowed and reported as "ukendt region"."""
    warnings: list[str] = []
    attributes = finish_attributes({"interview": "X"}, Path("a.txt"), warnings)
    assert attributes == {"interview": "X", "region": ""}
    assert warnings == [
        "a.txt: no region, so it is reported as 'ukendt region' ('unknown region' in "
        "English reports); "
        "add 'region: ...' to the front matter or a row to metadata.csv"
    ]


def test_front_matter_values_become_text() -> None:
    attrs, body, lines = split_front_matter(
        "---\ninterview: 7\nerfaring: 12\nnote:\n---\n" + BODY, Path("a.txt")
    )
    assert attrs == {"interview": "7", "erfaring": "12"}
    assert body == BODY
    assert lines == 5


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("---\nregion: [Hovedstaden\n---\n", r"^a\.txt, line \d+: malformed front matter"),
        ("---\nregion: Hovedstaden\n", r"^a\.txt, line 1: front matter opened with '---' is never"),
        ("---\n- a\n- b\n---\n", r"^a\.txt, line 2: front matter must be 'key: value' lines$"),
        ("---\nregion: {a: 1}\n---\n", r"^a\.txt: attribute 'region' must be a single value$"),
        (
            "---\nregion: !!python/object/apply:os.system ['echo hacked']\n---\n",
            r"^a\.txt, line 2: malformed front matter: could not determine a constructor",
        ),
    ],
)
def test_bad_front_matter(front: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        split_front_matter(front + BODY, Path("a.txt"))


def test_metadata_csv_supplies_attributes(write: Callable[..., Path]) -> None:
    path = write("IP1.txt", BODY)
    write("metadata.csv", "file;interview;region;role\nIP1.txt;X9;region sjaelland;Jobkonsulent\n")
    transcript = read_transcript(path)
    assert transcript.interview == "X9"
    assert transcript.attributes == {
        "interview": "X9",
        "region": "Sjælland",
        "role": "Jobkonsulent",
    }


def test_front_matter_agreeing_with_metadata_csv(write: Callable[..., Path]) -> None:
    path = write("IP1.txt", "---\nregion: Midtjylland\nteam: unge\n---\n" + BODY)
    write("metadata.csv", "file,region,role\nIP1.txt,Midtjylland,Jobkonsulent\n")
    assert read_transcript(path).attributes == {
        "interview": "IP1",
        "region": "Midtjylland",
        "role": "Jobkonsulent",
        "team": "unge",
    }


def test_front_matter_contradicting_metadata_csv(write: Callable[..., Path]) -> None:
    path = write("IP1.txt", "---\nregion: Midtjylland\n---\n" + BODY)
    csv_path = write("metadata.csv", "file,region\nIP1.txt,Hovedstaden\n")
    with pytest.raises(InputError) as error:
        read_transcript(path)
    assert str(error.value) == (
        f"{path}: 'region' is 'Midtjylland' in the front matter but 'Hovedstaden' in {csv_path}"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("interview,region\nX,Hovedstaden\n", r", line 1: a 'file' column is required$"),
        (
            "file,region\na.txt,Hovedstaden\na.txt,Sjælland\n",
            r", row 3: file 'a.txt' is listed twice$",
        ),
        ("file,region\n,Hovedstaden\n", r", row 2: empty 'file' cell$"),
        ("file,region\na.txt,Hovedstaden,extra\n", r", row 2: more cells than columns$"),
    ],
)
def test_bad_metadata_csv(write: Callable[..., Path], content: str, message: str) -> None:
    path = write("metadata.csv", content)
    with pytest.raises(InputError, match=message):
        read_metadata_csv(path)


def test_front_matter_after_blank_lines(tmp_path: Path) -> None:
    text = "\n\n---\nregion: Syddanmark\nrole: Jobkonsulent\n---\nIP: Hej.\n"
    attributes, body, before = split_front_matter(text, tmp_path / "a.txt")
    assert attributes == {"region": "Syddanmark", "role": "Jobkonsulent"}
    assert (body, before) == ("IP: Hej.\n", 6)


def test_unclosed_front_matter_after_blank_lines_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"a\.txt, line 3: front matter opened"):
        split_front_matter("\n\n---\nregion: Syddanmark\n", tmp_path / "a.txt")


# -- metadata as people save it (issue 17) -------------------------------------------


def test_danish_excel_csv_in_cp1252(write: Callable[..., Path]) -> None:
    path = write("IP1.txt", BODY)
    write(
        "metadata.csv",
        "Fil;Interview;Region;Rolle;Køn;Kommunetype\nIP1.txt;SJ9;Sjælland;Jobkonsulent;mand;by\n",
        encoding="cp1252",
    )
    assert read_transcript(path).attributes == {
        "interview": "SJ9",
        "region": "Sjælland",
        "role": "Jobkonsulent",
        "køn": "mand",
        "kommunetype": "by",
    }


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_csv_with_and_without_bom(write: Callable[..., Path], bom: bytes) -> None:
    path = write("IP1.txt", BODY)
    write("metadata.csv", bom + b"FILE,REGION,ROLE\nIP1.txt,Nordjylland,Mentor\n")
    assert read_transcript(path).attributes["role"] == "Mentor"


def test_metadata_xlsx(write: Callable[..., Path]) -> None:
    from openpyxl import Workbook

    path = write("IP1.txt", BODY)
    book = Workbook()
    sheet = book.active
    sheet.append(["fil", "interview", "region", "rolle", "erfaring"])
    sheet.append(["IP1.txt", "HS9", "Region Hovedstaden", "Jobkonsulent", 12])
    book.save(path.parent / "metadata.xlsx")
    assert read_transcript(path).attributes == {
        "interview": "HS9",
        "region": "Hovedstaden",
        "role": "Jobkonsulent",
        "erfaring": "12",
    }


def test_rows_for_missing_files_are_warnings(write: Callable[..., Path]) -> None:
    path = write("IP1.txt", BODY)
    csv_path = write("metadata.csv", "file;region\nIP1.txt;Sjælland\nIP2.docx;Sjælland\n")
    assert metadata_warnings([path]) == [f"{csv_path}, row 3: no file 'IP2.docx' in the folder"]


def test_a_file_without_a_row_or_region_is_a_warning(write: Callable[..., Path]) -> None:
    path = write("IP1.txt", BODY)
    csv_path = write("metadata.csv", "file;region\nIP2.txt;Sjælland\n")
    transcript = read_transcript(path)
    assert transcript.region == ""
    assert transcript.warnings == [
        f"{path}: no row in {csv_path} and no region in the front matter, so it is "
        f"reported as 'ukendt region' ('unknown region' in English reports); "
        f"add 'region: ...' to the front matter or a row "
        f"to {csv_path}"
    ]


def test_unknown_region_in_metadata_is_still_an_error(write: Callable[..., Path]) -> None:
    path = write("IP1.txt", BODY)
    write("metadata.csv", "file;region\nIP1.txt;Fyn\n")
    with pytest.raises(InputError, match=r"unknown region 'Fyn'; expected one of Nordjylland"):
        read_transcript(path)


def test_the_same_attribute_twice_is_an_error(write: Callable[..., Path]) -> None:
    path = write("metadata.csv", "file;role;Rolle\nIP1.txt;Mentor;Mentor\n")
    with pytest.raises(
        InputError, match=r"line 1: columns 'role' and 'Rolle' name the same attribute"
    ):
        read_metadata_csv(path)


def test_a_row_may_name_the_file_without_its_extension(write: Callable[..., Path]) -> None:
    path = write("IP1.txt", BODY)
    write("metadata.csv", "fil;region\nIP1;Midtjylland\n")
    assert read_transcript(path).region == "Midtjylland"
    assert metadata_warnings([path]) == []


def test_speakers_map_a_group_interview_to_roles(tmp_path: Path) -> None:
    from mentorqual.importers import read_transcript
    from mentorqual.types import speaker_role

    path = tmp_path / "G01.txt"
    path.write_text(
        "---\nregion: Sjælland\nrole: Mentor\ntalere:\n  Mette: Mentor\n  Ole: Jobkonsulent\n"
        "---\nI: Hvad gør I?\nMette: Jeg går med til møderne.\nOle: Jeg bevilger forløbet.\n"
        "Mette: Og jeg ringer om morgenen.\nOle: Det hjælper.\n",
        encoding="utf-8",
    )
    transcript = read_transcript(path)
    assert transcript.attributes["speakers"] == "Mette=Mentor; Ole=Jobkonsulent"
    roles = {
        p.speaker: speaker_role(transcript.attributes, p.speaker)
        for p in transcript.respondent_paragraphs
    }
    assert roles == {"Mette": "Mentor", "Ole": "Jobkonsulent"}


def test_a_bad_speakers_value_names_the_file(tmp_path: Path) -> None:
    from mentorqual.importers import read_transcript

    path = tmp_path / "G02.txt"
    path.write_text(
        "---\nregion: Sjælland\nspeakers: Mette Mentor\n---\nI: Hej?\nIP: Hej.\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        read_transcript(path)
    assert str(error.value) == (
        f"{path}: speakers must be 'Name=Role; Name=Role' (for example "
        "'Mette=Mentor; Ole=Jobkonsulent'), not 'Mette Mentor'"
    )
