"""The app factory and the guards every request passes: the Host header, the CSRF
token on every state-changing request, and the security headers."""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, Response, abort, request

from ..project import Project
from ..project.workbench import Change, ReviewSession
from ..types import PathLike

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass
class Workbench:
    """What one server holds besides the project file: who codes, whether blind, the
    CSRF token, this session's undo stack and its review (skipped paragraphs, the
    classifier that ranks them)."""

    project: Project
    coder: str
    blind: bool
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    changes: list[Change] = field(default_factory=list)
    review: ReviewSession = field(init=False)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.review = ReviewSession(self.coder, self.blind)

    def record(self, change: Change) -> None:
        """Put an action on the undo stack, unless it changed nothing (a coding that
        already existed, a save without a change): 'u' then undoes the last real one."""
        if not (change.added or change.removed or change.assessed or change.codes_assessed):
            return
        with self.lock:
            self.changes.append(change)

    def last_change(self) -> Change | None:
        with self.lock:
            return self.changes.pop() if self.changes else None

    def count_decision(self) -> None:
        """Count a review decision; every 25th retrains the review's classifier in a
        background thread, so the answer to this request does not wait for it."""
        if self.review.count_decision():
            threading.Thread(target=self._retrain, name="mentorqual-retrain", daemon=True).start()

    def _retrain(self) -> None:
        try:
            self.project.retrain_review(self.review)
        except Exception as exc:  # a thread has no one to raise to: say it on the page
            self.review.use(None, f"not retrained: {type(exc).__name__}: {exc}")


def create_app(
    project_path: PathLike,
    coder: str | None = None,
    blind: bool = False,
    *,
    hosts: Iterable[str] = (),
) -> Flask:
    """The workbench app over the project file at ``project_path``, writing as
    ``coder`` (default: the project's only human coder); ``blind`` hides other human
    coders' codings. Requests must name a local host, or one of ``hosts``.

    Example:
        >>> client = create_app("mentorqual.db", "A").test_client()  # doctest: +SKIP
    """
    from . import api, pages  # the routes need the app's config first

    project = Project(Path(project_path))
    app = Flask(__name__)
    app.config["WORKBENCH"] = Workbench(project, project.workbench_coder(coder), blind)
    app.config["KEEP_OPEN"] = project.keep_open()  # see Project.keep_open
    app.config["ALLOWED_HOSTS"] = LOCAL_HOSTS | {h.lower() for h in hosts}
    app.jinja_env.autoescape = True  # every template, whatever its suffix
    app.before_request(_check_request)
    app.after_request(_security_headers)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(api.blueprint)
    return app


def workbench() -> Workbench:
    from flask import current_app

    bench: Workbench = current_app.config["WORKBENCH"]
    return bench


def _host_name(host: str) -> str:
    """The host of a Host header, without its port: ``[::1]:8765`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _check_request() -> None:
    from flask import current_app

    if _host_name(request.host) not in current_app.config["ALLOWED_HOSTS"]:
        abort(403, "this workbench answers only on its own host (localhost)")
    if request.method in UNSAFE_METHODS:
        sent = request.headers.get("X-CSRF-Token", "")
        if not hmac.compare_digest(sent.encode(), workbench().csrf_token.encode()):
            abort(403, "missing or wrong X-CSRF-Token header; reload the page")


def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def serve(app: Flask, host: str, port: int) -> None:
    """Serve the app with waitress until interrupted. Waitress writes no access log,
    so no request (and nothing a request carries) is logged."""
    import waitress  # type: ignore[import-untyped]  # no stubs shipped

    try:
        waitress.serve(app, host=host, port=port, threads=4, ident="mentorqual")
    finally:
        app.config["KEEP_OPEN"].close()
