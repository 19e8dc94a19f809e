"""Reports: theme counts, quote sheets and the HTML view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..project import Project
from ..types import PiiMode
from .options import (
    by_option,
    filter_options,
    lang_option,
    library_errors,
    output_option,
    pass_project,
    pii_options,
)

F = TypeVar("F", bound=Callable[..., Any])


def excel_dk_option(func: F) -> F:
    """--excel-dk: CSV for Danish Excel."""
    return click.option(
        "--excel-dk",
        is_flag=True,
        help="Write CSV with ';' and decimal commas, as Danish Excel opens it. "
        "Default: ',' and decimal points.",
    )(func)


@click.command()
@by_option
@click.option(
    "--coder",
    metavar="NAME",
    help="Whose codings: a coder (A, rules, classifier, machine) or 'consensus' "
    "(codings all human coders agree on; 'consensus:A,B' picks the coders). "
    "Default: the human coder who coded the most, else the machine.",
)
@filter_options
@output_option("Write the table to .csv, .xlsx or .md. Default: print it.")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw a theme × group heatmap (.png) of coded paragraphs per 1,000 words.",
)
@click.option(
    "--min-n",
    default=3,
    show_default=True,
    help="Mark (and grey out) groups of fewer interviews than this.",
)
@excel_dk_option
@lang_option
@pass_project
@library_errors
def counts(
    project: Project,
    by: tuple[str, ...],
    coder: str | None,
    themes: tuple[str, ...],
    regions: tuple[str, ...],
    output: Path | None,
    plot: Path | None,
    min_n: int,
    excel_dk: bool,
    lang: str,
) -> None:
    """Theme counts per region (or other attribute): coded paragraphs, interviews that
    mention the theme (and their %), and coded paragraphs per 1,000 respondent words.

    Every column shows its N interviews and N words; groups of fewer than --min-n
    interviews are marked. One coder's codings are counted, never several added
    together, and every table and figure says whose. CSV is comma-separated with a
    decimal point; --excel-dk writes ';' and decimal commas for Danish Excel.

    Example:

    \b
        mentorqual counts --by region --coder A -o theme_counts_by_region.xlsx --plot heatmap.png
    """
    result = project.counts(
        by=by, coder=coder, themes=themes, regions=regions, lang=lang, min_n=min_n
    )
    project.write_counts(result, output, plot, excel_dk=excel_dk)
    click.echo(f"Coder: {result.coder.description}")
    if output is None:
        click.echo("\n" + result.markdown(), nl=False)
    for path in (output, plot):
        if path is not None:
            click.echo(f"Wrote {path}")


@click.command()
@by_option
@click.option(
    "--coder",
    "coders",
    multiple=True,
    metavar="NAME",
    help="Draw quotes from this coder's codings; repeat for several. "
    "Default: every human coder, then the machine.",
)
@filter_options
@click.option("--top", default=5, show_default=True, help="Quotes per group and theme.")
@click.option(
    "--max-words",
    default=80,
    show_default=True,
    help="Trim longer paragraphs to whole sentences around the coded words.",
)
@click.option(
    "--per-interview",
    default=2,
    show_default=True,
    help="At most this many quotes from one interview per theme.",
)
@output_option("The quote sheet: .docx, .xlsx, .csv or .md.", required=True)
@click.option(
    "--audit/--report-ready",
    default=None,
    help="--audit keeps interview, coders and machine scores on every quote line and the "
    "codebook's checksum; --report-ready leaves them out, for pasting into a report. "
    "Default: report-ready for .docx and .md, audit for .xlsx and .csv.",
)
@lang_option
@pii_options
@pass_project
@library_errors
def quotes(
    project: Project,
    by: tuple[str, ...],
    coders: tuple[str, ...],
    themes: tuple[str, ...],
    regions: tuple[str, ...],
    top: int,
    max_words: int,
    per_interview: int,
    output: Path,
    audit: bool | None,
    lang: str,
    pii: PiiMode,
) -> None:
    """Quote sheets: the best quotes per region and theme, in Danish quotation marks
    and attributed the way Danish reports do it, »...« (Jobkonsulent, Hovedstaden).

    A theme's quote comes from a paragraph a human coded with it and no human
    assessed without it; the machine's codings fill in only for interviews no human
    coded, marked "maskinkodet". Quotes are spread: every interview of a region gives
    one before any gives a second. Near-duplicates are dropped. Word files use real
    styles (Heading 1 and 2, Quote); Excel files have one sheet per region. Quotes
    are checked for personal data (CPR and phone numbers, e-mails, names) first: any
    finding stops the command unless --redact or --allow-pii.

    Example:

    \b
        mentorqual quotes --by region --theme tryghed --top 3 -o quotes_by_region.docx
    """
    chosen = project.quotes(
        output,
        by=by,
        coders=coders,
        themes=themes,
        regions=regions,
        top=top,
        max_words=max_words,
        per_interview=per_interview,
        pii=pii,
        lang=lang,
        audit=audit,
    )
    groups = len({q.group for q in chosen})
    click.echo(f"Wrote {len(chosen)} quote(s) in {groups} group(s) to {output}")


@click.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write: index.html and one page per interview.",
)
@click.option(
    "--coder",
    "coders",
    multiple=True,
    metavar="NAME",
    help="Show this coder's codings; repeat for several. Default: every coder.",
)
@lang_option
@pii_options
@pass_project
@library_errors
def view(project: Project, output: Path, coders: tuple[str, ...], lang: str, pii: PiiMode) -> None:
    """Coded transcripts as static HTML: one page per interview, with coloured
    highlights per code, a legend, and the coder of each highlight on hover.

    The pages need no network and no JavaScript. A folder from an earlier view is
    replaced; any other non-empty folder is refused. The text is checked for
    personal data first, as for quotes. --lang en writes the pages in English.

    Example:

    \b
        mentorqual view -o outputs/view
    """
    pages = project.view(output, coders=coders, lang=lang, pii=pii)
    click.echo(f"Wrote {pages} interview page(s) and index.html to {output}")
