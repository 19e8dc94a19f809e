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

from . import machine
from ._version import __version__
from .errors import MentorqualError
from .evaluation import spread
from .importers import DEFAULT_INTERVIEWER_LABELS
from .importers.qdpx import QDA_SUFFIXES
from .project import (
    PROJECT_ENV,
    ImportReport,
    Project,
    TagReport,
    default_project_path,
    validate_codebook,
)
from .reports import markdown_table, write_table
from .reports.counts import counts_markdown
from .reports.files import check_suffix
from .scan import scan_files
from .tagging.context import FOLLOW_RULE

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


def output_option(help: str, *, required: bool = False) -> Callable[[F], F]:
    """-o/--output FILE: the file a command writes; its suffix picks the format."""
    return click.option(
        "-o",
        "--output",
        required=required,
        type=click.Path(dir_okay=False, path_type=Path),
        help=help,
    )


def interviewer_label_option(func: F) -> F:
    return click.option(
        "--interviewer-label",
        "interviewer_labels",
        multiple=True,
        metavar="LABEL",
        help="A speaker label used by the interviewer; repeat for several. "
        f"Default: {', '.join(DEFAULT_INTERVIEWER_LABELS)}. Every other label is the respondent.",
    )(func)


def codebook_options(func: F) -> F:
    func = click.option(
        "--codebook-update",
        is_flag=True,
        help="Accept a codebook whose codes differ from the project's; "
        "human codings of codes that remain are kept.",
    )(func)
    return click.option(
        "--codebook",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Codebook YAML. Default: codebooks/mentorordning.yaml, else the project's copy.",
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

    \b
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
    add_codes: bool,
    interviewer_labels: tuple[str, ...],
) -> None:
    """Import transcripts (.txt, .docx) from files and folders, recursively, or a
    REFI-QDA project (.qdpx, or a .qde with its texts inline) from NVivo, ATLAS.ti,
    MAXQDA, QualCoder or mentorqual.

    Metadata comes from YAML front matter or a metadata.csv beside the files
    (keys: interview, region, role, and any other attribute). An unchanged file
    is skipped; a changed one needs --replace, which keeps the human codings whose
    text is still there.

    From a .qdpx, each text source becomes an interview (its case's variables are
    its attributes; region and role may be missing), each user a coder, and each
    coded selection codes the paragraphs it overlaps. Codes match the codebook by
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
                paths, replace=replace, interviewer_labels=labels, progress=progress
            )
    finally:
        progress.close()
    if not qda:
        _echo_import(report)
        return
    for item in result.skipped:
        click.echo(f"Not imported: {item}", err=True)
    _echo_import(result.imported)
    _echo_warnings(result.warnings)
    if result.added_codes:
        click.echo(f"Added {len(result.added_codes)} code(s): {', '.join(result.added_codes)}")
    if result.unmatched_codes:
        click.echo(
            f"Left out {len(result.unmatched_codes)} unused code(s) not in the codebook "
            f"(--add-codes adds them): {', '.join(result.unmatched_codes)}"
        )
    for coder, n in result.codings.items():
        click.echo(f"{coder}: {n} paragraph coding(s)")


@cli.group()
def codings() -> None:
    """Codings: import human codings from CSV, export every coding.

    Example:

    \b
        mentorqual codings import transcripts/codings/coder_A.csv
    """


@codings.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--coder",
    help="The coder's name; needed when the file has no coder column, and for a sheet.",
)
@pass_project
@library_errors
def codings_import(project: Project, file: Path, coder: str | None) -> None:
    """Import human codings from a CSV file, or a coding sheet (.xlsx) filled in
    after `mentorqual suggest`.

    CSV columns: interview, segment (a locator such as p12, or a verbatim quote from
    the paragraph), code, and optionally coder. In a sheet, a row with at least one
    ja/nej answer counts as assessed by the coder. Importing a file again replaces
    that coder's codings on the interviews in the file. Any bad row stops the
    import, and nothing is written.

    Example:

    \b
        mentorqual codings import coder_B.csv --coder B
    """
    report = project.import_codings(file, coder=coder)
    for name, (added, removed, interviews) in report.coders.items():
        click.echo(f"{name}: {added} added, {removed} removed, on {interviews} interview(s)")


@cli.group()
def codebook() -> None:
    """The codebook: load a YAML codebook into the project.

    Example:

    \b
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

    \b
        mentorqual codebook load codebooks/mentorordning.yaml
    """
    book = project.load_codebook(file, update=codebook_update)
    click.echo(f"Loaded {book.name} ({len(book.codes)} codes, sha256 {book.sha256[:12]})")


@codebook.command("export")
@click.argument(
    "file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["qdc"]),
    default="qdc",
    show_default=True,
    help="REFI-QDA codebook, for NVivo, ATLAS.ti, MAXQDA and others.",
)
@output_option("The .qdc file to write.", required=True)
@pass_project
@library_errors
def codebook_export(project: Project, file: Path | None, fmt: str, output: Path) -> None:
    """Export a codebook (FILE, or the project's) as a REFI-QDA codebook: codes with
    GUIDs that stay the same from export to export, labels, definitions with the
    inclusion and exclusion criteria, colours, and sub-codes nested.

    Example:

    \b
        mentorqual codebook export --format qdc -o mentorordning.qdc
    """
    n = project.export_qdc(output, codebook=file)
    click.echo(f"Wrote {n} code(s) to {output}")


@codebook.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option("Also write the resulting codebook as YAML (.yaml), to add rules to.")
@pass_project
@library_errors
def codebook_import(project: Project, file: Path, output: Path | None) -> None:
    """Add the codes of a REFI-QDA codebook (.qdc) to the project's codebook.

    Codes match by name or label, ignoring case; the others are added, with their
    description and colour and without rules. A project without a codebook gets
    one made from the file.

    Example:

    \b
        mentorqual codebook import atlas-codes.qdc -o codebooks/udvidet.yaml
    """
    report = project.import_qdc(file, output=output)
    added = f": {', '.join(report.added)}" if report.added else ""
    click.echo(f"{report.matched} code(s) matched, {len(report.added)} added{added}")
    if output is not None:
        click.echo(f"Wrote the codebook to {output}")


@codebook.command("validate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@library_errors
def codebook_validate(file: Path) -> None:
    """Check a codebook: schema, unknown keys, duplicate codes and rule ids, regexes and
    token patterns. Errors name the file and line.

    Example:

    \b
        mentorqual codebook validate codebooks/mentorordning.yaml
    """
    book = validate_codebook(file)
    click.echo(
        f"{file}: valid; {len(book.themes)} themes, {len(book.subcodes)} sub-codes, "
        f"{len(book.rules)} rules (sha256 {book.sha256[:12]})"
    )


@codebook.command("show")
@click.argument(
    "file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@pass_project
@library_errors
def codebook_show(project: Project, file: Path | None) -> None:
    """Show a codebook's themes, definitions and rules (default: the project's codebook).

    Example:

    \b
        mentorqual codebook show codebooks/mentorordning.yaml
    """
    book = project.codebook(file)
    click.echo(f"{book.name} {book.version} ({book.path}, sha256 {book.sha256[:12]})")
    for theme in (*book.themes, *book.subcodes):
        parent = f" (under {theme.parent})" if theme.parent else ""
        click.echo(f"\n{theme.code}{parent}: {theme.label} {theme.colour}")
        for language, text in theme.definition.items():
            click.echo(f"  {language}: {text}")
        if theme.follow_question:
            click.echo("  follow_question: later paragraphs of an answer keep the question's theme")
        for rule in theme.rules:
            parts = [
                f"{name} {', '.join(values)}"
                for name, values in (
                    ("terms", rule.terms),
                    ("phrases", rule.phrases),
                    ("regex", rule.regex),
                    ("also", rule.also),
                    ("unless", rule.unless),
                )
                if values
            ]
            if rule.patterns:
                parts.append(f"{len(rule.patterns)} pattern(s)")
            negation = "" if rule.negation else " [no negation check]"
            needs = f" [at least {rule.min_hits} words]" if rule.min_hits > 1 else ""
            click.echo(f"  rule {rule.id}{negation}{needs}: {'; '.join(parts)}")


@cli.command()
@click.option(
    "--method",
    type=click.Choice(["rules", "classifier", "both"]),
    default="rules",
    show_default=True,
    help="rules: the codebook's rules; classifier: the trained classifier; both: rules, "
    "classifier and their combination, coder 'machine'.",
)
@click.option(
    "--codebook",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Codebook YAML. Default: codebooks/mentorordning.yaml, else the project's copy.",
)
@click.option(
    "--dry-run", is_flag=True, help="Show what would be added and removed; write nothing."
)
@click.option("--codebook-update", is_flag=True, help="Accept a codebook with different codes.")
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
            _echo_tag(rules)
        _echo_classifier(classified)
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
    _echo_tag(report)


def _echo_classifier(report: machine.ClassifierTagReport) -> None:
    written = ", ".join(f"{n} {coder} codings" for coder, n in report.codings.items())
    click.echo(
        f"Wrote {written} on {report.paragraphs} paragraphs with model {report.model} "
        f"in {report.seconds:.1f} s"
    )


def _echo_tag(report: TagReport) -> None:
    verb = "Would add" if report.dry_run else "Added"
    click.echo(
        f"{verb} {len(report.added)}, removed {len(report.removed)}, kept {report.kept} "
        f"{report.coder} codings on {report.paragraphs} paragraphs "
        f"({report.tokens:,} tokens in {report.seconds:.1f} s); "
        f"codebook {report.codebook.name} sha256 {report.codebook.sha256[:12]}"
    )


@cli.command()
@click.option(
    "--from",
    "coders",
    multiple=True,
    required=True,
    metavar="CODER",
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
    click.echo(markdown_table([s.row() for s in report.scores]), nl=False)


@cli.command()
@click.option("-n", "n", default=20, show_default=True, help="How many paragraphs.")
@output_option("The coding sheet to write (.xlsx).", required=True)
@click.option(
    "--for",
    "coder",
    metavar="CODER",
    help="Pick among paragraphs this coder has not assessed. Default: no human coder has.",
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
    project: Project, n: int, output: Path, coder: str | None, focus: tuple[str, ...]
) -> None:
    """Pick the paragraphs the classifier is least sure of, spread across
    interviews and regions, and write them as a coding sheet with a ja/nej
    dropdown per code. Read it back with `mentorqual codings import SHEET --coder NAME`.

    Example:

    \b
        mentorqual suggest -n 20 -o sheet.xlsx
        mentorqual suggest -n 40 --code tryghed -o tryghed.xlsx
    """
    rows = project.suggest(output, n, coder=coder, focus=focus)
    click.echo(f"Wrote {rows} paragraph(s) to code to {output}")


@cli.command()
@click.argument("interview")
@click.argument("segment")
@pass_project
@library_errors
def explain(project: Project, interview: str, segment: str) -> None:
    """Show every coding of one paragraph, with the rules and words behind it.

    SEGMENT is a locator such as p12 or a quote from the paragraph.

    Example:

    \b
        mentorqual explain SD01 p14
    """
    data = project.explain(interview, segment)
    paragraph = data["segment"]
    click.echo(f"{interview} {paragraph.locator}: {paragraph.text}")
    if not data["codings"]:
        click.echo("  no codings")
    for coding in data["codings"]:
        origin = coding["origin"]
        version = f" {coding['origin_version'][:12]}" if coding["origin_version"] else ""
        click.echo(f"  {coding['code']} by {coding['coder']} ({origin}{version})")
        if coding["probability"] is not None:
            click.echo(f"    model {coding['model']}: probability {coding['probability']:.3f}")
        for item in coding["rules"]:
            words = ", ".join(f"{text!r} [{start}:{end}]" for text, start, end in item["tokens"])
            where = " (in the interviewer's question)" if item["rule"] == FOLLOW_RULE else ""
            click.echo(f"    rule {item['rule']}: {words}{where}")


@cli.command()
@click.option("--coder", required=True, help="The coder to evaluate, e.g. rules.")
@click.option("--against", required=True, help="The reference (human) coder, e.g. A.")
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
    if output is not None:
        check_suffix(output)
    progress = ProgressBar()
    try:
        runs = project.evaluate_splits(
            coder, against, only=only, repeats=repeats, progress=progress
        )
    finally:
        progress.close()
    if repeats == 1:
        rows = [s.row() for s in runs[0]]
        title = f"{coder} against {against}"
        click.echo(f"{title}, {rows[0]['units']} paragraphs")
    else:
        rows = spread(runs)
        title = f"{coder} against {against}, {repeats} grouped splits"
        click.echo(
            f"{title}, {rows[0]['units']} paragraphs "
            "(f1, kappa: the standard split; _mean, _min, _max: over all splits)"
        )
    click.echo(markdown_table(rows), nl=False)
    if output is not None:
        write_table(rows, output, title=title, sheet="Evaluation")
        click.echo(f"Wrote {output}")


@cli.command()
@pass_project
@library_errors
def info(project: Project) -> None:
    """List the interviews with their attributes, sizes and codings per coder.

    Example:

    \b
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


