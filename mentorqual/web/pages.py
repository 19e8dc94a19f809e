"""The pages: the interviews with each coder's progress, one interview to code, and
the review of one paragraph at a time. Text goes into the templates (autoescaped);
the scripts in ``static/`` fetch the JSON API for the rest."""

from __future__ import annotations

import re

from flask import Blueprint, Response, abort, render_template

from ..project.workbench import NotFound
from .app import workbench

blueprint = Blueprint("pages", __name__)

_HEX = re.compile(r"#[0-9a-fA-F]{3,8}")
_FALLBACK = ("#f4a261", "#2a9d8f", "#e9c46a", "#8ab17d", "#e76f51", "#a8dadc", "#cdb4db")


@blueprint.get("/")
def index() -> str:
    bench = workbench()
    rows = bench.project.progress()
    coders = sorted({c for row in rows for c in row.assessed} | {bench.coder})
    return render_template("index.html", rows=rows, coders=coders, bench=bench)


@blueprint.get("/interviews/<interview>")
def interview(interview: str) -> str:
    bench = workbench()
    try:
        view = bench.project.interview_view(interview, bench.coder, blind=bench.blind)
    except NotFound:
        abort(404)
    return render_template("interview.html", view=view, themes=bench.project.themes(), bench=bench)


@blueprint.get("/review")
def review() -> str:
    bench = workbench()
    return render_template("review.html", themes=bench.project.themes(), bench=bench)


@blueprint.get("/favicon.ico")
def favicon() -> Response:
    return Response(status=204)  # no icon, and no 404 in the browser's console


@blueprint.get("/codes.css")
def codes_css() -> Response:
    """One class per code with its colour from the codebook (a colour that is not a
    hex colour gets one of ours): styles from the app itself, as the CSP wants."""
    lines = []
    for n, theme in enumerate(workbench().project.themes()):
        colour = theme.colour if _HEX.fullmatch(theme.colour or "") else _FALLBACK[n % 7]
        lines.append(f".c{n} {{ --code: {colour}; }}")
    return Response("\n".join(lines) + "\n", mimetype="text/css")
