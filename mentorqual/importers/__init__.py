"""Importers: files in, plain :class:`~mentorqual.types.Transcript` records out.

One module per format; the importer is picked by file suffix. Nothing here touches
the project database.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..types import Transcript
from .canonical import canonical, count_words
from .codings import read_codings_csv
from .files import READERS, UNREADABLE, FileScan, SkippedFile, find_transcripts, scan_paths
from .metadata import METADATA_FILE, REGIONS, normalise_region
from .metadata_file import (
    MetadataCache,
    MetadataTable,
    metadata_table,
    metadata_warnings,
    read_metadata_csv,
    read_metadata_xlsx,
)
from .speakers import DEFAULT_INTERVIEWER_LABELS
from .transcript import parse_transcript

__all__ = [
    "DEFAULT_INTERVIEWER_LABELS",
    "METADATA_FILE",
    "READERS",
    "REGIONS",
    "UNREADABLE",
    "FileScan",
    "MetadataCache",
    "MetadataTable",
    "SkippedFile",
    "canonical",
    "count_words",
    "find_transcripts",
    "metadata_table",
    "metadata_warnings",
    "normalise_region",
    "read_codings_csv",
    "read_metadata_csv",
    "read_metadata_xlsx",
    "read_transcript",
    "scan_paths",
]


def read_transcript(
    path: Path,
    interviewer_labels: Iterable[str] = DEFAULT_INTERVIEWER_LABELS,
    metadata_cache: dict[Path, Any] | None = None,  # a MetadataCache kept across files
) -> Transcript:
    """Read and parse one transcript file, with its row of the folder's ``metadata.csv``
    (or ``metadata.xlsx``) if there is one. ``interviewer_labels`` add to the defaults.

    Example:
        >>> read_transcript(Path("transcripts/HS01.txt")).respondent_paragraphs[0]
        ... # doctest: +SKIP
    """
    table = metadata_table(path.parent, {} if metadata_cache is None else metadata_cache)
    row = table.row_for(path)
    try:
        document = READERS[path.suffix.lower()](path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from None
    return parse_transcript(
        document,
        path,
        metadata=row or {},
        metadata_path=table.path if row else None,
        interviewer_labels=interviewer_labels,
        no_row_in=table.path if row is None else None,
    )
