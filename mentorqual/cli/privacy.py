"""Personal data: scan the project or files before import, and teach the guard names."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import Project, scan_files
from .options import echo_warnings, library_errors, pass_project


@click.group()
def pii() -> None:
    """Personal data: scan the project for it, and teach the guard names.

    Quote sheets and views are checked before they are written, for CPR numbers,
    Danish phone numbers, e-mail addresses, common Danish first names and the
    project's own names.

    Example:

    \b
        mentorqual pii scan
    """


@pii.command("scan")
@pass_project
@library_errors
def pii_scan(project: Project) -> None:
    """List personal data found in any paragraph; exit status 1 if any.

    Example:

    \b
        mentorqual pii scan
    """
    found = project.pii_scan()
    for interview, locator, kind, text in found:
        click.echo(f"{interview} {locator}: {kind} {text!r}")
    if found:
        raise click.ClickException(f"{len(found)} finding(s) of personal data")
    click.echo("No personal data found.")


@pii.command("add-name")
@click.argument("names", nargs=-1, required=True)
@pass_project
@library_errors
def pii_add_name(project: Project, names: tuple[str, ...]) -> None:
    """Add names (people, places of work) for the guard to look for, besides its
    built-in Danish first names.

    Example:

    \b
        mentorqual pii add-name Brønderslev "Café Solsikken"
    """
    added = project.add_pii_names(names)
    click.echo(f"Added {added} new name(s).")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--name",
    "names",
    multiple=True,
    metavar="NAME",
    help="A name (person, place of work) to look for besides the built-in Danish first "
    "names; repeat for several.",
)
@library_errors
def scan(paths: tuple[Path, ...], names: tuple[str, ...]) -> None:
    """Check transcript files (.txt, .docx) and folders for personal data before
    they are imported: CPR numbers, phone numbers, e-mail addresses and names.

    Lists each finding as FILE, line N (for .docx: paragraph N): KIND 'text'. Exit
    status 1 if anything is found. Nothing is imported or written.

    Example:

    \b
        mentorqual scan transcripts/ --name Solsikken
    """
    report = scan_files(paths, names)
    echo_warnings(report.warnings)
    for finding in report.findings:
        click.echo(f"{finding.where}: {finding.kind} {finding.text!r}")
    files = f"{len(report.files)} file(s)"
    if report.findings:
        raise click.ClickException(
            f"{len(report.findings)} finding(s) of personal data in "
            f"{report.files_with_findings} of {files}"
        )
    click.echo(f"No personal data found in {files}.")
