"""The workbench's pages: what they show, that transcript text is escaped, and the
serve command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.web import create_app

from .web_fixtures import token, workbench_project

STATIC = Path(__file__).resolve().parent.parent / "mentorqual" / "web" / "static"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbench_project(tmp_path_factory.mktemp("pages"))


@pytest.fixture
def client(db: Path) -> FlaskClient:
    return create_app(db, "A").test_client()


def test_index_lists_interviews_with_each_coders_progress(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert '<a href="/interviews/T01">T01</a>' in page
    assert "<td>Hovedstaden</td><td>Jobkonsulent</td><td>3</td>" in page
    assert "<th>A</th>" in page
    assert "0 / 3" in page


def test_index_counts_a_done_interview(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "p.db"
    copy.write_bytes(db.read_bytes())
    Project(copy).mark_done("B", "T01")
    page = create_app(copy, "A").test_client().get("/").get_data(as_text=True)
    assert "<th>A</th><th>B</th>" in page
    assert '<td class="progress complete">3 / 3</td>' in page


def test_interview_page_shows_the_transcript_in_reading_order(client: FlaskClient) -> None:
    page = client.get("/interviews/T01").get_data(as_text=True)
    question = page.index("Hvordan fungerer administrationen hos jer?")
    answer = page.index("Der er mange papirer og blanketter.")
    assert question < answer < page.index("Mentorkurset var godt.")
    assert 'class="paragraph interviewer"' in page and 'class="paragraph respondent"' in page
    assert "<kbd>1</kbd> Tryghed" in page
    assert 'data-interview="T01"' in page
    assert client.get("/interviews/NOPE").status_code == 404


def test_transcript_text_is_escaped(client: FlaskClient) -> None:
    page = client.get("/interviews/X01").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "<img src=x" not in page and "<b>fed</b>" not in page
    assert "&lt;script&gt;alert(&#34;spørgsmål&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # the only scripts are the app's own files
    scripts = [line for line in page.splitlines() if "<script" in line]
    assert all('src="/static/' in line for line in scripts)
    assert "style=" not in page  # no inline styles: the CSP forbids them


def test_every_page_carries_the_csrf_token(client: FlaskClient) -> None:
    expected = token(client)
    for url in ("/", "/interviews/T01", "/review"):
        page = client.get(url).get_data(as_text=True)
        assert f'<meta name="csrf-token" content="{expected}">' in page


def test_review_page_has_the_keys_and_codes(client: FlaskClient) -> None:
    page = client.get("/review").get_data(as_text=True)
    assert "<kbd>a</kbd> Acceptér" in page and "<kbd>x</kbd> Afvis" in page
    assert 'data-code="administration"' in page


def test_blind_is_shown(db: Path) -> None:
    page = create_app(db, "A", blind=True).test_client().get("/").get_data(as_text=True)
    assert "Koder: <strong>A</strong> · blind" in page


def test_codes_css_gives_each_code_its_colour(client: FlaskClient) -> None:
    css = client.get("/codes.css")
    assert css.mimetype == "text/css"
    assert ".c0 { --code: #1B9E77; }" in css.get_data(as_text=True)


def test_static_files_are_served_and_load_nothing_from_the_network(
    client: FlaskClient,
) -> None:
    for name in ("common.js", "interview.js", "review.js", "workbench.css"):
        assert client.get(f"/static/{name}").status_code == 200
        text = (STATIC / name).read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "@import" not in text
        assert "innerHTML" not in text  # text goes in as text


def test_serve_refuses_without_a_coder(db: Path) -> None:
    result = CliRunner().invoke(cli, ["--project", str(db), "serve", "--no-browser"])
    assert result.exit_code == 1
    assert result.output == "Error: name the coder with --coder NAME\n"


def test_serve_warns_about_another_host(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mentorqual.web

    calls = []
    monkeypatch.setattr(mentorqual.web, "serve", lambda app, host, port: calls.append((host, port)))
    args = ["--project", str(db), "serve", "--coder", "A", "--no-browser", "--host", "0.0.0.0"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Warning: listening on 0.0.0.0" in result.output
    assert calls == [("0.0.0.0", 8765)]
    local = CliRunner().invoke(cli, [*args[:-2], "--port", "8800"])
    assert "Warning" not in local.output
    assert "as coder A: http://127.0.0.1:8800/" in local.output
