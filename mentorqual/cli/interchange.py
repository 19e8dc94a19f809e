"""Export the project for other tools (REFI-QDA)."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import Project
from ..types import PiiMode
from .options import export_coders_option, library_errors, output_option, pass_project, pii_options


@click.group("export")
def export_group() -> None:
    """Export the project for other tools.

    Example:

    \b
        mentorqual export qdpx -o mentorordning.qdpx
    """


@export_group.command("qdpx")
@output_option("The .qdpx file to write.", required=True)
@export_coders_option
@pii_options
@pass_project
@library_errors
def export_qdpx(project: Project, output: Path, coders: tuple[str, ...], pii: PiiMode) -> None:
    """Export the project as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA
    and QualCoder: the transcripts (UTF-8, LF), the codebook, one user per coder
    (machine coders too), region, role and the other attributes as case variables,
    and one coded selection per coded paragraph.

    Positions are UTF-16 code units, as NVivo counts them. The whole texts leave the
    project, so they are checked for personal data first.

    Example:

    \b
        mentorqual export qdpx -o mentorordning.qdpx --coder A --coder B
    """
    result = project.export_qdpx(output, coders=coders, pii=pii)
    selections = sum(len(s.selections) for s in result.sources)
    click.echo(
        f"Wrote {len(result.sources)} interview(s), {selections} coded paragraph(s), "
        f"{len(result.users)} coder(s) and {len(result.codes)} code(s) to {output}"
    )
