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
from ..reports.agreement import AGREEMENT_SUFFIXES, write_agreement
from ..store import now
from ..types import group_value
from . import lookups
from .coders import Snapshot, names
from .privacy import PiiPolicy

__all__ = ["AGREEMENT_SUFFIXES", "agreement_audit", "frames", "table", "write_report"]

if TYPE_CHECKING:
    import pandas as pd

    from ..agreement import Audit


def agreement_audit(
    snapshot: Snapshot,
    coders: Sequence[str],
    codes: Sequence[str] = (),
    *,
    unit: str = "segment",
    by: str | Sequence[str] | None = None,
    bootstrap: bool = True,
) -> Audit:
    """The agreement audit of ``coders`` (humans, or a machine coder against humans),
    with per-group figures when ``by`` names attributes (crossed when several)."""
    from ..agreement import AgreementError, AuditUnit, audit  # numpy: only for the audit

    store = snapshot.store
    if len(coders) < 2:
        raise InputError(f"agreement needs at least 2 coders, got {len(coders)}")
    snapshot.check_coders(coders)
    themes = snapshot.themes
    codes = lookups.codes("code", codes, [(c, label) for c, label, _ in themes])
    keys = [by] if isinstance(by, str) else list(by or ())
    region = {s.interview: s.region for s in snapshot.interviews}
    group = _groups(snapshot, keys)
    units = [
        AuditUnit(p.id, p.interview, region[p.interview], p.locator, p.text, group[p.interview])
        for p in store.respondent_paragraphs()
    ]
    try:
        return audit(
            units,
            list(coders),
            {c: store.assessed(c) for c in coders},
            {c: store.coding_pairs(c) for c in coders},
            list(codes) or [c for c, _, _ in themes],
            {c: label for c, label, _ in themes},
            unit=unit,  # type: ignore[arg-type]
            by=", ".join(keys) or None,
            bootstrap=bootstrap,
        )
    except AgreementError as exc:
        raise InputError(str(exc)) from None


def _groups(snapshot: Snapshot, keys: Sequence[str]) -> dict[str, str]:
    """Interview -> its group: the values of the attributes ``keys``, as counts has them."""
    interviews = snapshot.interviews
    for key in keys:
        if key not in ("region", "role") and not any(key in s.attributes for s in interviews):
            attrs = sorted({k for s in interviews for k in s.attributes})
            raise InputError(f"unknown attribute {key!r} for --by; valid: {names(attrs)}")
    return {
        s.interview: " / ".join(group_value(s.attributes, key) for key in keys) for s in interviews
    }


def _notes(snapshot: Snapshot, result: Audit) -> list[str]:
    return [
        f"Kodere: {', '.join(result.coders)}. Enhed: "
        f"{'informantafsnit' if result.unit == 'segment' else 'interview'}.",
        f"Kodebog: {snapshot.codebook}.",
        "Enheder, som en koder ikke har vurderet, tæller som manglende, aldrig som fravær.",
        f"Lavet {now()} med mentorqual.",
    ]


def write_report(snapshot: Snapshot, result: Audit, path: Path, policy: PiiPolicy) -> None:
    """Write the agreement report; the policy applies to the disagreements' texts."""
    items = [(f"{d.interview} {d.locator}", d.text) for d in result.disagreements]
    clean = policy.check(items, "agreement report")
    disagreements = tuple(dataclasses.replace(d, text=clean(d.text)) for d in result.disagreements)
    write_agreement(
        path,
        dataclasses.replace(result, disagreements=disagreements),
        title=f"Interkoder-enighed: {', '.join(result.coders)}",
        about=_notes(snapshot, result),
    )


def table(result: Audit) -> str:
    """The audit per code and overall, as the terminal shows it (Markdown)."""
    rows = [
        {
            "code": a.code,
            "units": a.units,
            "agreement": a.percent,
            result.kappa_name: a.kappa,
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


def frames(result: Audit) -> dict[str, pd.DataFrame]:
    """The audit's tables as pandas DataFrames: ``summary`` (per code and overall),
    ``groups`` (per group, with ``by``), ``disagreements`` and ``matrices``."""
    import pandas as pd  # only for notebooks

    return {
        "summary": pd.DataFrame(result.summary_rows()),
        "groups": pd.DataFrame(result.group_rows()),
        "disagreements": pd.DataFrame(result.disagreement_rows()),
        "matrices": pd.DataFrame(result.matrix_rows()),
    }
