"""Transcripts laid out as tables (time | speaker | text), as Word and LibreOffice
users make them, and the speaker names of structured files as labels."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .document import DocumentBuilder
from .lines import LABEL
from .speakers import KNOWN_RESPONDENT_LABELS, interviewer_keys, label_key
from .timestamps import BRACKETED, CLOCK

_CELL_TIME = re.compile(rf"[ \t]*(?:({CLOCK})|{BRACKETED})[ \t]*")
_WORD = re.compile(r"[\w.\-]+")
HEADER_WORDS = frozenset(
    "tid tidskode tidspunkt time timestamp taler talere speaker navn name person hvem "
    "rolle role tekst text udsagn transskription transcript indhold content".split()
)
MAX_SPEAKER_CHARS = 40
MAX_SPEAKER_WORDS = 4
# Labels that count as speakers wherever they stand, in the forms of label_key.
KNOWN_LABELS = KNOWN_RESPONDENT_LABELS | interviewer_keys(())


def speaker_label(name: str) -> str:
    """A speaker's name as a label the transcript parser reads: at most three words of
    letters, digits, dots and dashes, starting with a letter.

    >>> speaker_label("IP:"), speaker_label("Hansen, Mette (ekstern)"), speaker_label("2")
    ('IP', 'Hansen Mette ekstern', 'Taler 2')
    """
    words = _WORD.findall(name.replace("_", " "))[:3]
    label = " ".join(words).lstrip(".-")
    if not label or not label[0].isalpha():
        label = f"Taler {label}".strip()
    match = LABEL.fullmatch(label + ":")
    return label if match and match.group(1) == label else "Taler"


def cell_time(text: str) -> str | None:
    """The clock of a cell that holds a timestamp and nothing else."""
    match = _CELL_TIME.fullmatch(text)
    return (match.group(1) or match.group(2)) if match else None


@dataclass(frozen=True)
class TableLayout:
    """Which column holds what; ``speaker`` or ``time`` is None when the table has no
    such column (the text then starts with its label: ``I: ...``)."""

    speaker: int | None
    text: int
    time: int | None
    header: bool  # the first row names the columns


def table_layout(rows: Sequence[Sequence[str]]) -> TableLayout | None:
    """The layout of a transcript table, or None if the table is not one."""
    width = max((len(row) for row in rows), default=0)
    if width < 2 or len(rows) < 2:
        return None
    cells = [[*row, *[""] * (width - len(row))] for row in rows]
    header = any(c.strip().casefold().rstrip(":") in HEADER_WORDS for c in cells[0]) and not any(
        cell_time(c) for c in cells[0]
    )
    body = cells[1:] if header else cells
    columns = [[row[i].strip() for row in body] for i in range(width)]
    time = next((i for i, column in enumerate(columns) if _mostly_times(column)), None)
    speaker = next(
        (i for i, c in enumerate(columns) if i != time and _speaker_column(c, len(body))), None
    )
    others = [i for i in range(width) if i not in (time, speaker)]
    if not others or (speaker is None and time is None):
        return None
    text = max(others, key=lambda i: sum(len(c) for c in columns[i]))
    if speaker is None and sum(bool(LABEL.match(c)) for c in columns[text]) < 2:
        return None
    return TableLayout(speaker, text, time, header)


def add_table(builder: DocumentBuilder, rows: Sequence[Sequence[str]]) -> None:
    """Add a table: a transcript table as turns, any other table as structure."""
    layout = table_layout(rows)
    if layout is None:
        for row in rows:
            builder.add_structure("\t".join(" ".join(cell.split()) for cell in row))
        return
    for number, row in enumerate(rows):
        if number == 0 and layout.header:
            builder.add_structure("\t".join(" ".join(cell.split()) for cell in row))
            continue
        name = " ".join(_cell(row, layout.speaker).split())
        stamp = cell_time(_cell(row, layout.time)) or ""
        lines = (line.strip() for line in _cell(row, layout.text).split("\n"))
        text = "\n".join(line for line in lines if line)
        if name or text:
            builder.add_turn(speaker_label(name) if name else "", text, stamp)


def _cell(row: Sequence[str], column: int | None) -> str:
    return "" if column is None or column >= len(row) else row[column]


def _mostly_times(column: list[str]) -> bool:
    filled = [c for c in column if c]
    return bool(filled) and sum(cell_time(c) is not None for c in filled) >= 0.6 * len(filled)


def _speaker_column(column: list[str], rows: int) -> bool:
    """Short names, few of them, that recur or are common labels."""
    filled = [" ".join(c.split()).rstrip(":") for c in column if c]
    if not filled or len(filled) < rows / 2:
        return False
    if any(len(c) > MAX_SPEAKER_CHARS or len(c.split()) > MAX_SPEAKER_WORDS for c in filled):
        return False
    if any(c[-1] in ".?!" and label_key(c) not in KNOWN_LABELS for c in filled):
        return False
    counts = Counter(filled)
    known = any(label_key(name) in KNOWN_LABELS for name in counts)
    return known or (len(counts) <= max(2, len(filled) // 2) and counts.most_common(1)[0][1] >= 2)
