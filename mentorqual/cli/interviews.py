"""Commands about interviews: import them, list them."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import click

from ..project import DEFAULT_INTERVIEWER_LABELS, QDA_SUFFIXES, ImportReport, Project
from .options import (
    ProgressBar,
    echo_warnings,
    interviewer_label_option,
    library_errors,
    pass_project,
)


def echo_import(report: ImportReport) -> None:
    echo_warnings(report.warnings)
    for item in report.not_read:
        click.echo(f"Not imported: {item}", err=True)
    if report.skipped:
        names = ", ".join(interview for interview, _ in report.skipped)
        click.echo(f"Unchanged, skipped: {names}")
    for line in report.lost_codings:
        click.echo(f"Lost human coding, its text is gone: {line}", err=True)
    if report.backup is not None:
        click.echo(f"Backup of the project before human codings were replaced: {report.backup}")
    click.echo(
        f"Imported {len(report.added)} new and {len(report.replaced)} replaced interview(s), "
        f"{report.paragraphs} respondent paragraphs, {report.words:,} respondent words; "
        f"{len(report.skipped)} unchanged."
    )


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Update interviews whose file has changed.")
@click.option(
    "--reparse",
    is_flag=True,
    help="Read unchanged files again too (say, with another --interviewer-label) and "
    "update the interviews that now read differently; human codings are kept by their text.",
)
@click.option(
    "--add-codes",
    is_flag=True,
    help="REFI-QDA projects: add codes that are not in the project's codebook "
    "(default: refuse codings of such codes).",
)
@interviewer_label_option
@pass_project
@library_errors
def import_command(
    project: Project,
    paths: tuple[Path, ...],
    replace: bool,
    reparse: bool,
    add_codes: bool,
    interviewer_labels: tuple[str, ...],
) -> None:
    """Import transcripts from files and folders, recursively, or a REFI-QDA project
    (.qdpx, or a .qde with its texts inline) from NVivo, ATLAS.ti, MAXQDA, QualCoder
    or mentorqual.

    Transcripts may be .txt, .docx, .odt, .vtt or .srt, with speaker labels
    ("I:", "IP:", names), timestamps in the usual forms, or the layouts of Teams,
    Zoom, Otter and Word's Transcribe; transcripts/README.md shows each. Metadata
    comes from YAML front matter or a metadata.csv (or .xlsx) beside the files
    (keys: interview, region, role, and any other attribute; Danish names and
    Danish Excel's semicolons are read too). An unchanged file is skipped; a changed
    one needs --replace, which moves each human coding to wherever its passage's
    text still stands (after a backup of the project). `mentorqual show INTERVIEW`
    shows what was read.

    From a .qdpx, each text source becomes an interview (its case's variables are
    its attributes; region and role may be missing), each user a coder, and each
    coded selection is a coding of exactly its passage. Codes match the codebook by
    name or label; --add-codes adds the others.

    Example:

    \b
        mentorqual import transcripts/ interviews/IP07.docx
        mentorqual import nvivo-export.qdpx --add-codes
    """
    labels = interviewer_labels or DEFAULT_INTERVIEWER_LABELS
    qda = [p for p in paths if p.suffix.lower() in QDA_SUFFIXES]
    if qda and len(paths) > 1:
        raise click.UsageError("import a .qdpx or .qde file on its own")
    progress = ProgressBar()
    try:
        if qda:
            if not qda[0].is_file():
                raise click.ClickException(f"{qda[0]}: no such file")
            result = project.import_qdpx(
                qda[0],
                add_codes=add_codes,
                replace=replace,
                interviewer_labels=labels,
                progress=progress,
            )
        else:
            report = project.import_paths(
                paths,
                replace=replace,
                reparse=reparse,
                interviewer_labels=labels,
                progress=progress,
            )
    finally:
        progress.close()
    if not qda:
        echo_import(report)
        return
    for item in result.skipped:
        click.echo(f"Not imported: {item}", err=True)
    echo_import(result.imported)
    echo_warnings(result.warnings)
    if result.added_codes:
        click.echo(f"Added {len(result.added_codes)} code(s): {', '.join(result.added_codes)}")
    if result.unmatched_codes:
        click.echo(
            f"Left out {len(result.unmatched_codes)} unused code(s) not in the codebook "
            f"(--add-codes adds them): {', '.join(result.unmatched_codes)}"
        )
    for coder, n in result.codings.items():
        click.echo(f"{coder}: {n} coding(s)")


@click.command()
@pass_project
@library_errors
def info(project: Project) -> None:
    """List the interviews with their attributes, sizes and codings per coder.

    Example:

    \b
        mentorqual --project study.db info
    """
    found = project.info()
    rows = found.interviews
    codes = ", ".join(found.codes) or "-"
    click.echo(f"Project {project.path}: {len(rows)} interview(s), codes: {codes}")
    if rows:
        click.echo(
            f"{'interview':<12}{'region':<13}{'role':<22}{'segments':>9}{'words':>8}  codings"
        )
    for r in rows:
        coded = ", ".join(f"{c} {n}" for c, n in sorted(r.codings.items())) or "-"
        click.echo(
            f"{r.interview:<12}{r.region:<13}{r.role or '-':<22}"
            f"{r.segments:>9}{r.words:>8}  {coded}"
        )
    if rows:
        click.echo(
            f"{'total':<47}{sum(r.segments for r in rows):>9}{sum(r.words for r in rows):>8}"
        )
    for coder, origin, n in found.coders:
        click.echo(f"Coder {coder} ({origin}): {n} codings")


SHOW_COLUMNS = ("id", "speaker", "side", "time", "start", "end", "text")


@click.command()
@click.argument("interview")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv"]),
    default="text",
    show_default=True,
    help="text: aligned columns to read; csv: the columns id, speaker, side, time, start, "
    "end, text.",
)
@pass_project
@library_errors
def show(project: Project, interview: str, fmt: str) -> None:
    """Show an interview as it was read: each paragraph's id, speaker, side
    (interviewer or respondent), time, start and end offsets and text. Use it to
    check an import, then `mentorqual import --reparse` with better options.

    Example:

    \b
        mentorqual show HS01
        mentorqual show HS01 --format csv > HS01.csv
    """
    rows = [
        (p.locator, p.speaker, p.role, p.clock, p.start, p.end, p.text)
        for p in project.paragraphs(interview)
    ]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(SHOW_COLUMNS)
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
        return
    width = max(len(r[1]) for r in rows)
    timed = any(r[3] for r in rows)  # a time column only for transcripts with times
    for locator, speaker, side, time, start, end, text in rows:
        when = f"{time:>10}" if timed else ""
        shown = " ".join(text.split())
        click.echo(f"{locator:<6}{speaker:<{width}}  {side:<12}{when}{start:>6}-{end:<6}  {shown}")


@click.command()
@click.argument("interviews", nargs=-1, required=True, metavar="INTERVIEW...")
@click.option("--yes", is_flag=True, help="Remove without asking first.")
@pass_project
@library_errors
def remove(project: Project, interviews: tuple[str, ...], yes: bool) -> None:
    """Remove interviews from the project, with their paragraphs and codings.

    Lists what will go and asks first (--yes skips the question). When human
    codings go with them, a backup of the project file is written beside it first,
    and its name is printed.

    Example:

    \b
        mentorqual remove HS07 hs08
    """
    plan = project.removal(interviews)
    click.echo("Will remove:")
    for line in plan.lines():
        click.echo(f"  {line}")
    if not yes:
        if not sys.stdin.isatty():
            raise click.ClickException("not removed; pass --yes to remove without asking")
        click.confirm("Remove them?", abort=True)
    done = project.remove(plan.interviews)
    if done.backup is not None:
        click.echo(f"Backup of the project before the removal: {done.backup}")
    click.echo(f"Removed {len(done.interviews)} interview(s).")
