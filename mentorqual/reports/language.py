"""One language per report: the words, number formats and quotation marks of Danish
(the default) and English output.

Every label a report shows comes from :data:`WORDS` through :func:`say`, so a Danish
report holds no English and the other way round. Numbers go through :func:`number`:
a decimal comma and a thousands point in Danish ("1.234,5"), the reverse in English.
Engines write no words: their notes are `mentorqual.types.Note`s, keys of
:data:`WORDS` said by :func:`say_note`.
"""

# ruff: noqa: E501  (a table of sentences, one per line, reads best unwrapped)
from __future__ import annotations

import math
from typing import Literal

from ..errors import InputError
from ..types import Note, Unknown

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
    "data:interviews": ("Interviews der nævner temaet", "Interviews mentioning the theme"),
    "data:low_n": ("For få interviews (*)", "Too few interviews (*)"),
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
    "search_title": ("Søgning: {words}", "Search: {words}"),
    "search_what": ("{n} forekomster af {words} i informanternes afsnit.", "{n} occurrences of {words} in the respondents' paragraphs."),
    "search_form": ("Søgt på ordformer (uden forskel på store og små bogstaver); * markerer, hvor et ord kan sættes sammen med andre.", "Searched by word form (ignoring case); * marks where a word may join a compound."),
    "search_lemma": ("Søgt på grundform (lemma), bøjning og sammensætninger, som kodebogens regler matcher ord.", "Searched by lemma, inflection and compound part, as the codebook's rules match words."),
    "before": ("Før", "Before"),
    "hit": ("Ord", "Word"),
    "after": ("Efter", "After"),
    "cooccurrence_cells": ("Hver celle: informantens afsnit kodet med både rækkens og kolonnens tema.", "Each cell: respondent paragraphs coded with both the row's and the column's theme."),
    "cooccurrence_diagonal": ("Diagonalen: temaets eget antal, afsnit kodet med temaet.", "The diagonal: the theme's own count, paragraphs coded with the theme."),
    "cooccurrence_colours": ("Diagonalen (grå) er temaets eget antal: afsnit kodet med temaet. Farverne viser kun par af to forskellige temaer.", "The diagonal (grey) is the theme's own count: paragraphs coded with the theme. The colours show only pairs of two different themes."),
    "cooccurrence_legend": ("Afsnit kodet med begge temaer", "Paragraphs coded with both themes"),
    "sheet:cooccurrence": ("Samtidig kodning", "Co-occurrence"),
    "sheet:search": ("Søgning", "Search"),
    # view
    "view_title": ("Kodede interviews: {codebook}", "Coded interviews: {codebook}"),
    "view_counted": ("Tallene er antal kodede afsnit pr. tema. {whose}.", "The figures are coded paragraphs per theme. {whose}."),
    "view_figures": ("Tallene er antal kodede afsnit pr. tema, alle koderes kodninger.", "The figures are coded paragraphs per theme, every coder's codings."),
    "not_assessed": ("ikke vurderet", "not assessed"),
    "generated_by": ("Genereret af {what}", "Generated by {what}"),
    "head:region": ("Region", "Region"),
    # an interview's missing value of an attribute (:func:`unknown`)
    "unknown:region": ("ukendt region", "unknown region"),
    "unknown:role": ("ukendt rolle", "unknown role"),
    "unknown:municipality": ("ukendt kommune", "unknown municipality"),
    "unknown": ("ukendt {name}", "unknown {name}"),
    "head:role": ("Rolle", "Role"),
    "respondent_paragraphs": ("Informantafsnit", "Respondent paragraphs"),
    "total": ("I alt", "Total"),
    "themes": ("Temaer", "Themes"),
    "code": ("Kode", "Code"),
    "transcript": ("Udskrift", "Transcript"),
    "strips": ("Striber: én pr. koder og tema", "Strips: one per coder and theme"),
    "strip:human": ("menneske", "human"),
    "strip:machine": ("maskine", "machine"),
    "score": ("score {score}", "score {score}"),
    "rule": ("regel {rule}", "rule {rule}"),
    # agreement report
    "agreement_title": ("Interkoder-enighed: {coders}", "Inter-coder agreement: {coders}"),
    "ag:overview": ("Oversigt", "Overview"),
    "ag:disagreements": ("Uenigheder", "Disagreements"),
    "ag:matrices": ("Matricer", "Matrices"),
    "ag:about": ("Om", "About"),
    "ag:per_group": ("Pr. {by}", "By {by}"),
    "ag:units": ("Enheder", "Units"),
    "ag:prevalence": ("Forekomst {coder}", "Prevalence {coder}"),
    "ag:percent": ("Enighed", "Agreement"),
    "ag:kappa:cohen": ("Cohens κ", "Cohen's κ"),
    "ag:kappa:fleiss": ("Fleiss' κ", "Fleiss' κ"),
    "ag:kappa_band": ("κ-vurdering", "κ reading"),
    "ag:alpha": ("Krippendorffs α", "Krippendorff's α"),
    "ag:alpha_low": ("α nedre", "α lower"),
    "ag:alpha_high": ("α øvre", "α upper"),
    "ag:alpha_verdict": ("α-vurdering", "α verdict"),
    "ag:ac1": ("Gwets AC1", "Gwet's AC1"),
    "ag:notes": ("Noter", "Notes"),
    "ag:text": ("Tekst", "Text"),
    "ag:disputed": ("Uenige om", "Disagree on"),
    "ag:no_codes": ("(ingen)", "(none)"),
    "ag:coincidence": ("Koincidensmatrix", "Coincidence matrix"),
    "ag:confusion": ("Konfusionsmatrix (rækker {first}, kolonner {second})", "Confusion matrix (rows {first}, columns {second})"),
    "ag:matrix": ("Matrix", "Matrix"),
    "ag:rating": ("Vurdering", "Rating"),
    "ag:all_codes": ("(alle)", "(all)"),
    "ag:all_themes": ("Alle temaer", "All themes"),
    "value:absent": ("fravær", "absent"),
    "value:present": ("til stede", "present"),
    "band:poor": ("ringe", "poor"),
    "band:slight": ("svag", "slight"),
    "band:fair": ("rimelig", "fair"),
    "band:moderate": ("moderat", "moderate"),
    "band:substantial": ("betydelig", "substantial"),
    "band:almost perfect": ("næsten perfekt", "almost perfect"),
    "verdict:reliable": ("pålidelig", "reliable"),
    "verdict:tentative conclusions only": ("kun foreløbige konklusioner", "tentative conclusions only"),
    "verdict:unreliable": ("upålidelig", "unreliable"),
    "verdict:not assessed": ("ikke vurderet", "not assessed"),
    "unit:segment": ("informantens afsnit", "respondent paragraphs"),
    "unit:interview": ("interview", "interview"),
    "ag:coders": ("Kodere: {coders}. Enhed: {unit}.", "Coders: {coders}. Unit: {unit}."),
    "ag:themes": ("Temaer: {codes}.", "Themes: {codes}."),
    "ag:scope": ("Enheder i alt: {total} (vurderet: {assessed}); vurderet af mindst 2 kodere og dermed med i tallene: {used}.", "Units in all: {total} (assessed: {assessed}); assessed by at least 2 coders and so in the figures: {used}."),
    "ag:missing": ("En enhed, som en koder ikke har vurderet, er manglende for koderen, aldrig 'fravær'.", "A unit a coder did not assess is missing for that coder, never 'absent'."),
    "ag:all_row": ("Rækken 'Alle temaer' regner hvert par (enhed, tema) som én binær enhed.", "The row 'All themes' counts every pair (unit, theme) as one binary unit."),
    "ag:bootstrap": ("α-intervallet bygger på {n} bootstrap-gentrækninger af enheder (seed {seed}); for 'Alle temaer' trækkes en enhed med alle sine temaer.", "The α interval rests on {n} bootstrap resamples of units (seed {seed}); for 'All themes' a unit is drawn with all its themes."),
    "ag:no_bootstrap": ("Uden bootstrap-interval for α.", "No bootstrap interval for α."),
    "ag:unassessed": ("Ikke vurderet af alle kodere: {codes}. Koder, der kom til efter en koders arbejde, tæller som manglende for koderen, aldrig som fravær.", "Not assessed by every coder: {codes}. Codes added after a coder's work count as missing for that coder, never as absent."),
    "ag:spliced": ("Koder vurderet i andre interviews end de øvrige er opgjort for sig; rækken 'Alle temaer' og uenighederne gælder de øvrige.", "Codes assessed in other interviews than the rest are audited on their own; the row 'All themes' and the disagreements cover the rest."),
    "stat:units": ("Enheder: enheder vurderet af mindst 2 af koderne. Kun de indgår i tallene.", "Units: units assessed by at least 2 of the coders. Only they are in the figures."),
    "stat:prevalence": ("Forekomst: andelen af de enheder, koderen har vurderet (også dem, ingen anden koder har vurderet), som koderen gav temaet.", "Prevalence: the share of the units the coder assessed (also those no other coder assessed) that the coder gave the theme."),
    "stat:percent": ("Enighed: parvis procentvis enighed, dvs. gennemsnittet over enhederne af andelen af koderpar, der er enige. Korrigerer ikke for tilfældig enighed.", "Agreement: pairwise percent agreement, the mean over units of the share of coder pairs that agree. Not corrected for chance."),
    "stat:kappa": ("κ: Cohens kappa (2 kodere) eller Fleiss' kappa (3 eller flere; Gwets generalisering til et varierende antal kodere pr. enhed): enighed korrigeret for den enighed, kodernes fordeling ville give ved et tilfælde.", "κ: Cohen's kappa (2 coders) or Fleiss' kappa (3 or more; Gwet's generalisation to a varying number of coders per unit): agreement corrected for the agreement the coders' distributions would give by chance."),
    "stat:kappa_band": ("κ-vurdering (Landis & Koch 1977): under 0 ringe; 0-0,20 svag; 0,21-0,40 rimelig; 0,41-0,60 moderat; 0,61-0,80 betydelig; 0,81-1 næsten perfekt.", "κ reading (Landis & Koch 1977): below 0 poor; 0-0.20 slight; 0.21-0.40 fair; 0.41-0.60 moderate; 0.61-0.80 substantial; 0.81-1 almost perfect."),
    "stat:alpha": ("α: Krippendorffs alfa (nominal), der tåler manglende vurderinger. Intervallet er et 95 %-percentil-bootstrap over enhederne.", "α: Krippendorff's alpha (nominal), which tolerates missing ratings. The interval is a 95% percentile bootstrap over the units."),
    "stat:alpha_verdict": ("α-vurdering (Krippendorff 2004): α ≥ 0,800 pålidelig; 0,667 ≤ α < 0,800 kun foreløbige konklusioner; under 0,667 upålidelig. Se også intervallets nedre grænse.", "α verdict (Krippendorff 2004): α ≥ 0.800 reliable; 0.667 ≤ α < 0.800 tentative conclusions only; below 0.667 unreliable. See also the interval's lower bound."),
    "stat:ac1": ("AC1: Gwets AC1, der ikke falder så brat som κ, når et tema er sjældent (eller næsten altid til stede). Stor enighed med lav κ skyldes ofte en skæv forekomst.", "AC1: Gwet's AC1, which does not drop as steeply as κ when a theme is rare (or nearly always present). High agreement with a low κ is often due to a skewed prevalence."),
    "stat:coincidence": ("Koincidensmatrix (Krippendorff): hvor ofte to vurderinger af samme enhed parres som fravær/til stede; hver enhed med m vurderinger bidrager med m værdier.", "Coincidence matrix (Krippendorff): how often two ratings of the same unit pair up as absent/present; each unit with m ratings adds m values."),
    "stat:confusion": ("Konfusionsmatrix (2 kodere): enheder efter første koders (rækker) og anden koders (kolonner) vurdering.", "Confusion matrix (2 coders): units by the first coder's (rows) and the second coder's (columns) rating."),
    "stat:disagreements": ("Uenigheder: hver enhed, hvor koderne, der har vurderet den, er uenige om mindst ét tema, med hver koders temaer. 'ikke vurderet': koderen har ikke vurderet enheden.", "Disagreements: every unit where the coders who assessed it disagree on at least one theme, with each coder's themes. 'not assessed': the coder did not assess the unit."),
    # the agreement audit's notes (`mentorqual.types.Note`), by their keys
    "note:no_units": ("Ingen enheder er vurderet af mindst 2 kodere.", "No unit is assessed by at least 2 coders."),
    "note:all_absent": ("Ingen variation: alle vurderinger er 'fravær', så κ og α er ikke definerede.", "No variation: every rating is 'absent', so κ and α are undefined."),
    "note:all_present": ("Ingen variation: alle vurderinger er 'til stede', så κ og α er ikke definerede.", "No variation: every rating is 'present', so κ and α are undefined."),
    "note:no_interval": ("α-interval: ingen bootstrap-gentrækning havde variation, så α har intet interval.", "α interval: no bootstrap resample had any variation, so α has no interval."),
    "note:undefined:percent": ("Enighed er ikke defineret for disse vurderinger.", "Agreement is undefined for these ratings."),
    "note:undefined:kappa": ("κ er ikke defineret for disse vurderinger.", "κ is undefined for these ratings."),
    "note:undefined:alpha": ("α er ikke defineret for disse vurderinger.", "α is undefined for these ratings."),
    "note:undefined:ac1": ("AC1 er ikke defineret for disse vurderinger.", "AC1 is undefined for these ratings."),
    "note:lacking": ("ikke vurderet af {coders}: tæller som manglende", "not assessed by {coders}: counts as missing"),
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


