"""Personal data: scan the project or files before import, and teach the guard names."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..project import Finding, Project, by_kind, scan_files
from .options import echo_warnings, library_errors, pass_project


@click.group()
def pii() -> None:
    """Personal data: scan the project for it, teach the guard names, and accept
    false alarms.

    Quote sheets, views and exports are checked before they are written, for CPR
    numbers, Danish phone numbers, e-mail addresses, street addresses, dates of
    birth, names (Danish and foreign first names and surnames, titles with a name,
    and capitalised words that are not Danish words) and the project's own names.

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
    echo_findings(found)
    if found:
        raise click.ClickException(f"{len(found)} finding(s) of personal data")
    click.echo("No personal data found.")


def echo_findings(found: Sequence[Finding]) -> None:
    """One line per finding with the key that accepts it, then a count per kind."""
    for finding in found:
        click.echo(f"{finding.where}: {finding.kind} {finding.text!r}  [{finding.key}]")
    if found:
        counts = ", ".join(f"{n} {kind}" for kind, n in by_kind(found).items())
        click.echo(f"Found: {counts}.")
        click.echo(
            "Not personal data? 'mentorqual pii allow KEY' accepts a finding by the key in "
            "brackets, 'mentorqual pii allow WORD' a word everywhere."
        )


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


@pii.command("allow")
@click.argument("entries", nargs=-1, required=True)
@pass_project
@library_errors
def pii_allow(project: Project, entries: tuple[str, ...]) -> None:
    """Accept false alarms: a word that looks like a name but is not (a place, a firm,
    a surname that is a word here), or one finding by the key `pii scan` shows in
    brackets (KIND:text). The guard stays on for everything else.

    Example:

    \b
        mentorqual pii allow Storm "Café Rose" "TELEFON:22 33 44 55"
    """
    added = project.allow_pii(entries)
    click.echo(f"Allowed {added} new entr{'y' if added == 1 else 'ies'}.")


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
@click.option(
    "--allow",
    "allowed",
    multiple=True,
    metavar="ENTRY",
    help="A word, or a finding as KIND:text, that is not personal data; repeat for several.",
)
@library_errors
def scan(paths: tuple[Path, ...], names: tuple[str, ...], allowed: tuple[str, ...]) -> None:
    """Check transcript files and folders for personal data before they are
    imported: CPR numbers, phone numbers, e-mail addresses, street addresses, dates
    of birth and names.

    Lists each finding as FILE, line N (for .docx: paragraph N): KIND 'text' [KEY],
    then a count per kind. Exit status 1 if anything is found. Nothing is imported
    or written.

    Example:

    \b
        mentorqual scan transcripts/ --name Solsikken
    """
    report = scan_files(paths, names, allowed)
    echo_warnings(report.warnings)
    echo_findings(report.findings)
    files = f"{len(report.files)} file(s)"
    if report.findings:
        raise click.ClickException(
            f"{len(report.findings)} finding(s) of personal data in "
            f"{report.files_with_findings} of {files}"
        )
    click.echo(f"No personal data found in {files}.")
