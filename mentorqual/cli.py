"""The ``mentorqual`` command line: parse, call the library, report.

Library errors (:class:`MentorqualError`) become ``Error: ...`` lines with exit status 1.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import MentorqualError
from .importers import DEFAULT_INTERVIEWER_LABELS
from .project import PROJECT_ENV, ImportReport, Project, default_project_path

F = TypeVar("F", bound=Callable[..., Any])


def library_errors(func: F) -> F:
    """Turn library errors into ``click.ClickException`` (one ``Error:`` line, exit 1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MentorqualError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def interviewer_label_option(func: F) -> F:
    return click.option(
        "--interviewer-label",
        "interviewer_labels",
        multiple=True,
        metavar="LABEL",
        help="A speaker label used by the interviewer; repeat for several. "
        f"Default: {', '.join(DEFAULT_INTERVIEWER_LABELS)}. Every other label is the respondent.",
    )(func)


class ProgressBar:
    """Draws one click progress bar per step on stderr, when stderr is a terminal."""

    def __init__(self) -> None:
        self.label = ""
        self.bar: Any = None
        self.done = 0
        self.enabled = sys.stderr.isatty()

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if label != self.label:
            self.close()
            self.label, self.done = label, 0
            bar: Any = click.progressbar(length=total, label=label, file=sys.stderr)
            self.bar = bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mentorqual")
@click.option(
    "--project",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=PROJECT_ENV,
    default=None,
    help=f"The project file (SQLite). Default: ${PROJECT_ENV}, else ./mentorqual.db.",
)
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """Qualitative coding of Danish interview transcripts.

    A project is one SQLite file that holds the interviews, the codebook and every
    coding, human and machine.

    Example:

        mentorqual run transcripts/ --out outputs/
    """
    ctx.obj = Project(project or default_project_path())


pass_project = click.make_pass_decorator(Project)


def _echo_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


def _echo_import(report: ImportReport) -> None:
    _echo_warnings(report.warnings)
    if report.skipped:
        names = ", ".join(interview for interview, _ in report.skipped)
        click.echo(f"Unchanged, skipped: {names}")
    for line in report.lost_codings:
        click.echo(f"Lost human coding, its text is gone: {line}", err=True)
    click.echo(
        f"Imported {len(report.added)} new and {len(report.replaced)} replaced interview(s), "
        f"{report.paragraphs} respondent paragraphs, {report.words:,} respondent words; "
        f"{len(report.skipped)} unchanged."
    )


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Update interviews whose file has changed.")
@interviewer_label_option
@pass_project
@library_errors
def import_command(
    project: Project, paths: tuple[Path, ...], replace: bool, interviewer_labels: tuple[str, ...]
) -> None:
    """Import transcripts (.txt, .docx) from files and folders, recursively.

    Metadata comes from YAML front matter or a metadata.csv beside the files
    (keys: interview, region, role, and any other attribute). An unchanged file
    is skipped; a changed one needs --replace, which keeps the human codings whose
    text is still there.

    Example:

        mentorqual import transcripts/ interviews/IP07.docx
    """
    progress = ProgressBar()
    try:
        report = project.import_paths(
            paths,
            replace=replace,
            interviewer_labels=interviewer_labels or DEFAULT_INTERVIEWER_LABELS,
            progress=progress,
        )
    finally:
        progress.close()
    _echo_import(report)


@cli.group()
def codings() -> None:
    """Human codings: import them from CSV.

    Example:

        mentorqual codings import transcripts/codings/coder_A.csv
    """


@codings.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--coder", help="The coder's name; needed when the file has no coder column.")
@pass_project
@library_errors
def codings_import(project: Project, file: Path, coder: str | None) -> None:
    """Import human codings from a CSV file.

    Columns: interview, segment (a locator such as p12, or a verbatim quote from
    the paragraph), code, and optionally coder. Importing a file again replaces
    that coder's codings on the interviews in the file. Any bad row stops the
    import, and nothing is written.

    Example:

        mentorqual codings import coder_B.csv --coder B
    """
    report = project.import_codings(file, coder=coder)
    for name, (added, removed, interviews) in report.coders.items():
        click.echo(f"{name}: {added} added, {removed} removed, on {interviews} interview(s)")


@cli.group()
def codebook() -> None:
    """The codebook: load a YAML codebook into the project.

    Example:

        mentorqual codebook load codebooks/mentorordning.yaml
    """


@codebook.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--codebook-update",
    is_flag=True,
    help="Accept a codebook whose codes differ from the project's; "
    "human codings of codes that remain are kept.",
)
@pass_project
@library_errors
def codebook_load(project: Project, file: Path, codebook_update: bool) -> None:
    """Make FILE the project's codebook.

    Example:

        mentorqual codebook load codebooks/mentorordning.yaml
    """
    book = project.load_codebook(file, update=codebook_update)
    click.echo(f"Loaded {book.name} ({len(book.codes)} codes, sha256 {book.sha256[:12]})")


@cli.command()
@pass_project
@library_errors
def info(project: Project) -> None:
    """List the interviews with their attributes, sizes and codings per coder.

    Example:

        mentorqual --project study.db info
    """
    data = project.info()
    rows = data["interviews"]
    codes = ", ".join(data["codes"]) or "-"
    click.echo(f"Project {project.path}: {len(rows)} interview(s), codes: {codes}")
    if rows:
        click.echo(
            f"{'interview':<12}{'region':<13}{'role':<22}{'segments':>9}{'words':>8}  codings"
        )
    for r in rows:
        coded = ", ".join(f"{c} {n}" for c, n in sorted(r["codings"].items())) or "-"
        click.echo(
            f"{r['interview']:<12}{r['region']:<13}{r['role'] or '-':<22}"
            f"{r['segments']:>9}{r['words']:>8}  {coded}"
        )
    if rows:
        click.echo(
            f"{'total':<47}{sum(r['segments'] for r in rows):>9}{sum(r['words'] for r in rows):>8}"
        )
    for coder, origin, n in data["coders"]:
        click.echo(f"Coder {coder} ({origin}): {n} codings")


@cli.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("outputs"),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option(
    "--codebook",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Codebook YAML. Default: codebooks/mentorordning.yaml.",
)
@click.option("--codebook-update", is_flag=True, help="Accept a codebook with different codes.")
@interviewer_label_option
@pass_project
@library_errors
def run(
    project: Project,
    directory: Path,
    out: Path,
    codebook: Path | None,
    codebook_update: bool,
    interviewer_labels: tuple[str, ...],
) -> None:
    """The main job: import a folder of transcripts and its codings/*.csv.

    Running it again adds nothing: unchanged files are skipped and codings
    files re-import to the same state.

    Example:

        mentorqual run transcripts/ --out outputs/
    """
    progress = ProgressBar()
    try:
        report = project.run(
            directory,
            out,
            codebook=codebook,
            codebook_update=codebook_update,
            interviewer_labels=interviewer_labels or DEFAULT_INTERVIEWER_LABELS,
            progress=progress,
        )
    finally:
        progress.close()
    _echo_import(report.imported)
    click.echo(f"Codebook {report.codebook.name}: {', '.join(report.codebook.codes)}")
    for coded in report.codings:
        for name, (added, removed, interviews) in coded.coders.items():
            click.echo(
                f"Codings {coded.path.name}: coder {name}, {added} added, {removed} removed, "
                f"on {interviews} interview(s)"
            )
    click.echo(f"Project: {project.path}. Outputs folder: {report.out}")
