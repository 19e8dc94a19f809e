"""Coded transcripts as static HTML: one page per interview and an ``index.html``.

Rows in, files out: the caller passes plain records and this module only lays them
out. Pages are self-contained (inline CSS, no JavaScript, nothing from the network),
so a view can be zipped, mailed and read offline or on paper.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html import escape
from pathlib import Path
from urllib.parse import quote

from ..errors import MentorqualError
from ..types import Role

__all__ = [
    "MARKER",
    "PALETTE",
    "ViewCoding",
    "ViewInterview",
    "ViewParagraph",
    "ViewTheme",
    "write_view",
]

MARKER = ".mentorqual-view"
# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
# Share of the theme colour in a highlight; the rest is white, which keeps #1a1a1a text
# above 8:1 contrast even on a black theme colour.
TINT = 0.3
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
# "index" is ours; the others are device names that Windows will not create as files.
_RESERVED = {"index", "con", "prn", "aux", "nul"} | {
    f"{d}{i}" for d in ("com", "lpt") for i in range(10)
}


@dataclass(frozen=True)
class ViewTheme:
    """A code as the legend shows it; ``colour`` is ``#RRGGBB`` or empty for a palette colour."""

    code: str
    label: str
    colour: str = ""


@dataclass(frozen=True)
class ViewCoding:
    """One coding of one paragraph; offsets are code points into the paragraph, end exclusive.

    A coding of the whole paragraph (``start=0, end=len(text)``) is drawn as a strip beside
    it; a narrower one (evidence) is also highlighted in the text.
    """

    code: str
    coder: str
    start: int
    end: int
    score: float | None = None
    rule: str | None = None


@dataclass(frozen=True)
class ViewParagraph:
    """One paragraph of one speaker turn, with its codings."""

    locator: str
    speaker: str
    role: Role
    text: str
    codings: Sequence[ViewCoding] = ()


@dataclass(frozen=True)
class ViewInterview:
    """One interview: its id, attributes (``region``, ``role``, ...) and paragraphs in order."""

    interview: str
    attributes: Mapping[str, str] = field(default_factory=dict)
    paragraphs: Sequence[ViewParagraph] = ()


_Span = tuple[int, int, ViewCoding]  # offsets into the paragraph text, as shown


@dataclass(frozen=True)
class _Code:
    code: str
    label: str
    colour: str
    tint: str
    css: str  # class name


def write_view(
    directory: Path,
    interviews: Sequence[ViewInterview],
    themes: Sequence[ViewTheme],
    title: str,
    generated: str,
    pii: Callable[[str], str] | None = None,
) -> list[Path]:
    """Write one HTML page per interview and an ``index.html`` to ``directory``, atomically.

    The pages are written to a temporary directory beside ``directory``, which then takes
    its place. An earlier view (marked by a ``.mentorqual-view`` file) is replaced; any
    other non-empty directory is refused. ``pii`` filters every text that comes from the
    interviews (ids, attributes, speakers, paragraphs, coders) before it is written; codes,
    labels, rules, ``title`` and ``generated`` are written as given.

    Returns the paths written, ``index.html`` first.

    Raises:
        MentorqualError: ``directory`` is not ours, or cannot be written.

    Example:
        write_view(Path("outputs/view"), interviews, themes, "Mentorordningen", "mentorqual 0.1")
    """
    codes = _codes(themes, interviews)
    redact = _Redactor(pii)
    ids = [redact.short(i.interview) for i in interviews]
    names = [f"{slug}.html" for slug in _unique_slugs(ids, "interview", _RESERVED)]
    pages = {"index.html": _index_page(interviews, ids, names, codes, redact, title, generated)}
    for interview, shown, name in zip(interviews, ids, names, strict=True):
        pages[name] = _interview_page(interview, shown, codes, redact, title, generated)
    _check_target(directory)
    temp = _temp_dir(directory)
    try:
        for name, text in pages.items():
            _write_page(temp / name, text)
        (temp / MARKER).write_text(f"Written by {generated}\n", encoding="utf-8")
        _swap(temp, directory)
    except OSError as exc:
        raise MentorqualError(f"{directory}: cannot write the view ({exc.strerror})") from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return [directory / name for name in pages]


