"""The agreement workflow's tables for notebooks: the audit's markers and notes said
in a language, its bands and verdicts kept as data."""

from __future__ import annotations

import pytest

from mentorqual.agreement import ALL, AuditUnit, audit
from mentorqual.reports.language import Lang, say
from mentorqual.workflows.audit import frames, table


def unit(segment: int) -> AuditUnit:
    interview, region = ("HS01", "Hovedstaden") if segment <= 3 else ("NJ01", "Nordjylland")
    return AuditUnit(segment, interview, region, f"p{segment}", f"Afsnit {segment}.")


# kurser: coded by A and B on 1 only, so Nordjylland (4-6) has no variation in it.
RESULT = audit(
    [unit(s) for s in range(1, 7)],
    ["A", "B"],
    {"A": set(range(1, 7)), "B": set(range(1, 7))},
    {"A": {(1, "kurser"), (4, "tryghed")}, "B": {(1, "kurser"), (5, "tryghed")}},
    ["tryghed", "kurser"],
    by="region",
    bootstrap=False,
)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_frames_say_markers_and_notes_and_keep_the_keys(lang: Lang) -> None:
    tables = frames(RESULT, lang)
    summary, groups = tables["summary"], tables["groups"]
    assert list(summary["group"].unique()) == [say(lang, "all")]
    assert summary["label"].iloc[-1] == say(lang, "ag:all_themes")
    north = groups[(groups["group"] == "Nordjylland") & (groups["code"] == "kurser")]
    assert list(north["notes"]) == [say(lang, "note:all_absent")]
    assert set(summary["kappa_band"]) <= {"poor", "slight", "fair", "moderate",
                                          "substantial", "almost perfect", ""}  # fmt: skip
    assert ALL not in set(summary["code"]) | set(groups["label"])


def test_the_terminal_table_is_english() -> None:
    shown = table(RESULT)
    assert "| code | units | agreement | Cohen's κ |" in shown
    assert "| (all) |" in shown and "(alle)" not in shown and "| * |" not in shown
