"""A personal-data guard: find and redact CPR numbers, phone numbers, e-mail addresses
and first names before a quote sheet or HTML view leaves the project.

Names are matched case-sensitively as capitalised whole words, from a built-in list of
common Danish first names plus the user's own names, with one compiled regex. Danish
writes only proper nouns (and ``I``, ``De``) with a capital letter inside a sentence, so
a capitalised name there is a name. At a sentence start every word is capitalised, and
some names are also ordinary words ("Per uge", "Bo du alene?", "Hans mentor"). Built-in
names listed in :data:`NAME_WORDS` are therefore skipped at a sentence start, unless
another capitalised word follows ("Hans Jensen ringede"). The user's names are trusted
and matched everywhere. A guard should miss little; the word list is kept to real,
current words so that "Lise" or "Tove" at a sentence start is still caught.

The text is expected in NFC, as the importers store it. Nothing here touches the
database or spaCy.

Example:
    >>> guard = PiiGuard(names=["Rasmussen"])
    >>> guard.redact("Ring til Mette Rasmussen på 22 33 44 55.")
    'Ring til [NAVN] [NAVN] på [TELEFON].'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .errors import PiiError, listing

__all__ = [
    "DANISH_FIRST_NAMES",
    "NAME_WORDS",
    "PiiGuard",
    "PiiHit",
    "PiiKind",
    "find_pii",
    "redact",
    "refuse",
]

PiiKind = Literal["CPR", "TELEFON", "EMAIL", "NAVN"]

# Source: Danmarks Statistik, "Navne i hele befolkningen" (statistikbanken.dk, table
# NAVNE1), the most frequent first names of women and men, plus first names common among
# citizens of immigrant background. Written from those lists; spelling variants included.
DANISH_FIRST_NAMES: frozenset[str] = frozenset(
    """
    Anne Kirsten Mette Hanne Anna Helle Susanne Lene Maria Marianne Lone Camilla Pia
    Louise Charlotte Inge Bente Tina Gitte Karen Ida Emma Julie Laura Sofie Jette Rikke
    Ulla Birgitte Tove Inger Ellen Christina Signe Malene Karina Annette Anette Maja
    Katrine Heidi Dorthe Dorte Line Nanna Sara Sarah Mia Cecilie Amalie Hanna Caroline
    Karoline Mathilde Emilie Freja Josefine Josephine Clara Klara Ella Alma Sofia Karla
    Agnes Alberte Lærke Olivia Isabella Frida Victoria Astrid Nora Ellie Luna Esther Ester
    Aya Liva Lea Thea Vilma Ingrid Ane Birthe Grethe Grete Lis Else Ruth Jytte Lisbeth
    Vibeke Merete Pernille Trine Stine Sanne Maiken Annie Bodil Lilly Elisabeth Eva Lise
    Tine Henriette Jeanette Anja Anita Janni Jannie Betina Bettina Kristina Christine
    Kristine Rebekka Rebecca Michelle Nicoline Simone Marie Mona Jane Linda Lotte Lena
    Lina Tanja Natasja Nadia Naja Nina Mille Sille Silje Sigrid Johanne Asta Molly Vigga
    Merle Liv Rosa Rose Vera Gerda Edith Erna Gudrun Dagmar Ingeborg Aase Åse Elin
    Elsebeth Kamilla Connie Gunhild Hedvig Helga Herdis Jonna Karin Kate Lillian Lisa
    Lissi Margrethe Margit Minna Rita Solveig Sonja Susan Tenna Winnie Yvonne Zenia Maj
    Dina Amanda Andrea Filippa Emily Ronja Benedikte Ditte Gry Hella Janne Julia Kathrine
    Katja Lykke Mai Marlene Mathilda Nathalie Patricia Ragnhild Rigmor Sabrina Sandra
    Sisse Stephanie Sussi Tilde Ursula Vivi Vita Viola
    Fatima Aisha Maryam Zainab Yasmin Amina Leyla Leila Nour Noor Hiba Zahra Sana
    Peter Jens Lars Michael Henrik Thomas Søren Jan Niels Christian Martin Anders Morten
    Jesper Mads Rasmus Hans Per Jørgen Ole Kim Mikkel Frederik Erik Jakob Jacob Kenneth
    Kasper Casper Nikolaj Bo Poul Torben Thorben Steen Sten Claus Klaus Brian Lasse Jonas
    Daniel Tobias Mathias Matthias Emil Oliver William Noah Lucas Lukas Victor Viktor
    Magnus Alexander Carl Karl Oscar Oskar Malthe Elias Aksel Axel Alfred Valdemar Arthur
    August Otto Storm Theo Theodor Felix Anton Johan Johannes Benjamin Sebastian Philip
    Phillip Filip Simon Patrick Andreas Kristian Jeppe Sune Bjarne Flemming Finn Leif
    Erling Bent Knud Arne Svend Sven Preben John Allan Dennis Carsten Karsten Kurt Jørn
    René Rene Bjørn Henning Tommy Tom Frank Ib Aage Åge Børge Egon Gunnar Holger Ejner
    Ejnar Kaj Mogens Tage Verner Werner Vagn Villy Ivan Gert Uffe Jimmi Jimmy Johnny Benny
    Kenn Ken Glenn Ulrik Mikael Troels Esben Asger Ebbe Hugo Viggo Harald Kristoffer
    Christoffer Janus Jonathan Marcus Markus Mark Max Adam David Samuel Silas Sander
    Sigurd Bertram Vincent Villads Laurits Lauritz Liam Hjalte Ask Birk Konrad Walter
    Frej Albert Adrian Ove Palle Orla Tonny Jes Nis Jon Dan Rune Kåre Ronni Ronnie
    Steffen Stefan Stephan Tim Ulf Carlo Eigil Einar Bjarke Frode Gorm Gustav Helge Henry
    Jack Jannik Jannick Kai Keld Kjeld Leo Lauge Malte Marius Milas Oluf Paw Robert Robin
    Rolf Sofus Thor Tor Tue Vilhelm Villum Vitus Eskild Christopher Bastian Anker
    Asbjørn Aron Alex Alan Carlos Hasse Kristen
    Mohammad Mohammed Mohamed Muhammad Ali Ahmad Ahmed Omar Hassan Hussein Ibrahim
    Mustafa Yusuf Abdi Karim Mehmet Ismail
    """.split()
)

# Built-in names (and name genitives) that are also current lower-case Danish words, so
# that a capitalised one at a sentence start is most likely the word: "Per uge", "Bo i
# byen", "Hans mentor", "Lykkes det". Reviewed by hand from the names found in spaCy's
# Danish lemma lookup table (spacy-lookups-data, da_lemma_lookup) plus "frank" and "max"
# (Den Danske Ordbog); rare or archaic forms ("lise", "tove", "trine") are left out.
NAME_WORDS: frozenset[str] = frozenset(
    """
    Aksel Ane Anker Ask August Birk Bjørn Bo Ebbe Ester Frank Gry Hans Helle Kaj Karl
    Kim Kristen Line Liv Lykke Lærke Maj Mark Max Per Rene Rosa Rose Rune Sten Storm Svend
    Tage Tilde Tom Tue Viola Dans Karens
    """.split()
)

TAGS: dict[PiiKind, str] = {
    "CPR": "[CPR]",
    "TELEFON": "[TELEFON]",
    "EMAIL": "[EMAIL]",
    "NAVN": "[NAVN]",
}

# Where two hits overlap and start together, the longer wins; then this order.
_PRIORITY: dict[PiiKind, int] = {"EMAIL": 0, "CPR": 1, "TELEFON": 2, "NAVN": 3}

# Digits not glued to a longer number, also not across "." "," "-" ("12.0101801234").
_NOT_AFTER_NUMBER = r"(?<!\d)(?<!\d[.,-])"
_NOT_BEFORE_NUMBER = r"(?!\d)(?![.,-]\d)"
_CPR = re.compile(
    _NOT_AFTER_NUMBER
    + r"(?P<dd>\d\d)(?P<mm>\d\d)(?P<yy>\d\d)[- \u00a0]?(?P<seq>\d{4})"
    + _NOT_BEFORE_NUMBER
)
_SPACE = r"[ \u00a0]"
_PHONE = re.compile(
    r"(?<![\d+])(?<!\d[ \u00a0.,-])"
    rf"(?:(?:\+|00)45{_SPACE}?)?"
    rf"(?:[2-9]\d{{7}}|[2-9]\d{{3}}{_SPACE}\d{{4}}|[2-9]\d(?:{_SPACE}\d\d){{3}})"
    rf"(?!\d)(?!{_SPACE}?\d)(?![.,-]\d)"
)
# Not phone numbers: an 8-digit amount ("kr. 25000000", "25000000 kr.") or two years.
_YEARS = re.compile(r"20\d\d[ \u00a0]20\d\d")
_AMOUNT_BEFORE = re.compile(r"(?:\bkr\.?|\bDKK)\s*\Z", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kroner\b|dkk\b|,-|\.-)", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

# Characters skipped when looking back for a sentence start: blanks, quotes, brackets,
# dashes and bullets ("- Per uge", "»Bo hos...").
_OPENERS = frozenset(" \t\u00a0\"'“”„«»‘’‚([{–—-•*")
# A full stop after these abbreviations does not end the sentence ("hr. Per Holm").
_ABBREVIATIONS = frozenset(
    "bl.a f.eks fx ca evt hr fr jf mht pga vha iflg inkl ekskl ifm dvs nr".split()
)
_WORD_BEFORE_STOP = re.compile(r"([\w.]*\w)\Z")
# A capitalised word after a name-word makes it a name: "Hans Jensen", "Per Kristian".
_CAPITALISED_NEXT = re.compile(r"[ \u00a0]+(?!(?:I|De|Dem|Deres)\b)[A-ZÆØÅ][^\W\d_]")


@dataclass(frozen=True)
class PiiHit:
    """One piece of personal data: its kind and code-point offsets into the text."""

    kind: PiiKind
    start: int
    end: int  # exclusive
    text: str


class PiiGuard:
    """Finds and redacts personal data; build it once and reuse it.

    Args:
        names: The user's names (first names, surnames or full names), matched
            case-sensitively as whole words wherever they occur, also at a sentence start.
        builtin_names: Also match :data:`DANISH_FIRST_NAMES`.

    Example:
        >>> PiiGuard().scan("Skriv til bo@kommune.dk")
        [PiiHit(kind='EMAIL', start=10, end=23, text='bo@kommune.dk')]
    """

    def __init__(self, names: Iterable[str] = (), *, builtin_names: bool = True) -> None:
        self.user_names: frozenset[str] = frozenset(
            " ".join(name.split()) for name in names if name.strip()
        )
        self.builtin_names: frozenset[str] = DANISH_FIRST_NAMES if builtin_names else frozenset()
        all_names = self.user_names | self.builtin_names
        self._names: re.Pattern[str] | None = None
        if all_names:
            alternatives = _trie_pattern(all_names)
            self._names = re.compile(
                rf"(?<!\w)(?P<name>{alternatives}(?:-{alternatives})*)"
                r"(?:s|['’]s?)?(?!\w)"
            )

    def scan(self, text: str) -> list[PiiHit]:
        """All personal data in ``text``, sorted by offset and not overlapping."""
        hits = [*self._cpr(text), *self._phones(text), *self._emails(text), *self._found(text)]
        hits.sort(key=lambda h: (h.start, h.start - h.end, _PRIORITY[h.kind]))
        kept: list[PiiHit] = []
        for hit in hits:
            if not kept or hit.start >= kept[-1].end:
                kept.append(hit)
        return kept

    def redact(self, text: str) -> str:
        """``text`` with every hit replaced by its tag, such as ``[CPR]``."""
        return redact(text, self.scan(text))

    def _cpr(self, text: str) -> list[PiiHit]:
        return [
            PiiHit("CPR", m.start(), m.end(), m.group())
            for m in _CPR.finditer(text)
            if _valid_cpr_date(m["dd"], m["mm"], m["yy"], m["seq"])
        ]

    def _phones(self, text: str) -> list[PiiHit]:
        return [
            PiiHit("TELEFON", m.start(), m.end(), m.group())
            for m in _PHONE.finditer(text)
            if not _YEARS.fullmatch(m.group())
            and not _AMOUNT_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
            and not _AMOUNT_AFTER.match(text, m.end())
        ]

    def _emails(self, text: str) -> list[PiiHit]:
        return [PiiHit("EMAIL", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]

    def _found(self, text: str) -> list[PiiHit]:
        if self._names is None:
            return []
        return [
            PiiHit("NAVN", m.start(), m.end(), m.group())
            for m in self._names.finditer(text)
            if not self._is_word(text, m)
        ]

    def _is_word(self, text: str, match: re.Match[str]) -> bool:
        """Whether a matched name is an ordinary word capitalised at a sentence start."""
        name = match["name"]
        if name in self.user_names or not (name in NAME_WORDS or match.group() in NAME_WORDS):
            return False
        return _at_sentence_start(text, match.start()) and not _CAPITALISED_NEXT.match(
            text, match.end()
        )


def refuse(found: Sequence[str], what: str) -> None:
    """Raise the one error for personal data in ``what`` about to leave the project,
    listing the first findings; do nothing when ``found`` is empty."""
    if found:
        raise PiiError(
            f"personal data in the {what}, nothing was written: {listing(found)}; "
            "use --redact to replace it or --allow-pii to skip the check"
        )


def find_pii(text: str, names: Iterable[str] = ()) -> list[PiiHit]:
    """Personal data in ``text``: built-in first names plus ``names``; see :class:`PiiGuard`.

    Example:
        >>> [h.kind for h in find_pii("Mette har cpr 010203-1234")]
        ['NAVN', 'CPR']
    """
    return _guard(frozenset(names)).scan(text)


def redact(text: str, hits: Iterable[PiiHit]) -> str:
    """Replace each hit in ``text`` with its tag (``[CPR]``, ``[TELEFON]``, ``[EMAIL]``,
    ``[NAVN]``).

    Raises:
        ValueError: A hit does not match ``text`` at its offsets, or two hits overlap.

    Example:
        >>> redact("Ring 22334455", find_pii("Ring 22334455"))
        'Ring [TELEFON]'
    """
    parts: list[str] = []
    position = 0
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if text[hit.start : hit.end] != hit.text or hit.start >= hit.end:
            raise ValueError(f"hit {hit.text!r} at {hit.start}-{hit.end} does not match the text")
        if hit.start < position:
            raise ValueError(f"hit {hit.text!r} at {hit.start}-{hit.end} overlaps another hit")
        parts += [text[position : hit.start], TAGS[hit.kind]]
        position = hit.end
    parts.append(text[position:])
    return "".join(parts)


@lru_cache(maxsize=16)
def _guard(names: frozenset[str]) -> PiiGuard:
    return PiiGuard(names)


def _valid_cpr_date(dd: str, mm: str, yy: str, seq: str) -> bool:
    """Whether DDMMYY is a real date, with the century read from the 7th digit."""
    day, month, year = int(dd), int(mm), int(yy)
    if not 1 <= month <= 12 or day < 1:
        return False
    century = _cpr_century(year, int(seq[0]))
    full_year = century + year
    leap = full_year % 4 == 0 and (full_year % 100 != 0 or full_year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return day <= days[month - 1]


def _cpr_century(year: int, seventh: int) -> int:
    """The CPR rule (CPR-kontoret) that dates a 2-digit birth year by the 7th digit."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if year <= 36 else 1900
    return 2000 if year <= 57 else 1800


def _at_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0 or text[i] in "\n\r!?:…":
        return True
    if text[i] != ".":
        return False
    word = _WORD_BEFORE_STOP.search(text[max(0, i - 12) : i])
    return not (word and word.group(1).lower() in _ABBREVIATIONS)


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation over ``words``, factored by prefix so that it stays fast.

    Spaces inside a name match any run of blanks ("Anne  Marie Holm").
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + build(trie) + ")"