def _write_page(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


# -- target directory ----------------------------------------------------------------------


def _check_target(directory: Path) -> None:
    try:
        if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
            raise MentorqualError(f"{directory}: not a directory; choose a new directory")
        if directory.is_dir() and not (directory / MARKER).is_file() and any(directory.iterdir()):
            raise MentorqualError(
                f"{directory}: the directory is not empty and holds no earlier view; "
                "choose a new or empty directory"
            )
    except OSError as exc:
        raise MentorqualError(f"{directory}: cannot read the directory ({exc.strerror})") from None


def _temp_dir(directory: Path) -> Path:
    # Not tempfile.mkdtemp: the view should get the umask's permissions, not 0700.
    temp = directory.parent / f".{directory.name}.tmp-{secrets.token_hex(8)}"
    try:
        temp.mkdir(parents=True)
    except OSError as exc:
        raise MentorqualError(f"{directory}: cannot write here ({exc.strerror})") from None
    return temp


def _swap(temp: Path, directory: Path) -> None:
    """Put ``temp`` in the place of ``directory``; on failure ``directory`` stays as it was."""
    if not directory.exists():
        os.replace(temp, directory)
        return
    # Move the old directory into the temporary one: it is then removed with it.
    old = temp / ".mentorqual-old"
    os.replace(directory, old)
    try:
        os.replace(temp, directory)
    except OSError:
        os.replace(old, directory)
        raise
    shutil.rmtree(directory / old.name, ignore_errors=True)


# -- names, colours, filtering --------------------------------------------------------------


def _slug(text: str, fallback: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_DANISH)).encode("ascii", "ignore")
    slug = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_text.decode()).strip("-")
    return slug[:60].strip("-") or fallback


def _unique_slugs(names: Iterable[str], fallback: str, reserved: Iterable[str] = ()) -> list[str]:
    """ASCII slugs, unique even on case-insensitive file systems."""
    taken = {r.casefold() for r in reserved}
    slugs = []
    for name in names:
        base = slug = _slug(name, fallback)
        number = 2
        while slug.casefold() in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug.casefold())
        slugs.append(slug)
    return slugs


def _tint(colour: str, share: float = TINT) -> str:
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * share + 255 * (1 - share)):02x}" for c in channels)


def _mix(colours: Sequence[str]) -> str:
    channels = [[int(c[i : i + 2], 16) for c in colours] for i in (1, 3, 5)]
    return "#" + "".join(f"{round(sum(c) / len(c)):02x}" for c in channels)


def _codes(themes: Sequence[ViewTheme], interviews: Sequence[ViewInterview]) -> dict[str, _Code]:
    """The themes in order, then codes that only the codings name; each with a colour."""
    for theme in themes:
        if theme.colour and not _COLOUR.match(theme.colour):
            raise MentorqualError(
                f"theme {theme.code!r}: colour {theme.colour!r} must look like '#1B9E77'"
            )
    known = {t.code: t for t in themes}
    for interview in interviews:
        for paragraph in interview.paragraphs:
            for coding in paragraph.codings:
                known.setdefault(coding.code, ViewTheme(coding.code, coding.code))
    used = {t.colour.upper() for t in known.values() if t.colour}
    free = [c for c in PALETTE if c not in used] or list(PALETTE)
    css = _unique_slugs(known, "code")
    codes: dict[str, _Code] = {}
    missing = 0
    for theme, name in zip(known.values(), css, strict=True):
        colour = theme.colour.upper()
        if not colour:
            colour, missing = free[missing % len(free)], missing + 1
        codes[theme.code] = _Code(theme.code, theme.label, colour, _tint(colour), f"code-{name}")
    return codes


