"""The agreement audit: hand-computed figures, missing vs absent, Fleiss, interviews,
regions, disagreements, errors, and the sample corpus (coders A and B)."""

from __future__ import annotations

import doctest
import math
from collections.abc import Sequence
from pathlib import Path

import pytest

import mentorqual.agreement.auditing as auditing_module
from mentorqual.agreement import (
    ALL,
    ALL_CODES,
    NOTES,
    AgreementError,
    Audit,
    AuditUnit,
    audit,
    binary_alpha_counts,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
)
from mentorqual.errors import InputError
from mentorqual.reports.language import WORDS
from mentorqual.store import Store
from mentorqual.types import Note

CODES = ["tryghed", "kurser"]


def unit(segment: int) -> AuditUnit:
    interview, region = ("HS01", "Hovedstaden") if segment <= 3 else ("NJ01", "Nordjylland")
    return AuditUnit(segment, interview, region, f"p{segment}", f"Afsnit {segment}.")


UNITS = [unit(s) for s in range(1, 7)]
BOTH = {"A": set(range(1, 7)), "B": set(range(1, 7))}
# tryghed: A on 1, 2, 3 and B on 1, 2, 4; kurser: A on 1 and B on 1, 2.
CODINGS = {
    "A": {(1, "tryghed"), (2, "tryghed"), (3, "tryghed"), (1, "kurser")},
    "B": {(1, "tryghed"), (2, "tryghed"), (4, "tryghed"), (1, "kurser"), (2, "kurser")},
}


def run(
    units: Sequence[AuditUnit] = UNITS,
    coders: Sequence[str] = ("A", "B"),
    assessed: dict[str, set[int]] = BOTH,
    codings: dict[str, set[tuple[int, str]]] = CODINGS,
    **options: object,
) -> Audit:
    return audit(units, coders, assessed, codings, CODES, {"tryghed": "Tryghed"}, **options)  # type: ignore[arg-type]


def test_hand_computed_figures_for_two_coders() -> None:
    result = run(seed=3)
    tryghed, kurser = result.per_code
    assert (tryghed.code, tryghed.label, kurser.label) == ("tryghed", "Tryghed", "kurser")
    assert result.units_in_scope == result.units_used == tryghed.units == kurser.units == 6

    # tryghed, units 1-6 as (A, B): (1,1) (1,1) (1,0) (0,1) (0,0) (0,0).
    # Percent agreement p_o = 4/6. Each coder marks half: p_e = .5*.5 + .5*.5 = .5, so
    # kappa = (2/3 - 1/2) / (1/2) = 1/3. Alpha: n = 12 values, n_0 = n_1 = 6; units 3 and
    # 4 give o_01 = o_10 = 2; alpha = 1 - (n - 1)(o_01 + o_10) / (2 n_0 n_1)
    # = 1 - 11 * 4 / 72 = 7/18. AC1: pi_1 = (1 + 1 + .5 + .5) / 6 = .5,
    # P_e = 2 * .5 * .5 / (2 - 1) = .5, so AC1 = 1/3.
    assert tryghed.prevalence == {"A": 0.5, "B": 0.5}
    assert tryghed.percent == pytest.approx(2 / 3)
    assert tryghed.kappa == pytest.approx(1 / 3)
    assert tryghed.alpha == pytest.approx(7 / 18)
    assert tryghed.ac1 == pytest.approx(1 / 3)
    assert (tryghed.kappa_band, tryghed.alpha_verdict) == ("fair", "unreliable")

    # kurser: (1,1) (0,1) then four (0,0). p_o = 5/6; p_A = 1/6, p_B = 2/6, so
    # p_e = 1/6 * 2/6 + 5/6 * 4/6 = 11/18 and kappa = (15/18 - 11/18) / (7/18) = 4/7.
    # Alpha: n_1 = 3, n_0 = 9, o_01 + o_10 = 2: 1 - 11 * 2 / 54 = 16/27.
    # AC1: pi_1 = (1 + .5) / 6 = .25, P_e = 2 * .25 * .75 = .375,
    # AC1 = (5/6 - 3/8) / (5/8) = 11/15.
    assert kurser.prevalence == {"A": pytest.approx(1 / 6), "B": pytest.approx(2 / 6)}
    assert kurser.percent == pytest.approx(5 / 6)
    assert kurser.kappa == pytest.approx(4 / 7)
    assert kurser.alpha == pytest.approx(16 / 27)
    assert kurser.ac1 == pytest.approx(11 / 15)
    assert (kurser.kappa_band, kurser.alpha_verdict) == ("moderate", "unreliable")
    assert kurser.notes == ()

    # All codes: 12 binary (unit, code) pairs, A vs B: 6 (0,0), 2 (0,1), 1 (1,0), 3 (1,1).
    # p_o = 9/12; p_A = 4/12, p_B = 5/12: p_e = 4/12 * 5/12 + 8/12 * 7/12 = 19/36, so
    # kappa = (27/36 - 19/36) / (17/36) = 8/17. Alpha: n = 24, n_1 = 9, n_0 = 15,
    # o_01 + o_10 = 6: 1 - 23 * 6 / (2 * 15 * 9) = 22/45.
    overall = result.overall
    assert (overall.code, overall.group, overall.units) == (ALL_CODES, ALL, 6)
    assert overall.percent == pytest.approx(9 / 12)
    assert overall.kappa == pytest.approx(8 / 17)
    assert overall.alpha == pytest.approx(22 / 45)
    assert overall.prevalence == {"A": pytest.approx(4 / 12), "B": pytest.approx(5 / 12)}


