"""The inter-coder agreement audit of the project's coders, and its report.

The statistics live in :mod:`mentorqual.agreement`; this module picks the units
(respondent paragraphs), what each coder assessed and coded, and writes the report
with the disagreements' texts checked by the command's PII policy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..reports import markdown_table
from ..reports.agreement import AGREEMENT_SUFFIXES, spoken, write_agreement
from ..reports.language import Lang, check_lang, say, unknown
from ..store import now
from ..types import Note, Unknown, group_value
from . import lookups
from .coders import Snapshot, names
from .privacy import PiiPolicy
from .scope import codebook_words

__all__ = ["AGREEMENT_SUFFIXES", "agreement_audit", "frames", "table", "write_report"]

if TYPE_CHECKING:
    import pandas as pd

    from ..agreement import Audit, AuditUnit


def agreement_audit(
    snapshot: Snapshot,
    coders: Sequence[str],
    codes: Sequence[str] = (),
    *,
    unit: str = "segment",
    by: str | Sequence[str] | None = None,
    bootstrap: bool = True,
    lang: str = "da",
) -> Audit:
    """The agreement audit of ``coders`` (humans, or a machine coder against humans),
    with per-group figures when ``by`` names attributes (crossed when several), a
    missing value named in ``lang`` ("ukendt region", "unknown region").

    What a coder assessed is counted per code: a code added to the codebook after a
    coder's work is missing for that coder, never a "no". Codes that the coders
    assessed in the same interviews (normally all) are audited together; a code
    assessed elsewhere is audited on its own and its row spliced in (the overall row
    and the disagreements are those of the first group); a code that fewer than two
    of the coders assessed on shared paragraphs gets a row saying so.
    """
    if len(coders) < 2:
        raise InputError(f"agreement needs at least 2 coders, got {len(coders)}")
    snapshot.check_coders(coders)
    themes = snapshot.themes
    codes = lookups.codes("code", codes, [(c, label) for c, label, _ in themes])
    keys = [by] if isinstance(by, str) else list(by or ())
    chosen = list(codes) or [c for c, _, _ in themes]
    store = snapshot.store
    assessed = {c: store.assessed(c) for c in coders}
    pairs = {c: store.coding_pairs(c) for c in coders}
    where = store.paragraph_interviews()
    per_code = {c: store.assessed_codes(c) for c in coders}
    groups: dict[tuple[frozenset[str], ...], list[str]] = {}
    for code in chosen:
        key = tuple(frozenset(i for i, cs in per_code[c].items() if code in cs) for c in coders)
        groups.setdefault(key, []).append(code)
    ordered = sorted(groups.items(), key=lambda item: -len(item[1]))
    results: list[Audit] = []
    missing: list[str] = []
    everywhere = {c: frozenset(per_code[c]) for c in coders}
    units = _units(snapshot, keys, unknown(check_lang(lang)))
    for key, group in ordered:
        mine = {
            c: _within(assessed[c], seen, everywhere[c], where)
            for c, seen in zip(coders, key, strict=True)
        }
        try:
            results.append(
                _audit(snapshot, units, coders, mine, pairs, group, unit, keys, bootstrap)
            )
        except InputError:
            if not results and len(ordered) == 1:
                raise
            missing += group
    if not results:
        raise InputError(
            f"no code was assessed by two of {', '.join(coders)} on the same paragraphs"
        )
    return _spliced(results, missing, chosen, per_code, coders)


def _within(
    assessed: set[int],
    interviews: frozenset[str],
    everywhere: frozenset[str],
    where: dict[int, str],
) -> set[int]:
    """The assessed paragraphs in ``interviews`` (all of them, in the usual case)."""
    if interviews == everywhere:
        return assessed
    return {s for s in assessed if where.get(s) in interviews}


def _units(snapshot: Snapshot, keys: Sequence[str], missing: Unknown) -> list[AuditUnit]:
    """The respondent paragraphs, each with its region and its group under ``keys``."""
    from ..agreement import AuditUnit  # numpy: only for the audit

    region = {s.interview: s.region for s in snapshot.interviews}
    group = _groups(snapshot, keys, missing)
    return [
        AuditUnit(p.id, p.interview, region[p.interview], p.locator, p.text, group[p.interview])
        for p in snapshot.store.respondent_paragraphs()
    ]


def _audit(
    snapshot: Snapshot,
    units: list[AuditUnit],
    coders: Sequence[str],
    assessed: dict[str, set[int]],
    pairs: dict[str, set[tuple[int, str]]],
    codes: list[str],
    unit: str,
    keys: Sequence[str],
    bootstrap: bool,
) -> Audit:
    from ..agreement import AgreementError, audit  # numpy: only for the audit

    try:
        return audit(
            units,
            list(coders),
            assessed,
            pairs,
            codes,
            {c: label for c, label, _ in snapshot.themes},
            unit=unit,  # type: ignore[arg-type]
            by=", ".join(keys) or None,
            bootstrap=bootstrap,
        )
    except AgreementError as exc:
        raise InputError(str(exc)) from None


def _groups(snapshot: Snapshot, keys: Sequence[str], missing: Unknown) -> dict[str, str]:
    """Interview -> its group: the values of the attributes ``keys``, as counts has them."""
    interviews = snapshot.interviews
    for key in keys:
        if key not in ("region", "role") and not any(key in s.attributes for s in interviews):
            attrs = sorted({k for s in interviews for k in s.attributes})
            raise InputError(f"unknown attribute {key!r} for --by; valid: {names(attrs)}")
    return {
        s.interview: " / ".join(group_value(s.attributes, key, missing) for key in keys)
        for s in interviews
    }


def _spliced(
    results: list[Audit],
    missing: list[str],
    order: list[str],
    per_code: dict[str, dict[str, frozenset[str]]],
    coders: Sequence[str],
) -> Audit:
    """The first audit, with the other groups' code rows and matrices, and a row for
    each code not assessed by two coders, in codebook order."""
    from ..agreement.figures import CodeAgreement

    main = results[0]
    if len(results) == 1 and not missing:
        return main
    rows = {a.code: a for r in results for a in r.per_code}
    matrices = {m.code: m for r in results for m in r.matrices}
    labels = {k: v for r in results for k, v in r.labels.items()}
    nan = float("nan")
    for code in missing:
        lacking = [c for c in coders if not any(code in cs for cs in per_code[c].values())]
        rows[code] = CodeAgreement(
            code, labels.get(code, code), main.per_code[0].group, 0,
            {c: nan for c in coders}, nan, nan, nan, nan, nan, nan, "", NOT_ASSESSED,
            (Note.of(LACKING, coders=", ".join(lacking or coders)),),
        )  # fmt: skip
    codes = tuple(c for c in order if c in rows)
    return dataclasses.replace(
        main,
        codes=codes,
        labels={c: labels.get(c, c) for c in codes},
        per_code=tuple(rows[c] for c in codes),
        matrices=tuple(matrices[c] for c in codes if c in matrices),
    )


# The verdict of a code fewer than 2 coders assessed, a key like the audit's verdicts
# ("unreliable"), and its note; the report says them in its language.
NOT_ASSESSED = "not assessed"
LACKING = "note:lacking"


def _notes(snapshot: Snapshot, result: Audit, lang: Lang) -> list[str]:
    spliced = [a.code for a in result.per_code if a.units != result.overall.units]
    unassessed = [a.code for a in result.per_code if a.alpha_verdict == NOT_ASSESSED]
    extra = []
    if unassessed:
        extra.append(say(lang, "ag:unassessed", codes=", ".join(unassessed)))
    if [c for c in spliced if c not in unassessed]:
        extra.append(say(lang, "ag:spliced"))
    unit = say(lang, f"unit:{result.unit}")
    return extra + [
        say(lang, "ag:coders", coders=", ".join(result.coders), unit=unit),
        codebook_words(snapshot, lang),
        say(lang, "made", when=now()),
    ]


def write_report(
    snapshot: Snapshot, result: Audit, path: Path, policy: PiiPolicy, lang: str = "da"
) -> None:
    """Write the agreement report in ``lang``; the policy applies to the disagreements'
    texts."""
    language = check_lang(lang)
    items = [(f"{d.interview} {d.locator}", d.text) for d in result.disagreements]
    clean = policy.check(items, "agreement report")
    disagreements = tuple(dataclasses.replace(d, text=clean(d.text)) for d in result.disagreements)
    write_agreement(
        path,
        dataclasses.replace(result, disagreements=disagreements),
        title=say(language, "agreement_title", coders=", ".join(result.coders)),
        about=_notes(snapshot, result, language),
        lang=language,
    )


def table(result: Audit) -> str:
    """The audit per code and overall, as the terminal shows it (Markdown, in English
    like the rest of the terminal; the reports are Danish)."""
    kappa = say("en", f"ag:kappa:{result.kappa_kind}")
    rows = [
        {
            "code": say("en", "ag:all_codes") if a.overall else a.code,
            "units": a.units,
            "agreement": a.percent,
            kappa: a.kappa,
            "alpha": a.alpha,
            "alpha 95% CI": "–"
            if a.alpha_low != a.alpha_low
            else f"{a.alpha_low:.3f}–{a.alpha_high:.3f}",
            "AC1": a.ac1,
            "kappa band": a.kappa_band,
            "alpha verdict": a.alpha_verdict,
        }
        for a in (*result.per_code, result.overall)
    ]
    return markdown_table(rows)


def frames(result: Audit, lang: str = "da") -> dict[str, pd.DataFrame]:
    """The audit's tables as pandas DataFrames: ``summary`` (per code and overall),
    ``groups`` (per group, with ``by``), ``disagreements`` and ``matrices``; the overall
    row, the group of all units and the notes in ``lang``, as the report says them."""
    import pandas as pd  # only for notebooks

    language = check_lang(lang)
    return {
        "summary": pd.DataFrame([spoken(r, language) for r in result.summary_rows()]),
        "groups": pd.DataFrame([spoken(r, language) for r in result.group_rows()]),
        "disagreements": pd.DataFrame(result.disagreement_rows()),
        "matrices": pd.DataFrame(result.matrix_rows()),
    }
