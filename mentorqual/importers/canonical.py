"""The canonical text of a transcript: NFC, LF line endings, lines without trailing
blanks, and the offsets that map a raw text onto it."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")


def canonical(text: str) -> str:
    """NFC-normalise and use LF line endings."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def count_words(text: str) -> int:
    """Words as mentorqual counts them: runs of letters and digits."""
    return len(_WORD.findall(text))


def canonical_with_offsets(raw: str) -> tuple[str, list[int]]:
    """The text as the transcript parser reads it (LF line endings, NFC, lines without
    trailing blanks, no blank lines at either end), and for every code-point offset of
    ``raw`` (0 to len) its offset in that text. (The parser then joins hard-wrapped
    lines, a line break becoming a space, which moves no offset.)"""
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
