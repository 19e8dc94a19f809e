"""Theme counts: hand-computed examples, and agreement with direct SQL counts."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from mentorqual import Project
from mentorqual.counts import ALL, InterviewScope, pivot
from mentorqual.counts import theme_counts as counts_of
from mentorqual.reports.language import unknown

THEMES = [("tryghed", "Tryghed"), ("kurser", "Kurser")]
INTERVIEWS = [
    InterviewScope("H1", {"region": "Hovedstaden", "role": "Jobkonsulent"}, 1000),
    InterviewScope("H2", {"region": "Hovedstaden", "role": "Mentorkoordinator"}, 3000),
    InterviewScope("N1", {"region": "Nordjylland", "role": "Jobkonsulent"}, 500),
]


def theme_counts(*args: Any, **options: Any) -> list[dict[str, object]]:
    """The engine with a Danish report's words for a missing value."""
    return counts_of(*args, unknown=unknown("da"), **options)


def by_key(rows: list[dict[str, object]], *key: str) -> dict[tuple[object, ...], dict]:
    return {tuple(r[k] for k in key): r for r in rows}


def test_counts_by_region_by_hand() -> None:
    codings = [
        ("H1", 1, "tryghed"),
        ("H1", 1, "tryghed"),  # the same pair twice counts once
        ("H1", 2, "tryghed"),
        ("H2", 7, "kurser"),
        ("N1", 9, "tryghed"),
        ("X9", 3, "tryghed"),  # an interview out of scope is ignored
    ]
    rows = by_key(theme_counts(INTERVIEWS, codings, THEMES), "region", "theme")
    # Regions come in report order (north first), then the total.
    assert [k[0] for k in list(rows)[::2]] == ["Nordjylland", "Hovedstaden", ALL]
    h = rows[("Hovedstaden", "tryghed")]
    assert (h["segments"], h["interviews"], h["n_interviews"], h["n_words"]) == (2, 1, 2, 4000)
    assert h["interviews_pct"] == 50.0
    assert h["per_1000_words"] == 0.5
    n = rows[("Nordjylland", "tryghed")]
    assert (n["segments"], n["interviews_pct"], n["per_1000_words"]) == (1, 100.0, 2.0)
    assert rows[("Nordjylland", "kurser")]["segments"] == 0
    total = rows[(ALL, "tryghed")]
    assert (total["segments"], total["interviews"], total["n_interviews"]) == (3, 2, 3)
    assert total["per_1000_words"] == pytest.approx(3 / 4.5)


def test_counts_by_two_attributes_and_an_interview_without_words() -> None:
    scope = [*INTERVIEWS, InterviewScope("S1", {"region": "Sjælland"}, 0)]
    rows = theme_counts(scope, [("H2", 7, "kurser")], THEMES, ("region", "role"), total=False)
    keyed = by_key(rows, "region", "role", "theme")
    assert keyed[("Hovedstaden", "Mentorkoordinator", "kurser")]["segments"] == 1
    assert keyed[("Hovedstaden", "Jobkonsulent", "kurser")]["segments"] == 0
    assert math.isnan(keyed[("Sjælland", "ukendt rolle", "kurser")]["per_1000_words"])
    assert all(r["region"] != ALL for r in rows)


def test_a_missing_value_reads_in_the_report_s_language() -> None:
    scope = [*INTERVIEWS, InterviewScope("X1", {"role": "Mentor"}, 100)]
    groups = {
        lang: {r["region"] for r in counts_of(scope, [], THEMES, unknown=unknown(lang))}
        for lang in ("da", "en")
    }
    assert groups["da"] - groups["en"] == {"ukendt region"}
    assert groups["en"] - groups["da"] == {"unknown region"}


