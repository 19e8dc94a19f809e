"""A .qdpx archive (a zip) from outside, opened with checks against zip slip and zip
bombs before anything is read: no absolute paths or ``..``, at most
:data:`MAX_ARCHIVE_FILES` entries, each at most the transcript size limit and all
together at most :data:`ARCHIVE_SIZE_FACTOR` times it, as the zip's directory declares
them (Python's zipfile never unpacks more than that). Nothing is written to disk."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from .document import max_transcript_bytes, megabytes, too_large

__all__ = ["ARCHIVE_SIZE_FACTOR", "INTERNAL", "MAX_ARCHIVE_FILES", "QdpxArchive"]

# A project of a few hundred interviews has a few hundred entries; a zip bomb has many.
MAX_ARCHIVE_FILES = 10_000
# The whole archive may unpack to this many times the size limit of one transcript
# ($MENTORQUAL_MAX_BYTES, 20 MB by default).
ARCHIVE_SIZE_FACTOR = 10
INTERNAL = "internal://"  # how project.qde refers to a file in sources/


class QdpxArchive:
    """A .qdpx zip, checked for zip slip and zip bombs on opening."""

    def __init__(self, path: Path) -> None:
        self.path = path
        limit = max_transcript_bytes()
        if path.stat().st_size > limit * ARCHIVE_SIZE_FACTOR:
            raise too_large(path, limit * ARCHIVE_SIZE_FACTOR, megabytes(path.stat().st_size))
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(f"{path}: not a valid .qdpx file (not a zip archive: {exc})") from None
        try:
            self.members = self._check(limit)
        except BaseException:
            self.zip.close()
            raise

    def __enter__(self) -> QdpxArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def _check(self, limit: int) -> dict[str, zipfile.ZipInfo]:
        infos = self.zip.infolist()
        if len(infos) > MAX_ARCHIVE_FILES:
            raise InputError(
                f"{self.path}: {len(infos):,} entries, more than the {MAX_ARCHIVE_FILES:,} "
                "a .qdpx may have (a zip bomb?)"
            )
        total = sum(info.file_size for info in infos)
        if total > limit * ARCHIVE_SIZE_FACTOR:
            raise InputError(
                f"{self.path}: {megabytes(total)} uncompressed, more than the "
                f"{megabytes(limit * ARCHIVE_SIZE_FACTOR)} a .qdpx may unpack to (a zip bomb?); "
                "set MENTORQUAL_MAX_BYTES (one transcript's limit, in bytes) to change it"
            )
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename.replace("\\", "/")
            parts = name.split("/")
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
                raise InputError(
                    f"{self.path}: unsafe entry {info.filename!r} "
                    "(an absolute path or '..'; refusing the archive)"
                )
            if info.file_size > limit:
                raise too_large(
                    self.path, limit, f"entry {info.filename!r} is {megabytes(info.file_size)}"
                )
            if not info.is_dir():
                members[posixpath.normpath(name).casefold()] = info
        return members

    def project_file(self) -> str:
        """The name of the project XML: ``project.qde``, or the one ``.qde`` at the top."""
        top = [n for n in self.members if n.endswith(".qde") and "/" not in n]
        names = ["project.qde"] if "project.qde" in top else top
        if len(names) != 1:
            found = ", ".join(self.members[n].filename for n in top) or "none"
            raise InputError(
                f"{self.path}: expected one project file (project.qde) at the top of the "
                f"archive; found {found}"
            )
        return names[0]

    def read(self, name: str) -> bytes:
        info = self.members[name]
        try:
            with self.zip.open(info) as handle:
                return handle.read(info.file_size + 1)[: info.file_size]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(f"{self.path}: cannot read {info.filename!r} ({exc})") from None

    def source(self, reference: str) -> bytes | None:
        """The bytes of a source in the archive's sources folder (any case): an
        ``internal://`` reference, or a bare relative path as some tools write it
        (``sources/x.txt`` or just ``x.txt``)."""
        name = posixpath.normpath(reference.removeprefix(INTERNAL).replace("\\", "/"))
        if name.startswith(("/", "..")) or "://" in name or re.match(r"^[A-Za-z]:", name):
            return None
        for key in (f"sources/{name}".casefold(), name.casefold()):
            if key in self.members:
                return self.read(key)
        return None