def test_matrices_for_two_coders() -> None:
    tryghed, kurser = run(bootstrap=False).matrices
    # Every unit has 2 values, so a unit adds 2 to o_cc when both agree on c and 1 to
    # o_01 and o_10 when they differ.
    assert tryghed.coincidence == ((4.0, 2.0), (2.0, 4.0))
    assert tryghed.confusion == ((2, 1), (1, 2))  # rows A absent/present, columns B
    assert kurser.coincidence == ((8.0, 1.0), (1.0, 2.0))
    assert kurser.confusion == ((4, 1), (0, 1))


def test_bootstrap_interval_is_seeded_and_brackets_alpha() -> None:
    units = [unit(s) for s in range(1, 7)] * 1  # small: a wide interval
    first, again, other = run(units, seed=1), run(units, seed=1), run(units, seed=2)
    for row in (*first.per_code, first.overall):
        assert row.alpha_low <= row.alpha <= row.alpha_high
    assert [r.alpha_low for r in first.per_code] == [r.alpha_low for r in again.per_code]
    assert first.overall.alpha_low == again.overall.alpha_low
    assert (first.overall.alpha_low, first.overall.alpha_high) != (
        other.overall.alpha_low,
        other.overall.alpha_high,
    )
    quick = run(bootstrap=False)
    assert math.isnan(quick.per_code[0].alpha_low) and quick.n_boot == 0
    assert quick.per_code[0].alpha == first.per_code[0].alpha


def test_overall_alpha_is_binary_alpha_over_unit_code_pairs() -> None:
    result = run(bootstrap=False)
    # Pairs (unit, code) as (ones, zeros): tryghed then kurser.
    ones = [2, 2, 1, 1, 0, 0] + [2, 1, 0, 0, 0, 0]
    zeros = [2 - o for o in ones]
    assert result.overall.alpha == pytest.approx(binary_alpha_counts(ones, zeros))


def test_overall_interval_resamples_units_like_the_per_code_interval() -> None:
    # With one code, resampling whole units (the all-codes row) and resampling units
    # through the counts path (the code's row) are the same bootstrap, drawn differently.
    units = [AuditUnit(s, f"I{s // 10}", "Sjælland", f"p{s}", "") for s in range(300)]
    codings = {
        "A": {(s, "kurser") for s in range(300) if s % 4 == 0 or s % 23 == 0},
        "B": {(s, "kurser") for s in range(300) if s % 4 == 0 or s % 17 == 0},
    }
    seen = {"A": set(range(300)), "B": set(range(300))}
    result = audit(units, ["A", "B"], seen, codings, ["kurser"], n_boot=4000, seed=7)
    code, overall = result.per_code[0], result.overall
    assert overall.alpha == code.alpha and overall.units == code.units == 300
    assert overall.alpha_low == pytest.approx(code.alpha_low, abs=0.015)
    assert overall.alpha_high == pytest.approx(code.alpha_high, abs=0.015)
    assert overall.alpha_high - overall.alpha_low > 0.05


