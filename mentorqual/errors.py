"""Exceptions raised by the mentorqual library.

Every message is written for the user and names the file (and line or row) it is
about; the CLI prints it as a single ``Error: ...`` line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# The most problems one error message lists; the rest are counted.
MAX_LISTED = 10


class MentorqualError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(MentorqualError):
    """A transcript, metadata or codings file cannot be used."""


class CodebookError(MentorqualError):
    """A codebook file is invalid or does not fit the project."""


class ProjectError(MentorqualError):
    """The project database is missing, from a newer version, or inconsistent."""


class PiiError(MentorqualError):
    """Text about to leave the project holds personal data (CPR, phone, e-mail, name)."""


def where(path: str | Path, line: int | None = None, row: int | None = None) -> str:
    """Format the location prefix of an error message: ``file, line 3``."""
    text = str(path)
    if line is not None:
        text += f", line {line}"
    if row is not None:
        text += f", row {row}"
    return text


def listing(items: Sequence[str], limit: int = MAX_LISTED, sep: str = "; ") -> str:
    """The first ``limit`` items joined by ``sep``, then how many more there are.

    Example:
        >>> listing(["row 2: no code", "row 5: no code", "row 9: no code"], limit=2)
        'row 2: no code; row 5: no code; and 1 more'
    """
    more = f"{sep}and {len(items) - limit} more" if len(items) > limit else ""
    return sep.join(items[:limit]) + more
