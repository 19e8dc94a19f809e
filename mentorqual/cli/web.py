"""The browser workbench: ``mentorqual serve``."""

from __future__ import annotations

import threading
import webbrowser

import click

from ..project import Project
from .options import library_errors, pass_project

LOCAL = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--port", default=8765, show_default=True, help="The port to listen on.")
@click.option("--coder", metavar="NAME", help="Code as this human coder. Default: the "
              "project's only human coder.")  # fmt: skip
@click.option("--blind", is_flag=True, help="Hide other human coders' codings "
              "(independent double coding).")  # fmt: skip
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; anything but this computer is a risk.")  # fmt: skip
@pass_project
@library_errors
def serve(
    project: Project, port: int, coder: str | None, blind: bool, no_browser: bool, host: str
) -> None:
    """Code in the browser: a local workbench over the project.

    Read an interview and code passages by selecting words and pressing a code's
    number; review the machine's suggestions one paragraph at a time with the
    keyboard (a accept, x reject, space skip, u undo). Every action is saved at
    once, in its own transaction, so other commands can run beside it. --blind
    hides the other human coders' codings, for double coding.

    The workbench listens on 127.0.0.1 only, unless --host says otherwise.

    Example:

    \b
        mentorqual serve --coder A
        mentorqual serve --coder B --blind --port 8800
    """
    from ..web import create_app  # Flask and waitress load only here
    from ..web import serve as run

    if host not in LOCAL:
        click.echo(
            f"Warning: listening on {host}: anyone who can reach this address can read "
            "and change the project's codings.",
            err=True,
        )
    app = create_app(project.path, coder, blind, hosts=() if host in LOCAL else (host,))
    url = f"http://{'127.0.0.1' if host in LOCAL or host in ('0.0.0.0', '::') else host}:{port}/"
    coder_name = app.config["WORKBENCH"].coder
    click.echo(f"mentorqual workbench for {project.path} as coder {coder_name}: {url}")
    click.echo("Stop it with Ctrl+C.")
    if not no_browser:
        threading.Timer(0.5, webbrowser.open, (url,)).start()
    run(app, host, port)