def test_a_unit_the_second_coder_did_not_assess_is_missing_not_absent() -> None:
    extra = [*UNITS, unit(7)]
    codings = {"A": CODINGS["A"] | {(7, "kurser")}, "B": CODINGS["B"]}
    only_a = run(extra, assessed={"A": set(range(1, 8)), "B": set(range(1, 7))}, codings=codings)
    base = run()
    # Unit 7 is left out of every statistic; only A's prevalence sees it.
    assert only_a.units_used == 6 and only_a.units_in_scope == 7
    assert only_a.assessed == {"A": 7, "B": 6}
    for left_out, reference in zip(only_a.per_code, base.per_code, strict=True):
        assert left_out.units == 6
        assert left_out.kappa == reference.kappa
        assert left_out.alpha == reference.alpha
        assert left_out.alpha_low == reference.alpha_low
    assert only_a.per_code[1].prevalence["A"] == pytest.approx(2 / 7)
    assert 7 not in {d.segment for d in only_a.disagreements}

    # When B assessed unit 7 and coded nothing, B says "absent" and it counts.
    both = run(extra, assessed={"A": set(range(1, 8)), "B": set(range(1, 8))}, codings=codings)
    kurser = both.per_code[1]
    assert kurser.units == 7
    assert kurser.percent == pytest.approx(5 / 7)
    assert kurser.kappa != base.per_code[1].kappa
    unit_7 = [d for d in both.disagreements if d.segment == 7]
    assert [(d.codes, d.disputed) for d in unit_7] == [({"A": ("kurser",), "B": ()}, ("kurser",))]


def test_a_coding_counts_as_an_assessment() -> None:
    result = run(assessed={"A": set(range(1, 7)), "B": {5, 6}})
    # B's record says 5 and 6, but B coded 1, 2 and 4 too, so B looked at them.
    assert result.assessed == {"A": 6, "B": 5}
    assert result.units_used == 5


def test_disagreements_list_exactly_the_differing_units() -> None:
    result = run(bootstrap=False)
    assert [d.segment for d in result.disagreements] == [2, 3, 4]
    rows = result.disagreement_rows()
    assert [(r["locator"], r["codes:A"], r["codes:B"], r["disputed"]) for r in rows] == [
        ("p2", "tryghed", "tryghed, kurser", "kurser"),
        ("p3", "tryghed", "", "tryghed"),
        ("p4", "", "tryghed", "tryghed"),
    ]
    assert rows[0] | {"codes:A": None} == {
        "interview": "HS01",
        "region": "Hovedstaden",
        "segment": 2,
        "locator": "p2",
        "text": "Afsnit 2.",
        "codes:A": None,
        "codes:B": "tryghed, kurser",
        "disputed": "kurser",
    }


def test_disagreements_are_ordered_by_interview_and_segment() -> None:
    shuffled = [unit(4), unit(3), unit(6), unit(2), unit(1), unit(5)]
    assert [d.segment for d in run(shuffled, bootstrap=False).disagreements] == [2, 3, 4]


