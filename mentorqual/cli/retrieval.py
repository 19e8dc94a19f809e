"""Retrieval: a theme's passages, theme co-occurrence, keyword in context."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import Project
from ..types import PiiMode
from .options import lang_option, library_errors, output_option, pass_project, pii_options
from .reports import excel_dk_option

COUNTS_CODER = (
    "Whose codings: a coder (A, rules, classifier, machine) or 'consensus'. "
    "Default: the human coder who coded the most, else the machine (as counts)."
)


@click.command()
@click.option("--theme", required=True, metavar="CODE", help="The theme (code) to retrieve.")
@click.option("--coder", metavar="NAME", help=COUNTS_CODER)
@click.option(
    "--by",
    multiple=True,
    metavar="ATTRIBUTE",
    help="Group the passages by this attribute (region, role, ...); repeat to cross them. "
    "Default: interviews in order.",
)
@output_option("The document: .docx, .xlsx, .md or .csv.", required=True)
@lang_option
@pii_options
@pass_project
@library_errors
def retrieve(
    project: Project,
    theme: str,
    coder: str | None,
    by: tuple[str, ...],
    output: Path,
    lang: str,
    pii: PiiMode,
) -> None:
    """Code and retrieve: every paragraph coded with a theme, each with the
    interviewer's question before it, its attribution and interview, in reading
    order. The analyst's working document, not the quote sheet's top five.

    The text is checked for personal data first, as for quotes.

    Example:

    \b
        mentorqual retrieve --theme tryghed --by region -o tryghed.docx
    """
    result = project.retrieve(theme, output, coder=coder, by=by, lang=lang, pii=pii)
    click.echo(f"Wrote {len(result.passages)} passage(s) on {result.label} to {output}")


@click.command()
@click.option("--coder", metavar="NAME", help=COUNTS_CODER)
@click.option(
    "--theme",
    "themes",
    multiple=True,
    metavar="CODE",
    help="Only this theme (code); repeat for several. Default: every theme.",
)
@output_option("Write the table to .csv, .xlsx or .md. Default: print it.")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the table as a heatmap (.png).",
)
@excel_dk_option
@lang_option
@pass_project
@library_errors
def cooccurrence(
    project: Project,
    coder: str | None,
    themes: tuple[str, ...],
    output: Path | None,
    plot: Path | None,
    excel_dk: bool,
    lang: str,
) -> None:
    """Theme co-occurrence: for every pair of themes, the respondent paragraphs coded
    with both (the diagonal: coded with the theme), by one coder.

    Example:

    \b
        mentorqual cooccurrence --coder A -o cooccurrence.xlsx --plot cooccurrence.png
    """
    result = project.cooccurrence(
        coder=coder, themes=themes, path=output, plot=plot, lang=lang, excel_dk=excel_dk
    )
    if output is None:
        click.echo(result.notes[0])
        click.echo("\n" + result.markdown(), nl=False)
    for path in (output, plot):
        if path is not None:
            click.echo(f"Wrote {path}")


@click.command()
@click.argument("words", nargs=-1, required=True)
@click.option(
    "--lemma",
    is_flag=True,
    help="Match by lemma, inflection and compound part, as the codebook's rules do "
    "('kursus' also finds 'kurserne' and 'mentorkurset'). Default: the word forms given.",
)
@click.option(
    "--region",
    "regions",
    multiple=True,
    metavar="REGION",
    help="Only interviews from this region; repeat for several.",
)
@output_option("Write the hits to .csv, .xlsx or .md. Default: print them.")
@excel_dk_option
@lang_option
@pii_options
@pass_project
@library_errors
def search(
    project: Project,
    words: tuple[str, ...],
    lemma: bool,
    regions: tuple[str, ...],
    output: Path | None,
    excel_dk: bool,
    lang: str,
    pii: PiiMode,
) -> None:
    """Keyword in context: every occurrence of WORDS in the respondents' paragraphs,
    with the words around it, the interview, paragraph and attribution. A '*' marks
    where a compound may attach ('*kursus', 'mentor*').

    The text is checked for personal data first, as for quotes.

    Example:

    \b
        mentorqual search kursus --lemma -o kursus.xlsx
    """
    result = project.search(
        words,
        lemma=lemma,
        regions=regions,
        path=output,
        lang=lang,
        excel_dk=excel_dk,
        pii=pii,
    )
    if output is None:
        for line in result.lines:
            click.echo(f"{line.interview} {line.locator}: {line.left} [{line.hit}] {line.right}")
        click.echo(f"{len(result.lines)} hit(s)")
    else:
        click.echo(f"Wrote {len(result.lines)} hit(s) to {output}")
