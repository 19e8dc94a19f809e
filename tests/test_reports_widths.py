"""A Word table's column widths: they fill no more than the page, and no column is
narrower than its longest word."""

from __future__ import annotations

from mentorqual.reports.widths import BOLD, CHAR_INCHES, PADDING_INCHES, column_widths

ROWS = [
    {"Tema": "Tryghed", "Enighed": "66,7 %", "Noter": "Ingen variation: alle er 'fravær'."},
    {"Tema": "Samarbejdsrelationer", "Enighed": "50,0 %", "Noter": ""},
]  # fmt: skip
COLUMNS = ["Tema", "Enighed", "Noter"]


def floor(word: str, bold: bool = False) -> float:
    return len(word) * (BOLD if bold else 1) * CHAR_INCHES + PADDING_INCHES


def test_widths_fit_the_page_and_every_longest_word() -> None:
    for usable in (4.0, 6.0, 10.0):
        widths = column_widths(ROWS, COLUMNS, usable)
        assert sum(widths) <= usable + 1e-9
        assert widths[0] >= floor("Samarbejdsrelationer") - 1e-9
        assert widths[1] >= floor("Enighed", bold=True) - 1e-9


def test_a_wide_page_gives_each_column_what_it_wants() -> None:
    wide = column_widths(ROWS, COLUMNS, 40.0)
    assert sum(wide) < 40.0 and wide[2] > wide[0] > wide[1]


def test_a_page_too_narrow_for_the_words_shares_it_out() -> None:
    widths = column_widths(ROWS, COLUMNS, 2.0)
    assert abs(sum(widths) - 2.0) < 1e-9 and widths[0] == max(widths)