def test_three_coders_use_fleiss_kappa_over_the_pairable_units() -> None:
    units = [*UNITS, unit(7)]
    assessed = {"A": set(range(1, 7)), "B": set(range(1, 7)), "C": {1, 2, 3, 7}}
    codings = {**CODINGS, "C": {(1, "tryghed"), (3, "tryghed"), (7, "tryghed")}}
    result = run(units, ("A", "B", "C"), assessed, codings)
    assert result.kappa_kind == "fleiss" and run().kappa_kind == "cohen"
    assert result.units_used == 6  # unit 7 has only C's value
    matrix: list[list[int | None]] = [  # tryghed, units 1-6, columns A, B, C
        [1, 1, 1], [1, 1, 0], [1, 0, 1], [0, 1, None], [0, 0, None], [0, 0, None],
    ]  # fmt: skip
    tryghed = result.per_code[0]
    assert tryghed.kappa == pytest.approx(fleiss_kappa(matrix))
    assert tryghed.alpha == pytest.approx(krippendorff_alpha(matrix))
    assert tryghed.ac1 == pytest.approx(gwet_ac1(matrix, categories=[0, 1]))
    # P_a: units 1, 5, 6 agree fully, unit 2 and 3 have 1 of 3 pairs agreeing, unit 4 none.
    assert tryghed.percent == pytest.approx((1 + 1 / 3 + 1 / 3 + 0 + 1 + 1) / 6)
    assert tryghed.prevalence["C"] == pytest.approx(3 / 4)
    assert all(m.confusion is None for m in result.matrices)
    # Unit 1: C assessed it and did not code kurser; unit 7 is C's alone.
    assert [(d.segment, d.disputed) for d in result.disagreements] == [
        (1, ("kurser",)),
        (2, ("tryghed", "kurser")),
        (3, ("tryghed",)),
        (4, ("tryghed",)),
    ]
    assert result.disagreements[1].codes == {
        "A": ("tryghed",),
        "B": ("tryghed", "kurser"),
        "C": (),
    }
    assert result.disagreements[-1].codes["C"] is None  # unit 4: C did not assess it


def test_interview_units_aggregate_paragraphs() -> None:
    result = run(unit="interview", bootstrap=False)
    # HS01: A and B both coded tryghed and kurser; NJ01: only B coded tryghed (unit 4).
    assert (result.units_in_scope, result.units_used) == (2, 2)
    assert [(d.interview, d.segment, d.codes, d.disputed) for d in result.disagreements] == [
        ("NJ01", None, {"A": (), "B": ("tryghed",)}, ("tryghed",))
    ]
    assert result.per_code[0].percent == 0.5
    assert result.per_code[1].percent == 1.0
    # An interview is assessed by a coder who assessed any of its paragraphs.
    partial = run(unit="interview", assessed={"A": set(range(1, 7)), "B": {1}}, codings={
        "A": CODINGS["A"], "B": {(1, "tryghed")}})  # fmt: skip
    assert (partial.units_used, partial.assessed) == (1, {"A": 2, "B": 1})


def test_by_region_adds_rows_per_region_and_survives_undefined_statistics() -> None:
    result = run(by="region", seed=5)
    groups = [(r.group, r.code) for r in result.groups]
    assert groups == [
        ("Nordjylland", "tryghed"),
        ("Nordjylland", "kurser"),
        ("Nordjylland", ALL_CODES),
        ("Hovedstaden", "tryghed"),
        ("Hovedstaden", "kurser"),
        ("Hovedstaden", ALL_CODES),
    ]
    nj_kurser = result.groups[1]
    # Units 4-6: nobody coded kurser, so kappa and alpha are undefined, not a crash.
    assert nj_kurser.units == 3 and nj_kurser.percent == 1.0 and nj_kurser.ac1 == 1.0
    assert math.isnan(nj_kurser.kappa) and math.isnan(nj_kurser.alpha)
    assert math.isnan(nj_kurser.alpha_low)
    assert (nj_kurser.kappa_band, nj_kurser.alpha_verdict) == ("", "")
    assert nj_kurser.notes == (Note("note:all_absent"),)
    # Hovedstaden tryghed: (1,1) (1,1) (1,0): p_o = 2/3, p_A = 1, p_B = 2/3: kappa = 0.
    hs_tryghed = result.groups[3]
    assert hs_tryghed.percent == pytest.approx(2 / 3)
    assert hs_tryghed.kappa == pytest.approx(0)
    assert result.per_code == run(seed=5).per_code  # the whole-corpus rows are unchanged
    assert [r["group"] for r in result.group_rows()][::3] == ["Nordjylland", "Hovedstaden"]


