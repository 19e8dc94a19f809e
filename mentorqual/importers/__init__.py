"""Importers: files in, plain :class:`~mentorqual.types.Transcript` records out.

One module per format; the importer is picked by file suffix. Nothing here touches
the project database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import InputError
from ..types import Transcript
from .codings import read_codings_csv
from .document import Document
from .metadata import METADATA_FILE, REGIONS, normalise_region, read_metadata_csv
from .transcript import DEFAULT_INTERVIEWER_LABELS, canonical, count_words, parse_transcript
from .txt import read_txt
from .word import read_docx

READERS: dict[str, Callable[[Path], Document]] = {".txt": read_txt, ".docx": read_docx}

__all__ = [
    "DEFAULT_INTERVIEWER_LABELS",
    "READERS",
    "REGIONS",
    "canonical",
    "count_words",
    "find_transcripts",
    "normalise_region",
    "read_codings_csv",
    "read_transcript",
]


def find_transcripts(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders (recursively) into transcript files, in a stable order.

    Folders named ``codings`` hold codings, not transcripts, and are skipped; so are
    hidden files and Word's ``~$`` lock files.
    """
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                if (
                    child.is_file()
                    and child.suffix.lower() in READERS
                    and "codings" not in parts[:-1]
                    and not any(p.startswith((".", "~$")) for p in parts)
                ):
                    found.append(child)
        elif not path.is_file():
            # A device or a pipe named .txt would never end, or never start.
            raise InputError(f"{path}: not a regular file")
        elif path.suffix.lower() in READERS:
            found.append(path)
        else:
            raise InputError(
                f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
                f"expected {', '.join(READERS)}"
            )
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    if not unique:
        raise InputError(
            f"{', '.join(str(p) for p in paths)}: no transcripts ({', '.join(READERS)}) found"
        )
    return list(unique.values())


def read_transcript(
    path: Path,
    interviewer_labels: Iterable[str] = DEFAULT_INTERVIEWER_LABELS,
    metadata_cache: dict[Path, dict[str, dict[str, str]]] | None = None,
) -> Transcript:
    """Read and parse one transcript file, with its ``metadata.csv`` row if there is one."""
    cache = {} if metadata_cache is None else metadata_cache
    csv_path = path.parent / METADATA_FILE
    if csv_path.parent not in cache:
        cache[csv_path.parent] = read_metadata_csv(csv_path) if csv_path.is_file() else {}
    row = cache[csv_path.parent].get(path.name, {})
    try:
        document = READERS[path.suffix.lower()](path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from None
    return parse_transcript(
        document,
        path,
        metadata=row,
        metadata_path=csv_path if row else None,
        interviewer_labels=interviewer_labels,
    )
