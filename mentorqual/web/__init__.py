"""The browser workbench: a local web app over one project file.

:func:`create_app` builds the Flask app (pages, a JSON API, templates and static files
inside this package, nothing from the network); :func:`serve` runs it with waitress.
Flask and waitress are imported only here, so the command line starts without them.

Example:
    >>> app = create_app("mentorqual.db", coder="A")  # doctest: +SKIP
    >>> app.test_client().get("/api/interviews/HS01").json["paragraphs"][0]  # doctest: +SKIP
"""

from __future__ import annotations

from .app import LOCAL_HOSTS, create_app, serve

__all__ = ["LOCAL_HOSTS", "create_app", "serve"]
