"""What one line of a transcript is: a speaker label, speech, a timestamp or structure.

Every layout the importers read comes down to lines:

- ``I: text``, ``[00:12:31] I: text``, ``(00:00:12) I:``, ``00:00:12 I:``,
  ``I (00:00:12): text`` and ``I: text #00:01:23-4#`` (f4/f5);
- ``Mette Hansen   0:03`` or ``00:00:03 Speaker 1`` alone on a line, the text on the
  next lines (Teams, Zoom, Otter, Word's Transcribe);
- structure: a bracketed annotation alone on a line (``[pause]``), a heading
  (``Tema 2: Administration``, ``# Opstart``, ``INTRODUKTION``) and a header block
  before the first turn (``Dato: ...``, ``Varighed: ...``).

Whether a label candidate really is a speaker label is decided over the whole file
(:mod:`.transcript`), since a name must recur to count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .speakers import label_key
from .timestamps import BRACKETED, CLOCK, HOURS, LEADING, TRAILING, seconds

# Up to three words, starting with a letter; the colon must be followed by space or
# end of line, so that "kl. 14:30" is not a label. A timestamp may stand between the
# label and its colon: "I (00:00:12): ...".
_NAME = r"[^\W\d_][\w.\-]*(?:[ ][\w.\-]+){0,2}"
LABEL = re.compile(rf"[ \t]*({_NAME})[ \t]*(?:{BRACKETED}[ \t]*)?:(?=\s|$)[ \t]*")
# A speaker name with a time and nothing else on the line: "Mette Hansen   0:03",
# "[Mette Hansen] 10:02:33" (Zoom) or "00:00:03 Speaker 1". Names here have capitalised
# words (or numbers).
_CAPITAL_NAME = (
    r"[^\W\d_a-zæøå][\w.'\-]*,?(?: (?:[^\W\d_a-zæøå][\w.'\-]*,?|\d+|\([^()\n]{1,20}\))){0,3}"
)
# A name alone on a line, after a timestamp alone on a line (Teams' older layout).
NAME_ALONE = re.compile(rf"[ \t]*({_CAPITAL_NAME})")
_TIME = rf"(?:{CLOCK}|{BRACKETED})"
NAME_THEN_TIME = re.compile(rf"[ \t]*\[?({_CAPITAL_NAME})\]?[ \t]+({_TIME})[ \t]*$")
TIME_THEN_NAME = re.compile(rf"[ \t]*({_TIME})[ \t]+({_CAPITAL_NAME})[ \t]*$")
# A bracketed note alone on a line: "[pause]", "(griner)", "[Slut på interview]".
ANNOTATION = re.compile(r"[ \t]*(?:\[[^\[\]\n]*\]|\([^()\n]*\))[ \t]*$")
# Headings: Markdown, or a numbered theme, part or section.
HEADING = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+\S"
    r"|(?i:tema|emne|del|afsnit|section|theme|topic|part)[ \t]*\d+[a-z]?[ \t]*[:.\-–][ \t]*\S)"
)
MAX_HEADING_CHARS = 80
_SENTENCE_END = frozenset(".!?…:;\"'»”)]")


class Line(NamedTuple):
    """One line, read on its own. Offsets are into the line."""

    label: str  # a candidate speaker label, or ""
    start: int  # where the speech starts (after label and leading timestamp)
    end: int  # where it ends (before a trailing timestamp)
    time: float | None = None
    leading_time: bool = False  # the time opens the line, so a new paragraph starts
    structure: bool = False  # annotation or heading: kept in the text, never a paragraph
    name_line: bool = False  # "Name  0:03": a name and a time, the text on the next lines


BLANK = Line("", 0, 0)


def read_line(line: str) -> Line:
    """Classify one line (already stripped of trailing blanks)."""
    if not line:
        return BLANK
    if line[-1].isdigit() or line[-1] in "])":
        special = _special(line)
        if special is not None:
            return special
    indent = len(line) - len(line.lstrip()) if line[0] in " \t" else 0
    head = line[indent]
    if (
        line[-1] not in ".!?"  # no heading ends a sentence; most lines do
        and (head.isupper() or head == "#")
        and len(line) <= MAX_HEADING_CHARS
        and is_heading(line)
    ):
        return Line("", len(line), len(line), structure=True)
    return read_speech(line, indent)


def read_speech(line: str, indent: int | None = None) -> Line:
    """Read a line as a label and speech, or speech alone, with any timestamps."""
    start = len(line) - len(line.lstrip()) if indent is None else indent
    time, leading = None, False
    if line[start] in "[(" or line[start].isdigit():
        stamp = LEADING.match(line)
        stamp_time = _stamp_time(stamp) if stamp else None
        if stamp and stamp_time is not None:
            rest = line[stamp.end() :]
            if stamp.group(1) or HOURS.fullmatch(stamp.group(2)) or LABEL.match(rest):
                start, time, leading = stamp.end(), stamp_time, True
    label = ""
    match = LABEL.match(line, start)
    if match:
        label, start = match.group(1), match.end()
        if match.group(2) and time is None:
            time, leading = seconds(match.group(2)), True
    end = len(line)
    if line[-1] in "])#":
        trailing = TRAILING.search(line, start)
        if trailing:
            end = trailing.start()
            if time is None:
                found = trailing.group(1) or trailing.group(3)
                time = seconds(found, trailing.group(2) if trailing.group(1) else None)
    return Line(label, start, max(end, start), time, leading)


def _special(line: str) -> Line | None:
    """A speaker-and-time line, a timestamp alone, or an annotation; None for others."""
    named = NAME_THEN_TIME.match(line)
    name, stamp = (named.group(1), named.group(2)) if named else ("", "")
    if not named and (named := TIME_THEN_NAME.match(line)):
        stamp, name = named.group(1), named.group(named.re.groups)
    time = _clock_time(stamp) if named else None
    if time is not None:
        return Line(name, len(line), len(line), time, True, name_line=True)
    stamp_match = LEADING.match(line)
    if stamp_match and stamp_match.end() == len(line):
        time = _stamp_time(stamp_match)
        if time is not None:
            return Line("", len(line), len(line), time, True, structure=True)
    if ANNOTATION.match(line):
        return Line("", len(line), len(line), structure=True)
    return None


def is_heading(line: str) -> bool:
    """A Markdown or numbered heading, or a short line in capitals ("INTRODUKTION")."""
    if len(line) > MAX_HEADING_CHARS:
        return False
    if HEADING.match(line):
        return line[-1] not in ".!?"  # "Del 3. gang gik bedre." is speech
    return (
        line.isupper()
        and sum(c.isalpha() for c in line) >= 4
        and line[-1] not in ".!?:"
        and not LABEL.match(line)
    )


def _stamp_time(stamp: re.Match[str]) -> float | None:
    return seconds(stamp.group(1) or stamp.group(2))


def _clock_time(text: str) -> float | None:
    match = re.fullmatch(rf"[\[(]?[ \t]*({CLOCK}).*", text)
    return seconds(match.group(1)) if match else None


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (or a clause that a new line may not continue)."""
    return text[-1:] in _SENTENCE_END