def filter_options(func: F) -> F:
    """--theme and --region filters, shared by the report commands."""
    func = click.option(
        "--region",
        "regions",
        multiple=True,
        metavar="REGION",
        help="Only interviews from this region; repeat for several.",
    )(func)
    return click.option(
        "--theme",
        "themes",
        multiple=True,
        metavar="CODE",
        help="Only this theme (code); repeat for several. Default: every theme.",
    )(func)


def pii_options(func: F) -> F:
    """--redact / --allow-pii: what to do with personal data in text leaving the project."""
    func = click.option(
        "--allow-pii",
        "pii",
        flag_value="allow",
        help="Skip the check for personal data.",
    )(func)
    return click.option(
        "--redact",
        "pii",
        flag_value="redact",
        help="Replace CPR numbers, phone numbers, e-mails and names with [CPR], [TELEFON], "
        "[EMAIL], [NAVN]. Default: refuse to write when any is found.",
    )(func)


def export_coders_option(func: F) -> F:
    """--coder NAME (repeatable): whose codings an export holds."""
    return click.option(
        "--coder",
        "coders",
        multiple=True,
        metavar="NAME",
        help="Only this coder's codings; repeat for several. Default: every coder.",
    )(func)


def by_option(func: F) -> F:
    return click.option(
        "--by",
        multiple=True,
        default=("region",),
        show_default=True,
        metavar="ATTRIBUTE",
        help="Group interviews by this attribute (region, role, or any metadata column); "
        "repeat to cross them.",
    )(func)