def test_a_region_without_shared_units_gets_empty_figures() -> None:
    result = run(assessed={"A": set(range(1, 7)), "B": {1, 2, 3}}, codings={
        "A": CODINGS["A"], "B": {(1, "tryghed")}}, by="region")  # fmt: skip
    north = [r for r in result.groups if r.group == "Nordjylland"]
    assert [r.units for r in north] == [0, 0, 0]
    assert all(math.isnan(r.kappa) and math.isnan(r.percent) for r in north)
    assert north[0].notes == (Note("note:no_units"),)
    assert north[0].prevalence == {"A": 0.0, "B": pytest.approx(math.nan, nan_ok=True)}
    assert result.units_used == 3


def _no_interval() -> Audit:
    """Two units, one coded by both, one by neither: alpha is defined, but a single
    resample draws one of them twice, without variation, as some seed soon does."""
    units, both = [unit(1), unit(2)], {"A": {1, 2}, "B": {1, 2}}
    codings = {"A": {(1, "tryghed")}, "B": {(1, "tryghed")}}
    for seed in range(40):
        result = run(units, ("A", "B"), both, codings, n_boot=1, seed=seed)
        if result.per_code[0].notes:
            return result
    raise AssertionError("no seed drew a resample without variation")


def test_the_audit_writes_notes_and_markers_in_no_language() -> None:
    everywhere = {(s, "tryghed") for s in range(1, 7)}
    present = {"A": everywhere, "B": everywhere}
    audits = [
        run(by="region", seed=5),  # Nordjylland: nobody coded kurser
        run(
            assessed={"A": set(range(1, 7)), "B": {1, 2, 3}},
            codings={"A": CODINGS["A"], "B": {(1, "tryghed")}},
            by="region",
            bootstrap=False,
        ),  # fmt: skip
        run(codings=present, bootstrap=False),  # tryghed everywhere
        _no_interval(),
    ]
    rows = [a for r in audits for a in (*r.per_code, r.overall, *r.groups)]
    notes = {n for a in rows for n in a.notes}
    assert {n.key for n in notes} == {
        "note:all_absent", "note:no_units", "note:all_present", "note:no_interval",
    }  # fmt: skip
    assert all(isinstance(n, Note) and n.key in NOTES and n.fields == () for n in notes)
    assert _no_interval().per_code[0].notes == (Note("note:no_interval"),)
    # No value of any row is a word of either language's reports.
    danish = {da for da, en in WORDS.values() if da != en}
    rows_out = [row for r in audits for row in (*r.summary_rows(), *r.group_rows())]
    values = [v for row in rows_out for v in row.values()]
    assert [v for v in values if isinstance(v, str) and v in danish] == []
    overall = audits[0].overall
    assert (overall.code, overall.label, overall.group, overall.overall) == ("*", "*", "*", True)


def test_rows_for_reports() -> None:
    result = run(bootstrap=False)
    summary = result.summary_rows()
    assert [r["code"] for r in summary] == ["tryghed", "kurser", ALL_CODES]
    assert summary[0]["prevalence:A"] == 0.5
    assert summary[0]["kappa_band"] == "fair"
    assert list(summary[0])[:4] == ["group", "code", "label", "units"]
    matrices = result.matrix_rows()
    assert len(matrices) == 8  # 2 codes x (coincidence, confusion) x 2 rows
    assert matrices[2] == {
        "code": "tryghed",
        "label": "Tryghed",
        "matrix": "confusion",
        "value": "absent",
        "absent": 2,
        "present": 1,
    }


