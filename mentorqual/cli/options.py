"""Options and helpers shared by the commands: error translation, progress, PII flags.

One vocabulary: ``-o/--output`` is what a command writes (FILE, or DIRECTORY for a
folder), ``--by ATTRIBUTE`` groups interviews, ``--coder NAME`` names a coder,
``--theme CODE``/``--code CODE`` a code, ``--codebook FILE`` a codebook. The test
``tests/test_cli_options.py`` checks every command against it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import MentorqualError
from ..project import DEFAULT_INTERVIEWER_LABELS, Project
from ..types import PiiMode

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


def output_folder_option(help: str, *, default: Path | None = None) -> Callable[[F], F]:
    """-o/--output DIRECTORY: the folder a command writes; ``--out`` is kept, hidden, for
    the scripts written before the options were made one vocabulary."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def merged(*args: Any, output: Path | None, out: Path | None, **kwargs: Any) -> Any:
            if output is not None and out is not None and output != out:
                raise click.UsageError("give the output folder once, with -o/--output")
            return func(*args, output=output or out or default, **kwargs)

        hidden = click.option(
            "--out", type=click.Path(file_okay=False, path_type=Path), hidden=True
        )(merged)
        shown = f" Default: {default}/." if default is not None else ""
        return click.option(  # type: ignore[return-value]
            "-o",
            "--output",
            type=click.Path(file_okay=False, path_type=Path),
            help=help + shown,
        )(hidden)

    return decorate


def coder_option(help: str, *, multiple: bool = False, required: bool = False) -> Callable[[F], F]:
    """--coder NAME: one coder (``coder``), or with ``multiple`` several (``coders``)."""
    return click.option(
        "--coder",
        "coders" if multiple else "coder",
        multiple=multiple,
        required=required,
        metavar="NAME",
        help=help,
    )


def interviewer_label_option(func: F) -> F:
    return click.option(
        "--interviewer-label",
        "interviewer_labels",
        multiple=True,
        metavar="LABEL",
        help="A speaker label used by the interviewer, besides the usual ones "
        f"({', '.join(DEFAULT_INTERVIEWER_LABELS)}); repeat for several. Without one in a "
        "file, the speaker who mostly asks questions is taken as the interviewer, with a warning.",
    )(func)


def codebook_update_option(func: F) -> F:
    """--codebook-update: accept a codebook with other codes than the project's."""
    return click.option(
        "--codebook-update",
        is_flag=True,
        help="Accept a codebook whose codes differ from the project's; "
        "human codings of codes that remain are kept.",
    )(func)


def codebook_options(func: F) -> F:
    """--codebook FILE and --codebook-update."""
    func = codebook_update_option(func)
    return click.option(
        "--codebook",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Codebook YAML. Default: the project's codebook, else the one shipped with "
        "mentorqual (mentorordning).",
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


pass_project = click.make_pass_decorator(Project)


def echo_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


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
    """--redact / --allow-pii: what to do with personal data in text leaving the project.

    The command receives ``pii`` as a :class:`~mentorqual.types.PiiMode`, ``refuse``
    unless a flag says otherwise.
    """

    @functools.wraps(func)
    def with_mode(*args: Any, pii: str | None = None, **kwargs: Any) -> Any:
        return func(*args, pii=PiiMode(pii or PiiMode.REFUSE), **kwargs)

    wrapped = click.option(
        "--allow-pii",
        "pii",
        flag_value=PiiMode.ALLOW.value,
        help="Skip the check for personal data.",
    )(with_mode)
    return click.option(  # type: ignore[return-value]
        "--redact",
        "pii",
        flag_value=PiiMode.REDACT.value,
        help="Replace personal data with [CPR], [TELEFON], [EMAIL], [ADRESSE], "
        "[FØDSELSDATO] or [NAVN]. Default: refuse to write when any is found "
        "('mentorqual pii allow' accepts a false alarm).",
    )(wrapped)


def lang_option(func: F) -> F:
    """--lang da|en: the one language of a report's labels, notes and numbers (the
    terminal stays English)."""
    return click.option(
        "--lang",
        type=click.Choice(["da", "en"]),
        default="da",
        show_default=True,
        help="The report's language: labels, notes and number format (decimal comma in da).",
    )(func)


def export_coders_option(func: F) -> F:
    """--coder NAME (repeatable): whose codings an export holds."""
    return coder_option(
        "Only this coder's codings; repeat for several. Default: every coder.", multiple=True
    )(func)


def by_option(
    func: F | None = None, *, default: tuple[str, ...] = ("region",), help: str = ""
) -> Any:
    """--by ATTRIBUTE (repeatable): group interviews by attributes, crossed when several.

    ``@by_option`` groups by region by default; ``@by_option(default=())`` groups
    only when asked.
    """

    def decorate(f: F) -> F:
        return click.option(
            "--by",
            multiple=True,
            default=default,
            show_default=bool(default),
            metavar="ATTRIBUTE",
            help=help
            or "Group interviews by this attribute (region, role, or any metadata column); "
            "repeat to cross them.",
        )(f)

    return decorate(func) if func is not None else decorate


def comma_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]
