"""Theme counts per group of interviews (region, role, any attribute): plain data in,
plain rows out; no database, no files.

For each theme and group the counts are:

- ``segments``: respondent paragraphs coded with the theme;
- ``interviews``: interviews with at least one such paragraph, and their share of
  the group's interviews (``interviews_pct``);
- ``per_1000_words``: coded paragraphs per 1,000 words of respondent speech.

Each row also carries the group's N interviews and N words, so that a reader can
see what every percentage and rate rests on. Only one coder's codings (or one
consensus) go in: coders are never added together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .types import Unknown, group_value, report_order

ALL = "Alle"  # the column over every interview in scope


@dataclass(frozen=True)
class InterviewScope:
    """An interview that the counts cover: its attributes and respondent words."""

    interview: str
    attributes: Mapping[str, str]
    words: int


def _group_key(
    attributes: Mapping[str, str], by: Sequence[str], unknown: Unknown
) -> tuple[str, ...]:
    return tuple(group_value(attributes, key, unknown) for key in by)


def theme_counts(
    interviews: Iterable[InterviewScope],
    codings: Iterable[tuple[str, int, str]],
    themes: Sequence[tuple[str, str]],
    by: Sequence[str] = ("region",),
    *,
    unknown: Unknown,
    total: bool = True,
    all_label: str = ALL,
) -> list[dict[str, object]]:
    """Count ``codings`` (interview, segment id, code) per theme and group.

    Args:
        interviews: the interviews in scope; codings of other interviews are ignored.
        codings: one coder's codings; a (segment, code) pair counts once.
        themes: (code, label) in codebook order.
        by: attribute names to group by, e.g. ``("region",)`` or ``("region", "role")``.
        unknown: the report's words for a missing value ("ukendt region").
        total: add a group ``Alle`` over every interview in scope.
        all_label: that group's name ("All" in English reports).

    Returns:
        One row per group and theme, groups in report order, themes in codebook order.
    """
    scope = {i.interview: i for i in interviews}
    groups: dict[tuple[str, ...], list[InterviewScope]] = defaultdict(list)
    for item in scope.values():
        groups[_group_key(item.attributes, by, unknown)].append(item)
    ordered = sorted(groups, key=lambda k: report_order(k, by))
    if total:
        ordered.append(tuple(all_label for _ in by))
        groups[ordered[-1]] = list(scope.values())

    segments: dict[tuple[str, str], set[int]] = defaultdict(set)  # (interview, code) -> ids
    for interview, segment, code in codings:
        if interview in scope:
            segments[(interview, code)].add(segment)

    rows: list[dict[str, object]] = []
    for key in ordered:
        members = groups[key]
        words = sum(m.words for m in members)
        for code, label in themes:
            hits = [len(segments.get((m.interview, code), ())) for m in members]
            coded = sum(hits)
            mentioned = sum(1 for h in hits if h)
            rows.append(
                {
                    **dict(zip(by, key, strict=True)),
                    "theme": code,
                    "label": label,
                    "segments": coded,
                    "interviews": mentioned,
                    "n_interviews": len(members),
                    "interviews_pct": 100 * mentioned / len(members),
                    "n_words": words,
                    "per_1000_words": 1000 * coded / words if words else float("nan"),
                }
            )
    return rows


MEASURES = {
    "segments": "Kodede afsnit",
    "interviews_pct": "Interviews der nævner temaet (%)",
    "per_1000_words": "Kodede afsnit pr. 1.000 ord",
}


def pivot(
    rows: Sequence[Mapping[str, object]],
    measure: str,
    by: Sequence[str],
    *,
    theme: str = "Tema",
    n_interviews: str = "N interviews",
    n_words: str = "N ord (informant)",
) -> list[dict[str, object]]:
    """A theme × group table of one measure, with N interviews and N words as the
    last two rows; the column names are the group values joined with " / ".
    ``theme``, ``n_interviews`` and ``n_words`` name the first column and N rows."""
    columns: dict[str, tuple[object, object]] = {}
    table: dict[str, dict[str, object]] = {}
    for row in rows:
        column = " / ".join(str(row[k]) for k in by)
        columns.setdefault(column, (row["n_interviews"], row["n_words"]))
        line = table.setdefault(str(row["label"]), {theme: row["label"]})
        line[column] = row[measure]
    result = list(table.values())
    result.append({theme: n_interviews, **{c: n for c, (n, _) in columns.items()}})
    result.append({theme: n_words, **{c: w for c, (_, w) in columns.items()}})
    return result
