"""The evidence record: the JSON stored with each machine coding, read and written in one place."""

from __future__ import annotations

import json

import pytest

from mentorqual.tagging import evidence
from mentorqual.tagging.evidence import Evidence, Hit, ParagraphResult, RuleHit


def test_evidence_is_the_hits_as_json_with_interview_offsets() -> None:
    odd = '"citat" \\ æ\t'
    hits = [
        Hit("r-1", "kurser", ((odd, 3, 14), ("kursus", 20, 26))),
        Hit("r2", "kurser", (("Løn", 0, 3),)),
    ]
    other = [Hit("a", "administration", (("blanket", 1, 8),))]
    results = [
        ParagraphResult({"kurser": hits, "administration": other}),
        ParagraphResult(),
    ]
    rows, found = evidence.codings([5, 6], [100, 0], results)
    expected = [
        {"rule": "r-1", "tokens": [[odd, 103, 114], ["kursus", 120, 126]]},
        {"rule": "r2", "tokens": [["Løn", 100, 103]]},
    ]
    assert rows == [
        (5, "kurser", 1.0, json.dumps(expected, ensure_ascii=False)),
        (5, "administration", 1.0, '[{"rule": "a", "tokens": [["blanket", 101, 108]]}]'),
    ]
    assert found == {(5, "kurser"): hits, (5, "administration"): other}
    assert evidence.summary(hits) == f"r-1: {odd}, kursus; r2: Løn"


@pytest.mark.parametrize(
    "stored",
    [
        '[{"rule": "k-ord", "tokens": [["kursus", 104, 110], ["Løn", 120, 123]]}]',
        "[]",
        '{"model": "b14518ed91fcbf87", "probability": 0.8125}',
        '{"model": "b14518ed91fcbf87", "probability": 0.3, "rules": []}',
        '{"model": "b1", "probability": 0.3, "rules": '
        '[{"rule": "r", "tokens": [["æ\\"", -4, -2]]}]}',
    ],
)
def test_evidence_round_trips_byte_for_byte(stored: str) -> None:
    assert Evidence.from_json(stored).to_json() == stored


def test_evidence_writes_what_json_dumps_writes() -> None:
    hits = (RuleHit("r", (('"citat" æ', 3, 12),)),)
    machine = Evidence(hits, "b1", 0.1 + 0.2)
    assert machine.to_json() == json.dumps(
        {
            "model": "b1",
            "probability": 0.1 + 0.2,
            "rules": [{"rule": "r", "tokens": [['"citat" æ', 3, 12]]}],
        },
        ensure_ascii=False,
    )
    assert Evidence(None, "b1", 0.5).to_json() == json.dumps({"model": "b1", "probability": 0.5})


def test_evidence_of_each_kind_of_coding() -> None:
    rules = Evidence.from_json('[{"rule": "k", "tokens": [["kursus", 4, 10]]}]')
    assert rules == Evidence((RuleHit("k", (("kursus", 4, 10),)),))
    assert rules.model is None and rules.probability is None
    classifier = Evidence.from_json('{"model": "m", "probability": 0.75}')
    assert classifier == Evidence(None, "m", 0.75) and classifier.hits == ()
    machine = Evidence.from_json('{"model": "m", "probability": 0.5, "rules": [{"rule": "k"}]}')
    assert machine.hits == (RuleHit("k", ()),)
    assert Evidence.from_json(None) == Evidence.from_json("") == Evidence(())
    assert Evidence().hits == ()