class _Redactor:
    """Applies the ``pii`` filter; short texts (ids, speakers, coders) are cached."""

    def __init__(self, pii: Callable[[str], str] | None) -> None:
        self.pii = pii
        self.cache: dict[str, str] = {}

    def short(self, text: str) -> str:
        if self.pii is None:
            return text
        if text not in self.cache:
            self.cache[text] = self.pii(text)
        return self.cache[text]

    def paragraph(self, text: str, spans: list[_Span]) -> tuple[str, list[_Span]]:
        """The filtered text, with the spans moved to where their text ended up."""
        shown = text if self.pii is None else self.pii(text)
        if shown == text or not spans:
            return shown, spans
        opcodes = SequenceMatcher(None, text, shown, autojunk=False).get_opcodes()

        def move(offset: int, end: bool) -> int:
            for tag, i1, i2, j1, j2 in opcodes:
                if i1 < offset <= i2 if end else i1 <= offset < i2:
                    # A span reaching into replaced text covers all of the replacement.
                    return j1 + offset - i1 if tag == "equal" else (j2 if end else j1)
            return len(shown) if offset else 0

        return shown, [(move(s, False), move(e, True), c) for s, e, c in spans]


# -- pages -----------------------------------------------------------------------------------

CSS = """\
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0 auto;max-width:62rem;padding:1.5rem;color:#1a1a1a;background:#fff;
font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:#0b57a4}
h1{font-size:1.6rem;margin:.3rem 0 .8rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
nav{font-size:.9rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}
.n{text-align:right;font-variant-numeric:tabular-nums}
.zero{color:#767676}
tfoot td{font-weight:600;border-top:2px solid #888}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.35em;vertical-align:-.1em;
border:1px solid rgba(0,0,0,.3);border-radius:2px;background:var(--c)}
dl.attributes{display:grid;grid-template-columns:max-content 1fr;gap:0 1rem;margin:0}
dl.attributes dt{color:#555}
dl.attributes dd{margin:0}
.para{display:flex;gap:.6rem;margin:0 0 .9rem;break-inside:avoid}
.strips{flex:none;display:flex;justify-content:flex-end;gap:2px;width:2.4rem}
.strip{width:5px;border-radius:2px;background:var(--c)}
.turn{flex:1;min-width:0}
.speaker{margin:0;font-size:.8rem;color:#555}
.loc{color:#555;text-decoration:none;margin-left:.4em}
.text{margin:0;white-space:pre-wrap;line-height:1.9}
.interviewer .text{color:#444;font-style:italic}
.ev{background:var(--t);box-shadow:inset 0 -3px 0 var(--c);padding-bottom:1px;border-radius:2px;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.tags{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem;margin:.25rem 0 0;padding:0}
.tag{font-size:.75rem;padding:0 .4rem;border-left:4px solid var(--c);border-radius:2px;
background:var(--t)}
footer{margin-top:2rem;font-size:.8rem;color:#555}
@page{margin:15mm}
@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}
a{color:inherit;text-decoration:none}thead{display:table-header-group}}
"""


def _page(title: str, generated: str, body: str, css: str) -> str:
    return (
        '<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{escape(generated)}">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}{css}</style>\n</head>\n<body>\n"
        f"{body}<footer>Genereret af {escape(generated)}</footer>\n</body>\n</html>\n"
    )


def _code_css(codes: Mapping[str, _Code]) -> str:
    return "".join(f".{c.css}{{--c:{c.colour};--t:{c.tint}}}\n" for c in codes.values())


def _counts(interview: ViewInterview) -> dict[str, int]:
    """Coded paragraphs per code."""
    counts: dict[str, int] = {}
    for paragraph in interview.paragraphs:
        for code in {c.code for c in paragraph.codings}:
            counts[code] = counts.get(code, 0) + 1
    return counts


def _respondent_paragraphs(interview: ViewInterview) -> int:
    return sum(p.role == "respondent" for p in interview.paragraphs)


