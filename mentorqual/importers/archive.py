"""The size check on a zip-based file (.docx, .xlsx) before anything in it is unpacked."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import InputError
from .document import max_transcript_bytes, megabytes, too_large


def check_archive_size(path: Path, kind: str = ".docx") -> None:
    """Refuse a file that is not a zip archive (a ``kind`` file: .docx, .xlsx), or
    whose size on disk or uncompressed is over the size limit, before anything is
    decompressed.

    Example:
        check_archive_size(Path("interview.docx"))  # raises InputError for a zip bomb
    """
    limit = max_transcript_bytes()
    if path.stat().st_size > limit:
        raise too_large(path, limit, megabytes(path.stat().st_size))
    if not zipfile.is_zipfile(path):
        raise InputError(f"{path}: not a valid {kind} file (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(f"{path}: not a valid {kind} file ({exc})") from None
    if size > limit:
        raise too_large(path, limit, f"{megabytes(size)} uncompressed")
