"""Personal data found by its shape: CPR numbers, phone numbers, e-mail addresses,
street addresses and dates of birth. Each finder takes a text and returns its hits."""

from __future__ import annotations

import re

from .hits import PiiHit
from .vocabulary import places

# Capital letters of the Latin scripts (Danish, Turkish, Polish, Vietnamese, ...).
UPPER = "".join(
    c for c in (*map(chr, range(0x41, 0x250)), *map(chr, range(0x1E00, 0x1F00))) if c.isupper()
)
_U = f"[{UPPER}]"
_L = r"[^\W\d_]"  # a letter
_SPACE = r"[ \u00a0]"
_DIGIT = re.compile(r"\d")

# -- CPR numbers, phone numbers, e-mail addresses ----------------------------------------

# Digits not glued to a longer number, also not across "." "," "-" ("12.0101801234").
_NOT_AFTER_NUMBER = r"(?<!\d)(?<!\d[.,-])"
_NOT_BEFORE_NUMBER = r"(?!\d)(?![.,-]\d)"
_CPR = re.compile(
    _NOT_AFTER_NUMBER
    + r"(?P<dd>\d\d)(?P<mm>\d\d)(?P<yy>\d\d)[- \u00a0]?(?P<seq>\d{4})"
    + _NOT_BEFORE_NUMBER
)
_PHONE = re.compile(
    r"(?<![\d+])(?<!\d[ \u00a0.,-])"
    rf"(?:(?:\+|00)45{_SPACE}?)?"
    rf"(?:[2-9]\d{{7}}|[2-9]\d{{3}}{_SPACE}\d{{4}}|[2-9]\d(?:[ \u00a0-]\d\d){{3}})"
    rf"(?!\d)(?!{_SPACE}?\d)(?![.,-]\d)"
)
# Not phone numbers: an 8-digit amount ("kr. 25000000", "25000000 kr.") or two years.
_YEARS = re.compile(r"20\d\d[ \u00a0]20\d\d")
_AMOUNT_BEFORE = re.compile(r"(?:\bkr\.?|\bDKK)\s*\Z", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kroner\b|dkk\b|,-|\.-)", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


def find_cpr(text: str) -> list[PiiHit]:
    """CPR numbers whose first six digits are a real date."""
    if not _DIGIT.search(text):  # most speech has no digits: skip the slower regex
        return []
    return [
        PiiHit("CPR", m.start(), m.end(), m.group())
        for m in _CPR.finditer(text)
        if _valid_cpr_date(m["dd"], m["mm"], m["yy"], m["seq"])
    ]


def find_phones(text: str) -> list[PiiHit]:
    """Danish phone numbers (8 digits, optionally +45), not amounts or pairs of years."""
    if not _DIGIT.search(text):
        return []
    return [
        PiiHit("TELEFON", m.start(), m.end(), m.group())
        for m in _PHONE.finditer(text)
        if not _YEARS.fullmatch(m.group())
        and not _AMOUNT_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
        and not _AMOUNT_AFTER.match(text, m.end())
    ]


