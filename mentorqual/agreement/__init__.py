"""Inter-coder agreement: statistics over plain reliability matrices, the audit of human
coders, and the evaluation of a coder against a reference; no database, no files.

A reliability matrix has one row per unit (a segment) and one column per coder. A
cell holds the category label the coder gave the unit (any hashable), or ``None``/NaN
when that coder did not code it. Lists of rows, NumPy arrays and pandas DataFrames are
accepted. Every statistic returns a float and raises `AgreementError` when it is
undefined for the input. ``categories`` gives the full category set in scale order: it
fixes the order for weighted kappa and ordinal alpha, and ``q`` for Gwet's AC1 and
Brennan-Prediger.

The modules, bottom up:

* `matrix`: reading a reliability matrix into category counts; `AgreementError`.
* `statistics`: percent agreement, Cohen, Scott, Fleiss, Gwet, Brennan-Prediger and
  the readings of Landis and Koch and of Krippendorff.
* `alpha`: Krippendorff's alpha (by the ``krippendorff`` package), our
  presence/absence fast path and the bootstrap interval.
* `ratings`, `figures`, `disagreements`, `auditing`: the audit, `audit`.
* `evaluation`: precision, recall, F1 and kappa against a reference coder.
"""

from . import evaluation
from .alpha import (
    Level,
    alpha_bootstrap_ci,
    alpha_bootstrap_ci_counts,
    binary_alpha,
    binary_alpha_counts,
    krippendorff_alpha,
    percentile_interval,
)
from .auditing import ALL, Audit, audit
from .disagreements import Disagreement
from .evaluation import Scores, evaluate, macro, score, spread
from .figures import ALL_CODES, NOTES, CodeAgreement, CodeMatrices
from .matrix import AgreementError, Matrix
from .ratings import AuditUnit, Unit
from .statistics import (
    Weights,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_observed_agreement,
    krippendorff_verdict,
    landis_koch,
    percent_agreement,
    scott_pi,
)

__all__ = [
    "ALL",
    "ALL_CODES",
    "NOTES",
    "AgreementError",
    "Audit",
    "AuditUnit",
    "CodeAgreement",
    "CodeMatrices",
    "Disagreement",
    "Level",
    "Matrix",
    "Scores",
    "Unit",
    "Weights",
    "alpha_bootstrap_ci",
    "alpha_bootstrap_ci_counts",
    "audit",
    "binary_alpha",
    "binary_alpha_counts",
    "brennan_prediger",
    "cohen_kappa",
    "evaluate",
    "evaluation",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "krippendorff_observed_agreement",
    "krippendorff_verdict",
    "landis_koch",
    "macro",
    "percent_agreement",
    "percentile_interval",
    "score",
    "scott_pi",
    "spread",
]
