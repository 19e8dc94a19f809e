"""One paragraph of a transcript as HTML: strips and tags for its codes, highlights for
its evidence, and a tooltip saying who coded what and why."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

from ..language import Lang, number, say
from .records import Span, ViewCoding, ViewParagraph
from .redact import Redactor
from .style import CodeStyle


def paragraph_html(
    paragraph: ViewParagraph,
    anchor: str,
    codes: Mapping[str, CodeStyle],
    redact: Redactor,
    mixes: dict[tuple[str, ...], str],
    lang: Lang = "da",
) -> str:
    """The paragraph's ``<div>``; ``mixes`` collects the sets of codes that overlap."""
    present = [c for c in codes if any(x.code == c for x in paragraph.codings)]
    strips, tags = [], []
    for code in present:
        c = codes[code]
        mine = [x for x in paragraph.codings if x.code == code]
        lines = [f"{c.label} ({c.code})", *(_describe(x, redact, lang) for x in mine)]
        tip = escape("\n".join(dict.fromkeys(lines)))
        # One strip per coder, as NVivo's coding stripes: humans solid, machines dashed.
        coders = dict.fromkeys(x.coder for x in sorted(mine, key=lambda x: x.machine))
        for coder in coders:
            own = [x for x in mine if x.coder == coder]
            kind = " machine" if own[0].machine else ""
            lines = [f"{c.label} ({c.code})", *(_describe(x, redact, lang) for x in own)]
            strip_tip = escape("\n".join(dict.fromkeys(lines)))
            strips.append(f'<span class="strip{kind} {c.css}" title="{strip_tip}"></span>')
        tags.append(f'<li class="tag {c.css}" title="{tip}">{escape(c.label)}</li>')
    size = len(paragraph.text)
    spans = [
        (max(x.start, 0), min(x.end, size), x)
        for x in paragraph.codings
        if not (x.start <= 0 and x.end >= size)
    ]
    text, spans = paragraph.text, [s for s in spans if s[0] < s[1]]
    role = "respondent" if paragraph.role == "respondent" else "interviewer"
    return (
        f'<div class="para {role}{" coded" if present else ""}" id="{escape(anchor)}"'
        f' data-codes="{escape(" ".join(present))}">\n'
        f'<div class="strips" aria-hidden="true">{"".join(strips)}</div>\n'
        f'<div class="turn"><p class="speaker">{escape(redact.short(paragraph.speaker))}'
        f'<a class="loc" href="#{escape(anchor)}">{escape(paragraph.locator)}</a></p>\n'
        f'<p class="text">{_highlight(text, spans, codes, redact, mixes, lang)}</p>\n'
        + (f'<ul class="tags">{"".join(tags)}</ul>\n' if tags else "")
        + "</div>\n</div>\n"
    )


def _describe(coding: ViewCoding, redact: Redactor, lang: Lang) -> str:
    parts = [f"{say(lang, 'coded_by')} {redact.short(coding.coder)}"]
    if coding.score is not None and not math.isnan(coding.score):
        parts.append(say(lang, "score", score=number(coding.score, 2, lang)))
    if coding.rule:
        parts.append(say(lang, "rule", rule=coding.rule))
    return ", ".join(parts)


def _highlight(
    text: str,
    spans: Sequence[Span],
    codes: Mapping[str, CodeStyle],
    redact: Redactor,
    mixes: dict[tuple[str, ...], str],
    lang: Lang,
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
        lines = [f"{codes[x.code].label}: {_describe(x, redact, lang)}" for x in covering]
        tip = escape("\n".join(dict.fromkeys(lines)))
        pieces.append(f'<span class="ev {" ".join(classes)}" title="{tip}">{piece}</span>')
    return "".join(pieces)
