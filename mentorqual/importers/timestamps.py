"""Timestamps as transcribers and transcription tools write them.

``[00:12:31]``, ``(00:00:12)``, a bare ``00:00:12``, ``0:03``, ``00:00:03.450``, a
range ``[00:00:12 - 00:00:20]`` (its start counts) and f4/f5's ``#00:01:23-4#`` (the
digits after the dash are a fraction of a second). Times are seconds as floats.
"""

from __future__ import annotations

import re

# h:mm:ss or m:ss, with an optional fraction (. or , as in SubRip).
CLOCK = r"\d{1,2}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?"
# Only a clock with hours counts bare at the start of a line followed by speech:
# "14:30 ringede hun" is speech.
_HMS = r"\d{1,2}:\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
_RANGE = rf"(?:[ \t]*(?:-|–|-->)[ \t]*{CLOCK})?"
BRACKETED = rf"[\[(][ \t]*({CLOCK}){_RANGE}[ \t]*[\])]"
F4 = r"#(\d{1,2}:\d{1,2}:\d{1,2})(?:-(\d{1,3}))?#"

# A timestamp that opens a line: bracketed, or bare (group 2: any clock; the caller
# decides whether a bare m:ss counts, by what follows it).
LEADING = re.compile(rf"[ \t]*(?:{BRACKETED}|({CLOCK}){_RANGE}(?=[ \t]|$))[ \t]*")
# A timestamp that closes a line: f4/f5 or bracketed.
TRAILING = re.compile(rf"[ \t]*(?:{F4}|{BRACKETED})[ \t]*$")
HOURS = re.compile(_HMS)


def seconds(clock: str, fraction: str | None = None) -> float | None:
    """``"00:12:31"`` -> ``751.0``; None if a field is out of range (``"0:75"``).

    >>> seconds("1:02:03,5"), seconds("0:03"), seconds("00:01:23", "4")
    (3723.5, 3.0, 83.4)
    """
    whole, _, frac = clock.replace(",", ".").partition(".")
    parts = [int(p) for p in whole.split(":")]
    if any(p >= 60 for p in parts[1:]):
        return None
    value = 0
    for part in parts:
        value = value * 60 + part
    digits = frac or fraction or ""
    return value + (int(digits) / 10 ** len(digits) if digits else 0.0)


def clock(time: float) -> str:
    """Seconds as ``HH:MM:SS`` (whole seconds), the form the readers write.

    >>> clock(3.7), clock(3723)
    ('00:00:03', '01:02:03')
    """
    minutes, secs = divmod(int(time), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"