def _number(value: int) -> str:
    return f'<td class="n{" zero" if not value else ""}">{value}</td>'


def _swatch(code: _Code) -> str:
    return f'<span class="swatch {code.css}"></span>'


def _index_page(
    interviews: Sequence[ViewInterview],
    ids: Sequence[str],
    names: Sequence[str],
    codes: Mapping[str, _Code],
    redact: _Redactor,
    title: str,
    generated: str,
) -> str:
    head = "".join(
        f'<th scope="col" class="n" title="{escape(c.code)}">{_swatch(c)}{escape(c.label)}</th>'
        for c in codes.values()
    )
    rows = []
    totals = dict.fromkeys(codes, 0)
    for interview, shown, name in zip(interviews, ids, names, strict=True):
        counts = _counts(interview)
        for code in codes:
            totals[code] += counts.get(code, 0)
        cells = "".join(_number(counts.get(code, 0)) for code in codes)
        attributes = [redact.short(interview.attributes.get(k, "")) for k in ("region", "role")]
        rows.append(
            f'<tr><th scope="row"><a href="{escape(quote(name))}">{escape(shown)}</a></th>'
            + "".join(f"<td>{escape(a)}</td>" for a in attributes)
            + f"{_number(_respondent_paragraphs(interview))}{cells}</tr>\n"
        )
    respondent = sum(_respondent_paragraphs(i) for i in interviews)
    foot = "".join(_number(totals[code]) for code in codes)
    body = (
        f"<header>\n<h1>{escape(title)}</h1>\n<p>{len(interviews)} interviews. Tallene er "
        "antal kodede afsnit pr. tema.</p>\n</header>\n<main>\n<table>\n<thead><tr>"
        '<th scope="col">Interview</th><th scope="col">Region</th><th scope="col">Rolle</th>'
        f'<th scope="col" class="n">Respondentafsnit</th>{head}</tr></thead>\n<tbody>\n'
        f"{''.join(rows)}</tbody>\n<tfoot><tr><td>I alt</td><td></td><td></td>"
        f"{_number(respondent)}{foot}</tr></tfoot>\n</table>\n</main>\n"
    )
    return _page(title, generated, body, _code_css(codes))


def _interview_page(
    interview: ViewInterview,
    shown: str,
    codes: Mapping[str, _Code],
    redact: _Redactor,
    title: str,
    generated: str,
) -> str:
    counts = _counts(interview)
    legend = "".join(
        f'<tr class="{c.css}"><td>{_swatch(c)}<code>{escape(c.code)}</code></td>'
        f"<td>{escape(c.label)}</td>{_number(counts.get(code, 0))}</tr>\n"
        for code, c in codes.items()
    )
    attributes = "".join(
        f"<dt>{escape(key)}</dt><dd>{escape(redact.short(value))}</dd>"
        for key, value in interview.attributes.items()
    )
    mixes: dict[tuple[str, ...], str] = {}
    anchors = _unique_slugs((p.locator for p in interview.paragraphs), "p")
    paragraphs = "".join(
        _paragraph(p, anchor, codes, redact, mixes)
        for p, anchor in zip(interview.paragraphs, anchors, strict=True)
    )
    body = (
        f'<nav><a href="index.html">← {escape(title)}</a></nav>\n<header>\n'
        f"<h1>Interview {escape(shown)}</h1>\n"
        f'<dl class="attributes"><dt>respondentafsnit</dt>'
        f"<dd>{_respondent_paragraphs(interview)}</dd>{attributes}</dl>\n</header>\n"
        '<section class="legend">\n<h2>Temaer</h2>\n<table>\n<thead><tr><th scope="col">Kode'
        '</th><th scope="col">Tema</th><th scope="col" class="n">Kodede afsnit</th></tr>'
        f"</thead>\n<tbody>\n{legend}</tbody>\n</table>\n</section>\n"
        f'<main class="transcript">\n<h2>Udskrift</h2>\n{paragraphs}</main>\n'
    )
    return _page(f"{shown} – {title}", generated, body, _code_css(codes) + _mix_css(mixes, codes))


