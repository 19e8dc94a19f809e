"""Commands about human codings: import, export, and explain one paragraph's codings."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import Project
from ..types import PiiMode
from .options import (
    coder_option,
    export_coders_option,
    library_errors,
    output_option,
    pass_project,
    pii_options,
)


@click.group()
def codings() -> None:
    """Codings: import human codings from CSV, export every coding.

    Example:

    \b
        mentorqual codings import transcripts/codings/coder_A.csv
    """


@codings.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@coder_option("The coder's name; needed when the file has no coder column, and for a sheet.")
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the coder's codings on the file's interviews instead of adding to them "
    "(a backup of the project is written first).",
)
@pass_project
@library_errors
def codings_import(project: Project, file: Path, coder: str | None, replace: bool) -> None:
    """Import human codings from a CSV file, or a coding sheet (.xlsx) filled in
    after `mentorqual suggest`.

    CSV columns: interview, segment (a locator such as p12 codes the paragraph; a
    verbatim quote codes exactly that passage), code (its name or label, any case),
    and optionally coder. In a sheet, a row with at least one ja/nej answer counts as
    assessed by the coder. Codings are added to the coder's earlier ones (the same
    coding twice is one); --replace replaces the coder's codings on the interviews in
    the file. Any bad row stops the import, and nothing is written.

    Example:

    \b
        mentorqual codings import coder_B.csv --coder B
    """
    report = project.import_codings(file, coder=coder, replace=replace)
    for name, (added, removed, interviews) in report.coders.items():
        click.echo(f"{name}: {added} added, {removed} removed, on {interviews} interview(s)")
    if report.backup is not None:
        click.echo(f"Backup of the project before the removal: {report.backup}")


@codings.command("export")
@output_option("The file to write: .csv or .xlsx.", required=True)
@export_coders_option
@pii_options
@pass_project
@library_errors
def codings_export(project: Project, output: Path, coders: tuple[str, ...], pii: PiiMode) -> None:
    """Export codings, human and machine, one row per coding: interview, region,
    role, speaker, segment_id, start, end, text, code, coder, score.

    The file reads back in with 'mentorqual codings import'. Like quotes, the text,
    speaker and role columns are checked for personal data first (--redact,
    --allow-pii).

    Example:

    \b
        mentorqual codings export -o codings.xlsx --coder A
    """
    n = project.export_codings(output, coders=coders, pii=pii)
    click.echo(f"Wrote {n} coding(s) to {output}")


@click.command()
@click.argument("interview")
@click.argument("segment")
@pass_project
@library_errors
def explain(project: Project, interview: str, segment: str) -> None:
    """Show every coding of one paragraph, with the rules and words behind it.

    INTERVIEW is an interview id in any case (sd01 is SD01). SEGMENT is a locator
    such as p12, of any paragraph (the interviewer's too), or a quote from a
    respondent paragraph.

    Example:

    \b
        mentorqual explain SD01 p14
    """
    found = project.explain(interview, segment)
    paragraph = found.paragraph
    click.echo(f"{found.interview} {paragraph.locator}: {paragraph.text}")
    if paragraph.role != "respondent":
        click.echo(
            f"  the interviewer's paragraph ({paragraph.speaker}): only the respondent's "
            "paragraphs are coded"
        )
    elif not found.codings:
        click.echo("  no codings")
    for coding in found.codings:
        version = f" {coding.origin_version[:12]}" if coding.origin_version else ""
        click.echo(f"  {coding.code} by {coding.coder} ({coding.origin}{version})")
        if coding.probability is not None:
            click.echo(f"    model {coding.model}: probability {coding.probability:.3f}")
        for hit in coding.rules:
            words = ", ".join(f"{text!r} [{start}:{end}]" for text, start, end in hit.tokens)
            where = " (in the interviewer's question)" if hit.in_question else ""
            click.echo(f"    rule {hit.rule}: {words}{where}")
