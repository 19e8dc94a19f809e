"""The JSON API the pages use. Offsets are code points in the interview's canonical
text, end exclusive; every state-changing request needs the ``X-CSRF-Token`` header
(checked in :mod:`.app`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, jsonify, request

from ..errors import MentorqualError, ProjectError
from ..project.workbench import Change, Forbidden, NotFound, ReviewItem
from .app import workbench

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.errorhandler(MentorqualError)
def _library_error(exc: MentorqualError) -> tuple[Response, int]:
    status = 400
    if isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, Forbidden):
        status = 403
    elif isinstance(exc, ProjectError):
        status = 409  # busy, or the file went away: try again
    return jsonify(error=str(exc)), status


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise _BadRequest("send a JSON object")
    return body


class _BadRequest(MentorqualError):
    """A request the API cannot read."""


def _offset(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _BadRequest(f"{key!r} must be a whole number")
    return value


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise _BadRequest(f"{key!r} must be a non-empty string")
    return value


def _done(change: Change, status: int = 200, **extra: Any) -> tuple[Response, int]:
    workbench().record(change)
    return jsonify(**extra), status


@blueprint.get("/interviews/<interview>")
def interview(interview: str) -> Response:
    bench = workbench()
    view = bench.project.interview_view(interview, bench.coder, blind=bench.blind)
    return jsonify(
        interview=view.interview,
        coder=bench.coder,
        assessed=view.assessed,
        respondent=view.respondent,
        # vars(), not asdict(): these records are flat, and asdict's deep copy took
        # most of this request's time (16 of 27 ms on 200 paragraphs, 500 codings).
        paragraphs=[vars(p) for p in view.paragraphs],
        codings=[vars(c) for c in view.codings],
    )


@blueprint.post("/codings")
def add_coding() -> tuple[Response, int]:
    body, bench = _body(), workbench()
    coding, change = bench.project.add_span_coding(
        bench.coder,
        _text(body, "interview"),
        _offset(body, "start"),
        _offset(body, "end"),
        _text(body, "code"),
    )
    return _done(change, 201, id=coding)


@blueprint.delete("/codings/<int:coding>")
def delete_coding(coding: int) -> tuple[Response, int]:
    bench = workbench()
    return _done(bench.project.delete_span_coding(bench.coder, coding), deleted=coding)


@blueprint.patch("/codings/<int:coding>")
def change_coding(coding: int) -> tuple[Response, int]:
    body, bench = _body(), workbench()
    code = _text(body, "code") if "code" in body else None
    memo = _memo(body)
    if code is None and memo is None:
        raise _BadRequest("send 'code', 'memo' or both")
    change = bench.project.change_span_coding(bench.coder, coding, code=code, memo=memo)
    return _done(change, id=coding)


def _memo(body: dict[str, Any]) -> str | None:
    """The memo sent: None when none was sent, '' to remove it (null or blank)."""
    if "memo" not in body:
        return None
    value = body["memo"]
    if value is not None and not isinstance(value, str):
        raise _BadRequest("'memo' must be a string or null")
    return value or ""


@blueprint.post("/interviews/<interview>/done")
def done(interview: str) -> tuple[Response, int]:
    bench = workbench()
    change = bench.project.mark_done(bench.coder, interview)
    return _done(change, assessed=len(change.assessed))


@blueprint.get("/review/next")
def next_review() -> Response:
    bench = workbench()
    item = bench.project.next_review(bench.review)
    return jsonify(_review_item(item))


def _review_item(item: ReviewItem | None) -> dict[str, Any]:
    if item is None:
        return {"done": True}
    return {"done": False, **asdict(item)}


@blueprint.post("/review/<int:paragraph>")
def review(paragraph: int) -> tuple[Response, int]:
    body, bench = _body(), workbench()
    decision = body.get("decision")
    if decision == "skip":
        bench.review.skip(paragraph)
        return jsonify(decision="skip"), 200
    if decision not in ("accept", "reject"):
        raise _BadRequest("'decision' must be accept, reject or skip")
    codes = body.get("codes", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise _BadRequest("'codes' must be a list of codes")
    if decision == "accept" and not codes:
        raise _BadRequest("accept needs at least one code; reject codes nothing")
    chosen = codes if decision == "accept" else []
    change = bench.project.review_decision(bench.coder, paragraph, chosen)
    bench.count_decision()
    return _done(change, decision=decision, added=list(change.added))


@blueprint.post("/undo")
def undo() -> tuple[Response, int]:
    bench = workbench()
    change = bench.last_change()
    if change is None:
        return jsonify(undone=False), 200
    bench.project.undo(change)
    bench.review.unskip(change.assessed)
    if change.review:
        bench.review.uncount_decision()
    return jsonify(undone=True, paragraphs=list(change.assessed)), 200
