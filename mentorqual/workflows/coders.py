"""Whose codings a report uses, and what a command reads of the project, read once.

Coders are never added together. A report uses one coder (a human, ``rules``,
``classifier`` or ``machine``) or a consensus of human coders: the codings that all
of them agree on, over the paragraphs all of them assessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..errors import InputError
from ..store import CodingRecord, InterviewSummary, Store
from ..types import CONSENSUS, HUMAN, MACHINE, MACHINE_ORDER


class Snapshot:
    """What reports read of the project, each read once and kept for the command.

    The main job writes five reports from one snapshot, so the coders, the interview
    summaries and the coding table are each read once, not once per report.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    @cached_property
    def origins(self) -> dict[str, str]:
        """Every coder with its origin (human, rules, classifier, machine)."""
        return self.store.coder_origins()

    @cached_property
    def humans(self) -> list[str]:
        return sorted(c for c, o in self.origins.items() if o == HUMAN)

    @cached_property
    def lead_human(self) -> str | None:
        """The human coder who assessed the most paragraphs."""
        return self.store.lead_human_coder()

    @cached_property
    def interviews(self) -> list[InterviewSummary]:
        return self.store.interview_summaries()

    @cached_property
    def themes(self) -> list[tuple[str, str, str]]:
        """(code, label, colour) in codebook order."""
        return self.store.themes()

    @cached_property
    def all_codings(self) -> list[CodingRecord]:
        return self.store.coding_table()

    def codings(self, coders: Sequence[str] = ()) -> list[CodingRecord]:
        """Every coding of ``coders`` (or of all), in the coding table's order."""
        if not coders:
            return self.all_codings
        wanted = set(coders)
        return [r for r in self.all_codings if r.coder in wanted]

    @cached_property
    def codebook(self) -> str:
        """The codebook for report notes: ``mentorordning (sha256 e199b25c5195)``."""
        name, sha = self.store.codebook_name(), self.store.codebook_sha256()
        return f"{name or '?'} (sha256 {str(sha)[:12]})"

    def check_coders(self, coders: Sequence[str]) -> None:
        for coder in coders:
            if coder not in self.origins:
                raise unknown_coder(self.store, coder, sorted(self.origins))


@dataclass(frozen=True)
class CoderChoice:
    """Whose codings a report uses."""

    name: str  # "A", "machine", "consensus(A, B)"
    description: str  # for notes: "A (human coder)"
    units: frozenset[int]  # paragraphs assessed
    pairs: frozenset[tuple[int, str]]  # (paragraph, code)
    # Codes not assessed in every interview the coder assessed (added to the codebook
    # after the coder's work): missing data, not counted as absent.
    unassessed: frozenset[str] = frozenset()


def names(values: Sequence[str]) -> str:
    """``A, B`` or ``none``, for messages."""
    return ", ".join(values) if values else "none"


def check_values(kind: str, wanted: Sequence[str], valid: Sequence[str]) -> None:
    """Refuse the first value of ``wanted`` that is not ``valid``, listing the valid ones."""
    unknown = [w for w in wanted if w not in valid]
    if unknown:
        raise InputError(f"unknown {kind} {unknown[0]!r}; valid values: {names(valid)}")


def unknown_coder(store: Store, coder: str, valid: Sequence[str]) -> InputError:
    """The error for a coder no report can use: unknown, or one whose codings are not
    yet marked as assessed (coded in the workbench without pressing Done)."""
    if store.coding_pairs(coder):
        return InputError(
            f"coder {coder!r} has codings but has not assessed any paragraph yet, so no "
            f"report can tell a code {coder} did not give from one not looked at: press "
            f"'Færdig' (done) on each interview {coder} has coded in the workbench "
            f"('mentorqual serve --coder {coder}'); valid coders now: {names(valid)}"
        )
    return InputError(f"unknown coder {coder!r}; valid coders: {names(valid)}")


def choose(snapshot: Snapshot, coder: str | None) -> CoderChoice:
    """Resolve ``--coder``. Default: the human coder who assessed the most paragraphs;
    with no human codings, the best machine coder (machine, classifier, rules)."""
    store, origins, humans = snapshot.store, snapshot.origins, snapshot.humans
    valid = [*origins, CONSENSUS] if len(humans) > 1 else list(origins)
    if coder is None:
        coder = snapshot.lead_human or next((m for m in MACHINE_ORDER if m in origins), None)
        if coder is None:
            raise InputError(
                "the project has no codings yet; run 'mentorqual tag' or "
                "'mentorqual codings import FILE' first"
            )
    if coder == CONSENSUS or coder.startswith(CONSENSUS + ":"):
        wanted = coder.partition(":")[2]
        members = [c.strip() for c in wanted.split(",") if c.strip()] if wanted else humans
        not_human = [m for m in members if m not in humans]
        if not_human or len(members) < 2:
            raise InputError(
                f"consensus needs two or more human coders; "
                f"{'unknown human coder ' + repr(not_human[0]) + '; ' if not_human else ''}"
                f"the project's human coders: {names(humans)}"
            )
        units = frozenset.intersection(*(frozenset(store.assessed(m)) for m in members))
        pairs = frozenset.intersection(*(frozenset(store.coding_pairs(m)) for m in members))
        return CoderChoice(
            f"consensus({', '.join(members)})",
            f"consensus of {', '.join(members)}: codings all of them agree on",
            units,
            frozenset(p for p in pairs if p[0] in units),
            frozenset().union(*(unassessed_codes(snapshot, m) for m in members)),
        )
    if coder not in origins:
        raise unknown_coder(store, coder, valid)
    kind = "human coder" if origins[coder] == HUMAN else f"machine coder ({origins[coder]})"
    return CoderChoice(
        coder,
        f"{coder} ({kind})",
        frozenset(store.assessed(coder)),
        frozenset(store.coding_pairs(coder)),
        unassessed_codes(snapshot, coder),
    )


def unassessed_codes(snapshot: Snapshot, coder: str) -> frozenset[str]:
    """The codes a coder did not assess in every interview the coder assessed."""
    per_interview = snapshot.store.assessed_codes(coder)
    codes = {c for c, _, _ in snapshot.themes}
    if not per_interview:
        return frozenset()
    return frozenset(codes - frozenset.intersection(*per_interview.values()))


def default_quote_coders(snapshot: Snapshot) -> list[str]:
    """Every human coder, then the best machine coder."""
    origins = snapshot.origins
    machine = [MACHINE] if MACHINE in origins else [m for m in MACHINE_ORDER if m in origins]
    return snapshot.humans + machine
