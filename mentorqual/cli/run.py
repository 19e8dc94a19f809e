"""The main job."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..project import DEFAULT_INTERVIEWER_LABELS, Project
from ..types import PiiMode
from .interviews import echo_import
from .machine import echo_classifier, echo_tag
from .options import (
    ProgressBar,
    codebook_options,
    interviewer_label_option,
    lang_option,
    library_errors,
    output_folder_option,
    pass_project,
    pii_options,
)


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@output_folder_option("Folder for the outputs.", default=Path("outputs"))
@codebook_options
@interviewer_label_option
@lang_option
@pii_options
@pass_project
@library_errors
def run(
    project: Project,
    directory: Path,
    output: Path,
    codebook: Path | None,
    codebook_update: bool,
    interviewer_labels: tuple[str, ...],
    lang: str,
    pii: PiiMode,
) -> None:
    """The main job: import a folder of transcripts and its codings/*.csv, tag
    every respondent paragraph with the codebook's rules (and, when human codings
    exist, train the classifier and write coders classifier and machine), and
    write the reports.

    The output folder gets codings.csv, theme counts by region (.csv, .xlsx), a heatmap (.png),
    quote sheets by region (.docx, .xlsx), a retrieval document per theme (retrieval/),
    theme co-occurrence (.xlsx, .png), agreement.xlsx (with two human coders), view/
    (HTML) and manifest.json (versions, codebook, input checksums, command, language).
    --lang en writes every report in English. If anything fails, neither the project
    nor the folder changes. Running it again imports nothing new: unchanged files are
    skipped.

    Example:

    \b
        mentorqual run transcripts/ -o outputs/
    """
    progress = ProgressBar()
    try:
        report = project.run(
            directory,
            output,
            codebook=codebook,
            codebook_update=codebook_update,
            interviewer_labels=interviewer_labels or DEFAULT_INTERVIEWER_LABELS,
            command=["mentorqual", *sys.argv[1:]],
            pii=pii,
            progress=progress,
            lang=lang,
        )
    finally:
        progress.close()
    echo_import(report.imported)
    click.echo(f"Codebook {report.codebook.name}: {', '.join(report.codebook.codes)}")
    for coded in report.codings:
        for name, (added, removed, interviews) in coded.coders.items():
            click.echo(
                f"Codings {coded.path.name}: coder {name}, {added} added, {removed} removed, "
                f"on {interviews} interview(s)"
            )
    if report.tagged is not None:
        echo_tag(report.tagged)
    if report.trained is not None:
        t = report.trained
        micro = next(s for s in t.scores if s.code == "micro")
        click.echo(
            f"Trained classifier {t.model} on coder {', '.join(t.coders)}'s {t.size} paragraphs; "
            f"grouped cross-validation micro F1 {micro.f1:.3f}"
        )
    if report.classified is not None:
        echo_classifier(report.classified)
    for note in report.notes:
        click.echo(f"Note: {note}")
    written = report.written
    click.echo(
        f"Counts by coder {written.counts_coder}; {written.quotes} quote(s) from "
        f"{', '.join(written.quote_coders)}; {written.pages} interview page(s) in view/."
    )
    click.echo(f"Wrote to {report.out}/: {', '.join(written.files)}")
    click.echo(f"Project: {project.path}")