def percent(share: float | None, decimals: int = 1, lang: Lang = "da") -> str:
    """A share (0-1) as a percentage: ``83,3 %`` (da, with a no-break space) or
    ``83.3%`` (en); NaN and None as "–".

    Example:
        percent(0.8333, 1, "en")  # "83.3%"
    """
    if share is None or math.isnan(share):
        return "–"
    shown = number(share * 100, decimals, lang)
    return f"{shown}\u00a0%" if lang == "da" else f"{shown}%"


def attribute(lang: Lang, name: str) -> str:
    """An interview attribute's name as a heading says it: "Region", "Rolle"; an
    attribute the vocabulary does not know keeps its name."""
    key = f"head:{name}"
    return say(lang, key) if key in WORDS else name


def unknown(lang: Lang) -> Unknown:
    """What a report in ``lang`` calls an interview's missing value of an attribute,
    by the attribute's name.

    Example:
        unknown("da")("role"), unknown("en")("role")  # "ukendt rolle", "unknown role"
    """

    def words(name: str) -> str:
        key = f"unknown:{name}"
        return say(lang, key) if key in WORDS else say(lang, "unknown", name=name)

    return words


def say_note(lang: Lang, note: Note) -> str:
    """The text of an engine's ``note`` in ``lang``.

    Example:
        say_note("en", Note("note:all_absent"))
        # "No variation: every rating is 'absent', so κ and α are undefined."
    """
    return say(lang, note.key, **note.values())


def quoted(text: str, lang: Lang = "da") -> str:
    """``text`` in the language's quotation marks: »...« in Danish, “...” in English."""
    return f"»{text}«" if lang == "da" else f"“{text}”"
