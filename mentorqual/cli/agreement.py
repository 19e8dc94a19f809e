"""The inter-coder agreement audit."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import Project, agreement_table
from ..types import CLASSIFIER, MACHINE, MACHINE_CODERS, PiiMode
from .options import (
    by_option,
    comma_list,
    lang_option,
    library_errors,
    output_option,
    pass_project,
    pii_options,
)


@click.command()
@click.option(
    "--coders",
    required=True,
    metavar="NAME,NAME[,...]",
    help="Two or more coders, comma-separated; a machine coder (rules, classifier, "
    "machine) audits the machine against humans.",
)
@click.option(
    "--codes", default="", metavar="CODE,...", help="Only these codes. Default: every code."
)
@click.option(
    "--unit",
    type=click.Choice(["segment", "interview"]),
    default="segment",
    show_default=True,
    help="Presence of a code per respondent paragraph, or per interview.",
)
@by_option(
    default=(),
    help="Add figures per group of interviews with the same value of this attribute "
    "(region, role, or any metadata column); repeat to cross them.",
)
@click.option(
    "--no-bootstrap",
    is_flag=True,
    help="Skip the bootstrap confidence interval of alpha (faster).",
)
@output_option("Write the report: .xlsx (with the disagreements sheet), .md or .docx.")
@lang_option
@pii_options
@pass_project
@library_errors
def agreement(
    project: Project,
    coders: str,
    codes: str,
    unit: str,
    by: tuple[str, ...],
    no_bootstrap: bool,
    output: Path | None,
    lang: str,
    pii: PiiMode,
) -> None:
    """Inter-coder agreement per code: percent agreement, Cohen's kappa (2 coders)
    or Fleiss' kappa (3+), Krippendorff's alpha with a 95% bootstrap interval, and
    Gwet's AC1, with the units every coder assessed.

    A paragraph a coder did not assess is missing, never "absent". The report's
    disagreements sheet lists every paragraph where the coders differ, for the
    calibration meeting; like quotes, they are checked for personal data first
    (--redact, --allow-pii). --lang en writes the report in English; the table
    printed here is English either way.

    Example:

    \b
        mentorqual agreement --coders A,B -o agreement.xlsx
        mentorqual agreement --coders A,B --by role -o agreement.md
    """
    result = project.agreement(
        comma_list(coders),
        codes=comma_list(codes),
        unit=unit,
        by=by,
        path=output,
        bootstrap=not no_bootstrap,
        pii=pii,
        lang=lang,
    )
    click.echo(
        f"{', '.join(result.coders)}: {result.units_used} of {result.units_in_scope} "
        f"{unit}s assessed by two or more coders; {len(result.disagreements)} with "
        "disagreements"
    )
    click.echo(agreement_table(result), nl=False)
    learnt = [c for c in result.coders if c in (CLASSIFIER, MACHINE)]
    humans = [c for c in result.coders if c not in MACHINE_CODERS]
    if learnt:
        # Name the coders of this audit: a hint must not name a coder the project lacks.
        against = f"--against {humans[0]}" if humans else "--against NAME"
        click.echo(
            "Note: the classifier learnt from human codings; against the coder it learnt "
            f"from, these figures are in-sample. 'mentorqual evaluate --coder {learnt[0]} "
            f"{against}' gives cross-validated ones."
        )
    if output is not None:
        click.echo(f"Wrote {output}")