def test_pivot_ends_with_the_n_rows() -> None:
    rows = theme_counts(INTERVIEWS, [("H1", 1, "tryghed")], THEMES)
    table = pivot(rows, "segments", ["region"])
    assert [r["Tema"] for r in table] == ["Tryghed", "Kurser", "N interviews", "N ord (informant)"]
    assert table[0] == {"Tema": "Tryghed", "Nordjylland": 0, "Hovedstaden": 1, ALL: 1}
    assert table[2] == {"Tema": "N interviews", "Nordjylland": 1, "Hovedstaden": 2, ALL: 3}
    assert table[3] == {
        "Tema": "N ord (informant)",
        "Nordjylland": 500,
        "Hovedstaden": 4000,
        ALL: 4500,
    }


SQL_COUNTS = """
SELECT i.region, c.code, COUNT(DISTINCT s.id), COUNT(DISTINCT i.id)
FROM codings c JOIN segments s ON s.interview_id = c.interview_id AND s.kind = 'paragraph'
AND s.char_start < c.char_end AND c.char_start < s.char_end
JOIN interviews i ON i.id = s.interview_id
WHERE c.coder = ? GROUP BY i.region, c.code
"""
SQL_SCOPE = """
SELECT i.region, COUNT(DISTINCT i.id), SUM(s.n_words) FROM interviews i
JOIN segments s ON s.interview_id = i.id AND s.kind = 'paragraph' AND s.role = 'respondent'
WHERE i.id IN (SELECT s2.interview_id FROM assessments a JOIN segments s2 ON s2.id = a.segment_id
               WHERE a.coder = ?)
GROUP BY i.region
"""


@pytest.mark.parametrize("coder", ["A", "B", "rules"])
def test_counts_agree_with_sql(sample: Path, coder: str) -> None:
    result = Project(sample).counts(coder=coder)
    con = sqlite3.connect(sample)
    try:
        expected = {(r, c): (n, k) for r, c, n, k in con.execute(SQL_COUNTS, (coder,))}
        scope = {r: (n, w) for r, n, w in con.execute(SQL_SCOPE, (coder,))}
    finally:
        con.close()
    rows = [r for r in result.rows if r["region"] != ALL]
    assert {r["region"] for r in rows} == set(scope)
    for row in rows:
        segments, interviews = expected.get((row["region"], row["theme"]), (0, 0))
        assert (row["segments"], row["interviews"]) == (segments, interviews)
        assert (row["n_interviews"], row["n_words"]) == scope[str(row["region"])]
        assert row["per_1000_words"] == pytest.approx(1000 * segments / scope[row["region"]][1])
    totals = [r for r in result.rows if r["region"] == ALL]
    assert sum(int(r["segments"]) for r in totals) == sum(n for n, _ in expected.values())


def test_consensus_counts_only_what_every_human_coder_coded(sample: Path) -> None:
    project = Project(sample)
    consensus = project.counts(coder="consensus")
    a, b = project.counts(coder="A"), project.counts(coder="B")
    assert consensus.coder.name == "consensus(A, B)"
    con = sqlite3.connect(sample)
    try:
        both = con.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT s.id, a.code FROM segments s "
            "JOIN codings a ON a.interview_id = s.interview_id AND a.char_start < s.char_end "
            "AND s.char_start < a.char_end AND a.coder = 'A' "
            "JOIN codings b ON b.interview_id = s.interview_id AND b.char_start < s.char_end "
            "AND s.char_start < b.char_end AND b.coder = 'B' AND b.code = a.code "
            "WHERE s.kind = 'paragraph')"
        ).fetchone()[0]
    finally:
        con.close()
    total = sum(int(r["segments"]) for r in consensus.rows if r["region"] == ALL)
    assert total == both
    cells = {(r["region"], r["theme"]): r["segments"] for r in consensus.rows}
    for other in (a, b):  # never more than either coder: coders are not added together
        for r in other.rows:
            if (r["region"], r["theme"]) in cells:
                assert cells[(r["region"], r["theme"])] <= r["segments"]
    # B coded *01-*03 only, so the consensus covers those 15 interviews.
    assert {r["n_interviews"] for r in consensus.rows if r["region"] == ALL} == {15}
