"""The workbench's JSON API, driven in-process with Flask's test client."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from mentorqual import Project
from mentorqual.cli import cli
from mentorqual.store import Store
from mentorqual.web import create_app

from .web_fixtures import token, workbench_project


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workbench_project(tmp_path_factory.mktemp("web"))


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project.db"
    copy.write_bytes(template.read_bytes())
    return copy


@pytest.fixture
def app(db: Path) -> Flask:
    return create_app(db, "A")


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def send(client: FlaskClient, method: str, url: str, body: Any = None) -> Any:
    headers = {"X-CSRF-Token": token(client)}
    return client.open(url, method=method, json=body, headers=headers)


def passage(client: FlaskClient, words: str) -> tuple[int, int]:
    """Where ``words`` stand in T01's canonical text, from the API's paragraphs."""
    for p in client.get("/api/interviews/T01").json["paragraphs"]:
        if words in p["text"]:
            start = p["start"] + p["text"].index(words)
            return start, start + len(words)
    raise AssertionError(words)


def test_interview_gives_paragraphs_in_reading_order(client: FlaskClient) -> None:
    data = client.get("/api/interviews/T01").json
    paragraphs = data["paragraphs"]
    assert [p["side"] for p in paragraphs][:2] == ["interviewer", "respondent"]
    assert set(paragraphs[0]) >= {"id", "speaker", "side", "start", "end", "text"}
    assert paragraphs[0]["text"] == "Hvordan fungerer administrationen hos jer?"
    assert [p["start"] for p in paragraphs] == sorted(p["start"] for p in paragraphs)
    assert data["codings"] == []


def test_unknown_interview_is_404(client: FlaskClient) -> None:
    response = client.get("/api/interviews/NOPE")
    assert response.status_code == 404
    assert response.json == {"error": "no interview 'NOPE'"}


def test_add_a_passage_and_read_it_back(client: FlaskClient, db: Path) -> None:
    start, end = passage(client, "mange papirer")
    response = send(client, "POST", "/api/codings", {"interview": "T01", "start": start,
                    "end": end, "code": "administration"})  # fmt: skip
    assert response.status_code == 201
    coding = response.json["id"]
    codings = client.get("/api/interviews/T01").json["codings"]
    assert codings == [
        {"id": coding, "start": start, "end": end, "code": "administration", "coder": "A",
         "origin": "human", "score": None, "mine": True, "memo": None}
    ]  # fmt: skip
    table = Project(db).codings()
    assert list(table["text"]) == ["mange papirer"]


def test_a_selection_loses_its_surrounding_blanks(client: FlaskClient) -> None:
    start, end = passage(client, " mange papirer ")
    send(client, "POST", "/api/codings", {"interview": "T01", "start": start, "end": end,
         "code": "administration"})  # fmt: skip
    coding = client.get("/api/interviews/T01").json["codings"][0]
    assert (coding["start"], coding["end"]) == (start + 1, end - 1)


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"interview": "T01", "start": 5, "end": 2, "code": "kurser"}, 400, "no passage 5-2"),
        ({"interview": "T01", "start": 0, "end": 9999, "code": "kurser"}, 400, "no passage"),
        ({"interview": "T01", "start": 0, "end": 4, "code": "nope"}, 400, "unknown code 'nope'"),
        ({"interview": "NOPE", "start": 0, "end": 4, "code": "kurser"}, 404, "no interview"),
        ({"interview": "T01", "start": "0", "end": 4, "code": "kurser"}, 400, "'start' must"),
        (["not", "an", "object"], 400, "send a JSON object"),
    ],
)
def test_a_bad_coding_is_refused(client: FlaskClient, body: Any, status: int, error: str) -> None:
    response = send(client, "POST", "/api/codings", body)
    assert response.status_code == status
    assert error in response.json["error"]


def test_delete_a_coding(client: FlaskClient) -> None:
    start, end = passage(client, "Mentorkurset var godt")
    coding = send(client, "POST", "/api/codings", {"interview": "T01", "start": start,
                  "end": end, "code": "kurser"}).json["id"]  # fmt: skip
    response = send(client, "DELETE", f"/api/codings/{coding}")
    assert response.status_code == 200
    assert client.get("/api/interviews/T01").json["codings"] == []
    assert send(client, "DELETE", f"/api/codings/{coding}").status_code == 404


def test_another_coders_coding_cannot_be_deleted(db: Path) -> None:
    b = create_app(db, "B").test_client()
    start, end = passage(b, "Mentorkurset")
    coding = send(b, "POST", "/api/codings", {"interview": "T01", "start": start, "end": end,
                  "code": "kurser"}).json["id"]  # fmt: skip
    a = create_app(db, "A").test_client()
    response = send(a, "DELETE", f"/api/codings/{coding}")
    assert response.status_code == 403
    assert response.json["error"] == f"coding {coding} is B's, not A's"


def coded(client: FlaskClient, words: str, code: str = "administration") -> int:
    """Code ``words`` of T01 through the API; returns the coding's id."""
    start, end = passage(client, words)
    body = {"interview": "T01", "start": start, "end": end, "code": code}
    return int(send(client, "POST", "/api/codings", body).json["id"])