@cli.command()
@by_option
@click.option(
    "--coder",
    metavar="NAME",
    help="Whose codings: a coder (A, rules, classifier, machine) or 'consensus' "
    "(codings all human coders agree on; 'consensus:A,B' picks the coders). "
    "Default: the human coder who coded the most, else the machine.",
)
@filter_options
@output_option("Write the table to .csv, .xlsx or .md. Default: print it.")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw a theme × group heatmap (.png) of coded paragraphs per 1,000 words.",
)
@pass_project
@library_errors
def counts(
    project: Project,
    by: tuple[str, ...],
    coder: str | None,
    themes: tuple[str, ...],
    regions: tuple[str, ...],
    output: Path | None,
    plot: Path | None,
) -> None:
    """Theme counts per region (or other attribute): coded paragraphs, interviews that
    mention the theme (and their %), and coded paragraphs per 1,000 respondent words.

    Every column shows its N interviews and N words. One coder's codings are
    counted, never several added together.

    Example:

    \b
        mentorqual counts --by region --coder A -o theme_counts_by_region.xlsx --plot heatmap.png
    """
    result = project.counts(by=by, coder=coder, themes=themes, regions=regions)
    project.write_counts(result, output, plot)
    click.echo(f"Coder: {result.coder.description}")
    if output is None:
        click.echo("\n" + counts_markdown(result.pivots()), nl=False)
    for path in (output, plot):
        if path is not None:
            click.echo(f"Wrote {path}")