@pytest.mark.parametrize(
    ("coders", "assessed", "unit_kind", "message"),
    [
        (("A",), BOTH, "segment", "agreement needs at least 2 coders, got 1"),
        (("A", "B"), {"A": {1, 2, 3}, "B": {4, 5, 6}}, "segment",
         "coders 'A' and 'B' have no segments in common"),
        (("A", "B"), {"A": {1, 2}, "B": {4, 5, 6}}, "interview",
         "coders 'A' and 'B' have no interviews in common"),
        (("A", "B", "C"), {"A": {1, 2}, "B": {1, 2}, "C": {5}}, "segment",
         "coder 'C' has no segments in common with 'A', 'B'"),
    ],
)  # fmt: skip
def test_agreement_errors(
    coders: tuple[str, ...], assessed: dict[str, set[int]], unit_kind: str, message: str
) -> None:
    codings: dict[str, set[tuple[int, str]]] = {c: set() for c in coders}
    with pytest.raises(AgreementError) as error:
        run(coders=coders, assessed=assessed, codings=codings, unit=unit_kind)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"coders": ("A", "A")}, "coder 'A' is given twice"),
        ({"units": []}, "no units (paragraphs) to audit"),
        ({"units": [unit(1), unit(1)]}, "segment 1 is given twice as a unit"),
        ({"unit": "sentence"}, "unit must be 'segment' or 'interview', not 'sentence'"),
        ({"by": " "}, "by must name an attribute, such as 'region'"),
    ],
)
def test_input_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as error:
        run(**options)  # type: ignore[arg-type]
    assert str(error.value) == message


def test_bad_bootstrap_size() -> None:
    with pytest.raises(AgreementError, match="n_boot must be at least 1, got 0"):
        run(n_boot=0)
    assert run(n_boot=0, bootstrap=False).n_boot == 0


# -- the sample corpus: coder A on all 30 interviews, coder B on *01-*03 ---------------


@pytest.fixture(scope="module")
def sample_audit(sample: Path) -> tuple[Audit, Store]:
    store = Store(sample, create=False)
    regions = {row.interview: row.region for row in store.interview_summaries()}
    units = [
        AuditUnit(p.id, p.interview, regions[p.interview], p.locator, p.text)
        for p in store.respondent_paragraphs()
    ]
    coders = ["A", "B"]
    result = audit(
        units,
        coders,
        {c: store.assessed(c) for c in coders},
        {c: store.coding_pairs(c) for c in coders},
        store.codes(),
        by="region",
    )
    return result, store


def test_sample_kappa_equals_cohen_kappa_on_the_shared_paragraphs(
    sample_audit: tuple[Audit, Store],
) -> None:
    result, store = sample_audit
    a, b = store.assessed("A"), store.assessed("B")
    shared = sorted(a & b & {p.id for p in store.respondent_paragraphs()})
    assert result.units_used == len(shared) > 0
    assert result.units_in_scope == len(store.respondent_paragraphs())
    pairs_a, pairs_b = store.coding_pairs("A"), store.coding_pairs("B")
    for row in result.per_code:
        first = [(s, row.code) in pairs_a for s in shared]
        second = [(s, row.code) in pairs_b for s in shared]
        assert row.units == len(shared)
        assert row.kappa == pytest.approx(cohen_kappa(first, second, categories=[False, True]))
        assert row.alpha_low < row.alpha < row.alpha_high
        assert 0 < row.prevalence["A"] < 1 and 0 < row.prevalence["B"] < 1
    assert [r.code for r in result.per_code] == store.codes()
    assert {r.group for r in result.groups} == {
        "Nordjylland", "Midtjylland", "Syddanmark", "Sjælland", "Hovedstaden",
    }  # fmt: skip


def test_sample_disagreements_are_real_borderline_paragraphs(
    sample_audit: tuple[Audit, Store],
) -> None:
    result, store = sample_audit
    pairs_a, pairs_b = store.coding_pairs("A"), store.coding_pairs("B")
    differing = {
        s
        for s in store.assessed("A") & store.assessed("B")
        if {c for t, c in pairs_a if t == s} != {c for t, c in pairs_b if t == s}
    }
    assert differing and {d.segment for d in result.disagreements} == differing
    for d in result.disagreements:
        assert d.interview[-2:] in ("01", "02", "03")
        assert d.text and d.locator.startswith("p")
        assert d.codes["A"] is not None and d.codes["B"] is not None
        assert set(d.disputed) == set(d.codes["A"]) ^ set(d.codes["B"])
    keys = [(d.interview, d.segment) for d in result.disagreements]
    assert keys == sorted(keys)


def test_docstring_examples() -> None:
    assert doctest.testmod(auditing_module).failed == 0
