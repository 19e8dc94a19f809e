"""Names of persons: the user's names, known first and family names, a title with a
name, whole names, and probable names (capitalised words that are no Danish word).

Danish writes only proper nouns (and ``I``, ``De``) with a capital letter inside a
sentence, so a capitalised word there that is no Danish word, place, organisation or
people is most likely a name. At a sentence start every word is capitalised, and some
names are also ordinary words ("Per uge", "Bo du alene?", "Hans mentor"): built-in names
listed in :data:`NAME_WORDS` are skipped there, unless another capitalised word follows
("Hans Jensen ringede"). A name runs on over the capitalised words after it, so that a
whole name is one hit: "Mette Frederiksen", "Nguyen Thi Lan", "fru Jørgensen".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal

from .data.first_names import (
    ARABIC_NAMES,
    BALKAN_NAMES,
    DANISH_MEN_NAMES,
    DANISH_WOMEN_NAMES,
    ERITREAN_ETHIOPIAN_NAMES,
    OTHER_FOREIGN_NAMES,
    PERSIAN_AFGHAN_NAMES,
    POLISH_NAMES,
    SOMALI_NAMES,
    SOUTH_ASIAN_NAMES,
    TURKISH_KURDISH_NAMES,
    UKRAINIAN_RUSSIAN_NAMES,
    VIETNAMESE_NAMES,
)
from .data.surnames import DANISH_SURNAMES, FOREIGN_SURNAMES
from .data.words import TITLES, TRANSCRIPT_WORDS
from .hits import PiiHit, PiiKind
from .patterns import UPPER
from .vocabulary import danish_words, is_danish, not_names

# Every built-in first name: Danish, and those of the largest groups of new Danes.
DANISH_FIRST_NAMES: frozenset[str] = frozenset().union(
    DANISH_WOMEN_NAMES,
    DANISH_MEN_NAMES,
    ARABIC_NAMES,
    TURKISH_KURDISH_NAMES,
    PERSIAN_AFGHAN_NAMES,
    SOMALI_NAMES,
    ERITREAN_ETHIOPIAN_NAMES,
    VIETNAMESE_NAMES,
    POLISH_NAMES,
    UKRAINIAN_RUSSIAN_NAMES,
    BALKAN_NAMES,
    SOUTH_ASIAN_NAMES,
    OTHER_FOREIGN_NAMES,
)
SURNAMES: frozenset[str] = DANISH_SURNAMES | FOREIGN_SURNAMES

# Built-in names (and name genitives) that are also current lower-case Danish words, so
# that a capitalised one at a sentence start is most likely the word: "Per uge", "Bo i
# byen", "Hans mentor", "Lykkes det". Reviewed by hand from the names found in spaCy's
# Danish lemma lookup table (spacy-lookups-data, da_lemma_lookup) plus "frank" and "max"
# (Den Danske Ordbog); rare or archaic forms ("lise", "tove", "trine") are left out.
# The foreign names in the table were reviewed the same way ("Sine børn", "Ha, ja").
NAME_WORDS: frozenset[str] = frozenset(
    """
    Aksel Ane Anker Ask August Birk Bjørn Bo Ebbe Ester Frank Gry Hans Helle Kaj Karl
    Kim Kristen Line Liv Lykke Lærke Maj Mark Max Per Rene Rosa Rose Rune Sten Storm Svend
    Tage Tilde Tom Tue Viola Dans Karens
    Adel Anke Enes Fares Gul Ha Hind Jasmin Kamel Lam Le Ly Manuel Marina Milen Rim Roman
    Sine Soner Tor Trang Trille Tung Ture Vilde Hos Lys Roses
    """.split()
)

_U = f"[{UPPER}]"
_L = r"[^\W\d_]"
# A capitalised word, hyphenated parts and a genitive included: "Anne-Marie", "Lars'".
_TOKEN = rf"{_U}{_L}*(?:['’]{_U}{_L}*)?(?:-{_L}+)*(?:['’]s?)?"
_PARTICLE = r"(?:van|von|der|de|da|di|dos|bin|ibn|abu|al|el|ben|la|le)"
# A run of capitalised words: "Per Holm", "Ahmed al-Hassan". It starts with a capital
# letter, the lookbehind after it, so that the regex engine skips ahead to capitals fast.
_RUN = re.compile(
    rf"{_U}(?<![\w@.'’-](?s:.)){_TOKEN[len(_U) :]}"
    rf"(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0-]+)?{_TOKEN})*(?![\w@]|-\d)"  # not "Covid-19"
)
# A title before a run: "hr. Per Holm", "fru Jørgensen".
_TITLE_BEFORE = re.compile(
    rf"(?<![\w.])(?:{'|'.join(sorted(TITLES, key=len, reverse=True))})\.?[ \u00a0]+\Z",
    re.IGNORECASE,
)
_TOKENS = re.compile(rf"(?<![\w@.'’]){_TOKEN}")  # "al-Hassan": "Hassan" after a hyphen

# Characters skipped when looking back for a sentence start: blanks, quotes, brackets,
# dashes and bullets ("- Per uge", "»Bo hos...").
_OPENERS = frozenset(" \t\u00a0\"'“”„«»‘’‚([{–—-•*")
# A full stop after these abbreviations does not end the sentence ("hr. Per Holm").
_ABBREVIATIONS = frozenset(
    "bl.a f.eks fx ca evt hr fr frk dr jf mht pga vha iflg inkl ekskl ifm dvs nr".split()
)
_WORD_BEFORE_STOP = re.compile(r"([\w.]*\w)\Z")
_STOPS = frozenset(w for w in TRANSCRIPT_WORDS if len(w) <= 5)
_IN = re.compile(r"(?<!\w)i[ \u00a0]+\Z")
_CAMEL_CASE = re.compile(rf"[^\W\d_]{_U}")
# Endings of Danish place names, rare in persons' names: an unknown word with one is a
# town or village ("Ollerup", "Hvalsø" aside).
_PLACE_ENDINGS = ("rup", "torp", "løse", "lev", "købing", "sted", "bjerg", "havn", "skov")

Role = Literal["user", "first", "surname", "unknown", "word", "stop"]


class NameFinder:
    """Finds names in a text; see the module docstring. ``allow`` holds lower-cased
    words that are never names."""

    def __init__(self, user_names: frozenset[str], *, builtin: bool, allow: frozenset[str]) -> None:
        self.user_names = user_names
        self.user_words = frozenset(n for n in user_names if " " not in n)
        self.builtin = builtin
        self.allow = allow
        self._roles: dict[str, Role] = {}
        self._user: re.Pattern[str] | None = None
        if user_names:
            alternatives = _trie_pattern(user_names)
            self._user = re.compile(
                rf"(?<!\w)(?P<name>{alternatives}(?:-{alternatives})*)"
                r"(?:s|['’]s?)?(?!\w)"
            )

    def find(self, text: str) -> list[PiiHit]:
        """Every name in ``text``; hits may overlap (a user's name inside a whole name)."""
        hits = [] if self._user is None else list(self._users(text, self._user))
        for run in _RUN.finditer(text):
            word = run.group()
            title = _TITLE_BEFORE.search(text, max(0, run.start() - 12), run.start())
            # Most runs are one ordinary word: decided without looking further.
            if title is None and " " not in word and "\u00a0" not in word:
                if self._role(word) in ("word", "stop"):
                    continue
            hits += self._in_run(text, run, None if title is None else title.start())
        return hits

    def _users(self, text: str, pattern: re.Pattern[str]) -> Iterator[PiiHit]:
        for m in pattern.finditer(text):
            yield PiiHit("NAVN", m.start(), m.end(), m.group())

    def _in_run(self, text: str, run: re.Match[str], title: int | None) -> list[PiiHit]:
        """The names in a run of capitalised words; ``title`` is where a title before
        the run starts."""
        tokens = list(_TOKENS.finditer(text, run.start(), run.end()))
        roles = [self._role(t.group()) for t in tokens]
        if title is None and len(tokens) > 1 and tokens[0].group().lower() in TITLES:
            title, tokens, roles = run.start(), tokens[1:], roles[1:]  # "Fru Jørgensen"
        hits: list[PiiHit] = []
        i = 0
        if title is not None and self.builtin and roles[0] != "stop":
            end = _extend(roles, 0)
            hits.append(_hit("NAVN", text, title, tokens[end].end()))
            i = end + 1
        at_start = _at_sentence_start(text, run.start())
        after_in = _IN.search(text, max(0, run.start() - 3), run.start()) is not None
        while i < len(roles):
            kind = self._anchor(roles, i, tokens[i].group(), at_start, after_in)
            if kind is None:
                i += 1
                continue
            partial = self._partial(tokens[i].group())
            if partial:
                hits.append(_hit("NAVN", text, tokens[i].start(), tokens[i].start() + partial))
                i += 1
                continue
            end = _extend(roles, i)
            if any(r in ("user", "first", "surname") for r in roles[i : end + 1]):
                kind = "NAVN"
            hits.append(_hit(kind, text, tokens[i].start(), tokens[end].end()))
            i = end + 1
        return hits

    def _anchor(
        self, roles: list[Role], i: int, word: str, at_start: bool, after_in: bool
    ) -> PiiKind | None:
        """The kind of the name that starts at token ``i``, or None. ``after_in``: the
        run follows "i", so an unknown word there is a place ("i Ollerup")."""
        role = roles[i]
        followed = i + 1 < len(roles) and roles[i + 1] != "stop"
        first_at_start = i == 0 and at_start
        if role == "user":
            return "NAVN"
        if role == "first":
            excused = first_at_start and not followed and _is_name_word(word)
            return None if excused else "NAVN"
        if role == "surname":
            excused = first_at_start and not followed and _base(word).lower() in danish_words()
            return None if excused else "NAVN"
        if role == "unknown" and not (i == 0 and after_in):
            return "MULIGT_NAVN"
        return None

    def _role(self, word: str) -> Role:
        """What a capitalised word can be in a name; memoised per word."""
        role = self._roles.get(word)
        if role is None:
            role = self._roles[word] = self._new_role(word)
        return role

    def _new_role(self, word: str) -> Role:
        base = _base(word)
        if base in self.user_words or word in self.user_words:
            return "user"
        if len(base) < 2 or base.isupper() or base in _STOPS:
            return "stop"
        lower = base.lower()
        if lower in self.allow or word.lower() in self.allow:
            return "stop"
        if not self.builtin:
            return "word"
        if _is_first_name(word, base) or base.split("-", 1)[0] in DANISH_FIRST_NAMES:
            return "first"  # "Mette-ordningen": the name is cut out by _partial
        if base in SURNAMES:
            return "surname"
        known = not_names()
        parts = lower.split("-")
        if any(p in known or p in self.allow or is_danish(p) for p in parts if p):
            return "word"
        if _CAMEL_CASE.search(base) or lower.endswith(_PLACE_ENDINGS):
            return "word"  # a brand ("FaceTime") or a town ("Ollerup")
        return "unknown"

    def _partial(self, word: str) -> int:
        """The length of the leading names of a hyphenated word that is not all names
        ("Mette" in "Mette-ordningen"); 0 otherwise."""
        if "-" not in word or _is_first_name(word, _base(word)):
            return 0
        parts = word.split("-")
        names = 0
        while names < len(parts) and parts[names] in DANISH_FIRST_NAMES:
            names += 1
        return len("-".join(parts[:names])) if 0 < names < len(parts) else 0


def _extend(roles: list[Role], i: int) -> int:
    """The last token of the whole name that starts at token ``i``."""
    end = i
    while end + 1 < len(roles) and roles[end + 1] != "stop":
        end += 1
    return end


def _hit(kind: PiiKind, text: str, start: int, end: int) -> PiiHit:
    return PiiHit(kind, start, end, text[start:end])


def _base(word: str) -> str:
    """``word`` without a genitive apostrophe ("Lars'" -> "Lars", "Mette's" -> "Mette")."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word.rstrip("'’")


def _is_first_name(word: str, base: str) -> bool:
    if base in DANISH_FIRST_NAMES or (base.endswith("s") and base[:-1] in DANISH_FIRST_NAMES):
        return True
    parts = base.split("-")
    return len(parts) > 1 and all(
        p in DANISH_FIRST_NAMES or (i == len(parts) - 1 and p[:-1] in DANISH_FIRST_NAMES)
        for i, p in enumerate(parts)
    )


def _is_name_word(word: str) -> bool:
    base = _base(word)
    return word in NAME_WORDS or base in NAME_WORDS or base[:-1] in NAME_WORDS


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