def shown(client: FlaskClient, coding: int) -> dict[str, Any]:
    """A coding as the API shows it."""
    return next(c for c in client.get("/api/interviews/T01").json["codings"] if c["id"] == coding)


def test_change_a_codings_code_and_memo(client: FlaskClient, db: Path) -> None:
    coding = coded(client, "mange papirer")
    response = send(client, "PATCH", f"/api/codings/{coding}", {"code": "kurser"})
    assert (response.status_code, response.json) == (200, {"id": coding})
    assert (shown(client, coding)["code"], shown(client, coding)["memo"]) == ("kurser", None)
    memo = "  Papirarbejdet fylder, siger hun.  "
    send(client, "PATCH", f"/api/codings/{coding}", {"memo": memo})
    assert shown(client, coding)["memo"] == "Papirarbejdet fylder, siger hun."
    assert shown(client, coding)["code"] == "kurser"
    table = Project(db).codings()
    assert list(zip(table["text"], table["code"], strict=True)) == [("mange papirer", "kurser")]
    for cleared in (None, "", "  "):
        send(client, "PATCH", f"/api/codings/{coding}", {"memo": "Et memo"})
        assert send(client, "PATCH", f"/api/codings/{coding}", {"memo": cleared}).status_code == 200
        assert shown(client, coding)["memo"] is None


def test_another_coders_or_a_machine_coding_cannot_be_changed(db: Path) -> None:
    from .conftest import snapshot

    theirs = coded(create_app(db, "B").test_client(), "Mentorkurset", "kurser")
    Project(db).tag_rules()
    a = create_app(db, "A").test_client()
    machine = next(c for c in a.get("/api/interviews/T01").json["codings"] if c["coder"] == "rules")
    before = snapshot(db)
    response = send(a, "PATCH", f"/api/codings/{theirs}", {"memo": "Mit memo"})
    assert response.status_code == 403
    assert response.json["error"] == f"coding {theirs} is B's, not A's"
    response = send(a, "PATCH", f"/api/codings/{machine['id']}", {"code": "kurser"})
    assert response.status_code == 403
    assert snapshot(db) == before


@pytest.mark.parametrize(
    ("body", "status", "error"),
    [
        ({"code": "nope"}, 400, "unknown code 'nope'"),
        ({"code": ""}, 400, "'code' must be a non-empty string"),
        ({"memo": 7}, 400, "'memo' must be a string or null"),
        ({}, 400, "send 'code', 'memo' or both"),
        ({"memo": "x" * 2001}, 400, "a memo holds at most 2,000 characters; this one has 2,001"),
    ],
)
def test_a_bad_change_is_refused(
    client: FlaskClient, db: Path, body: Any, status: int, error: str
) -> None:
    from .conftest import snapshot

    coding = coded(client, "mange papirer")
    before = snapshot(db)
    response = send(client, "PATCH", f"/api/codings/{coding}", body)
    assert (response.status_code, response.json) == (status, {"error": error})
    assert snapshot(db) == before


def test_changing_a_missing_coding_is_404(client: FlaskClient) -> None:
    response = send(client, "PATCH", "/api/codings/999999", {"code": "kurser"})
    assert (response.status_code, response.json) == (404, {"error": "no coding 999999"})


def test_a_change_cannot_make_a_coding_twice(client: FlaskClient) -> None:
    start, _ = passage(client, "mange papirer")
    coded(client, "mange papirer", "administration")
    other = coded(client, "mange papirer", "kurser")
    response = send(client, "PATCH", f"/api/codings/{other}", {"code": "administration"})
    assert response.status_code == 400
    assert response.json["error"] == (
        f"T01: the passage {start}-{start + 13} is already coded 'administration' by A"
    )
    assert shown(client, other)["code"] == "kurser"


