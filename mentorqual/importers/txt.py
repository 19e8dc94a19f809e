"""Plain-text transcripts: UTF-8 (with or without BOM), UTF-16 (with a BOM, or without
one when the zero bytes give it away), and cp1252 for lines that are not UTF-8."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from .document import Document, read_bytes

MAX_LISTED_LINES = 5
# Characters that are not text: C0 controls other than tab and line breaks, and the
# noncharacters U+FFFE and U+FFFF. Spreadsheets and Word files cannot hold them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
# Vertical tab and form feed are line and page breaks in some word processors' plain
# text; a stray BOM (from files joined together) is not text.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\ufeff": None})


def read_txt(path: Path) -> Document:
    """Decode a .txt transcript; lines that are not UTF-8 are read as cp1252, with a
    warning that names them."""
    data = read_bytes(path)
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Word's "Unicode text" export.
        text = _decode_utf16(data, "utf-16", path)
    elif encoding := _utf16_without_bom(data):
        text = _decode_utf16(data, encoding, path)
        endian = "little" if encoding.endswith("le") else "big"
        warnings.append(f"{path}: no byte-order mark; read as UTF-16 ({endian}-endian)")
    elif b"\x00" in data:
        raise _binary(path)
    else:
        text = _utf8_or_cp1252(data, path, warnings)
    text = text.translate(_BREAKS)
    control = _CONTROL.search(text)
    if control:
        if control.group() == "\x00":
            raise _binary(path)
        raise InputError(
            f"{path}, line {_line(text, control.start())}: not a text file "
            f"(it contains the control character U+{ord(control.group()):04X})"
        )
    return Document(text, "txt", warnings)


def _binary(path: Path) -> InputError:
    return InputError(f"{path}: not a text file (it contains binary data)")


def _decode_utf16(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: unreadable UTF-16 text ({exc.reason})") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` if the zero bytes show UTF-16 without a BOM:
    text in the Latin alphabet has a zero high byte in nearly every code unit."""
    if len(data) < 4 or len(data) % 2:
        return None
    units = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > units / 2 and even <= units / 100:
        return "utf-16-le"
    if even > units / 2 and odd <= units / 100:
        return "utf-16-be"
    return None


def _utf8_or_cp1252(data: bytes, path: Path, warnings: list[str]) -> str:
    """Decode UTF-8; failing that, line by line, so that a file joined from a UTF-8
    and a cp1252 (Windows) file reads right."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines: list[str] = []
    cp1252: list[int] = []
    utf8 = data.startswith(codecs.BOM_UTF8)  # seen evidence of UTF-8
    for number, raw in enumerate(data.removeprefix(codecs.BOM_UTF8).split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
            utf8 = utf8 or not raw.isascii()
        except UnicodeDecodeError:
            try:
                lines.append(raw.decode("cp1252"))
            except UnicodeDecodeError:
                raise InputError(
                    f"{path}: unreadable encoding (neither UTF-8 nor cp1252); save it as UTF-8"
                ) from None
            cp1252.append(number)
    if not utf8:
        warnings.append(f"{path}, line {cp1252[0]}: not valid UTF-8; read as cp1252 (Windows)")
    else:
        listed = ", ".join(str(n) for n in cp1252[:MAX_LISTED_LINES])
        more = len(cp1252) - MAX_LISTED_LINES
        where = f"line {listed}" if len(cp1252) == 1 else f"lines {listed}"
        warnings.append(
            f"{path}, {where}{f' and {more} more' if more > 0 else ''}: not valid UTF-8, "
            "unlike the rest of the file; read as cp1252 (Windows)"
        )
    return "\n".join(lines)


def _line(text: str, position: int) -> int:
    """The 1-based line of ``position``, counting CR LF, LF and CR line endings."""
    before = text[:position]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1
