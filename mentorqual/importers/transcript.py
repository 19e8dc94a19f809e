"""Turn decoded transcript text into a canonical text with speaker turns and paragraphs.

Format: optional YAML front matter, then lines (:mod:`.lines` says what a line can
be). A speaker label begins a turn. Within a turn a blank line, a label or a timestamp
starts a new paragraph, and a hard-wrapped line is joined to the one before it (in the
canonical text the line break becomes a space, so offsets do not move). Headings,
annotations alone on a line and a header block before the first turn are structure:
kept in the text, never a paragraph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, where
from ..types import Paragraph, Role, Transcript
from .canonical import canonical, canonical_with_offsets, count_words
from .document import Document
from .lines import (
    NAME_ALONE,
    Line,
    continues,
    hard_wrapped,
    header_end,
    may_join,
    read_line,
    read_speech,
)
from .metadata import finish_attributes, merge_attributes, split_front_matter
from .speakers import (
    DEFAULT_INTERVIEWER_LABELS,
    KNOWN_RESPONDENT_LABELS,
    NOT_LABELS,
    interviewer_keys,
    label_key,
    questioner,
)

__all__ = [
    "DEFAULT_INTERVIEWER_LABELS",
    "KNOWN_RESPONDENT_LABELS",
    "MAX_PARAGRAPH_CHARS",
    "NOT_LABELS",
    "canonical",
    "canonical_with_offsets",
    "count_words",
    "parse_transcript",
]

# spaCy refuses a text over 1,000,000 characters (nlp.max_length) and the tagger holds
# one Doc per paragraph; a transcribed paragraph is rarely over 5,000 characters.
MAX_PARAGRAPH_CHARS = 100_000
# How much of a joined line's start is kept to decide whether the next line may join it.
HEAD_CHARS = 300
NO_LABELS = "no speaker labels found"
LABEL_HINT = "each turn must start with a label such as 'I:' or 'IP:'"


@dataclass(slots=True)
class _Draft:
    """A paragraph before its side is known."""

    turn: int
    speaker: str
    start: int
    end: int
    time: float | None


@dataclass
class _Segments:
    drafts: list[_Draft]
    joins: list[int]  # offsets of line breaks that are hard wraps


def parse_transcript(
    document: Document,
    path: Path,
    *,
    metadata: dict[str, str] | None = None,
    metadata_path: Path | None = None,
    interviewer_labels: Iterable[str] = DEFAULT_INTERVIEWER_LABELS,
    attributes: dict[str, str] | None = None,
    labels_required: bool = True,
    no_row_in: Path | None = None,
) -> Transcript:
    """Parse a decoded document into a :class:`Transcript`.

    ``interviewer_labels`` add to :data:`DEFAULT_INTERVIEWER_LABELS`. When no label
    in the file is an interviewer's, the speaker who mostly asks questions is taken as
    the interviewer, with a warning. ``attributes``, when given, are the interview's
    final attributes (with ``interview``; ``region`` may be empty): the text then has
    no front matter. With ``labels_required`` false, a text without speaker labels is
    one respondent turn. ``no_row_in`` names the metadata file beside the transcript
    that has no row for it, for the warning when the region is then unknown.
    """
    if not document.text.strip():
        raise InputError(f"{path}: the file is empty")
    warnings = list(document.warnings)
    if attributes is None:
        front, body, before = split_front_matter(canonical(document.text), path)
        merged = merge_attributes(metadata or {}, metadata_path, front, path)
        attributes = finish_attributes(merged, path, warnings, no_row_in)
    else:
        body, before = canonical(document.text), 0
    lines, first = _trimmed(body)
    text = "\n".join(lines)
    if not text:
        raise InputError(f"{path}: the transcript is empty")
    marked = {n - before - first for n in document.structure}
    keys = interviewer_keys(interviewer_labels)
    segments = _segment(lines, marked, keys, document.speakers)
    if not segments.drafts and not labels_required:
        paragraphs = _unlabelled(text)
    else:
        if not segments.drafts:
            raise InputError(f"{path}: {_no_labels(lines)}")
        paragraphs = _paragraphs(
            segments.drafts, _sides(segments.drafts, text, keys, path, warnings)
        )
    if not any(p.role == "respondent" for p in paragraphs):
        raise InputError(f"{path}: no respondent speech; every label is an interviewer label")
    _check_length(
        paragraphs, text, path, before + first if document.source_format == "txt" else None
    )
    return Transcript(
        interview=attributes["interview"],
        attributes=attributes,
        text=_join(text, segments.joins),
        source=path,
        source_format=document.source_format,
        paragraphs=paragraphs,
        warnings=warnings,
    )


def _trimmed(body: str) -> tuple[list[str], int]:
    """The lines without trailing blanks and without blank lines at either end, and the
    number of lines left out at the start."""
    lines = [line.rstrip() for line in body.split("\n")]
    first = next((i for i, line in enumerate(lines) if line), len(lines))
    last = max((i for i, line in enumerate(lines) if line), default=-1)
    return lines[first : last + 1], first


def _segment(
    lines: Sequence[str], marked: set[int], interviewer: frozenset[str], speakers: frozenset[str]
) -> _Segments:
    """Read the lines into draft paragraphs with their turns and speakers."""
    read = _read_lines(lines, marked, interviewer, speakers)
    wrapped = hard_wrapped(lines, read)
    drafts: list[_Draft] = []
    joins: list[int] = []
    turn, speaker, position = 0, "", 0
    pending: float | None = None  # a time for the next paragraph ("Name  0:03")
    previous = ""  # the speech of the line before, while its paragraph may go on
    joined = ""  # the start of the open paragraph's line, wraps joined
    for line, r in zip(lines, read, strict=True):
        if r.label:
            turn, speaker = turn + 1, r.label
        if not turn or r.start == r.end or r.structure:
            # No speech: a blank line, structure, or a label or timestamp alone.
            previous = ""
            pending = r.time if r.time is not None else pending
        else:
            speech = line[r.start : r.end]
            if (
                not r.label
                and not r.leading_time
                and continues(previous, speech, wrapped)
                and may_join(joined, line)
            ):
                joins.append(position - 1)
                last = drafts[-1]
                last.end = position + r.end
                last.time = last.time if last.time is not None else r.time
                joined = f"{joined} {line}"[:HEAD_CHARS]
            else:
                time = r.time if r.time is not None else pending
                drafts.append(_Draft(turn, speaker, position + r.start, position + r.end, time))
                pending = None
                joined = line[:HEAD_CHARS]
            previous = "" if r.end < len(line) else speech  # a trailing timestamp ends it
        position += len(line) + 1
    return _Segments(drafts, joins)


def _read_lines(
    lines: Sequence[str], marked: set[int], interviewer: frozenset[str], speakers: frozenset[str]
) -> list[Line]:
    """Each line read; a label candidate that is no speaker label is read as speech.

    A label counts if it is an interviewer's or a common respondent label, a name the
    reader knows as a speaker, or if it starts at least two lines.
    """
    header = header_end(lines)
    read = [
        Line("", len(line), len(line), structure=True)
        if number < header or number in marked
        else read_line(line)
        for number, line in enumerate(lines)
    ]
    for number in range(1, len(lines)):
        if read[number - 1].structure and read[number - 1].time is not None:
            name = NAME_ALONE.fullmatch(lines[number])
            if name and not read[number].label and not read[number].structure:
                end = len(lines[number])
                read[number] = Line(name.group(1), end, end, None, True, name_line=True)
    counts: Counter[str] = Counter()
    for label, times in Counter(r.label for r in read if r.label).items():
        counts[label_key(label)] += times

    known: dict[str, bool] = {}

    def is_label(label: str) -> bool:
        if label not in known:
            key = label_key(label)
            known[label] = (
                key in interviewer
                or key in KNOWN_RESPONDENT_LABELS
                or label in speakers
                or (key not in NOT_LABELS and counts[key] >= 2)
            )
        return known[label]

    return [
        _as_speech(line, r) if r.label and not is_label(r.label) else r
        for line, r in zip(lines, read, strict=True)
    ]


def _as_speech(line: str, read: Line) -> Line:
    """A line whose label candidate is no label, read as speech."""
    if read.name_line:
        read = read_speech(line)
        if not read.label:
            return read
    indent = len(line) - len(line.lstrip())
    start = indent
    if read.leading_time:
        start = line.index(read.label, indent)
    return Line("", start, read.end, read.time, read.leading_time)


def _sides(
    drafts: list[_Draft], text: str, interviewer: frozenset[str], path: Path, warnings: list[str]
) -> dict[str, Role]:
    """The side of each speaker; the questioner when no interviewer label is there."""
    speakers = {d.speaker for d in drafts}
    askers = {s for s in speakers if label_key(s) in interviewer}
    if not askers and len(speakers) > 1:
        turns: dict[int, tuple[str, list[str]]] = {}
        for d in drafts:
            turns.setdefault(d.turn, (d.speaker, []))[1].append(text[d.start : d.end])
        asker = questioner([(s, " ".join(parts)) for s, parts in turns.values()])
        if asker is not None:
            askers = {asker}  # "Speaker 1" and "Speaker 2" are two people
            warnings.append(
                f"{path}: no interviewer label found; {asker!r} asks most of the questions "
                "and is taken as the interviewer (name the interviewer's label with "
                "--interviewer-label if that is wrong)"
            )
    return {s: "interviewer" if s in askers else "respondent" for s in speakers}


def _paragraphs(drafts: list[_Draft], sides: dict[str, Role]) -> list[Paragraph]:
    return [
        Paragraph(f"p{n}", d.turn, d.speaker, sides[d.speaker], d.start, d.end, d.time)
        for n, d in enumerate(drafts, start=1)
    ]


def _join(text: str, joins: list[int]) -> str:
    """The text with the hard-wrap line breaks at ``joins`` made spaces."""
    if not joins:
        return text
    parts: list[str] = []
    before = 0
    for offset in joins:
        parts += [text[before:offset], " "]
        before = offset + 1
    parts.append(text[before:])
    return "".join(parts)


def _no_labels(lines: Sequence[str]) -> str:
    """The error for a text without speaker labels, saying what its lines look like."""
    read = [read_line(line) for line in lines]
    stamped = [line.strip() for line, r in zip(lines, read, strict=True) if r.leading_time]
    if stamped:
        stamp = stamped[0].split()[0]
        return (
            f"{NO_LABELS}; lines start with timestamps like {stamp!r} but no speaker label "
            f"follows them; {LABEL_HINT}, as in '{stamp} I: ...'"
        )
    once = [r.label for r in read if r.label and label_key(r.label) not in NOT_LABELS]
    if once:
        return (
            f"{NO_LABELS}; {once[0] + ':'!r} starts only one line, and a name must start "
            f"at least two to count as a speaker; {LABEL_HINT}"
        )
    return f"{NO_LABELS}; {LABEL_HINT}"


def _check_length(
    paragraphs: list[Paragraph], text: str, path: Path, lines_before: int | None
) -> None:
    """Refuse a paragraph over :data:`MAX_PARAGRAPH_CHARS`; name its line in a text file
    (``lines_before`` is the number of file lines before ``text``)."""
    longest = max(paragraphs, key=lambda p: p.end - p.start)
    size = longest.end - longest.start
    if size <= MAX_PARAGRAPH_CHARS:
        return
    line = None if lines_before is None else lines_before + text.count("\n", 0, longest.start) + 1
    raise InputError(
        f"{where(path, line)}: paragraph {longest.locator} has {size:,} characters, "
        f"more than {MAX_PARAGRAPH_CHARS:,}; break it into shorter paragraphs"
    )


def _unlabelled(text: str) -> list[Paragraph]:
    """Every non-empty line as a paragraph of one respondent turn with no speaker."""
    paragraphs: list[Paragraph] = []
    position = 0
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        if indent < len(line):
            paragraphs.append(
                Paragraph(
                    f"p{len(paragraphs) + 1}",
                    1,
                    "",
                    "respondent",
                    position + indent,
                    position + len(line),
                )
            )
        position += len(line) + 1
    return paragraphs