def test_undo_takes_back_a_change_exactly(client: FlaskClient, db: Path) -> None:
    from .conftest import snapshot

    coding = coded(client, "mange papirer")
    before_memo = snapshot(db)
    send(client, "PATCH", f"/api/codings/{coding}", {"memo": "Blanketter og lønsedler"})
    before_change = snapshot(db)
    send(client, "PATCH", f"/api/codings/{coding}", {"code": "kurser", "memo": None})
    assert send(client, "POST", "/api/undo").json["undone"] is True
    assert snapshot(db) == before_change
    assert shown(client, coding)["memo"] == "Blanketter og lønsedler"
    assert send(client, "POST", "/api/undo").json["undone"] is True
    assert snapshot(db) == before_memo
    # a save that changes nothing is no action: 'u' then takes back the coding itself
    send(client, "PATCH", f"/api/codings/{coding}", {"code": shown(client, coding)["code"]})
    assert send(client, "POST", "/api/undo").json["undone"] is True
    assert client.get("/api/interviews/T01").json["codings"] == []


def test_undo_restores_exactly_the_state_before(client: FlaskClient, db: Path) -> None:
    from .conftest import snapshot

    start, end = passage(client, "mange papirer")
    before = snapshot(db)
    coding = send(client, "POST", "/api/codings", {"interview": "T01", "start": start,
                  "end": end, "code": "administration"}).json["id"]  # fmt: skip
    after_add = snapshot(db)
    send(client, "DELETE", f"/api/codings/{coding}")
    assert send(client, "POST", "/api/undo").json["undone"] is True  # the deletion
    assert snapshot(db) == after_add
    assert send(client, "POST", "/api/undo").json["undone"] is True  # the coding
    assert snapshot(db) == before
    assert send(client, "POST", "/api/undo").json == {"undone": False}


def test_done_marks_every_respondent_paragraph_assessed(client: FlaskClient) -> None:
    response = send(client, "POST", "/api/interviews/T01/done")
    assert response.json == {"assessed": 3}
    data = client.get("/api/interviews/T01").json
    assert (data["assessed"], data["respondent"]) == (3, 3)
    assert send(client, "POST", "/api/interviews/T01/done").json == {"assessed": 0}


def test_review_walks_unassessed_paragraphs_in_reading_order(client: FlaskClient) -> None:
    first = client.get("/api/review/next").json
    assert first["done"] is False
    assert first["interview"] == "T01"
    assert first["question"] == "Hvordan fungerer administrationen hos jer?"
    assert first["suggested"] == [] and first["suggested_by"] is None
    paragraph = first["paragraph"]["id"]
    accepted = send(client, "POST", f"/api/review/{paragraph}",
                    {"decision": "accept", "codes": ["administration"]})  # fmt: skip
    assert accepted.status_code == 200 and len(accepted.json["added"]) == 1
    second = client.get("/api/review/next").json
    assert second["paragraph"]["text"].startswith("Og lønsedlerne")
    send(client, "POST", f"/api/review/{second['paragraph']['id']}", {"decision": "reject"})
    third = client.get("/api/review/next").json
    assert third["question"] == "Og kurserne?"
    send(client, "POST", f"/api/review/{third['paragraph']['id']}", {"decision": "skip"})
    assert client.get("/api/review/next").json["interview"] == "X01"
    data = client.get("/api/interviews/T01").json
    assert data["assessed"] == 2
    assert [(c["code"], c["start"]) for c in data["codings"]] == [
        ("administration", first["paragraph"]["start"])
    ]
    # u: the rejection is taken back, then the acceptance
    send(client, "POST", "/api/undo")
    assert client.get("/api/review/next").json["paragraph"]["id"] == second["paragraph"]["id"]
    send(client, "POST", "/api/undo")
    assert client.get("/api/review/next").json["paragraph"]["id"] == paragraph
    assert client.get("/api/interviews/T01").json["codings"] == []


def test_review_refuses_bad_decisions(client: FlaskClient) -> None:
    paragraph = client.get("/api/review/next").json["paragraph"]["id"]
    bad = send(client, "POST", f"/api/review/{paragraph}", {"decision": "maybe"})
    assert bad.status_code == 400
    empty = send(client, "POST", f"/api/review/{paragraph}", {"decision": "accept"})
    assert empty.json["error"] == "accept needs at least one code; reject codes nothing"
    assert send(client, "POST", "/api/review/999999", {"decision": "reject"}).status_code == 404


def test_review_offers_machine_suggestions_first(db: Path) -> None:
    Project(db).tag_rules()
    client = create_app(db, "A").test_client()
    item = client.get("/api/review/next").json
    assert item["suggested_by"] == "rules"
    assert item["suggested"]
    for start, end in item["evidence"]:
        assert item["paragraph"]["start"] <= start < end


