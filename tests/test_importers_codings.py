"""Reading codings CSV files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual.errors import InputError
from mentorqual.importers import read_codings_csv
from mentorqual.types import CodingRow


def test_rows_with_coder_column(write: Callable[..., Path]) -> None:
    path = write("c.csv", "interview,segment,code,coder\nT01,p3,kurser,A\nT01,,,A\n")
    assert read_codings_csv(path) == [
        CodingRow(2, "T01", "p3", "kurser", "A"),
        CodingRow(3, "T01", "", "", "A"),
    ]


def test_semicolon_bom_and_coder_option(write: Callable[..., Path]) -> None:
    path = write("c.csv", "\ufeffInterview;Segment;Code\nT01;Mange papirer;administration\n")
    assert read_codings_csv(path, coder="B") == [
        CodingRow(2, "T01", "Mange papirer", "administration", "B")
    ]


def test_export_columns_are_accepted(write: Callable[..., Path]) -> None:
    header = "interview,region,role,speaker,segment_id,start,end,text,code,coder,score"
    path = write("c.csv", f"{header}\nT01,Hovedstaden,JK,IP,p2,10,20,tekst,kurser,A,\n")
    # Issue 22: the exported passage (offsets and text) is kept, to code it exactly.
    assert read_codings_csv(path) == [CodingRow(2, "T01", "p2", "kurser", "A", 10, 20, "tekst")]


@pytest.mark.parametrize(
    ("content", "coder", "message"),
    [
        ("", None, ": the file is empty$"),
        ("interview,code\nT01,kurser\n", "A", r", line 1: missing column\(s\) segment; expected"),
        ("interview,segment,code,farve\n", "A", r", line 1: unknown column\(s\) farve; expected"),
        ("interview,segment,code\nT01,p1,kurser\n", None, r": no 'coder' column; name the coder"),
        (
            "interview,segment,code,coder\nT01,p1,kurser,B\n",
            "A",
            r", row 2: coder is 'B' but --coder",
        ),
        ("interview,segment,code,coder\nT01,p1,kurser,\n", None, r", row 2: empty coder$"),
        ("interview,segment,code\n,p1,kurser\n", "A", r", row 2: empty interview$"),
        ("interview,segment,code\nT01,p1,\n", "A", r", row 2: give both segment and code"),
        ("interview,segment,code\nT01,p1,kurser,x\n", "A", r", row 2: 4 cells but 3 columns$"),
    ],
)
def test_bad_codings_files(
    write: Callable[..., Path], content: str, coder: str | None, message: str
) -> None:
    path = write("c.csv", content)
    with pytest.raises(InputError, match=f"^{path}{message}"):
        read_codings_csv(path, coder)


def test_non_utf8_is_refused(write: Callable[..., Path]) -> None:
    path = write("c.csv", "interview,segment,code\nT01,Ærø,kurser\n", encoding="cp1252")
    with pytest.raises(InputError, match="not UTF-8; save it as 'CSV UTF-8'"):
        read_codings_csv(path, "A")
