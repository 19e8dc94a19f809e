"""The ``mentorqual`` command line: parse, call :class:`~mentorqual.project.Project`, echo.

One module per command group; shared options live in :mod:`.options`. Library errors
(:class:`~mentorqual.errors.MentorqualError`) become ``Error: ...`` lines with exit
status 1. Importing this package imports no heavy library (spaCy, scikit-learn,
pandas, matplotlib): the commands load them through the library when they need them.
"""

from __future__ import annotations

from pathlib import Path

import click

from .._version import __version__
from ..project import PROJECT_ENV, Project, default_project_path
from . import (
    agreement,
    codebook,
    codings,
    interchange,
    interviews,
    machine,
    privacy,
    reports,
    retrieval,
    run,
    web,
)


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

    \b
        mentorqual run transcripts/ -o outputs/
    """
    ctx.obj = Project(project or default_project_path())


for command in (
    interviews.import_command,
    interviews.info,
    interviews.show,
    interviews.remove,
    codings.codings,
    codebook.codebook,
    machine.tag,
    machine.train,
    machine.suggest,
    codings.explain,
    machine.evaluate,
    reports.counts,
    reports.quotes,
    agreement.agreement,
    reports.view,
    retrieval.retrieve,
    retrieval.cooccurrence,
    retrieval.search,
    privacy.pii,
    privacy.scan,
    interchange.export_group,
    run.run,
    web.serve,
):
    cli.add_command(command)

__all__ = ["cli"]
