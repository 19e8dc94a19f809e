"""The project file: opening it for reading, or for writing in one transaction."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..store import Store
from ..types import Codebook, PathLike
from ..workflows import (
    codebooks,
)

if TYPE_CHECKING:
    pass

DEFAULT_PROJECT = Path("mentorqual.db")
PROJECT_ENV = "MENTORQUAL_PROJECT"


def default_project_path() -> Path:
    """``$MENTORQUAL_PROJECT`` if set, else ``./mentorqual.db``."""
    return Path(os.environ.get(PROJECT_ENV) or DEFAULT_PROJECT)


class ProjectFile:
    """One SQLite project file, opened per call."""

    def __init__(self, path: PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_project_path()

    def __repr__(self) -> str:
        return f"Project({str(self.path)!r})"

    # -- opening -----------------------------------------------------------------

    def store(self) -> Store:
        """Open the existing project for reading."""
        return Store(self.path, create=False)

    def keep_open(self) -> Store:
        """A connection for a long-running server to hold, and close when it stops.
        While one stays open, SQLite does not checkpoint the write-ahead log each time
        an action's own connection closes (about 11 ms per action, measured on the
        workbench); nothing is read or written through it."""
        return self.store()

    @contextmanager
    def _reading(self) -> Iterator[Store]:
        """Open the existing project for reading, and close it after the block."""
        store = self.store()
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def _writing(self, *, create: bool = True) -> Iterator[Store]:
        """Open (or create) the project and hold one transaction around the block."""
        created = not self.path.exists()
        store = Store(self.path, create=create)
        try:
            with store.transaction():
                yield store
        except BaseException:
            store.close()
            if created:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            raise
        store.close()

    def codebook(self, path: PathLike | None = None) -> Codebook:
        """The codebook ``path``, else the project's stored copy, else the one shipped
        with mentorqual."""
        if path is not None or not self.path.exists():
            return codebooks.choose(Path(path) if path is not None else None, None)
        with self._reading() as store:
            return codebooks.choose(None, store)
