"""The records of the guard: the kinds of personal data, a hit and the redaction tags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

PiiKind = Literal["CPR", "TELEFON", "EMAIL", "NAVN", "MULIGT_NAVN", "ADRESSE", "FØDSELSDATO"]
KINDS: tuple[PiiKind, ...] = get_args(PiiKind)

# A probable name is redacted like a known one: the reader needs no guess of the guard's.
TAGS: dict[PiiKind, str] = {
    "CPR": "[CPR]",
    "TELEFON": "[TELEFON]",
    "EMAIL": "[EMAIL]",
    "NAVN": "[NAVN]",
    "MULIGT_NAVN": "[NAVN]",
    "ADRESSE": "[ADRESSE]",
    "FØDSELSDATO": "[FØDSELSDATO]",
}

# Where two hits overlap, the longer one gives the kind; on a tie, this order.
_ORDER: tuple[PiiKind, ...] = (
    "EMAIL", "CPR", "TELEFON", "FØDSELSDATO", "ADRESSE", "NAVN", "MULIGT_NAVN",
)  # fmt: skip
PRIORITY: dict[PiiKind, int] = {kind: rank for rank, kind in enumerate(_ORDER)}


@dataclass(frozen=True)
class PiiHit:
    """One piece of personal data: its kind and code-point offsets into the text."""

    kind: PiiKind
    start: int
    end: int  # exclusive
    text: str

    @property
    def key(self) -> str:
        """``KIND:text``, blanks squeezed: names this finding (and its repeats) in an
        allow-list, e.g. ``TELEFON:22 33 44 55``."""
        return finding_key(self.kind, self.text)


def finding_key(kind: str, text: str) -> str:
    """The key of a finding of ``kind`` with ``text``; see :attr:`PiiHit.key`."""
    return f"{kind}:{' '.join(text.split())}"