def _mix_css(mixes: Mapping[tuple[str, ...], str], codes: Mapping[str, _Code]) -> str:
    """One rule per set of overlapping codes: a blended background and stacked underlines."""
    rules = []
    for key, name in mixes.items():
        shadows = ",".join(f"inset 0 -{3 * n}px 0 {codes[c].colour}" for n, c in enumerate(key, 1))
        rules.append(
            f".ev.{name}{{background:{_mix([codes[c].tint for c in key])};"
            f"box-shadow:{shadows};padding-bottom:{3 * len(key) - 2}px}}\n"
        )
    return "".join(rules)


def _describe(coding: ViewCoding, redact: _Redactor) -> str:
    parts = [f"kodet af {redact.short(coding.coder)}"]
    if coding.score is not None and not math.isnan(coding.score):
        parts.append(f"score {coding.score:.2f}")
    if coding.rule:
        parts.append(f"regel {coding.rule}")
    return ", ".join(parts)


def _paragraph(
    paragraph: ViewParagraph,
    anchor: str,
    codes: Mapping[str, _Code],
    redact: _Redactor,
    mixes: dict[tuple[str, ...], str],
) -> str:
    present = [c for c in codes if any(x.code == c for x in paragraph.codings)]
    strips, tags = [], []
    for code in present:
        c = codes[code]
        lines = [f"{c.label} ({c.code})"]
        lines += [_describe(x, redact) for x in paragraph.codings if x.code == code]
        tip = escape("\n".join(dict.fromkeys(lines)))
        strips.append(f'<span class="strip {c.css}" title="{tip}"></span>')
        tags.append(f'<li class="tag {c.css}" title="{tip}">{escape(c.label)}</li>')
    size = len(paragraph.text)
    spans = [
        (max(x.start, 0), min(x.end, size), x)
        for x in paragraph.codings
        if not (x.start <= 0 and x.end >= size)
    ]
    text, spans = redact.paragraph(paragraph.text, [s for s in spans if s[0] < s[1]])
    role = "respondent" if paragraph.role == "respondent" else "interviewer"
    return (
        f'<div class="para {role}{" coded" if present else ""}" id="{escape(anchor)}"'
        f' data-codes="{escape(" ".join(present))}">\n'
        f'<div class="strips" aria-hidden="true">{"".join(strips)}</div>\n'
        f'<div class="turn"><p class="speaker">{escape(redact.short(paragraph.speaker))}'
        f'<a class="loc" href="#{escape(anchor)}">{escape(paragraph.locator)}</a></p>\n'
        f'<p class="text">{_highlight(text, spans, codes, redact, mixes)}</p>\n'
        + (f'<ul class="tags">{"".join(tags)}</ul>\n' if tags else "")
        + "</div>\n</div>\n"
    )


def _highlight(
    text: str,
    spans: Sequence[_Span],
    codes: Mapping[str, _Code],
    redact: _Redactor,
    mixes: dict[tuple[str, ...], str],
) -> str:
    """The text, cut at every span boundary; each piece lists the spans covering it."""
    bounds = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = escape(text[start:end])
        covering = [x for s, e, x in spans if s <= start and end <= e]
        if not covering:
            pieces.append(piece)
            continue
        key = tuple(c for c in codes if any(x.code == c for x in covering))
        classes = [codes[c].css for c in key]
        if len(key) > 1:
            classes.append(mixes.setdefault(key, f"mix-{len(mixes) + 1}"))
        lines = [f"{codes[x.code].label}: {_describe(x, redact)}" for x in covering]
        tip = escape("\n".join(dict.fromkeys(lines)))
        pieces.append(f'<span class="ev {" ".join(classes)}" title="{tip}">{piece}</span>')
    return "".join(pieces)
