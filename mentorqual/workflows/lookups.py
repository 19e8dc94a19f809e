"""What a user types on the command line, matched the way a user means it.

Interview ids match in any case (``kbh1`` is ``KBH1``); codes match by code or label,
in any case (``Tryghed``, ``tryghed``). A name that fits two is refused with a clear
error rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..errors import InputError
from ..store import Store

__all__ = ["codes", "interview", "same_interview"]


def same_interview(ids: Iterable[str], name: str) -> list[str]:
    """The ids in ``ids`` that are ``name`` ignoring case.

    Example:
        >>> same_interview(["KBH1", "KBH2"], "kbh1")
        ['KBH1']
    """
    folded = name.casefold()
    return [i for i in ids if i.casefold() == folded]


def interview(store: Store, name: str) -> str:
    """The project's interview ``name``, given in any case."""
    ids = store.interview_ids()
    if name in ids:
        return name
    found = same_interview(ids, name)
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(
            f"{name}: matches interviews {', '.join(found)}, whose ids differ only in case; "
            "give the id exactly"
        )
    raise InputError(f"{name}: no such interview in {store.path}")


def codes(
    kind: str,
    wanted: Sequence[str],
    themes: Sequence[tuple[str, str]],
    known: str = "valid values:",
) -> list[str]:
    """The codes ``wanted`` names, each by code or label in any case, in the order given.

    ``themes`` are (code, label) pairs; an unknown name is refused, listing the codes
    after ``known``.

    Example:
        >>> codes("theme", ["Tryghed", "KURSER"], [("tryghed", "Tryghed"), ("kurser", "Kurser")])
        ['tryghed', 'kurser']
    """
    found = []
    for name in wanted:
        exact = [c for c, _ in themes if c == name]
        folded = name.casefold()
        matches = exact or list(
            dict.fromkeys(c for c, label in themes if folded in (c.casefold(), label.casefold()))
        )
        if len(matches) > 1:
            raise InputError(
                f"{kind} {name!r} matches the codes {', '.join(matches)}; give the code exactly"
            )
        if not matches:
            valid = ", ".join(c for c, _ in themes) or "none"
            raise InputError(f"unknown {kind} {name!r}; {known} {valid}")
        found.append(matches[0])
    return found
