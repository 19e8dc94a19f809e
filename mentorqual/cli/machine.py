"""Machine coding: tag, train, suggest paragraphs to code, evaluate against a human."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import (
    SUGGEST_ORDERS,
    ClassifierTagReport,
    Project,
    TagReport,
)
from .options import (
    ProgressBar,
    codebook_options,
    coder_option,
    library_errors,
    output_option,
    pass_project,
)


@click.command()
@click.option(
    "--method",
    type=click.Choice(["rules", "classifier", "both"]),
    default="rules",
    show_default=True,
    help="rules: the codebook's rules; classifier: the trained classifier; both: rules, "
    "classifier and their combination, coder 'machine'.",
)
@codebook_options
@click.option(
    "--dry-run", is_flag=True, help="Show what would be added and removed; write nothing."
)
@pass_project
@library_errors
def tag(
    project: Project, method: str, codebook: Path | None, dry_run: bool, codebook_update: bool
) -> None:
    """Code every respondent paragraph by machine, replacing that coder's codings.

    With --method rules the coder is "rules": each coding records the codebook's
    sha256 and the rules and words that produced it (see `mentorqual explain`).
    --method classifier writes coder "classifier" with the model's probability as
    score (train it first with `mentorqual train`); --method both also runs the
    rules and writes the combined coder "machine". Human codings are never touched.

    Example:

    \b
        mentorqual tag --method rules --dry-run
    """
    if method != "rules":
        if dry_run:
            raise click.UsageError("--dry-run works with --method rules only")
        progress = ProgressBar()
        try:
            rules, classified = project.tag_classifier(
                combine=method == "both",
                codebook=codebook,
                codebook_update=codebook_update,
                progress=progress,
            )
        finally:
            progress.close()
        if rules is not None:
            echo_tag(rules)
        echo_classifier(classified)
        return
    progress = ProgressBar()
    try:
        report = project.tag_rules(
            codebook, dry_run=dry_run, codebook_update=codebook_update, progress=progress
        )
    finally:
        progress.close()
    if dry_run:
        for interview, locator, code, why in report.added:
            click.echo(f"+ {interview} {locator} {code}  ({why})")
        for interview, locator, code, _ in report.removed:
            click.echo(f"- {interview} {locator} {code}")
    echo_tag(report)


def echo_classifier(report: ClassifierTagReport) -> None:
    written = ", ".join(f"{n} {coder} codings" for coder, n in report.codings.items())
    click.echo(
        f"Wrote {written} on {report.paragraphs} paragraphs with model {report.model} "
        f"in {report.seconds:.1f} s"
    )


def echo_tag(report: TagReport) -> None:
    add, remove, keep = (
        ("Would add", "remove", "keep") if report.dry_run else ("Added", "removed", "kept")
    )
    click.echo(
        f"{add} {len(report.added)}, {remove} {len(report.removed)} and {keep} {report.kept} "
        f"{report.coder} codings on {report.paragraphs} paragraphs "
        f"({report.tokens:,} tokens in {report.seconds:.1f} s); "
        f"codebook {report.codebook.name} sha256 {report.codebook.sha256[:12]}"
    )


@click.command()
@click.option(
    "--from",
    "coders",
    multiple=True,
    required=True,
    metavar="NAME",
    help="A human coder to learn from; repeat for several (a paragraph takes the codes "
    "of the first listed coder that assessed it).",
)
@pass_project
@library_errors
def train(project: Project, coders: tuple[str, ...]) -> None:
    """Train the classifier on human codings and store it in the project.

    Features are TF-IDF lemma 1-2-grams plus character n-grams (Danish compounds
    and inflection); one logistic regression per code with balanced class weights,
    calibrated probabilities and a threshold per code tuned by cross-validation.
    Prints 5-fold cross-validation grouped by interview. An assessed paragraph
    with no code is a real negative.

    Example:

    \b
        mentorqual train --from A
    """
    report = project.train(coders)
    click.echo(
        f"Trained model {report.model} on {report.size} paragraphs from "
        f"{report.interviews} interviews (coders {', '.join(report.coders)}) "
        f"in {report.seconds:.1f} s. Cross-validated, grouped by interview:"
    )
    click.echo(report.markdown(), nl=False)


@click.command()
@click.option("-n", "--count", "n", default=20, show_default=True, help="How many paragraphs.")
@output_option("The coding sheet to write (.xlsx).", required=True)
@click.option(
    "--for",
    "--coder",
    "coder",
    metavar="NAME",
    help="Pick among paragraphs this coder has not assessed. Default: no human coder has.",
)
@click.option(
    "--order",
    type=click.Choice(SUGGEST_ORDERS),
    help="uncertainty: the classifier's least sure paragraphs, spread over interviews "
    "and regions (the default once a classifier is trained); reading: interviews by id, "
    "paragraphs as spoken (the default before).",
)
@click.option(
    "--code",
    "focus",
    multiple=True,
    metavar="CODE",
    help="Only the classifier's doubt about this code counts (repeatable): more "
    "examples of a weak code. The sheet still asks for every code.",
)
@pass_project
@library_errors
def suggest(
    project: Project,
    n: int,
    output: Path,
    coder: str | None,
    order: str | None,
    focus: tuple[str, ...],
) -> None:
    """Write a coding sheet (.xlsx) of paragraphs to code next.

    The rows are respondent paragraphs no human coder (or the --for coder) has
    assessed, each with the interviewer's question before it, and a 1/0 dropdown per
    code; the sheet "Koder" gives each code's label and definition. Write 1 under
    each code that fits and read the sheet back with
    `mentorqual codings import SHEET --coder NAME`.

    Without a trained classifier the paragraphs come in reading order, so this is
    how to start coding. Once `mentorqual train` has run, they are those the
    classifier is least sure of, spread across interviews and regions (--order
    reading keeps reading order).

    Example:

    \b
        mentorqual suggest -n 20 --for K1 -o sheet.xlsx
        mentorqual codings import sheet.xlsx --coder K1
        mentorqual suggest -n 40 --code tryghed -o tryghed.xlsx
    """
    found = project.suggest(output, n, coder=coder, focus=focus, order=order)
    click.echo(f"Wrote {len(found.sheet.rows)} paragraph(s) to code to {output}")
    click.echo(f"Order: {found.how_picked}")
    click.echo(f"Write 1 under each code that fits, then: {found.import_hint(output)}")


@click.command()
@coder_option("The coder to evaluate, e.g. rules.", required=True)
@click.option(
    "--against", required=True, metavar="NAME", help="The reference (human) coder, e.g. A."
)
@click.option(
    "--only",
    multiple=True,
    metavar="PATTERN",
    help="Only interviews whose id matches this shell pattern (repeatable), e.g. '*03'.",
)
@click.option(
    "--repeats",
    type=click.IntRange(1, 100),
    default=1,
    show_default=True,
    help="For classifier and machine: cross-validate on this many grouped splits and "
    "report each code's F1 and kappa on the standard split with their mean and range.",
)
@output_option("Write the table to .md, .csv or .xlsx as well.")
@pass_project
@library_errors
def evaluate(
    project: Project,
    coder: str,
    against: str,
    only: tuple[str, ...],
    repeats: int,
    output: Path | None,
) -> None:
    """Precision, recall, F1 and Cohen's kappa of a coder against a reference coder.

    Units are the respondent paragraphs both coders assessed; figures are per code
    and micro-averaged over all (paragraph, code) decisions. The classifier and the
    machine coder are scored by cross-validation grouped by interview; with few
    interviews the split itself moves the figures, and --repeats shows by how much.

    Example:

    \b
        mentorqual evaluate --coder rules --against A --only '*03' --only '*06' -o eval.md
        mentorqual evaluate --coder classifier --against A --repeats 6
    """
    progress = ProgressBar()
    try:
        result = project.evaluate(
            coder, against, only=only, repeats=repeats, output=output, progress=progress
        )
    finally:
        progress.close()
    units = result.scores[0].units
    if repeats == 1:
        click.echo(f"{result.title}, {units} paragraphs")
    else:
        click.echo(
            f"{result.title}, {units} paragraphs "
            "(f1, kappa: the standard split; _mean, _min, _max: over all splits)"
        )
    click.echo(result.markdown(), nl=False)
    if output is not None:
        click.echo(f"Wrote {output}")
