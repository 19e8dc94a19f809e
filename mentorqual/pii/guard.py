"""The guard: every finder over a text, overlapping hits merged, the allow-list applied."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .hits import KINDS, PRIORITY, PiiHit
from .names import NameFinder
from .patterns import find_addresses, find_birth_dates, find_cpr, find_emails, find_phones
from .redaction import OffsetMap, redact, redact_with_map


class PiiGuard:
    """Finds and redacts personal data; build it once and reuse it.

    Args:
        names: The user's names (first names, surnames or full names), matched
            case-sensitively as whole words wherever they occur, also at a sentence start.
        allow: Words and phrases that look like names but are not ("Storm", "Café Sol"),
            matched ignoring case: no finding inside one is reported. An entry
            ``KIND:text``, a finding's :attr:`~PiiHit.key`, accepts just that finding
            ("TELEFON:22 33 44 55").
        builtin_names: Also find built-in first and family names, names after a title
            and probable names; without, only the user's names are names.

    Example:
        >>> PiiGuard().scan("Skriv til bo@kommune.dk")
        [PiiHit(kind='EMAIL', start=10, end=23, text='bo@kommune.dk')]
    """

    def __init__(
        self, names: Iterable[str] = (), *, allow: Iterable[str] = (), builtin_names: bool = True
    ) -> None:
        self.user_names: frozenset[str] = frozenset(
            " ".join(name.split()) for name in names if name.strip()
        )
        entries = {" ".join(a.split()) for a in allow if a.strip()}
        self.allowed_keys: frozenset[str] = frozenset(
            _key_casefold(a) for a in entries if a.split(":", 1)[0] in KINDS
        )
        phrases = {a.casefold() for a in entries if a.split(":", 1)[0] not in KINDS}
        self.allowed: frozenset[str] = frozenset(phrases)
        self._phrases = _phrase_pattern(phrases)
        self._names = NameFinder(
            self.user_names,
            builtin=builtin_names,
            allow=frozenset(p for p in phrases if " " not in p),
        )

    def scan(self, text: str) -> list[PiiHit]:
        """All personal data in ``text``, sorted by offset and not overlapping."""
        hits = [
            *find_cpr(text),
            *find_phones(text),
            *find_emails(text),
            *find_birth_dates(text),
            *find_addresses(text),
            *self._names.find(text),
        ]
        return self._allowed(text, _merge(text, hits))

    def redact(self, text: str) -> str:
        """``text`` with every hit replaced by its tag, such as ``[CPR]``."""
        return redact(text, self.scan(text))

    def redact_with_map(self, text: str) -> tuple[str, OffsetMap]:
        """:meth:`redact`, and where each offset of ``text`` ends up in the result."""
        return redact_with_map(text, self.scan(text))

    def _allowed(self, text: str, hits: list[PiiHit]) -> list[PiiHit]:
        if self.allowed_keys:
            hits = [h for h in hits if _key_casefold(h.key) not in self.allowed_keys]
        if self._phrases is not None and hits:
            spans = [m.span() for m in self._phrases.finditer(text)]
            hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]
        return hits


def find_pii(text: str, names: Iterable[str] = (), allow: Iterable[str] = ()) -> list[PiiHit]:
    """Personal data in ``text``, with the user's ``names`` and ``allow``-list; see
    :class:`PiiGuard`.

    Example:
        >>> [h.kind for h in find_pii("Mette har cpr 010203-1234")]
        ['NAVN', 'CPR']
    """
    return _guard(frozenset(names), frozenset(allow)).scan(text)


@lru_cache(maxsize=16)
def _guard(names: frozenset[str], allow: frozenset[str]) -> PiiGuard:
    return PiiGuard(names, allow=allow)


def _merge(text: str, hits: list[PiiHit]) -> list[PiiHit]:
    """Overlapping hits become one, covering them all, of the longest one's kind: a name
    inside an address is redacted with the address, never cut in two."""
    hits.sort(key=lambda h: (h.start, h.start - h.end, PRIORITY[h.kind]))
    merged: list[PiiHit] = []
    best: PiiHit | None = None  # the longest hit of the group being merged
    for hit in hits:
        if merged and hit.start < merged[-1].end:
            last = merged[-1]
            assert best is not None
            if (hit.end - hit.start, -PRIORITY[hit.kind]) > (
                best.end - best.start,
                -PRIORITY[best.kind],
            ):
                best = hit
            end = max(last.end, hit.end)
            merged[-1] = PiiHit(best.kind, last.start, end, text[last.start : end])
        else:
            merged.append(hit)
            best = hit
    return merged


def _key_casefold(key: str) -> str:
    kind, _, value = key.partition(":")
    return f"{kind}:{' '.join(value.split()).casefold()}"


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = [
        r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)
    ]
    if not alternatives:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)
