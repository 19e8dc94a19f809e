"""What a report covers, said in words: the interviews and themes selected, and whose
codings are counted ("Kodning: koder A (menneske), 30 interviews").

Shared by the report workflows (:mod:`.reports`, :mod:`.quoting`, :mod:`.viewing`,
:mod:`.retrieval`), so that every file says the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..reports.language import Lang, say
from ..store import InterviewSummary
from ..types import CONSENSUS, HUMAN
from . import lookups
from .coders import CoderChoice, Snapshot, check_values


def select_interviews(snapshot: Snapshot, regions: Sequence[str]) -> list[InterviewSummary]:
    """The interviews of ``regions`` (or all), refusing an unknown region."""
    summaries = snapshot.interviews
    check_values("region", regions, sorted({s.region for s in summaries}))
    return [s for s in summaries if not regions or s.region in regions]


def select_themes(snapshot: Snapshot, themes: Sequence[str]) -> list[tuple[str, str]]:
    """(code, label) of ``themes`` (or all) in codebook order, each named by code or
    label in any case, refusing an unknown one."""
    all_themes = [(code, label) for code, label, _ in snapshot.themes]
    themes = lookups.codes("theme", themes, all_themes)
    return [t for t in all_themes if not themes or t[0] in themes]


def coder_words(snapshot: Snapshot, name: str, lang: Lang) -> str:
    """A coder as a reader understands it: "koder A (menneske)", "maskinkodning med
    kodebogens regler (rules)", "konsensus mellem A og B: ..."."""
    origin = snapshot.origins.get(name)
    if origin == HUMAN:
        return say(lang, "human", name=name)
    if origin is not None:
        return say(lang, origin, name=name)
    if name.startswith(CONSENSUS):
        members = name.partition("(")[2].rstrip(")").split(", ")
        joined = f" {say(lang, 'and')} ".join([", ".join(members[:-1]), members[-1]])
        return say(lang, "consensus", names=joined)
    return name


def whose(snapshot: Snapshot, choice: CoderChoice | str, lang: Lang, interviews: int) -> str:
    """ "Kodning: koder A (menneske), 30 interviews"."""
    name = choice if isinstance(choice, str) else choice.name
    return (
        f"{say(lang, 'coding')}: {coder_words(snapshot, name, lang)}, "
        f"{say(lang, 'interviews_n', n=interviews)}"
    )


def by_words(by: Sequence[str], lang: Lang) -> str:
    """ "region", "region og rolle": the grouping as a title says it."""
    words = [say(lang, f"by:{b}") if f"by:{b}" in _BY_KEYS else b for b in by]
    return f" {say(lang, 'and')} ".join(words)


_BY_KEYS = {"by:region", "by:role"}


def codebook_words(snapshot: Snapshot, lang: Lang, *, audit: bool = True) -> str:
    """ "Kodebog: mentorordning (sha256 e199b25c5195)."; without the checksum when not
    ``audit``."""
    shown = snapshot.codebook if audit else (snapshot.store.codebook_name() or "?")
    return f"{say(lang, 'codebook')}: {shown}."
