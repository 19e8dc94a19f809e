"""The codebook group: start, validate, load, show, and exchange as REFI-QDA."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import Project, codebook_format, new_codebook, validate_codebook
from .options import codebook_update_option, library_errors, output_option, pass_project

HELP = f"""The codebook: start one (new), check it (validate), make it the project's
(load), show it, and exchange it with NVivo, ATLAS.ti and MAXQDA (export, import).

A codebook is a YAML file. Every key, with what it means and an example:

{codebook_format()}

Example:

\b
    mentorqual codebook new codebooks/mit-projekt.yaml
    mentorqual codebook validate codebooks/mit-projekt.yaml
    mentorqual codebook load codebooks/mit-projekt.yaml
"""


@click.group(help=HELP)
def codebook() -> None:
    pass


@codebook.command("new")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@library_errors
def codebook_new(file: Path) -> None:
    """Write a starter codebook to FILE: one theme with a sub-code and two rules that
    use every key once, each key explained in a comment. It validates as it is.

    Example:

    \b
        mentorqual codebook new codebooks/mit-projekt.yaml
    """
    book = new_codebook(file)
    click.echo(
        f"Wrote {file}: {_plural(len(book.codes), 'code')}, {_plural(len(book.rules), 'rule')}. "
        "Edit it, then "
        f"'mentorqual codebook validate {file}' and 'mentorqual codebook load {file}'."
    )


@codebook.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@codebook_update_option
@click.option(
    "--delete-codings",
    is_flag=True,
    help="Delete the human codings of codes the new codebook lacks "
    "(a backup of the project is written first).",
)
@pass_project
@library_errors
def codebook_load(
    project: Project, file: Path, codebook_update: bool, delete_codings: bool
) -> None:
    """Make FILE the project's codebook.

    Example:

    \b
        mentorqual codebook load codebooks/mentorordning.yaml
    """
    change = project.load_codebook(file, update=codebook_update, delete_codings=delete_codings)
    book = change.book
    click.echo(f"Loaded {book.name} ({len(book.codes)} codes, sha256 {book.sha256[:12]})")
    if change.deleted:
        click.echo(
            f"Deleted {sum(change.deleted.values())} human coding(s); backup: {change.backup}"
        )


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
    counts = [
        _plural(len(book.themes), "theme"),
        _plural(len(book.subcodes), "sub-code"),
        _plural(len(book.rules), "rule"),
    ]
    click.echo(f"{file}: valid; {', '.join(counts)} (sha256 {book.sha256[:12]})")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


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
