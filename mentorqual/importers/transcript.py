"""Turn decoded transcript text into a canonical text with speaker turns and paragraphs.

Format: optional YAML front matter, then lines. ``LABEL:`` at the start of a line
begins a speaker turn; every non-empty line is one paragraph of the current turn.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError, where
from ..types import Paragraph, Role, Transcript
from .document import Document
from .metadata import finish_attributes, merge_attributes, split_front_matter

DEFAULT_INTERVIEWER_LABELS = ("I", "Int", "Interviewer", "Intervieweren")

# Respondent labels common in Danish transcripts; any other label must recur to count.
KNOWN_RESPONDENT_LABELS = frozenset(
    "ip r b d respondent respondenten informant informanten interviewperson deltager "
    "jobkonsulent jobkonsulenten jk konsulent konsulenten".split()
)
# Words that start a line with a colon in ordinary speech ("Fx: hvis borgeren ...").
NOT_LABELS = frozenset(
    "fx f.eks f.eks. eks eks. eksempel altså nb n.b. obs obs. note dvs dvs. bl.a bl.a. "
    "pkt pkt. ps p.s. mvh og men så nå ja nej citat".split()
)

# Up to three words, starting with a letter; the colon must be followed by space or
# end of line, so that "kl. 14:30" is not a label.
_LABEL = re.compile(r"^[ \t]*([^\W\d_][\w.\-]*(?:[ ][\w.\-]+){0,2})[ \t]*:(?=\s|$)[ \t]*")
_WORD = re.compile(r"\w+")

# spaCy refuses a text over 1,000,000 characters (nlp.max_length) and the tagger holds
# one Doc per paragraph; a transcribed paragraph is rarely over 5,000 characters.
MAX_PARAGRAPH_CHARS = 100_000


def canonical(text: str) -> str:
    """NFC-normalise and use LF line endings."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def count_words(text: str) -> int:
    """Words as mentorqual counts them: runs of letters and digits."""
    return len(_WORD.findall(text))


def parse_transcript(
    document: Document,
    path: Path,
    *,
    metadata: dict[str, str] | None = None,
    metadata_path: Path | None = None,
    interviewer_labels: Iterable[str] = DEFAULT_INTERVIEWER_LABELS,
    attributes: dict[str, str] | None = None,
    labels_required: bool = True,
) -> Transcript:
    """Parse a decoded document into a :class:`Transcript`.

    ``attributes``, when given, are the interview's final attributes (with
    ``interview``; ``region`` may be empty): the text then has no front matter. With
    ``labels_required`` false, a text without speaker labels is one respondent turn.
    """
    if not document.text.strip():
        raise InputError(f"{path}: the file is empty")
    if attributes is None:
        front, body, before = split_front_matter(canonical(document.text), path)
        attributes = finish_attributes(
            merge_attributes(metadata or {}, metadata_path, front, path), path
        )
    else:
        body, before = canonical(document.text), 0
    lines = [line.rstrip() for line in body.split("\n")]
    first = next((i for i, line in enumerate(lines) if line), len(lines))
    last = max((i for i, line in enumerate(lines) if line), default=-1)
    text = "\n".join(lines[first : last + 1])
    if not text:
        raise InputError(f"{path}: the transcript is empty")
    paragraphs = _paragraphs(text, {label.casefold() for label in interviewer_labels})
    if not paragraphs and not labels_required:
        paragraphs = _unlabelled(text)
    if not paragraphs:
        raise InputError(
            f"{path}: no speaker labels found; each turn must start with a label "
            "such as 'I:' or 'IP:'"
        )
    if not any(p.role == "respondent" for p in paragraphs):
        raise InputError(f"{path}: no respondent speech; every label is an interviewer label")
    _check_length(
        paragraphs, text, path, before + first if document.source_format == "txt" else None
    )
    return Transcript(
        interview=attributes["interview"],
        attributes=attributes,
        text=text,
        source=path,
        source_format=document.source_format,
        paragraphs=paragraphs,
        warnings=list(document.warnings),
    )


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


def _paragraphs(text: str, interviewer: set[str]) -> list[Paragraph]:
    lines = text.split("\n")
    candidates = [_LABEL.match(line) for line in lines]
    counts = Counter(m.group(1).casefold() for m in candidates if m)

    def is_label(label: str) -> bool:
        key = label.casefold()
        if key in interviewer or key in KNOWN_RESPONDENT_LABELS:
            return True
        return key not in NOT_LABELS and counts[key] >= 2

    paragraphs: list[Paragraph] = []
    speaker, turn, position = "", 0, 0
    role: Role = "respondent"
    for line, match in zip(lines, candidates, strict=True):
        content = len(line) - len(line.lstrip())
        if match and is_label(match.group(1)):
            speaker = match.group(1)
            role = "interviewer" if speaker.casefold() in interviewer else "respondent"
            turn += 1
            content = match.end()
        if turn and content < len(line):
            paragraphs.append(
                Paragraph(
                    locator=f"p{len(paragraphs) + 1}",
                    turn=turn,
                    speaker=speaker,
                    role=role,
                    start=position + content,
                    end=position + len(line),
                )
            )
        position += len(line) + 1
    return paragraphs


def canonical_with_offsets(raw: str) -> tuple[str, list[int]]:
    """The text as :func:`parse_transcript` stores it (LF line endings, NFC, lines
    without trailing blanks, no blank lines at either end), and for every code-point
    offset of ``raw`` (0 to len) its offset in that text."""
    lines: list[str] = []
    starts: list[int] = []  # raw offset of each line
    local: list[list[int]] = []  # per line: raw offset within the line -> canonical one
    for match in re.finditer(r"([^\r\n]*)(\r\n|\r|\n|$)", raw):
        if match.start() == len(raw) and lines and not match.group(1):
            break
        content = match.group(1)
        nfc = unicodedata.normalize("NFC", content)
        kept = len(nfc.rstrip())
        if nfc == content:
            positions = [min(k, kept) for k in range(len(content) + 1)]
        else:
            positions = [
                min(len(unicodedata.normalize("NFC", content[:k])), kept)
                for k in range(len(content) + 1)
            ]
        positions += [kept] * len(match.group(2))
        lines.append(nfc[:kept])
        starts.append(match.start())
        local.append(positions)
    nonblank = [i for i, line in enumerate(lines) if line]
    first, last = (nonblank[0], nonblank[-1]) if nonblank else (0, -1)
    text = "\n".join(lines[first : last + 1])
    offsets = [0] * (len(raw) + 1)
    position = 0  # canonical offset of the current line's start
    for i, (start, positions) in enumerate(zip(starts, local, strict=True)):
        for k, p in enumerate(positions):
            if i < first:
                value = 0
            elif i > last:
                value = len(text)
            else:
                value = position + p
            if start + k <= len(raw):
                offsets[start + k] = value
        if first <= i <= last:
            position += len(lines[i]) + 1
    return text, offsets
