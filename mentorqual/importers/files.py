"""Which files of the folders given are transcripts, and which are skipped and why."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .captions import read_srt, read_vtt
from .document import Document
from .odt import read_odt
from .txt import read_txt
from .word import read_docx

READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": read_txt,
    ".docx": read_docx,
    ".odt": read_odt,
    ".vtt": read_vtt,
    ".srt": read_srt,
}
# Files that look like transcripts but cannot be read, with what to do instead.
UNREADABLE = {
    ".doc": "an old Word document; open it in Word and save it as .docx",
    ".rtf": "Rich Text Format; open it in Word and save it as .docx",
    ".pdf": "a PDF; open it in Word (which converts it) and save it as .docx, "
    "or copy the text into a .txt file",
    ".pages": "a Pages document; export it as Word (.docx)",
    ".wpd": "a WordPerfect document; open it in Word and save it as .docx",
}


@dataclass(frozen=True)
class SkippedFile:
    """A file in a folder that is not imported, and why (for the import summary)."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: skipped: {self.reason}"


@dataclass
class FileScan:
    """The transcript files found, in a stable order, and the files skipped."""

    transcripts: list[Path]
    skipped: list[SkippedFile] = field(default_factory=list)


def scan_paths(paths: Iterable[Path]) -> FileScan:
    """Expand files and folders (recursively) into transcript files, listing the files
    that look like transcripts but cannot be read (.doc, .rtf, .pdf) as skipped.

    Folders named ``codings`` hold codings, not transcripts, and are passed over; so are
    hidden files, Word's ``~$`` lock files and files of other kinds (notes, metadata).
    A file named directly must be a transcript.

    Example:
        >>> scan_paths([Path("transcripts")]).skipped  # doctest: +SKIP
        [SkippedFile(path=PosixPath('transcripts/HS07.doc'), reason='an old Word ...')]
    """
    paths = list(paths)
    found: list[Path] = []
    skipped: list[SkippedFile] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            _scan_folder(path, found, skipped)
        elif not path.is_file():
            # A device or a pipe named .txt would never end, or never start.
            raise InputError(f"{path}: not a regular file")
        elif path.suffix.lower() in READERS:
            found.append(path)
        else:
            suffix = path.suffix.lower()
            hint = f"; {UNREADABLE[suffix]}" if suffix in UNREADABLE else ""
            raise InputError(
                f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
                f"expected {', '.join(READERS)}{hint}"
            )
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    if not unique:
        listed = "".join(f"; {s}" for s in skipped)
        raise InputError(
            f"{', '.join(str(p) for p in paths)}: no transcripts ({', '.join(READERS)}) "
            f"found{listed}"
        )
    return FileScan(list(unique.values()), skipped)


def _scan_folder(folder: Path, found: list[Path], skipped: list[SkippedFile]) -> None:
    for child in sorted(folder.rglob("*")):
        parts = child.relative_to(folder).parts
        if "codings" in parts[:-1] or any(p.startswith((".", "~$")) for p in parts):
            continue
        suffix = child.suffix.lower()
        if not child.is_file():
            continue
        if suffix in READERS:
            found.append(child)
        elif suffix in UNREADABLE:
            skipped.append(SkippedFile(child, UNREADABLE[suffix]))


def find_transcripts(paths: Iterable[Path]) -> list[Path]:
    """The transcript files of :func:`scan_paths`, without the skipped ones."""
    return scan_paths(paths).transcripts
