"""Exceptions raised by the mentorqual library.

Every message is written for the user and names the file (and line or row) it is
about; the CLI prints it as a single ``Error: ...`` line.
"""

from __future__ import annotations

from pathlib import Path


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
