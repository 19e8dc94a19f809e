"""Output files written safely: a file or folder appears whole, or not at all.

Every writer in :mod:`mentorqual.reports` checks the suffix it was asked for, writes to a
temporary file or folder beside the target and renames it into place only when the
writing succeeded, so a failure (a full disk, a bug, Ctrl-C) never leaves half a report
or destroys the previous one.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, MentorqualError

# The formats of a plain table of rows (:func:`.tables.write_table`).
TABLE_SUFFIXES = (".md", ".csv", ".xlsx")
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def check_suffix(path: Path, suffixes: Sequence[str] = TABLE_SUFFIXES) -> str:
    """The lower-case suffix of ``path``, if it is one of ``suffixes``; else an error.

    Example:
        suffix = check_suffix(Path("counts.xlsx"))  # ".xlsx"
    """
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise InputError(
            f"{path}: unsupported output type {suffix or '(none)'!r}; use {', '.join(suffixes)}"
        )
    return suffix


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only if the block succeeds.

    Example:
        with atomic_path(Path("out/codings.csv")) as temp:
            temp.write_text("...", encoding="utf-8")
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write here ({exc.strerror})") from None
    os.close(handle)
    temp = Path(name)
    os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are ordinary files
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


@contextmanager
def staging_folder(folder: Path) -> Iterator[Path]:
    """A temporary folder beside ``folder`` whose entries move into ``folder`` only if
    the block succeeds; a folder entry (such as ``view/``) replaces the old one.

    Example:
        with staging_folder(Path("out")) as staging:
            (staging / "codings.csv").write_text("...", encoding="utf-8")
    """
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise InputError(f"{folder}: cannot write here ({exc.strerror})") from None
    try:
        try:
            yield staging
        except BaseException:
            if created:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        try:
            for entry in sorted(staging.iterdir()):
                final = folder / entry.name
                if entry.is_dir() and final.is_dir():
                    shutil.rmtree(final)
                os.replace(entry, final)
        except OSError as exc:
            raise InputError(f"{folder}: cannot move the outputs in ({exc.strerror})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def replaced_folder(directory: Path, marker: str, what: str) -> Iterator[Path]:
    """A new, empty folder that takes the place of ``directory`` only if the block succeeds.

    ``directory`` may be missing, empty, or an earlier output of ours, which holds a
    ``marker`` file (the block must write one too); any other directory is refused. On
    failure ``directory`` stays as it was. ``what`` names the output in error messages.

    Raises:
        MentorqualError: ``directory`` is not ours, or cannot be written.

    Example:
        with replaced_folder(Path("outputs/view"), ".mentorqual-view", "view") as temp:
            (temp / ".mentorqual-view").write_text("Written by mentorqual\\n")
    """
    _check_ours(directory, marker, what)
    temp = _temp_dir(directory)
    try:
        yield temp
        _swap(temp, directory)
    except OSError as exc:
        raise MentorqualError(f"{directory}: cannot write the {what} ({exc.strerror})") from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _check_ours(directory: Path, marker: str, what: str) -> None:
    try:
        if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
            raise MentorqualError(f"{directory}: not a directory; choose a new directory")
        if directory.is_dir() and not (directory / marker).is_file() and any(directory.iterdir()):
            raise MentorqualError(
                f"{directory}: the directory is not empty and holds no earlier {what}; "
                "choose a new or empty directory"
            )
    except OSError as exc:
        raise MentorqualError(f"{directory}: cannot read the directory ({exc.strerror})") from None


def _temp_dir(directory: Path) -> Path:
    # Not tempfile.mkdtemp: the folder should get the umask's permissions, not 0700.
    temp = directory.parent / f".{directory.name}.tmp-{secrets.token_hex(8)}"
    try:
        temp.mkdir(parents=True)
    except OSError as exc:
        raise MentorqualError(f"{directory}: cannot write here ({exc.strerror})") from None
    return temp


def _swap(temp: Path, directory: Path) -> None:
    """Put ``temp`` in the place of ``directory``; on failure ``directory`` stays as it was."""
    if not directory.exists():
        os.replace(temp, directory)
        return
    # Move the old directory into the temporary one: it is then removed with it.
    old = temp / ".mentorqual-old"
    os.replace(directory, old)
    try:
        os.replace(temp, directory)
    except OSError:
        os.replace(old, directory)
        raise
    shutil.rmtree(directory / old.name, ignore_errors=True)
