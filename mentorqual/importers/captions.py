"""Captions from Teams, Zoom and transcription services: WebVTT (.vtt, via webvtt-py)
and SubRip (.srt, via srt).

A cue's speaker is its voice (``<v Mette Hansen>``) or a ``Name:`` at its start (as
Zoom writes it); a cue without one continues the speaker before. Consecutive cues of
one speaker are one turn, written ``[00:00:03] Name: text``; a long turn is broken
into paragraphs at a sentence end, each with the time of its first cue.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .document import Document, DocumentBuilder
from .lines import LABEL, ends_sentence
from .speakers import NOT_LABELS, label_key
from .tables import KNOWN_LABELS, speaker_label
from .timestamps import clock
from .txt import read_txt

# A turn longer than this starts a new paragraph at the next sentence end.
PARAGRAPH_CHARS = 800
_TAG = re.compile(r"<[^>]*>")
_VOICE = re.compile(r"<v(?:\.[\w\-]+)*[ \t]+([^>]+)>")


@dataclass(frozen=True)
class Cue:
    """One caption line: when it starts (seconds), its voice if it has one, its text."""

    start: float
    voice: str | None
    text: str


def read_vtt(path: Path) -> Document:
    """Read a WebVTT file as speaker turns."""
    import webvtt  # webvtt-py; imported here so that plain-text imports stay light
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    decoded = read_txt(path)
    try:
        captions = webvtt.WebVTT.from_string(decoded.text).captions
    except (MalformedFileError, MalformedCaptionError) as exc:
        raise InputError(f"{path}: not a valid WebVTT (.vtt) file ({exc})") from None
    cues: list[Cue] = []
    for caption in captions:
        for line in caption.lines:
            voice = _VOICE.match(line)
            text = html.unescape(_TAG.sub("", line)).strip()
            if text:
                cues.append(Cue(caption.start_time.in_seconds(), voice and voice.group(1), text))
    return _document(cues, "vtt", decoded.warnings)


def read_srt(path: Path) -> Document:
    """Read a SubRip file as speaker turns."""
    import srt  # imported here so that plain-text imports stay light

    decoded = read_txt(path)
    try:
        subtitles = list(srt.parse(decoded.text))
    except (srt.SRTParseError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a valid SubRip (.srt) file ({reason})") from None
    cues = [
        Cue(subtitle.start.total_seconds(), None, text)
        for subtitle in subtitles
        for line in subtitle.content.split("\n")
        if (text := html.unescape(_TAG.sub("", line)).strip())
    ]
    return _document(cues, "srt", decoded.warnings)


def _document(cues: list[Cue], source_format: str, warnings: Iterable[str]) -> Document:
    """Consecutive cues of one speaker as one turn."""
    builder = DocumentBuilder(source_format)
    builder.warnings.extend(warnings)
    turns: list[tuple[str, list[Cue]]] = []
    for speaker, cue in _speakers(cues):
        if turns and speaker in ("", turns[-1][0]):
            turns[-1][1].append(cue)
        else:
            turns.append((speaker, [cue]))
    for speaker, turn in turns:
        for number, (start, text) in enumerate(_paragraphs(turn)):
            builder.add_turn(speaker if number == 0 else "", text, clock(start))
    return builder.document()


def _speakers(cues: list[Cue]) -> list[tuple[str, Cue]]:
    """Each cue's speaker ("" when it continues the one before), its text without the
    ``Name:`` that named the speaker. A name that is not a common label must recur, so
    that "Altså: ..." is speech."""
    prefixes = [LABEL.match(cue.text) if cue.voice is None else None for cue in cues]
    counts = Counter(label_key(m.group(1)) for m in prefixes if m)
    named: list[tuple[str, Cue]] = []
    for cue, match in zip(cues, prefixes, strict=True):
        if cue.voice:
            named.append((speaker_label(cue.voice), cue))
        elif match and _is_speaker(label_key(match.group(1)), counts):
            rest = cue.text[match.end() :]
            named.append((speaker_label(match.group(1)), Cue(cue.start, None, rest)))
        else:
            named.append(("", cue))
    return named


def _is_speaker(key: str, counts: Counter[str]) -> bool:
    return key in KNOWN_LABELS or (key not in NOT_LABELS and counts[key] >= 2)


def _paragraphs(turn: list[Cue]) -> list[tuple[float, str]]:
    """The cues' texts joined into paragraphs of about :data:`PARAGRAPH_CHARS`."""
    paragraphs: list[tuple[float, list[str]]] = []
    size = PARAGRAPH_CHARS
    for cue in turn:
        if not cue.text:
            continue
        if size >= PARAGRAPH_CHARS and (not paragraphs or ends_sentence(paragraphs[-1][1][-1])):
            paragraphs.append((cue.start, []))
            size = 0
        paragraphs[-1][1].append(cue.text)
        size += len(cue.text) + 1
    return [(start, " ".join(texts)) for start, texts in paragraphs]
