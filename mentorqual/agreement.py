"""Agreement statistics over plain sequences of labels; no database, no click.

Written here rather than taken from scikit-learn because ``cohen_kappa_score``
sorts the labels unless ``labels=`` is given and cannot take missing values; the
formulas are short and tested against published examples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from .errors import MentorqualError


class AgreementError(MentorqualError):
    """Agreement cannot be computed for this input (too few units, no variation)."""


def cohen_kappa(
    a: Sequence[Hashable], b: Sequence[Hashable], categories: Sequence[Hashable] | None = None
) -> float:
    """Cohen's (1960) kappa for two coders over the same units (no missing values).

    kappa = (p_o - p_e) / (1 - p_e), with p_e = sum over categories of the product
    of the two coders' marginal proportions.
    """
    if len(a) != len(b):
        raise AgreementError(f"the coders rated {len(a)} and {len(b)} units; need the same units")
    if not a:
        raise AgreementError("no units to compare")
    n = len(a)
    cats = list(categories) if categories is not None else sorted(set(a) | set(b), key=str)
    count_a, count_b = Counter(a), Counter(b)
    p_o = sum(x == y for x, y in zip(a, b, strict=True)) / n
    p_e = sum(count_a[c] * count_b[c] for c in cats) / (n * n)
    if p_e == 1:
        raise AgreementError("kappa is undefined: both coders used one and the same category")
    return (p_o - p_e) / (1 - p_e)
