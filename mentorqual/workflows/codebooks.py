"""Which codebook a command uses, and making a codebook the project's.

The codebook is chosen in one place (:func:`choose`): the file given, else the
project's stored copy, else the codebook shipped inside the package. So a command
never switches codebooks because of the folder it runs in. Changing the project's
codebook to one with other codes is refused unless the caller says ``update``, and one
that would delete human codings unless the caller also says ``delete_codings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..codebook import DEFAULT_CODEBOOK, Codebook, load_codebook, parse_codebook, schema
from ..errors import CodebookError
from ..reports.files import atomic_path
from ..store import Store


def choose(path: Path | None, store: Store | None) -> Codebook:
    """The codebook ``path``, else the project's stored copy, else the one shipped with
    mentorqual (``store`` is None when there is no project yet)."""
    if path is not None:
        return load_codebook(path)
    return (stored(store) if store is not None else None) or default()


def stored(store: Store) -> Codebook | None:
    """The project's own codebook, or None before one is loaded."""
    content = store.codebook_content()
    if content is None:
        return None
    return parse_codebook(content, Path(f"{store.path}:codebook"))


def default() -> Codebook:
    """The codebook shipped with mentorqual (package data)."""
    if not DEFAULT_CODEBOOK.is_file():
        raise CodebookError(f"{DEFAULT_CODEBOOK}: default codebook not found; pass --codebook FILE")
    return load_codebook(DEFAULT_CODEBOOK)


@dataclass(frozen=True)
class CodebookChange:
    """What making a codebook the project's did."""

    book: Codebook
    deleted: dict[tuple[str, str], int]  # (coder, code) -> human codings deleted
    backup: Path | None  # written before they were deleted


def apply(
    store: Store, codebook: Codebook, update: bool, delete_codings: bool = False
) -> CodebookChange:
    """Make ``codebook`` the project's. Other codes than the project's need ``update``;
    then human codings of codes that remain are kept. Human codings of codes that go
    are deleted only with ``delete_codings``, after a backup of the project; without
    it the change is refused, listing per coder and code how many would go."""
    current = set(store.codes())
    wanted = set(codebook.codes)
    if current and current != wanted and not update:
        parts = []
        if wanted - current:
            parts.append(f"new: {', '.join(sorted(wanted - current))}")
        if current - wanted:
            parts.append(f"missing: {', '.join(sorted(current - wanted))}")
        raise CodebookError(
            f"{codebook.path}: its codes differ from the project's ({'; '.join(parts)}); "
            "pass --codebook-update to switch (human codings of codes that remain are kept)"
        )
    deleted = store.human_coding_counts(sorted(current - wanted))
    if deleted and not delete_codings:
        per_coder = "; ".join(
            f"{coder}: {', '.join(f'{code} {n}' for (c, code), n in deleted.items() if c == coder)}"
            for coder in sorted({c for c, _ in deleted})
        )
        raise CodebookError(
            f"{codebook.path}: {sum(deleted.values())} human coding(s) of the codes it lacks "
            f"would be deleted ({per_coder}); to delete them, load it with "
            f"'mentorqual codebook load {codebook.path} --codebook-update --delete-codings' "
            "(a backup of the project is written first)"
        )
    store.remove_codes(current - wanted)
    store.save_codebook(
        codebook.sha256,
        codebook.name,
        str(codebook.path),
        codebook.content,
        codebook.records(),
    )
    return CodebookChange(codebook, deleted, store.backup_path if deleted else None)


def new(path: Path) -> Codebook:
    """Write a commented starter codebook to ``path`` (never over an existing file) and
    return it as read back."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise CodebookError(f"{path}: a codebook is a .yaml file")
    if path.exists():
        raise CodebookError(f"{path}: already exists; choose a new file name")
    with atomic_path(path) as temp:
        temp.write_text(schema.starter(path.stem), encoding="utf-8")
    return load_codebook(path)


def format_help() -> str:
    """Every codebook key with its meaning and an example, for ``codebook --help``."""
    return schema.help_text()


def validate(path: Path) -> Codebook:
    """Load a codebook and compile its rules, so that every error surfaces."""
    from ..tagging.rules import RuleTagger  # spaCy: only to compile the rules

    book = load_codebook(path)
    if book.rules:
        RuleTagger(book)
    return book
