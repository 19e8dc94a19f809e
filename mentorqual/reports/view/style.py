"""How a view looks: the style sheet, a colour per code, and safe names for files and ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ...errors import MentorqualError
from .records import ViewInterview, ViewTheme

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
# Share of the theme colour in a highlight; the rest is white, which keeps #1a1a1a text
# above 8:1 contrast even on a black theme colour.
TINT = 0.3
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})

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
.strips{flex:none;display:flex;justify-content:flex-end;gap:2px;min-width:2.4rem}
.strip{width:5px;border-radius:2px;background:var(--c)}
.strip.machine{width:4px;border-radius:0;
background:repeating-linear-gradient(var(--c) 0 5px,transparent 5px 8px)}
.key{font-size:.9rem;color:#333}
.key .strip{display:inline-block;height:1.1em;vertical-align:-.2em;margin:0 .3em 0 .8em;--c:#555}
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


@dataclass(frozen=True)
class CodeStyle:
    """A code as drawn: its legend label, colour, highlight tint and CSS class."""

    code: str
    label: str
    colour: str
    tint: str
    css: str  # class name


def code_styles(
    themes: Sequence[ViewTheme], interviews: Sequence[ViewInterview]
) -> dict[str, CodeStyle]:
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
    css = unique_slugs(known, "code")
    codes: dict[str, CodeStyle] = {}
    missing = 0
    for theme, name in zip(known.values(), css, strict=True):
        colour = theme.colour.upper()
        if not colour:
            colour, missing = free[missing % len(free)], missing + 1
        codes[theme.code] = CodeStyle(theme.code, theme.label, colour, tint(colour), f"code-{name}")
    return codes


def tint(colour: str, share: float = TINT) -> str:
    """``colour`` mixed with white, ``share`` of it kept."""
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * share + 255 * (1 - share)):02x}" for c in channels)


def _mix(colours: Sequence[str]) -> str:
    channels = [[int(c[i : i + 2], 16) for c in colours] for i in (1, 3, 5)]
    return "#" + "".join(f"{round(sum(c) / len(c)):02x}" for c in channels)


def code_css(codes: Mapping[str, CodeStyle]) -> str:
    """One rule per code, setting its colour and tint."""
    return "".join(f".{c.css}{{--c:{c.colour};--t:{c.tint}}}\n" for c in codes.values())


def mix_css(mixes: Mapping[tuple[str, ...], str], codes: Mapping[str, CodeStyle]) -> str:
    """One rule per set of overlapping codes: a blended background and stacked underlines."""
    rules = []
    for key, name in mixes.items():
        shadows = ",".join(f"inset 0 -{3 * n}px 0 {codes[c].colour}" for n, c in enumerate(key, 1))
        rules.append(
            f".ev.{name}{{background:{_mix([codes[c].tint for c in key])};"
            f"box-shadow:{shadows};padding-bottom:{3 * len(key) - 2}px}}\n"
        )
    return "".join(rules)


def _slug(text: str, fallback: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_DANISH)).encode("ascii", "ignore")
    slug = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_text.decode()).strip("-")
    return slug[:60].strip("-") or fallback


def unique_slugs(names: Iterable[str], fallback: str, reserved: Iterable[str] = ()) -> list[str]:
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
