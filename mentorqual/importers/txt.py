"""Plain-text transcripts: UTF-8 (with or without BOM), UTF-16 with BOM, cp1252 fallback."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError
from .document import Document


def read_txt(path: Path) -> Document:
    """Decode a .txt transcript; a non-UTF-8 file falls back to cp1252 with a warning."""
    data = path.read_bytes()
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Word's "Unicode text" export.
        try:
            return Document(data.decode("utf-16"), "txt", warnings)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: unreadable UTF-16 text ({exc.reason})") from None
    if b"\x00" in data:
        raise InputError(f"{path}: not a text file (it contains binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                f"{path}: unreadable encoding (neither UTF-8 nor cp1252); save it as UTF-8"
            ) from None
        line = data[: exc.start].count(b"\n") + 1
        warnings.append(f"{path}, line {line}: not valid UTF-8; read as cp1252 (Windows)")
    return Document(text, "txt", warnings)