@pytest.mark.parametrize(
    ("method", "url"),
    [("POST", "/api/codings"), ("DELETE", "/api/codings/1"), ("POST", "/api/review/1"),
     ("POST", "/api/undo"), ("POST", "/api/interviews/T01/done"), ("PATCH", "/api/codings/1")],
)  # fmt: skip
@pytest.mark.parametrize("header", [None, "wrong"])
def test_state_changes_need_the_csrf_token(
    client: FlaskClient, db: Path, method: str, url: str, header: str | None
) -> None:
    from .conftest import snapshot

    before = snapshot(db)
    headers = {} if header is None else {"X-CSRF-Token": header}
    body = {"interview": "T01", "start": 0, "end": 4, "code": "kurser", "decision": "reject"}
    response = client.open(url, method=method, json=body, headers=headers)
    assert response.status_code == 403
    assert snapshot(db) == before


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "10.0.0.2:8765"])
def test_a_foreign_host_is_refused(client: FlaskClient, host: str) -> None:
    assert client.get("/", headers={"Host": host}).status_code == 403
    assert client.get("/api/interviews/T01", headers={"Host": host}).status_code == 403


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8765", "localhost:80", "[::1]:8765"])
def test_local_hosts_are_served(client: FlaskClient, host: str) -> None:
    assert client.get("/", headers={"Host": host}).status_code == 200


def test_an_extra_host_can_be_allowed(db: Path) -> None:
    client = create_app(db, "A", hosts=["192.168.1.5"]).test_client()
    assert client.get("/", headers={"Host": "192.168.1.5:8765"}).status_code == 200


def test_every_answer_carries_the_content_security_policy(client: FlaskClient) -> None:
    for url in ("/", "/interviews/T01", "/review", "/api/interviews/T01", "/codes.css"):
        csp = client.get(url).headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "default-src 'none'" in csp


def test_blind_hides_other_human_coders(db: Path) -> None:
    b = create_app(db, "B").test_client()
    start, end = passage(b, "Mentorkurset")
    send(b, "POST", "/api/codings", {"interview": "T01", "start": start, "end": end,
         "code": "kurser"})  # fmt: skip
    Project(db).tag_rules()
    seen = create_app(db, "A").test_client().get("/api/interviews/T01").json["codings"]
    blind = create_app(db, "A", blind=True).test_client().get("/api/interviews/T01").json
    assert {c["coder"] for c in seen} == {"B", "rules"}
    assert {c["coder"] for c in blind["codings"]} == {"rules"}


def test_a_coder_is_needed_and_cannot_be_a_machine(db: Path) -> None:
    from mentorqual.errors import InputError

    with pytest.raises(InputError, match="name the coder with --coder NAME"):
        create_app(db)
    with pytest.raises(InputError, match="'rules' cannot be a human coder's name"):
        create_app(db, "rules")