def continues(previous: str, line: str, wrapped: bool = False) -> bool:
    """Whether ``line`` is a hard wrap of ``previous``: the previous line ends mid-sentence,
    and this one starts in lower case or with a number, or the previous ends with a comma
    or a dash. In a ``wrapped`` text (:func:`hard_wrapped`) a line starting with a
    capital goes on too ("... og så ringer" + "Mette til virksomheden.")."""
    if not previous or ends_sentence(previous):
        return False
    first = line.lstrip()[:1]
    return (
        first.islower() or first.isdigit() or previous[-1] in ",-–" or (wrapped and first.isalpha())
    )


# The start of a numbered heading, whatever follows: "Tema 2", "del 3".
HEADING_START = re.compile(r"[ \t]*(?i:tema|emne|del|afsnit|section|theme|topic|part)[ \t]*\d")
PROBE_CHARS = 200


def may_join(head: str, line: str) -> bool:
    """Whether ``line`` may be joined to the line that starts with ``head``.

    Joined, the line must read as ``head`` does, also when it is read again with more
    lines joined to it, so the rules look only at ``head`` and the start of ``line``:
    a line starting with an open bracket or '#', one without a lower-case letter, or one that
    is only capitalised words could turn into an annotation, a heading or a name-and-time
    line; a numbered heading's start or a new label or timestamp must not appear.
    """
    text = head.lstrip()
    if not text or text[0] == "#" or not any(c.islower() for c in text):
        return False
    if (text[0] == "[" and "]" not in text) or (text[0] == "(" and ")" not in text):
        return False  # "(og så" + "videre)" would read as an annotation
    stamp = LEADING.match(head)
    if NAME_ALONE.fullmatch(head[stamp.end() :] if stamp else head):
        return False
    probe = f"{head[:PROBE_CHARS]} {line[:PROBE_CHARS]}"
    if HEADING_START.match(probe):
        return False
    before, after = read_speech(head[:PROBE_CHARS]), read_speech(probe)
    return (before.label, before.start, before.leading_time) == (
        after.label,
        after.start,
        after.leading_time,
    )