@cli.command()
@by_option
@click.option(
    "--coder",
    "coders",
    multiple=True,
    metavar="NAME",
    help="Draw quotes from this coder's codings; repeat for several. "
    "Default: every human coder, then the machine.",
)
@filter_options
@click.option("--top", default=5, show_default=True, help="Quotes per group and theme.")
@click.option(
    "--max-words",
    default=80,
    show_default=True,
    help="Trim longer paragraphs to whole sentences around the coded words.",
)
@click.option(
    "--per-interview",
    default=2,
    show_default=True,
    help="At most this many quotes from one interview per theme.",
)
@output_option("The quote sheet: .docx, .xlsx, .csv or .md.", required=True)
@pii_options
@pass_project
@library_errors
def quotes(
    project: Project,
    by: tuple[str, ...],
    coders: tuple[str, ...],
    themes: tuple[str, ...],
    regions: tuple[str, ...],
    top: int,
    max_words: int,
    per_interview: int,
    output: Path,
    pii: str | None,
) -> None:
    """Quote sheets: the best quotes per region and theme, attributed the way Danish
    reports do it, "(Jobkonsulent, Hovedstaden)".

    Human-coded paragraphs come first, then by machine score; near-duplicates are
    dropped. Word files use real styles (Heading 1 and 2, Quote); Excel files have
    one sheet per region. Quotes are checked for personal data (CPR and phone
    numbers, e-mails, names) first: any finding stops the command unless
    --redact or --allow-pii.

    Example:

    \b
        mentorqual quotes --by region --theme tryghed --top 3 -o quotes_by_region.docx
    """
    chosen = project.quotes(
        output,
        by=by,
        coders=coders,
        themes=themes,
        regions=regions,
        top=top,
        max_words=max_words,
        per_interview=per_interview,
        pii=pii or "refuse",
    )
    groups = len({q.group for q in chosen})
    click.echo(f"Wrote {len(chosen)} quote(s) in {groups} group(s) to {output}")