def test_a_coding_made_in_the_browser_shows_in_export_and_counts(
    client: FlaskClient, db: Path, tmp_path: Path
) -> None:
    start, end = passage(client, "Mentorkurset var godt")
    send(client, "POST", "/api/codings", {"interview": "T01", "start": start, "end": end,
         "code": "kurser"})  # fmt: skip
    send(client, "POST", "/api/interviews/T01/done")
    out = tmp_path / "codings.csv"
    runner = CliRunner()
    result = runner.invoke(cli, ["--project", str(db), "codings", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    exported = out.read_text(encoding="utf-8")
    assert f"T01,Hovedstaden,Jobkonsulent,IP,p5,{start},{end},Mentorkurset var godt,kurser,A," in (
        exported
    )
    counts = runner.invoke(cli, ["--project", str(db), "counts", "--coder", "A"])
    assert counts.exit_code == 0, counts.output
    assert "Kurser" in counts.output


def test_review_retrains_in_the_background_after_25_decisions(sample: Path, tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    db.write_bytes(sample.read_bytes())
    app = create_app(db, "C")
    client = app.test_client()
    for n in range(25):
        item = client.get("/api/review/next").json
        assert (item["order"], item["model"]) == ("uncertainty", "stored")
        assert item["retrain_in"] == 25 - n
        decision = {"decision": "reject"} if n % 2 else {"decision": "accept", "codes": ["tryghed"]}
        sent = send(client, "POST", f"/api/review/{item['paragraph']['id']}", decision)
        assert sent.status_code == 200
    assert app.config["WORKBENCH"].review.wait(120)
    item = client.get("/api/review/next").json
    assert (item["model"], item["retrain_in"], item["note"]) == ("retrained", 25, "")
    assert item["model_paragraphs"] >= 25


def test_a_coder_counts_in_reports_once_done_and_undo_takes_it_back(db: Path) -> None:
    client = create_app(db, "D").test_client()
    start, end = passage(client, "lønsedlerne")
    assert send(client, "POST", "/api/codings",
                {"interview": "T01", "start": start, "end": end, "code": "administration"}
                ).status_code == 201  # fmt: skip
    counts = ["--project", str(db), "counts", "--coder", "D"]
    refused = CliRunner().invoke(cli, counts)
    assert refused.exit_code == 1
    assert "'D' has codings but has not assessed any paragraph yet" in refused.output
    assert "Færdig" in refused.output and "Traceback" not in refused.output
    send(client, "POST", "/api/interviews/T01/done")
    counted = CliRunner().invoke(cli, counts)
    assert counted.exit_code == 0, counted.output
    store = Store(db)
    try:
        codes = store.assessed_codes("D")
        assert codes == {"T01": frozenset(store.codes())}
    finally:
        store.close()
    send(client, "POST", "/api/undo")
    store = Store(db)
    try:
        assert store.assessed_codes("D") == {} and store.assessed("D") == set()
    finally:
        store.close()


def test_a_coder_codes_reviews_and_is_reported_and_two_blind_coders_agree(
    sample: Path, tmp_path: Path
) -> None:
    """The issue's "done when": code an interview by passages, review 20 suggestions,
    and see it in counts, quotes, agreement and codings export; two blind coders get
    an agreement report."""
    db = tmp_path / "p.db"
    db.write_bytes(sample.read_bytes())
    coded = {"D": [("Jeg startede faktisk som sagsbehandler", "kompetenceafklaring"),
                   ("skal stå helt alene med det", "tryghed")],
             "E": [("Jeg startede faktisk som sagsbehandler", "kompetenceafklaring"),
                   ("vant til mennesker, der har det lidt svært", "tryghed")]}  # fmt: skip
    open_view = create_app(db, "D").test_client().get("/api/interviews/HS01").json
    assert {"A", "classifier", "machine", "rules"} <= {c["coder"] for c in open_view["codings"]}
    for coder, passages in coded.items():
        client = create_app(db, coder, blind=True).test_client()
        seen = client.get("/api/interviews/HS01").json
        assert {c["coder"] for c in seen["codings"]} == {"rules"}  # no person, no classifier
        for words, code in passages:
            paragraph = next(p for p in seen["paragraphs"] if words in p["text"])
            start = paragraph["start"] + paragraph["text"].index(words)
            body = {"interview": "HS01", "start": start, "end": start + len(words), "code": code}
            assert send(client, "POST", "/api/codings", body).status_code == 201
        send(client, "POST", "/api/interviews/HS01/done")
    client = create_app(db, "D").test_client()
    for _ in range(20):
        item = client.get("/api/review/next").json
        decision = ({"decision": "accept", "codes": item["suggested"]} if item["suggested"]
                    else {"decision": "reject"})  # fmt: skip
        assert send(client, "POST", f"/api/review/{item['paragraph']['id']}", decision).json
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, ["--project", str(db), *args])
        assert result.exit_code == 0, result.output
        return result.output

    store = Store(db)
    try:
        assessed = len(store.assessed("D"))
        pairs = store.coding_pairs("D")
    finally:
        store.close()
    assert assessed == 34 + 20  # HS01's respondent paragraphs, then 20 reviewed
    counts = run("counts", "--coder", "D", "-o", str(tmp_path / "counts.csv"))
    assert "counts.csv" in counts
    table = (tmp_path / "counts.csv").read_text(encoding="utf-8-sig")
    assert "Hovedstaden" in table and "kompetenceafklaring" in table.lower()
    quotes = tmp_path / "quotes.md"
    run("quotes", "--coder", "D", "--theme", "kompetenceafklaring", "-o", str(quotes),
        "--allow-pii")  # fmt: skip
    sheet = quotes.read_text(encoding="utf-8")
    assert "Kodning: koder D (menneske)" in sheet
    quoted = re.findall(r"\*(\w+), afsnit (p\d+)\*", sheet)
    assert quoted
    store = Store(db)
    try:
        ids = {(p.interview, p.locator): p.id for p in store.respondent_paragraphs()}
    finally:
        store.close()
    assert all((ids[q], "kompetenceafklaring") in pairs for q in quoted)
    export = tmp_path / "codings.csv"
    run("codings", "export", "--coder", "D", "-o", str(export))
    exported = export.read_text(encoding="utf-8-sig")
    assert exported.count("\n") - 1 == len(pairs) and "skal stå helt alene med det" in exported
    agreement = run("agreement", "--coders", "D,E")
    assert "kompetenceafklaring" in agreement and "tryghed" in agreement