# Share of speech lines ending mid-sentence above which a text is hard-wrapped.
WRAPPED_SHARE = 0.5
MIN_WRAPPED_LINES = 6


def hard_wrapped(lines: Sequence[str], read: Sequence[Line]) -> bool:
    """Whether most lines of speech end mid-sentence, as in a typist's text broken at a
    fixed width (joining lines only makes that share smaller, so the answer is stable
    when the joined text is read again)."""
    ends = [
        ends_sentence(line[: r.end])
        for line, r in zip(lines, read, strict=True)
        if r.start < r.end and not r.structure
    ]
    return len(ends) >= MIN_WRAPPED_LINES and ends.count(False) >= WRAPPED_SHARE * len(ends)


# -- header blocks ------------------------------------------------------------------

# Keys of a header block before the first turn; speaker keys also label turns, so a
# block needs at least one key of the other kind.
SPEAKER_KEYS = frozenset(
    "interviewer intervieweren interviewperson informant respondent deltager deltagere "
    "participant participants moderator facilitator".split()
)
HEADER_KEYS = (
    SPEAKER_KEYS
    | frozenset(
        "dato date tid tidspunkt time varighed duration længde length sted location place "
        "lokation transskribent transcriber transskription "
        "lydfil fil file audio projekt project emne topic titel title interview kode id "
        "region rolle role optaget recorded".split()
    )
    | {"transskriberet af", "transcribed by", "interviewet af", "interviewed by"}
)
MAX_HEADER_VALUE = 80
_KEY_VALUE = re.compile(r"[ \t]*([^\W\d_][\w.\- ]{0,30}?)[ \t]*:(?:[ \t]+(.*))?$")
MAX_TITLE_LINES = 3
MAX_NAME_WORDS = 4


def header_end(lines: Sequence[str]) -> int:
    """The number of lines that a header block at the top takes (0 if there is none).

    The block is a run of ``Key: value`` lines with keys from :data:`HEADER_KEYS`,
    perhaps after a title line or two and blank lines, ended by the first other line.
    It needs a key that is not a speaker's (``Dato``), or else two or more speaker keys
    with names for values (``Interviewer: AB``, ``Informant: Jobkonsulent``) and a
    blank line after them.
    """
    last, titles, facts, names = -1, 0, False, True
    seen: set[str] = set()
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        match = _KEY_VALUE.match(line)
        key = label_key(match.group(1)) if match else ""
        value = (match.group(2) or "").strip() if match else ""
        if key in HEADER_KEYS and key not in seen and _header_value(key, value):
            seen.add(key)
            facts = facts or key not in SPEAKER_KEYS
            names = names and (key not in SPEAKER_KEYS or _is_name(value))
            last = number
        elif last < 0 and not match and titles < MAX_TITLE_LINES and _plain(line):
            titles += 1
        else:
            break
    blank_after = 0 <= last < len(lines) - 1 and not lines[last + 1].strip()
    return last + 1 if facts or (len(seen) >= 2 and names and blank_after) else 0


def _plain(line: str) -> bool:
    """A line that starts no turn: no label, no timestamp (a title)."""
    read = read_line(line)
    return not (read.label or read.name_line or read.time is not None)


def _header_value(key: str, value: str) -> bool:
    if len(value) > MAX_HEADER_VALUE:
        return False
    return key not in SPEAKER_KEYS or not value.endswith("?")


def _is_name(value: str) -> bool:
    """A name or role, not a sentence: a few words, no sentence end."""
    return bool(value) and len(value.split()) <= MAX_NAME_WORDS and value[-1] not in ".!?…"
