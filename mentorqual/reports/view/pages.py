"""The pages of a view: the page shell, the index of interviews and one interview's page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from urllib.parse import quote

from .records import ViewCount, ViewInterview
from .redact import Redactor
from .style import CSS, CodeStyle, code_css, mix_css, unique_slugs
from .transcript import paragraph_html


def _page(title: str, generated: str, body: str, css: str) -> str:
    return (
        '<!doctype html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{escape(generated)}">\n'
        f"<title>{escape(title)}</title>\n<style>\n{CSS}{css}</style>\n</head>\n<body>\n"
        f"{body}<footer>Genereret af {escape(generated)}</footer>\n</body>\n</html>\n"
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


def _cells(interview: ViewInterview, count: ViewCount | None, codes: Iterable[str]) -> str:
    if count is not None and not interview.assessed:
        return "".join(
            f'<td class="n zero" title="{escape(count.not_assessed)}">–</td>' for _ in codes
        )
    counts = _counts(interview, count)
    return "".join(_number(counts.get(code, 0)) for code in codes)


def _about(count: ViewCount | None, fallback: str) -> str:
    return escape(count.about) if count is not None else fallback


STRIP_KEY = (
    '<p class="key">Striber: én pr. koder og tema'
    '<span class="strip" aria-hidden="true"></span>menneske'
    '<span class="strip machine" aria-hidden="true"></span>maskine</p>\n'
)


def _respondent_paragraphs(interview: ViewInterview) -> int:
    return sum(p.role == "respondent" for p in interview.paragraphs)


def _number(value: int) -> str:
    return f'<td class="n{" zero" if not value else ""}">{value}</td>'


def _swatch(code: CodeStyle) -> str:
    return f'<span class="swatch {code.css}"></span>'


def index_page(
    interviews: Sequence[ViewInterview],
    ids: Sequence[str],
    names: Sequence[str],
    codes: Mapping[str, CodeStyle],
    redact: Redactor,
    title: str,
    generated: str,
    count: ViewCount | None = None,
) -> str:
    """``index.html``: a row per interview, linked to its page, with coded paragraphs per
    code (of the counted coder, when ``count`` says whose)."""
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
        cells = _cells(interview, count, codes)
        attributes = [redact.short(interview.attributes.get(k, "")) for k in ("region", "role")]
        rows.append(
            f'<tr><th scope="row"><a href="{escape(quote(name))}">{escape(shown)}</a></th>'
            + "".join(f"<td>{escape(a)}</td>" for a in attributes)
            + f"{_number(_respondent_paragraphs(interview))}{cells}</tr>\n"
        )
    respondent = sum(_respondent_paragraphs(i) for i in interviews)
    foot = "".join(_number(totals[code]) for code in codes)
    body = (
        f"<header>\n<h1>{escape(title)}</h1>\n<p>{len(interviews)} interviews. "
        f"{_about(count, 'Tallene er antal kodede afsnit pr. tema.')}</p>\n</header>\n"
        "<main>\n<table>\n<thead><tr>"
        '<th scope="col">Interview</th><th scope="col">Region</th><th scope="col">Rolle</th>'
        f'<th scope="col" class="n">Respondentafsnit</th>{head}</tr></thead>\n<tbody>\n'
        f"{''.join(rows)}</tbody>\n<tfoot><tr><td>I alt</td><td></td><td></td>"
        f"{_number(respondent)}{foot}</tr></tfoot>\n</table>\n</main>\n"
    )
    return _page(title, generated, body, code_css(codes))


def interview_page(
    interview: ViewInterview,
    shown: str,
    codes: Mapping[str, CodeStyle],
    redact: Redactor,
    title: str,
    generated: str,
    count: ViewCount | None = None,
) -> str:
    """One interview's page: its attributes, a legend of the codes, and the transcript."""
    legend = "".join(
        f'<tr class="{c.css}"><td>{_swatch(c)}<code>{escape(c.code)}</code></td>'
        f"<td>{escape(c.label)}</td>{_cells(interview, count, [code])}</tr>\n"
        for code, c in codes.items()
    )
    attributes = "".join(
        f"<dt>{escape(key)}</dt><dd>{escape(redact.short(value))}</dd>"
        for key, value in interview.attributes.items()
    )
    mixes: dict[tuple[str, ...], str] = {}
    anchors = unique_slugs((p.locator for p in interview.paragraphs), "p")
    paragraphs = "".join(
        paragraph_html(p, anchor, codes, redact, mixes)
        for p, anchor in zip(interview.paragraphs, anchors, strict=True)
    )
    body = (
        f'<nav><a href="index.html">← {escape(title)}</a></nav>\n<header>\n'
        f"<h1>Interview {escape(shown)}</h1>\n"
        f'<dl class="attributes"><dt>respondentafsnit</dt>'
        f"<dd>{_respondent_paragraphs(interview)}</dd>{attributes}</dl>\n</header>\n"
        '<section class="legend">\n<h2>Temaer</h2>\n<table>\n<thead><tr><th scope="col">Kode'
        '</th><th scope="col">Tema</th><th scope="col" class="n">Kodede afsnit</th></tr>'
        f"</thead>\n<tbody>\n{legend}</tbody>\n</table>\n"
        + (f'<p class="key">{_about(count, "")}</p>\n' if count is not None else "")
        + f"{STRIP_KEY}</section>\n"
        f'<main class="transcript">\n<h2>Udskrift</h2>\n{paragraphs}</main>\n'
    )
    return _page(f"{shown} – {title}", generated, body, code_css(codes) + mix_css(mixes, codes))
