"""The counts files: the CSV keeps the long table's keys in every language (it is
data); the Excel Data sheet says its columns in the report's language."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mentorqual.counts import InterviewScope, theme_counts
from mentorqual.reports.counts import CountsTables, data_headings, write_counts
from mentorqual.reports.language import Lang, say, unknown

THEMES = [("tryghed", "Tryghed"), ("kurser", "Kurser")]
SCOPE = [
    InterviewScope("H1", {"region": "Hovedstaden", "role": "Jobkonsulent"}, 1000),
    InterviewScope("N1", {"region": "Nordjylland", "role": "Mentor"}, 500),
]
BY = ["region", "role"]


def tables(lang: Lang) -> CountsTables:
    rows = theme_counts(
        SCOPE, [("H1", 1, "tryghed")], THEMES, BY, unknown=unknown(lang), all_label=say(lang, "all")
    )
    for row in rows:
        row["low_n"] = int(str(row["n_interviews"])) < 3
    columns = [*BY, *(k for k in rows[0] if k not in BY)]
    return CountsTables(rows, columns, [], [say(lang, "def:segments")], lang=lang)


HEADINGS = {
    "da": ["Region", "Rolle", "Kode", "Tema", "Kodede afsnit", "Interviews der nævner temaet",
           "N interviews", "Interviews der nævner temaet (%)", "N ord (informant)",
           "Kodede afsnit pr. 1.000 ord", "For få interviews (*)"],
    "en": ["Region", "Role", "Code", "Theme", "Coded paragraphs", "Interviews mentioning the theme",
           "N interviews", "Interviews mentioning the theme (%)", "N words (respondent)",
           "Coded paragraphs per 1,000 words", "Too few interviews (*)"],
}  # fmt: skip


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_data_sheet_says_its_columns_in_the_language(tmp_path: Path, lang: Lang) -> None:
    from openpyxl import load_workbook

    counts = tables(lang)
    path = tmp_path / "counts.xlsx"
    write_counts(path, counts)
    sheet = load_workbook(path)[say(lang, "sheet:data")]
    header = [c.value for c in sheet[1]]
    assert header == HEADINGS[lang]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)]
    first = counts.rows[0]
    assert [rows[0][h] for h in header] == [first[c] for c in counts.columns]
    rate = HEADINGS[lang][9]
    assert sheet.cell(2, header.index(rate) + 1).number_format == "0.00"


def test_the_csv_keeps_the_long_table_s_keys_in_every_language(tmp_path: Path) -> None:
    read = {}
    langs: tuple[Lang, ...] = ("da", "en")
    for lang in langs:
        path = tmp_path / f"{lang}.csv"
        write_counts(path, tables(lang))
        with path.open(encoding="utf-8-sig", newline="") as handle:
            read[lang] = list(csv.DictReader(handle))
    assert list(read["da"][0]) == list(read["en"][0]) == tables("da").columns
    assert list(read["da"][0])[:4] == ["region", "role", "theme", "label"]
    # Values are data too, but for the group of all interviews, said in the language.
    assert [r["region"] for r in read["da"]][-1] == "Alle"
    assert [r["region"] for r in read["en"]][-1] == "All"


def test_an_attribute_the_vocabulary_does_not_know_keeps_its_name() -> None:
    assert data_headings(["kommune", "theme"], "da") == {"kommune": "kommune", "theme": "Kode"}