def _names(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


@cli.command()
@click.option(
    "--coders",
    required=True,
    metavar="A,B[,C...]",
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
@click.option(
    "--by",
    type=click.Choice(["region"]),
    default=None,
    help="Add per-region figures.",
)
@click.option(
    "--no-bootstrap",
    is_flag=True,
    help="Skip the bootstrap confidence interval of alpha (faster).",
)
@output_option("Write the report: .xlsx (with the disagreements sheet), .md or .docx.")
@pii_options
@pass_project
@library_errors
def agreement(
    project: Project,
    coders: str,
    codes: str,
    unit: str,
    by: str | None,
    no_bootstrap: bool,
    output: Path | None,
    pii: str | None,
) -> None:
    """Inter-coder agreement per code: percent agreement, Cohen's kappa (2 coders)
    or Fleiss' kappa (3+), Krippendorff's alpha with a 95% bootstrap interval, and
    Gwet's AC1, with the units every coder assessed.

    A paragraph a coder did not assess is missing, never "absent". The report's
    disagreements sheet lists every paragraph where the coders differ, for the
    calibration meeting; like quotes, they are checked for personal data first
    (--redact, --allow-pii).

    Example:

    \b
        mentorqual agreement --coders A,B -o agreement.xlsx
    """
    result = project.agreement(
        _names(coders),
        codes=_names(codes),
        unit=unit,
        by=by,
        path=output,
        bootstrap=not no_bootstrap,
        pii=pii or "refuse",
    )
    click.echo(
        f"{', '.join(result.coders)}: {result.units_used} of {result.units_in_scope} "
        f"{unit}s assessed by two or more coders; {len(result.disagreements)} with "
        "disagreements"
    )
    table = [
        {
            "code": a.code,
            "units": a.units,
            "agreement": a.percent,
            result.kappa_name: a.kappa,
            "alpha": a.alpha,
            "alpha 95% CI": "–"
            if a.alpha_low != a.alpha_low
            else f"{a.alpha_low:.3f}–{a.alpha_high:.3f}",
            "AC1": a.ac1,
            "kappa band": a.kappa_band,
            "alpha verdict": a.alpha_verdict,
        }
        for a in (*result.per_code, result.overall)
    ]
    click.echo(markdown_table(table), nl=False)
    if {"classifier", "machine"} & set(result.coders):
        click.echo(
            "Note: the classifier learnt from human codings; against the coder it learnt "
            "from, these figures are in-sample. 'mentorqual evaluate --coder machine "
            "--against A' gives cross-validated ones."
        )
    if output is not None:
        click.echo(f"Wrote {output}")


@cli.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write: index.html and one page per interview.",
)
@click.option(
    "--coder",
    "coders",
    multiple=True,
    metavar="NAME",
    help="Show this coder's codings; repeat for several. Default: every coder.",
)
@pii_options
@pass_project
@library_errors
def view(project: Project, output: Path, coders: tuple[str, ...], pii: str | None) -> None:
    """Coded transcripts as static HTML: one page per interview, with coloured
    highlights per code, a legend, and the coder of each highlight on hover.

    The pages need no network and no JavaScript. A folder from an earlier view is
    replaced; any other non-empty folder is refused. The text is checked for
    personal data first, as for quotes.

    Example:

    \b
        mentorqual view -o outputs/view
    """
    pages = project.view(output, coders=coders, pii=pii or "refuse")
    click.echo(f"Wrote {pages} interview page(s) and index.html to {output}")


@cli.group()
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


@cli.command()
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
    _echo_warnings(report.warnings)
    for finding in report.findings:
        click.echo(f"{finding.where}: {finding.kind} {finding.text!r}")
    files = f"{len(report.files)} file(s)"
    if report.findings:
        raise click.ClickException(
            f"{len(report.findings)} finding(s) of personal data in "
            f"{report.files_with_findings} of {files}"
        )
    click.echo(f"No personal data found in {files}.")


@cli.group("export")
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
def export_qdpx(project: Project, output: Path, coders: tuple[str, ...], pii: str | None) -> None:
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
    result = project.export_qdpx(output, coders=coders, pii=pii or "refuse")
    selections = sum(len(s.selections) for s in result.sources)
    click.echo(
        f"Wrote {len(result.sources)} interview(s), {selections} coded paragraph(s), "
        f"{len(result.users)} coder(s) and {len(result.codes)} code(s) to {output}"
    )


@codings.command("export")
@output_option("The file to write: .csv or .xlsx.", required=True)
@export_coders_option
@pii_options
@pass_project
@library_errors
def codings_export(
    project: Project, output: Path, coders: tuple[str, ...], pii: str | None
) -> None:
    """Export codings, human and machine, one row per coding: interview, region,
    role, speaker, segment_id, start, end, text, code, coder, score.

    The file reads back in with 'mentorqual codings import'. Like quotes, the text,
    speaker and role columns are checked for personal data first (--redact,
    --allow-pii).

    Example:

    \b
        mentorqual codings export -o codings.xlsx --coder A
    """
    n = project.export_codings(output, coders=coders, pii=pii or "refuse")
    click.echo(f"Wrote {n} coding(s) to {output}")


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
@codebook_options
@interviewer_label_option
@pii_options
@pass_project
@library_errors
def run(
    project: Project,
    directory: Path,
    out: Path,
    codebook: Path | None,
    codebook_update: bool,
    interviewer_labels: tuple[str, ...],
    pii: str | None,
) -> None:
    """The main job: import a folder of transcripts and its codings/*.csv, tag
    every respondent paragraph with the codebook's rules (and, when human codings
    exist, train the classifier and write coders classifier and machine), and
    write the reports.

    OUT gets codings.csv, theme counts by region (.csv, .xlsx), a heatmap (.png),
    quote sheets by region (.docx, .xlsx), view/ (HTML) and manifest.json
    (versions, codebook, input checksums, command). If anything fails, neither the project nor OUT
    changes. Running it again imports nothing new: unchanged files are skipped.

    Example:

    \b
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
            command=["mentorqual", *sys.argv[1:]],
            pii=pii or "refuse",
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
    if report.tagged is not None:
        _echo_tag(report.tagged)
    if report.trained is not None:
        t = report.trained
        micro = next(s for s in t.scores if s.code == "micro")
        click.echo(
            f"Trained classifier {t.model} on coder {', '.join(t.coders)}'s {t.size} paragraphs; "
            f"grouped cross-validation micro F1 {micro.f1:.3f}"
        )
    if report.classified is not None:
        _echo_classifier(report.classified)
    for note in report.notes:
        click.echo(f"Note: {note}")
    written = report.written
    click.echo(
        f"Counts by coder {written.counts_coder}; {written.quotes} quote(s) from "
        f"{', '.join(written.quote_coders)}; {written.pages} interview page(s) in view/."
    )
    click.echo(f"Wrote to {report.out}/: {', '.join(written.files)}")
    click.echo(f"Project: {project.path}")
