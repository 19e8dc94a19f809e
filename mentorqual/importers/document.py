"""The raw text of one transcript file, before parsing."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    """Decoded text of a file, one line per paragraph, plus warnings met while reading."""

    text: str
    source_format: str
    warnings: list[str] = field(default_factory=list)
