"""The pages of a view: the page shell, the index of interviews and one interview's page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from ..language import Lang, attribute, number, say
from .records import ViewCount, ViewInterview
from .redact import Redactor
from .style import CSS, CodeStyle, code_css, mix_css, unique_slugs
from .transcript import paragraph_html


@dataclass(frozen=True)
class Layout:
    """What every page of one view shares: the codes' styles, the ``pii`` filter, the
    title and generator line, whose codings are counted, and the language."""

    codes: Mapping[str, CodeStyle]
    redact: Redactor
    title: str
    generated: str
    count: ViewCount | None = None
    lang: Lang = "da"

    def say(self, key: str, **values: object) -> str:
        return escape(say(self.lang, key, **values))

    def number(self, value: int) -> str:
        return f'<td class="n{" zero" if not value else ""}">{number(value, 0, self.lang)}</td>'


def _page(layout: Layout, title: str, body: str, css: str) -> str:
    generated = escape(layout.generated)
    return (
        f'<!doctype html>\n<html lang="{layout.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{generated}">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}{css}</style>\n</head>\n<body>\n"
        f"{body}<footer>{layout.say('generated_by', what=layout.generated)}</footer>\n"
        "</body>\n</html>\n"
    )


def _counts(interview: ViewInterview, count: ViewCount | None) -> dict[str, int]:
    """Coded paragraphs per code: of the counted coder's codings (or of any coder's)."""
    counts: dict[str, int] = {}
    for paragraph in interview.paragraphs:
        if count is not None and paragraph.role != "respondent":
            continue  # counts, like the counts command, cover respondent paragraphs
        for code in {c.code for c in paragraph.codings if count is None or c.coder == count.coder}:
            counts[code] = counts.get(code, 0) + 1
    return counts


def _cells(interview: ViewInterview, layout: Layout, codes: Iterable[str]) -> str:
    count = layout.count
    if count is not None and not interview.assessed:
        return "".join(
            f'<td class="n zero" title="{escape(count.not_assessed)}">–</td>' for _ in codes
        )
    counts = _counts(interview, count)
    return "".join(layout.number(counts.get(code, 0)) for code in codes)


def _about(layout: Layout) -> str:
    return escape(layout.count.about) if layout.count is not None else layout.say("view_figures")


def _strip_key(layout: Layout) -> str:
    return (
        f'<p class="key">{layout.say("strips")}'
        f'<span class="strip" aria-hidden="true"></span>{layout.say("strip:human")}'
        '<span class="strip machine" aria-hidden="true"></span>'
        f"{layout.say('strip:machine')}</p>\n"
    )


def _respondent_paragraphs(interview: ViewInterview) -> int:
    return sum(p.role == "respondent" for p in interview.paragraphs)


def _swatch(code: CodeStyle) -> str:
    return f'<span class="swatch {code.css}"></span>'


def _heads(layout: Layout, *keys: tuple[str, bool]) -> str:
    numeric = ' class="n"'
    return "".join(
        f'<th scope="col"{numeric if n else ""}>{layout.say(key)}</th>' for key, n in keys
    )


def index_page(
    interviews: Sequence[ViewInterview],
    ids: Sequence[str],
    names: Sequence[str],
    layout: Layout,
) -> str:
    """``index.html``: a row per interview, linked to its page, with coded paragraphs per
    code (of the counted coder, when ``layout.count`` says whose)."""
    codes, count = layout.codes, layout.count
    head = "".join(
        f'<th scope="col" class="n" title="{escape(c.code)}">{_swatch(c)}{escape(c.label)}</th>'
        for c in codes.values()
    )
    rows = []
    totals = dict.fromkeys(codes, 0)
    for interview, shown, name in zip(interviews, ids, names, strict=True):
        if count is None or interview.assessed:
            counts = _counts(interview, count)
            for code in codes:
                totals[code] += counts.get(code, 0)
        attributes = [
            layout.redact.short(interview.attributes.get(k, "")) for k in ("region", "role")
        ]
        rows.append(
            f'<tr><th scope="row"><a href="{escape(quote(name))}">{escape(shown)}</a></th>'
            + "".join(f"<td>{escape(a)}</td>" for a in attributes)
            + f"{layout.number(_respondent_paragraphs(interview))}"
            + f"{_cells(interview, layout, codes)}</tr>\n"
        )
    respondent = sum(_respondent_paragraphs(i) for i in interviews)
    foot = "".join(layout.number(totals[code]) for code in codes)
    columns = (("quote:interview", False), ("head:region", False), ("head:role", False))
    body = (
        f"<header>\n<h1>{escape(layout.title)}</h1>\n"
        f"<p>{layout.say('interviews_n', n=number(len(interviews), 0, layout.lang))}. "
        f"{_about(layout)}</p>\n</header>\n<main>\n<table>\n<thead><tr>"
        f"{_heads(layout, *columns, ('respondent_paragraphs', True))}{head}</tr></thead>\n"
        f"<tbody>\n{''.join(rows)}</tbody>\n<tfoot><tr><td>{layout.say('total')}</td>"
        f"<td></td><td></td>{layout.number(respondent)}{foot}</tr></tfoot>\n</table>\n"
        "</main>\n"
    )
    return _page(layout, layout.title, body, code_css(codes))


def interview_page(interview: ViewInterview, shown: str, layout: Layout) -> str:
    """One interview's page: its attributes, a legend of the codes, and the transcript."""
    codes, redact, lang = layout.codes, layout.redact, layout.lang
    legend = "".join(
        f'<tr class="{c.css}"><td>{_swatch(c)}<code>{escape(c.code)}</code></td>'
        f"<td>{escape(c.label)}</td>{_cells(interview, layout, [code])}</tr>\n"
        for code, c in codes.items()
    )
    # Region and role first, as the index has them; the id is the heading already.
    keys = sorted(interview.attributes, key=lambda k: (k not in ("region", "role"), k != "region"))
    attributes = "".join(
        f"<dt>{escape(attribute(lang, key))}</dt>"
        f"<dd>{escape(redact.short(interview.attributes[key]))}</dd>"
        for key in keys
        if key != "interview"
    )
    mixes: dict[tuple[str, ...], str] = {}
    anchors = unique_slugs((p.locator for p in interview.paragraphs), "p")
    paragraphs = "".join(
        paragraph_html(p, anchor, codes, redact, mixes, lang)
        for p, anchor in zip(interview.paragraphs, anchors, strict=True)
    )
    about = f'<p class="key">{_about(layout)}</p>\n' if layout.count is not None else ""
    body = (
        f'<nav><a href="index.html">← {escape(layout.title)}</a></nav>\n<header>\n'
        f"<h1>{layout.say('quote:interview')} {escape(shown)}</h1>\n"
        f'<dl class="attributes"><dt>{layout.say("respondent_paragraphs")}</dt>'
        f"<dd>{number(_respondent_paragraphs(interview), 0, lang)}</dd>{attributes}</dl>\n"
        f'</header>\n<section class="legend">\n<h2>{layout.say("themes")}</h2>\n<table>\n'
        f"<thead><tr>{_heads(layout, ('code', False), ('theme', False), ('segments', True))}"
        f"</tr></thead>\n<tbody>\n{legend}</tbody>\n</table>\n{about}{_strip_key(layout)}"
        f'</section>\n<main class="transcript">\n<h2>{layout.say("transcript")}</h2>\n'
        f"{paragraphs}</main>\n"
    )
    title = f"{shown} – {layout.title}"
    return _page(layout, title, body, code_css(codes) + mix_css(mixes, codes))
