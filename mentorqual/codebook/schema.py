"""The codebook format: every key with a one-line meaning and an example.

The one description of the format. The validator takes its allowed keys from here,
``mentorqual codebook --help`` and the README's "Codebook format" show it, and
:func:`starter` writes a commented codebook from it, so the three cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SCHEMA", "Key", "Section", "help_text", "markdown", "starter"]


@dataclass(frozen=True)
class Key:
    """One key of a codebook mapping."""

    name: str
    meaning: str
    example: str  # YAML, one line
    required: bool = False


@dataclass(frozen=True)
class Section:
    """The keys of one kind of mapping (the codebook, a theme, a rule, ...)."""

    what: str  # as error messages name it: "a theme"
    title: str  # as the documentation heads it
    keys: tuple[Key, ...]
    like: str = ""  # documented as "the keys ... of <like>" rather than key by key

    @property
    def names(self) -> set[str]:
        return {key.name for key in self.keys}


CODEBOOK = Section(
    "the codebook",
    "Top level",
    (
        Key(
            "codebook", "the codebook's name (default: the file's name)", "codebook: mentorordning"
        ),
        Key("version", "its version, shown with the name in reports", 'version: "2"'),
        Key("language", "the transcripts' language", "language: da"),
        Key("description", "what the codebook is for", "description: Kommunernes mentorordning"),
        Key("themes", "the list of themes (required)", "themes: [{code: tryghed}]", True),
    ),
)
THEME = Section(
    "a theme",
    "Each theme (an item of themes)",
    (
        Key(
            "code",
            "the code: lower case letters, digits, _ or -; unique (required)",
            "code: tryghed",
            True,
        ),
        Key("label", "the name reports show (default: the code)", "label: Tryghed"),
        Key("colour", "highlight colour, #RRGGBB", "colour: '#1B9E77'"),
        Key("definition", "what the code means, per language (da, en)", "definition: {da: ...}"),
        Key("include", "what to code (a list)", "include: [en fast person at ringe til]"),
        Key("exclude", "what not to code (a list)", "exclude: [tryghed i ansættelsen]"),
        Key("examples", "a typical and a borderline quote", "examples: {typical: ...}"),
        Key(
            "rules",
            "the rules that code a paragraph with the theme",
            "rules: [{id: t, terms: [tryg]}]",
        ),
        Key(
            "follow_question",
            "later paragraphs of an answer keep the theme of its question (true/false)",
            "follow_question: true",
        ),
        Key(
            "subcodes",
            "sub-codes of the theme (a list; see below)",
            "subcodes: [{code: tryghed-kontakt}]",
        ),
    ),
)
SUBCODE = Section(
    "a sub-code",
    "Each sub-code (an item of a theme's subcodes)",
    tuple(k for k in THEME.keys if k.name not in ("rules", "follow_question", "subcodes")),
    like="a theme",
)
DEFINITION = Section(
    "'definition'",
    "definition (of a theme or sub-code)",
    (
        Key("da", "the definition in Danish", "da: Informanten taler om at føle sig tryg"),
        Key("en", "the definition in English", "en: The respondent speaks of feeling safe"),
    ),
)
EXAMPLES = Section(
    "'examples'",
    "examples (of a theme or sub-code)",
    (
        Key("typical", "a quote that clearly has the code", "typical: Hun var der altid"),
        Key("borderline", "a quote at the edge of the code", "borderline: Det gik vel"),
    ),
)
RULE = Section(
    "a rule",
    "Each rule (an item of a theme's rules); it needs terms, phrases, patterns or regex",
    (
        Key(
            "id", "the rule's name, unique across the codebook (required)", "id: tryghed-ord", True
        ),
        Key("note", "a note for the reader; not used", "note: skrevet på *01 og *02"),
        Key(
            "terms",
            "lemmas to match; * where a compound attaches, !word an exception",
            "terms: [tryg*, '!tryghedsvagt']",
        ),
        Key("phrases", "words in order, at most one word between them", 'phrases: ["fast person"]'),
        Key("patterns", "spaCy Matcher token patterns", "patterns: [[{LEMMA: tro}, {LOWER: på}]]"),
        Key("regex", "regular expressions on the paragraph, any case", "regex: ['\\bmentor\\w*']"),
        Key("also", "and one of these in the same sentence", "also: [mentor*]"),
        Key("unless", "and none of these in the same sentence", "unless: [konkurs]"),
        Key(
            "negation",
            "drop a hit after a negation such as 'ikke' (default true)",
            "negation: false",
        ),
        Key("min_hits", "fire only on at least this many matched words (default 1)", "min_hits: 2"),
    ),
)
SCHEMA = (CODEBOOK, THEME, SUBCODE, DEFINITION, EXAMPLES, RULE)


def markdown() -> str:
    """The format as Markdown tables, one per section: the README's "Codebook format"."""
    parts = []
    for section in SCHEMA:
        if section.like:
            parts += [f"**{section.title}**: {_like(section)}", ""]
            continue
        parts += [f"**{section.title}**", "", "| key | meaning | example |", "|---|---|---|"]
        parts += [f"| `{k.name}` | {k.meaning} | `{k.example}` |" for k in section.keys]
        parts.append("")
    return "\n".join(parts)


