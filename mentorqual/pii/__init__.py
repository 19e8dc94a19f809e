"""A personal-data guard: find and redact CPR numbers, phone numbers, e-mail addresses,
street addresses, dates of birth and names before a quote sheet or HTML view leaves the
project.

Kinds and their tags: ``CPR`` [CPR], ``TELEFON`` [TELEFON], ``EMAIL`` [EMAIL], ``NAVN``
[NAVN] (the user's names, built-in first and family names, a title with a name, whole
names), ``MULIGT_NAVN`` [NAVN] (a capitalised word that is no Danish word, place or
organisation), ``ADRESSE`` [ADRESSE] and ``FØDSELSDATO`` [FØDSELSDATO]. Each finding has
a key, ``KIND:text``, that an allow-list can name to accept it.

The text is expected in NFC, as the importers store it. Nothing here touches the
database or imports spaCy; the Danish vocabulary is read from spacy-lookups-data's file
on first use.

Example:
    >>> guard = PiiGuard(names=["Rasmussen"])
    >>> guard.redact("Ring til Mette Rasmussen på 22 33 44 55.")
    'Ring til [NAVN] på [TELEFON].'
"""

from __future__ import annotations

from .guard import PiiGuard, find_pii
from .hits import KINDS, TAGS, PiiHit, PiiKind, finding_key
from .names import DANISH_FIRST_NAMES, NAME_WORDS, SURNAMES
from .redaction import OffsetMap, redact, redact_with_map, refuse

__all__ = [
    "DANISH_FIRST_NAMES",
    "KINDS",
    "NAME_WORDS",
    "SURNAMES",
    "TAGS",
    "OffsetMap",
    "PiiGuard",
    "PiiHit",
    "PiiKind",
    "finding_key",
    "find_pii",
    "redact",
    "redact_with_map",
    "refuse",
]
