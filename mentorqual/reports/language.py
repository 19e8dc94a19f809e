"""One language per report: the words, number formats and quotation marks of Danish
(the default) and English output.

Every label a report shows comes from :data:`WORDS` through :func:`say`, so a Danish
report holds no English and the other way round. Numbers go through :func:`number`:
a decimal comma and a thousands point in Danish ("1.234,5"), the reverse in English.
"""

# ruff: noqa: E501  (a table of sentences, one per line, reads best unwrapped)
from __future__ import annotations

import math
from typing import Literal

from ..errors import InputError

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")

WORDS: dict[str, tuple[str, str]] = {  # key -> (Danish, English)
    # whose codings
    "coding": ("Kodning", "Coding"),
    "human": ("koder {name} (menneske)", "coder {name} (human)"),
    "rules": ("maskinkodning med kodebogens regler ({name})", "machine coding by the codebook's rules ({name})"),
    "classifier": ("maskinkodning med klassifikator ({name})", "machine coding by the classifier ({name})"),
    "machine": ("maskinkodning, regler og klassifikator samlet ({name})", "machine coding, rules and classifier combined ({name})"),
    "consensus": ("konsensus mellem {names}: kun kodninger, alle er enige om", "consensus of {names}: only codings all of them agree on"),
    "interviews_n": ("{n} interviews", "{n} interviews"),
    "and": ("og", "and"),
    "codebook": ("Kodebog", "Codebook"),
    "made": ("Lavet {when} med mentorqual.", "Made {when} with mentorqual."),
    # counts
    "theme": ("Tema", "Theme"),
    "all": ("Alle", "All"),
    "n_interviews": ("N interviews", "N interviews"),
    "n_words": ("N ord (informant)", "N words (respondent)"),
    "segments": ("Kodede afsnit", "Coded paragraphs"),
    "interviews_pct": ("Interviews der nævner temaet (%)", "Interviews mentioning the theme (%)"),
    "per_1000_words": ("Kodede afsnit pr. 1.000 ord", "Coded paragraphs per 1,000 words"),
    "sheet:segments": ("Kodede afsnit", "Coded paragraphs"),
    "sheet:interviews_pct": ("Interviews der nævner (%)", "Interviews mentioning (%)"),
    "sheet:per_1000_words": ("Pr. 1.000 ord", "Per 1,000 words"),
    "sheet:data": ("Data", "Data"),
    "sheet:about": ("Om tallene", "About the figures"),
    "note": ("Note", "Note"),
    "counts_title": ("Temaer pr. {by}", "Themes by {by}"),
    "by:region": ("region", "region"),
    "by:role": ("rolle", "role"),
    "scope": ("Interviews: {n} af {total} (dem koderen har vurderet).", "Interviews: {n} of {total} (those the coder assessed)."),
    "def:segments": ("Kodede afsnit: informantens afsnit kodet med temaet.", "Coded paragraphs: respondent paragraphs coded with the theme."),
    "def:interviews": ("Interviews der nævner temaet: interviews med mindst ét kodet afsnit, og deres andel af gruppens interviews.", "Interviews mentioning the theme: interviews with at least one coded paragraph, and their share of the group's interviews."),
    "def:per_1000": ("Pr. 1.000 ord: kodede afsnit pr. 1.000 ord informanttale i gruppen.", "Per 1,000 words: coded paragraphs per 1,000 words of respondent speech in the group."),
    "unassessed": ("Ikke vurderet af koderen og derfor udeladt: {codes}.", "Not assessed by the coder, so left out: {codes}."),
    "low_n": ("* Under {n} interviews: tallene hviler på for få interviews til at sammenligne grupper.", "* Fewer than {n} interviews: too few to compare groups on."),
    "low_n_plot": ("Grå kolonner: under {n} interviews.", "Grey columns: fewer than {n} interviews."),
    "n_column": ("N = {n} interviews, {words} ord", "N = {n} interviews, {words} words"),
    "n_tick": ("n={n}, {words} ord", "n={n}, {words} words"),
    "heatmap_title": ("Kodede afsnit pr. 1.000 ord, tema × {by}", "Coded paragraphs per 1,000 words, theme × {by}"),
    "caption_counts": ("{what}. {whose}.", "{what}. {whose}."),
    # quotes
    "quotes_title": ("Citater pr. {by}", "Quotes by {by}"),
    "quote:label": ("Tema", "Theme"),
    "quote:quote": ("Citat", "Quote"),
    "quote:attribution": ("Kilde", "Source"),
    "quote:interview": ("Interview", "Interview"),
    "quote:segment": ("Afsnit", "Paragraph"),
    "quote:coders": ("Kodet af", "Coded by"),
    "quote:score": ("Score", "Score"),
    "quote:words": ("Ord", "Words"),
    "quote:basis": ("Grundlag", "Basis"),
    "basis:human": ("menneskelig kodning", "human coding"),
    "basis:machine": ("maskinkodning (ingen menneske har kodet interviewet)", "machine coding (no human coded the interview)"),
    "machine_marker": ("maskinkodet", "machine-coded"),
    "sheet:about_quotes": ("Om citaterne", "About the quotes"),
    "no_quotes": ("Ingen citater matchede udvalget.", "No quotes matched the selection."),
    "respondent": ("Informant", "Respondent"),
    "paragraph": ("afsnit", "paragraph"),
    "coded_by": ("kodet af", "coded by"),
    "quote_rule_human": ("Citaterne kommer fra afsnit, som en menneskelig koder har kodet med temaet, og som ingen menneskelig koder har vurderet uden temaet.", "Quotes come from paragraphs a human coder coded with the theme and no human coder assessed without it."),
    "quote_rule_machine": ("Kun i interviews, som ingen menneskelig koder har kodet, bruges maskinens kodning; de citater er markeret »maskinkodet«.", "Only in interviews no human coder coded is the machine's coding used; those quotes are marked \"machine-coded\"."),
    "quote_rule_spread": ("Hvert interview giver ét citat, før noget interview giver et andet (højst {n} pr. interview pr. tema); næsten ens citater er fjernet.", "Each interview gives one quote before any interview gives a second (at most {n} per interview per theme); near duplicates are dropped."),
    "quote_rule_trim": ("Citater er forkortet til hele sætninger; [...] markerer udeladt tekst.", "Quotes are cut to whole sentences; [...] marks left-out text."),
    "quote_coders": ("Kodere: {coders}.", "Coders: {coders}."),
    # retrieval
    "group": ("Gruppe", "Group"),
    "question": ("Spørgsmål", "Question"),
    "passage": ("Afsnit (tekst)", "Passage"),
    "interviewer": ("Interviewer", "Interviewer"),
    "retrieve_title": ("Alle afsnit om {label}", "Every passage on {label}"),
    "by_groups": ("pr. {by}", "by {by}"),
    "retrieve_what": ("{n} afsnit kodet med temaet {label}, hver med interviewerens spørgsmål før det, i læserækkefølge.", "{n} paragraphs coded with the theme {label}, each with the interviewer's question before it, in reading order."),
    "no_passages": ("Ingen afsnit er kodet med temaet.", "No paragraph is coded with the theme."),
    "cooccurrence_title": ("Samtidig kodning: afsnit kodet med begge temaer", "Co-occurrence: paragraphs coded with both themes"),
    "cooccurrence_legend": ("Afsnit", "Paragraphs"),
    "cooccurrence_what": ("Hver celle: informantens afsnit kodet med både rækkens og kolonnens tema; diagonalen: afsnit kodet med temaet.", "Each cell: respondent paragraphs coded with both the row's and the column's theme; the diagonal: paragraphs coded with the theme."),
    "search_title": ("Søgning: {words}", "Search: {words}"),
    "search_what": ("{n} forekomster af {words} i informanternes afsnit.", "{n} occurrences of {words} in the respondents' paragraphs."),
    "search_form": ("Søgt på ordformer (uden forskel på store og små bogstaver); * markerer, hvor et ord kan sættes sammen med andre.", "Searched by word form (ignoring case); * marks where a word may join a compound."),
    "search_lemma": ("Søgt på grundform (lemma), bøjning og sammensætninger, som kodebogens regler matcher ord.", "Searched by lemma, inflection and compound part, as the codebook's rules match words."),
    "before": ("Før", "Before"),
    "hit": ("Ord", "Word"),
    "after": ("Efter", "After"),
    # view
    "view_counted": ("Tallene er antal kodede afsnit pr. tema. {whose}.", "The figures are coded paragraphs per theme. {whose}."),
    "not_assessed": ("ikke vurderet", "not assessed"),
}  # fmt: skip


def say(lang: Lang, key: str, **values: object) -> str:
    """The text of ``key`` in ``lang``, with ``{name}`` fields filled in.

    Example:
        say("da", "human", name="A")  # "koder A (menneske)"
    """
    da, en = WORDS[key]
    text = da if lang == "da" else en
    return text.format(**values) if values else text


def check_lang(lang: str) -> Lang:
    """``lang`` if it is a report language, else an error naming them."""
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}; use {', '.join(LANGUAGES)}")
    return lang


def number(value: float | int | None, decimals: int = 0, lang: Lang = "da") -> str:
    """A number as the language writes it: ``1.234,5`` (da) or ``1,234.5`` (en);
    NaN and None as "–".

    Example:
        number(83.333, 1)  # "83,3"
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def quoted(text: str, lang: Lang = "da") -> str:
    """``text`` in the language's quotation marks: »...« in Danish, “...” in English."""
    return f"»{text}«" if lang == "da" else f"“{text}”"