def help_text() -> str:
    """The format as ``mentorqual codebook --help`` shows it: a block per section, each
    key with its meaning and, below, an example."""
    width = max(len(k.name) for s in SCHEMA for k in s.keys) + 2
    blocks = []
    for section in SCHEMA:
        lines = ["\b", f"{section.title}:"]
        if section.like:
            lines.append(f"  {_like(section)}")
        for key in () if section.like else section.keys:
            lines.append(f"  {key.name:<{width}}{key.meaning}")
            lines.append(f"  {'':<{width}}{key.example}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _like(section: Section) -> str:
    names = ", ".join(k.name for k in section.keys)
    return f"the keys {names}, as in {section.like}."


def _comment(section: Section, name: str) -> str:
    return next(f"  # {k.meaning}" for k in section.keys if k.name == name)


def starter(name: str) -> str:
    """A small codebook that shows every key once, each with its meaning as a comment;
    it validates as it is.

    Example:
        >>> "themes:" in starter("mit-projekt")
        True
    """
    c, t, s, r = CODEBOOK, THEME, SUBCODE, RULE
    d, e = DEFINITION, EXAMPLES
    lines = [
        "# A mentorqual codebook. Every key is shown once, with what it means.",
        "# Check it with 'mentorqual codebook validate FILE'; the format is in",
        "# 'mentorqual codebook --help'.",
        f"codebook: {name}" + _comment(c, "codebook"),
        'version: "1"' + _comment(c, "version"),
        "language: da" + _comment(c, "language"),
        "description: Hvad kodebogen bruges til" + _comment(c, "description"),
        "themes:" + _comment(c, "themes"),
        "  - code: eksempel" + _comment(t, "code"),
        "    label: Eksempel" + _comment(t, "label"),
        "    colour: '#1B9E77'" + _comment(t, "colour"),
        "    definition:" + _comment(t, "definition"),
        "      da: Informanten giver et eksempel" + _comment(d, "da"),
        "      en: The respondent gives an example" + _comment(d, "en"),
        "    include:" + _comment(t, "include"),
        "      - konkrete eksempler fra hverdagen",
        "    exclude:" + _comment(t, "exclude"),
        "      - eksempler fra andre kommuner",
        "    examples:" + _comment(t, "examples"),
        "      typical: For eksempel ringede hun hver uge" + _comment(e, "typical"),
        "      borderline: Det var vel et eksempel" + _comment(e, "borderline"),
        "    follow_question: false" + _comment(t, "follow_question"),
        "    rules:" + _comment(t, "rules"),
        "      - id: eksempel-ord" + _comment(r, "id"),
        "        note: skrevet på de første interviews" + _comment(r, "note"),
        "        terms: [eksempel, '*eksempel', '!modeksempel']" + _comment(r, "terms"),
        '        phrases: ["for eksempel"]' + _comment(r, "phrases"),
        "        patterns: [[{LOWER: til}, {LOWER: eksempel}]]" + _comment(r, "patterns"),
        "        regex: ['\\beksempelvis\\b']" + _comment(r, "regex"),
        "        negation: true" + _comment(r, "negation"),
        "        min_hits: 1" + _comment(r, "min_hits"),
        "      - id: eksempel-mentor",
        "        terms: [vise]",
        "        also: ['mentor*']" + _comment(r, "also"),
        "        unless: [konkurs]" + _comment(r, "unless"),
        "    subcodes:" + _comment(t, "subcodes"),
        "      - code: eksempel-hverdag" + _comment(s, "code"),
        "        label: Eksempel fra hverdagen",
        "  - code: andet",
        "    label: Andet",
    ]
    return "\n".join(lines) + "\n"