def find_emails(text: str) -> list[PiiHit]:
    """E-mail addresses."""
    if "@" not in text:
        return []
    return [PiiHit("EMAIL", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]


def _valid_cpr_date(dd: str, mm: str, yy: str, seq: str) -> bool:
    """Whether DDMMYY is a real date, with the century read from the 7th digit."""
    day, month, year = int(dd), int(mm), int(yy)
    if not 1 <= month <= 12 or day < 1:
        return False
    full_year = _cpr_century(year, int(seq[0])) + year
    return day <= _days_in_month(month, full_year)


def _days_in_month(month: int, year: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _cpr_century(year: int, seventh: int) -> int:
    """The CPR rule (CPR-kontoret) that dates a 2-digit birth year by the 7th digit."""
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if year <= 36 else 1900
    return 2000 if year <= 57 else 1800


# -- dates of birth ----------------------------------------------------------------------

_MONTHS = (
    "januar februar marts april maj juni juli august september oktober november december"
).split()
_MONTH_ABBREVIATIONS = "jan feb mar apr jun jul aug sep sept okt nov dec".split()
_MONTH = "|".join(sorted(_MONTHS + _MONTH_ABBREVIATIONS, key=len, reverse=True))
_YEAR = r"(?:1[89]\d\d|20\d\d|['’]?\d\d)"
_DATE = re.compile(
    r"(?<![\w.,/-])(?:"
    rf"(?P<day>[0-3]?\d)\.?{_SPACE}*(?P<month_name>{_MONTH})\.?,?{_SPACE}*(?P<year>{_YEAR})"
    rf"|(?P<nday>[0-3]?\d)[./-](?P<nmonth>[01]?\d)(?:[./-]|{_SPACE}|[./-]{_SPACE})"
    rf"(?P<nyear>{_YEAR})"
    r"|(?P<iyear>1[89]\d\d|20\d\d)-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d)"
    r"|(?P<cday>[0-3]\d)(?P<cmonth>[01]\d)(?P<cyear>19\d\d|20\d\d)"
    rf"|(?P<mmonth>{_MONTH})\.?{_SPACE}+(?P<myear>1[89]\d\d|20\d\d)"
    r")(?![\w/-])(?!\.\d)",
    re.IGNORECASE,
)
# "født", "fødselsdato", "f." (not "f.eks."), up to a few words before the date.
_BORN_BEFORE = re.compile(
    r"(?:\bfødt|\bfødselsdato\w*|\bfødselsdag\w*|\bfødselsår|(?<![\w.])f\.(?![\w.]))"
    r"[^!?\n]{0,40}\Z",
    re.IGNORECASE,
)
_BORN_KEYS = ("ødt", "øds", "ØDT", "ØDS", "f.", "F.")
_BORN_AFTER = re.compile(r"\A[^!?.\n]{0,20}\bfødt\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(rf"[.!?]{_SPACE}+{_U}")


def find_birth_dates(text: str) -> list[PiiHit]:
    """Dates with a year next to "født", "fødselsdato" or "f.": "født den 3. marts 1985".

    Example:
        >>> [h.text for h in find_birth_dates("Hun er født den 3. marts 1985 i Aleppo.")]
        ['3. marts 1985']
    """
    if not any(key in text for key in _BORN_KEYS):  # cheap: most texts have none
        return []
    hits = []
    for m in _DATE.finditer(text):
        if not _real_date(m):
            continue
        before = _BORN_BEFORE.search(text, max(0, m.start() - 60), m.start())
        near = before is not None and not _SENTENCE_BREAK.search(before.group())
        if near or _BORN_AFTER.match(text[m.end() : m.end() + 30]):
            hits.append(PiiHit("FØDSELSDATO", m.start(), m.end(), m.group()))
    return hits


def _real_date(m: re.Match[str]) -> bool:
    if m["mmonth"]:
        return True
    if m["month_name"]:
        return 1 <= int(m["day"]) <= 31
    if m["nday"]:
        day, month = m["nday"], m["nmonth"]
    elif m["iday"]:
        day, month = m["iday"], m["imonth"]
    else:
        day, month = m["cday"], m["cmonth"]
    return 1 <= int(month) <= 12 and 1 <= int(day) <= _days_in_month(int(month), 2000)


# -- street addresses --------------------------------------------------------------------

_STREET_ENDINGS = tuple(
    """
    vej vejen gade gaden allé alle alléen stræde strædet plads pladsen vænge vænget park
    parken torv torvet boulevard bakke bakken toft toften sti stien gyde kaj kajen vang
    vangen hegn hegnet eng engen mark marken agre bjerg bjerget vold volden brygge bryggen
    løkke løkken krog krogen ring ringen passage promenade have haven høj højen skov
    skoven lund lunden dal dalen mose mosen holm holmen bro broen gård gården gaard
    sletten stykket kilde kilden banke kvarter tofte tværvej vænget stien parkvej
    """.split()
)
_WORD = rf"{_U}{_L}*(?:\.{_U}?{_L}*)*(?:['’]s)?"
_NUMBER = rf"[1-9]\d{{0,3}}(?:{_SPACE}?[A-ZÆØÅ](?!{_L})|[a-zæøå](?!{_L}))?"
_FLOOR = (
    rf",?{_SPACE}*(?:(?:st|kl|kld)\.?(?:{_SPACE}*(?:th|tv|mf)\b)?"
    rf"|\d{{1,2}}\.?{_SPACE}*(?:th|tv|mf|sal)\b|\d{{1,2}}\.{_SPACE}*\d{{1,3}}\b)"
)
_TOWN = (
    r"(?:(?:Kongens|Kgs\.|Hvide|Store|Lille|Nørre|Sønder|Vester|Øster|Ny|Gammel|Sankt"
    rf"|Nykøbing|Brøndby|Greve|Solrød|Avedøre){_SPACE}+)?{_U}{_L}*(?:-{_U}{_L}*)?"
    rf"(?:{_SPACE}+(?:C|K|N|S|V|Ø|NV|NØ|SV|SØ|F|M|Sj)\b)?"
)
_POSTCODE = rf"(?:DK-)?[1-9]\d{{3}}{_SPACE}+(?P<town>{_TOWN})"
_NOT_A_QUANTITY = (
    rf"(?!{_SPACE}*(?:gange?|år|uger?|dage?|timer?|måneder?|minutter|kr|procent|%|"
    r"personer|borgere|stk|mio|mia)\b)"
)
# It starts with a capital letter, the lookbehind after it, so that the regex engine skips
# ahead to capitals fast.
_ADDRESS = re.compile(
    rf"(?P<street>{_U}(?<![\w.](?s:.)){_WORD[len(_U) :]}(?:{_SPACE}+{_WORD}){{0,3}})"
    rf"{_SPACE}+{_NUMBER}"
    rf"(?!\d)(?![.,]\d){_NOT_A_QUANTITY}(?:{_FLOOR})?"
    rf"(?:\.?,?{_SPACE}*(?:i{_SPACE}+)?{_POSTCODE})?"
)
_POSTCODE_TOWN = re.compile(rf"(?<![\w.,-]){_POSTCODE}(?![\w-])")
_DISTRICT = re.compile(rf"{_SPACE}+(?:C|K|N|S|V|Ø|NV|NØ|SV|SØ)\Z")
_YEAR_BEFORE = re.compile(r"\b(?:i|fra|siden|til|år|indtil|efter|før|in)\W+\Z", re.IGNORECASE)
# A street without a number where someone lives: "hun bor på Søndergade i Aarhus". It
# starts with a letter, the lookbehind after it, so that the regex engine skips ahead fast.
_LIVES_ON = re.compile(
    r"[BbAa](?<!\w.)(?:(?<=[Bb])o(?:r|ede|et)?\s+(?:på|i)|(?<=[Aa])dressen?(?:\s+er)?"
    r"(?:\s+på)?)\s+"
    rf"(?P<street>{_U}{_L}*(?:{_SPACE}+{_U}{_L}*){{0,2}})(?![\w-])"
)
_LIVES_ON_NUMBER = re.compile(rf"{_SPACE}+\d")  # then the address has a number
# Words before a street without a usual ending that make it an address: "bor på Strøget 4".
_LIVES_AT = re.compile(
    r"(?:\bbor|\bboede|\bflytte\w*|\badresse\w*|\bbopæl)\W+(?:\w+\W+){0,2}\Z", re.IGNORECASE
)


def find_addresses(text: str) -> list[PiiHit]:
    """Street addresses with a house number (floor, side, postcode and town too) and
    postcodes with a town: "Søndergade 14, 2. th., 8000 Aarhus C", "7400 Herning".

    Example:
        >>> [h.text for h in find_addresses("Hun bor på Industrivej 7 i 7400 Herning.")]
        ['Industrivej 7 i 7400 Herning']
    """
    hits = [
        PiiHit("ADRESSE", m.start("street"), m.end("street"), m["street"])
        for m in _LIVES_ON.finditer(text)
        if m["street"].rsplit(None, 1)[-1].lower().endswith(_STREET_ENDINGS)
    ]
    if not _DIGIT.search(text):  # the rest has numbers
        return hits
    hits = [
        PiiHit("ADRESSE", m.start(), m.end(), m.group())
        for m in _ADDRESS.finditer(text)
        if _is_street(text, m)
    ] + [h for h in hits if not _LIVES_ON_NUMBER.match(text, h.end)]
    taken = [(h.start, h.end) for h in hits]
    for m in _POSTCODE_TOWN.finditer(text):
        inside = any(s <= m.start() < e for s, e in taken)
        if not inside and _is_town(text, m):
            hits.append(PiiHit("ADRESSE", m.start(), m.end(), m.group()))
    return hits


def _is_street(text: str, m: re.Match[str]) -> bool:
    last = m["street"].rsplit(None, 1)[-1].lower()
    if last.endswith(("'s", "’s")):
        return False
    lives_at = _LIVES_AT.search(text, max(0, m.start() - 40), m.start()) is not None
    return lives_at or (last.endswith(_STREET_ENDINGS) and last not in places())


def _is_town(text: str, m: re.Match[str]) -> bool:
    """A known town, or any town with a district letter ("8000 Aarhus C"); not a year
    before a place ("i 2019 Aarhus")."""
    town = m["town"]
    if m.group()[:2] in ("19", "20") and _YEAR_BEFORE.search(
        text, max(0, m.start() - 8), m.start()
    ):
        return False
    return bool(_DISTRICT.search(town)) or _DISTRICT.sub("", town).lower() in places()
