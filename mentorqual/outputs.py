"""Report workflows: choose whose codings to use, compute counts and quotes from the
store, and hand rows to :mod:`mentorqual.reports`. Used by :class:`~.project.Project`.

Coders are never added together. A report uses one coder (a human, ``rules``,
``classifier`` or ``machine``) or a consensus of human coders: the codings that all
of them agree on, over the segments all of them assessed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from . import counts as counting
from .agreement import AgreementError
from .audit import Audit, AuditUnit, audit
from .errors import InputError
from .pii import PiiGuard, refuse
from .quotes import Candidate, Quote, select_quotes
from .reports.agreement import write_agreement
from .reports.counts import write_counts
from .reports.heatmap import write_heatmap
from .reports.quotes import write_quotes
from .reports.tables import Row, Sheet, atomic_path, check_suffix, write_csv, write_workbook
from .reports.view import ViewCoding, ViewInterview, ViewParagraph, ViewTheme, write_view
from .store import Store, now
from .tagging.evidence import Evidence

MACHINE_ORDER = ("machine", "classifier", "rules")  # best first
CONSENSUS = "consensus"
EXPORT_COLUMNS = (
    "interview", "region", "role", "speaker", "segment_id", "start", "end", "text", "code",
    "coder", "score",
)  # fmt: skip


@dataclass(frozen=True)
class CoderChoice:
    """Whose codings a report uses."""

    name: str  # "A", "machine", "consensus(A, B)"
    description: str  # for notes: "A (human coder)"
    units: frozenset[int]  # segments assessed
    pairs: frozenset[tuple[int, str]]  # (segment, code)


def _listing(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "none"


def choose_coder(store: Store, coder: str | None) -> CoderChoice:
    """Resolve ``--coder``. Default: the human coder who assessed the most segments;
    with no human codings, the best machine coder (machine, classifier, rules)."""
    origins = store.coder_origins()
    humans = store.human_coders()
    valid = [*origins, CONSENSUS] if len(humans) > 1 else list(origins)
    if coder is None:
        coder = store.lead_human_coder() or next((m for m in MACHINE_ORDER if m in origins), None)
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
                f"the project's human coders: {_listing(humans)}"
            )
        units = frozenset.intersection(*(frozenset(store.assessed(m)) for m in members))
        pairs = frozenset.intersection(*(frozenset(store.coding_pairs(m)) for m in members))
        return CoderChoice(
            f"consensus({', '.join(members)})",
            f"consensus of {', '.join(members)}: codings all of them agree on",
            units,
            frozenset(p for p in pairs if p[0] in units),
        )
    if coder not in origins:
        raise InputError(f"unknown coder {coder!r}; valid coders: {_listing(valid)}")
    kind = "human coder" if origins[coder] == "human" else f"machine coder ({origins[coder]})"
    return CoderChoice(
        coder,
        f"{coder} ({kind})",
        frozenset(store.assessed(coder)),
        frozenset(store.coding_pairs(coder)),
    )


def _check_values(kind: str, wanted: Sequence[str], valid: Sequence[str]) -> None:
    unknown = [w for w in wanted if w not in valid]
    if unknown:
        raise InputError(f"unknown {kind} {unknown[0]!r}; valid values: {_listing(valid)}")


def _interviews(store: Store, regions: Sequence[str]) -> list[dict[str, Any]]:
    summaries = store.interview_summaries()
    _check_values("region", regions, sorted({s["region"] for s in summaries}))
    return [s for s in summaries if not regions or s["region"] in regions]


def _themes(store: Store, themes: Sequence[str]) -> list[tuple[str, str]]:
    all_themes = [(code, label) for code, label, _ in store.themes()]
    _check_values("theme", themes, [c for c, _ in all_themes])
    return [t for t in all_themes if not themes or t[0] in themes]


@dataclass
class CountsResult:
    """Theme counts with what they rest on."""

    rows: list[dict[str, object]]
    by: list[str]
    coder: CoderChoice
    notes: list[str]

    @property
    def columns(self) -> list[str]:
        return [*self.by, *(k for k in self.rows[0] if k not in self.by)] if self.rows else []

    def pivots(self) -> dict[str, tuple[str, list[dict[str, object]]]]:
        return {
            measure: (title, counting.pivot(self.rows, measure, self.by))
            for measure, title in counting.MEASURES.items()
        }


def theme_counts(
    store: Store,
    by: Sequence[str],
    coder: str | None,
    themes: Sequence[str] = (),
    regions: Sequence[str] = (),
) -> CountsResult:
    """Theme counts per group over the interviews the chosen coder assessed."""
    choice = choose_coder(store, coder)
    chosen_themes = _themes(store, themes)
    interviews = _interviews(store, regions)
    for key in by:
        if key not in ("region", "role") and not any(key in s["attributes"] for s in interviews):
            attrs = sorted({k for s in interviews for k in s["attributes"]})
            raise InputError(f"unknown attribute {key!r} for --by; valid: {_listing(attrs)}")
    where = store.paragraph_interviews()
    assessed = {where[u] for u in choice.units if u in where}
    scope = [
        counting.InterviewScope(s["interview"], s["attributes"], s["words"])
        for s in interviews
        if s["interview"] in assessed
    ]
    if not scope:
        raise InputError(f"coder {choice.name!r} has assessed none of the selected interviews")
    rows = counting.theme_counts(
        scope, ((where[s], s, c) for s, c in choice.pairs if s in where), chosen_themes, by
    )
    notes = [
        f"Kodning: {choice.description}.",
        f"Kodebog: {store.codebook_name() or '?'} (sha256 {str(store.codebook_sha256())[:12]}).",
        f"Interviews: {len(scope)} af {len(interviews)} (dem koderen har vurderet).",
        "Kodede afsnit: informantens afsnit kodet med temaet.",
        "Interviews der nævner temaet: interviews med mindst ét kodet afsnit, og deres andel "
        "af gruppens interviews.",
        "Pr. 1.000 ord: kodede afsnit pr. 1.000 ord informanttale i gruppen.",
        f"Lavet {now()} med mentorqual.",
    ]
    return CountsResult(rows, list(by), choice, notes)


def write_theme_counts(result: CountsResult, path: Path) -> None:
    write_counts(path, result.rows, result.columns, result.pivots(), result.notes)


def write_counts_heatmap(result: CountsResult, path: Path) -> None:
    """Coded paragraphs per 1,000 words, theme × group."""
    table = counting.pivot(result.rows, "per_1000_words", result.by)[:-2]
    columns = [c for c in table[0] if c != "Tema"] if table else []
    write_heatmap(
        path,
        [[float(str(row[c])) for c in columns] for row in table],
        [str(row["Tema"]) for row in table],
        columns,
        title=f"Kodede afsnit pr. 1.000 ord pr. {' og '.join(result.by)} "
        f"(kodning: {result.coder.name})",
        legend="Kodede afsnit pr. 1.000 ord",
        decimals=1,
    )


# -- quotes ------------------------------------------------------------------------


def _default_quote_coders(store: Store) -> list[str]:
    origins = store.coder_origins()
    humans = store.human_coders()
    machine = ["machine"] if "machine" in origins else [m for m in MACHINE_ORDER if m in origins]
    return humans + machine


def quotes(
    store: Store,
    *,
    by: Sequence[str] = ("region",),
    coders: Sequence[str] = (),
    themes: Sequence[str] = (),
    regions: Sequence[str] = (),
    top: int = 5,
    max_words: int = 80,
    per_interview: int = 2,
) -> tuple[list[Quote], list[str]]:
    """The best quotes per group and theme, and the coders they were drawn from."""
    origins = store.coder_origins()
    chosen = list(coders) or _default_quote_coders(store)
    _check_values("coder", chosen, sorted(origins))
    if not chosen:
        raise InputError("the project has no codings yet; run 'mentorqual tag' first")
    chosen_themes = _themes(store, themes)
    interviews = {s["interview"]: s for s in _interviews(store, regions)}
    wanted_codes = {c for c, _ in chosen_themes}
    candidates: dict[tuple[int, str], Candidate] = {}
    for row in store.coding_table(chosen):
        if row["interview"] not in interviews or row["code"] not in wanted_codes:
            continue
        key = (row["segment"], row["code"])
        c = candidates.get(key)
        if c is None:
            c = candidates[key] = Candidate(
                interview=row["interview"],
                attributes=interviews[row["interview"]]["attributes"],
                segment=row["segment"],
                locator=row["locator"],
                text=row["text"],
                code=row["code"],
                sentences=(),
            )
        if row["origin"] == "human":
            c.human.add(row["coder"])
        else:
            c.machine[row["coder"]] = row["score"]
            for hit in Evidence.from_json(row["evidence"]).hits:
                # A followed question's words lie before the paragraph: not a focus.
                offsets = (start - row["start"] for _, start, _ in hit.tokens)
                c.focus += [o for o in offsets if 0 <= o < len(row["text"])]
    sentences = store.sentences(s for s, _ in candidates)
    for (segment, _), c in candidates.items():
        c.sentences = sentences.get(segment, [])
    chosen_quotes = select_quotes(
        candidates.values(),
        chosen_themes,
        by,
        top=top,
        max_words=max_words,
        per_interview=per_interview,
    )
    return chosen_quotes, chosen


def checked_quotes(
    store: Store, pii: str, **options: Any
) -> tuple[list[Quote], list[str], list[str]]:
    """:func:`quotes` after the PII guard (refused, redacted or allowed), with the
    coders drawn from and the notes for the sheet's title page."""
    chosen, coders = quotes(store, **options)
    items = [(f"{q.interview} {q.locator}", q.text) for q in chosen]
    chosen = redact_quotes(chosen, pii_filter(store, items, pii, "quotes"))
    return chosen, coders, quote_notes(store, coders, options.get("per_interview", 2))


def write_quote_sheet(
    path: Path,
    chosen: Sequence[Quote],
    by: Sequence[str],
    about: Sequence[str],
) -> None:
    write_quotes(
        path,
        [q.row(by) for q in chosen],
        by,
        title=f"Citater pr. {' og '.join(by)}",
        about=about,
    )


def quote_notes(store: Store, coders: Sequence[str], per_interview: int) -> list[str]:
    return [
        f"Kodebog: {store.codebook_name() or '?'} (sha256 {str(store.codebook_sha256())[:12]}).",
        f"Kodere: {', '.join(coders)}. Afsnit kodet af mennesker kommer først, dernæst efter "
        "maskinens score.",
        f"Højst {per_interview} citater pr. interview pr. tema; næsten ens citater er fjernet.",
        "Citater er forkortet til hele sætninger; [...] markerer udeladt tekst.",
        f"Lavet {now()} med mentorqual.",
    ]


# -- personal data ---------------------------------------------------------------------

PII_MODES = ("refuse", "redact", "allow")


def pii_filter(
    store: Store, items: Sequence[tuple[str, str]], mode: str, what: str
) -> Callable[[str], str]:
    """Check ``items`` (where, text) for personal data before they leave the project.

    ``refuse`` raises :class:`PiiError` listing every finding; ``redact`` returns a
    function that replaces each hit with [CPR], [TELEFON], [EMAIL] or [NAVN];
    ``allow`` skips the check. The guard looks for the built-in Danish first names
    plus the project's own list (``mentorqual pii add-name``).
    """
    if mode == "allow":
        return lambda text: text
    guard = PiiGuard(store.pii_names())
    if mode == "redact":
        return guard.redact
    refuse(
        [f"{where} {hit.kind} {hit.text!r}" for where, text in items for hit in guard.scan(text)],
        what,
    )
    return lambda text: text


def redact_quotes(chosen: Sequence[Quote], clean: Callable[[str], str]) -> list[Quote]:
    return [dataclasses.replace(q, text=clean(q.text)) for q in chosen]


def pii_scan(store: Store) -> list[tuple[str, str, str, str]]:
    """(interview, locator, kind, text) of every finding in every paragraph."""
    guard = PiiGuard(store.pii_names())
    return [
        (p.interview, p.locator, hit.kind, hit.text)
        for p in store.all_paragraphs()
        for hit in guard.scan(p.text)
    ]


# -- the HTML view ---------------------------------------------------------------------


def view_interviews(store: Store, coders: Sequence[str] = ()) -> list[ViewInterview]:
    """Every interview with its paragraphs and the codings of ``coders`` (or all)."""
    if coders:
        _check_values("coder", coders, sorted(store.coder_origins()))
    codings: dict[int, list[ViewCoding]] = {}
    for row in store.coding_table(list(coders) or None):
        length = row["end"] - row["start"]
        spans: list[tuple[int, int, str | None]] = [
            (start - row["start"], end - row["start"], hit.rule)
            for hit in Evidence.from_json(row["evidence"]).hits
            for _, start, end in hit.tokens
        ] or [(0, length, None)]
        codings.setdefault(row["segment"], []).extend(
            ViewCoding(row["code"], row["coder"], start, end, row["score"], rule)
            for start, end, rule in spans
        )
    paragraphs: dict[str, list[ViewParagraph]] = {}
    for p in store.all_paragraphs():
        paragraphs.setdefault(p.interview, []).append(
            ViewParagraph(p.locator, p.speaker, p.role, p.text, codings.get(p.id, []))  # type: ignore[arg-type]
        )
    return [
        ViewInterview(s["interview"], s["attributes"], paragraphs.get(s["interview"], []))
        for s in store.interview_summaries()
    ]


def write_html_view(store: Store, directory: Path, coders: Sequence[str], pii: str) -> int:
    """Write the coded transcripts as HTML; returns the number of pages."""
    interviews = view_interviews(store, coders)
    items = [(f"{i.interview} {p.locator}", p.text) for i in interviews for p in i.paragraphs]
    clean = pii_filter(store, items, pii, "transcripts")
    themes = [ViewTheme(code, label, colour) for code, label, colour in store.themes()]
    written = write_view(
        directory,
        interviews,
        themes,
        title=f"Kodede interviews: {store.codebook_name() or ''}",
        generated=f"mentorqual, {now()}",
        pii=None if pii == "allow" else clean,
    )
    return len(written) - 1


# -- codings export ----------------------------------------------------------------


def coding_rows(store: Store, coders: Sequence[str] = (), pii: str = "refuse") -> list[Row]:
    """Every coding (of ``coders``, or all) with the columns of ``codings.csv``.

    ``pii`` applies to the text, speaker and role columns, as in :func:`pii_filter`;
    the interview and segment_id columns, which the file is imported back by, are
    left as they are.
    """
    if coders:
        _check_values("coder", coders, sorted(store.coder_origins()))
    table = store.coding_table(list(coders) or None)
    items = {
        (f"{r['interview']} {r['locator']}", value): None
        for r in table
        for value in (r["text"], r["speaker"], r["role"])
    }
    clean = _cached(pii_filter(store, list(items), pii, "codings"))
    return [
        {
            "interview": r["interview"],
            "region": r["region"],
            "role": clean(r["role"]),
            "speaker": clean(r["speaker"]),
            "start": r["start"],
            "end": r["end"],
            "segment_id": r["locator"],
            "text": clean(r["text"]),
            "code": r["code"],
            "coder": r["coder"],
            "score": r["score"],
        }
        for r in table
    ]


def _cached(clean: Callable[[str], str]) -> Callable[[str], str]:
    """``clean`` run once per distinct text: a paragraph has a row per coding."""
    done: dict[str, str] = {}

    def cached(text: str) -> str:
        if text not in done:
            done[text] = clean(text) if text else text
        return done[text]

    return cached


def write_codings(rows: Sequence[Row], path: Path) -> None:
    suffix = check_suffix(path, (".csv", ".xlsx"))
    with atomic_path(path) as temp:
        if suffix == ".csv":
            write_csv(rows, EXPORT_COLUMNS, temp)
        else:
            write_workbook(
                [Sheet("Kodninger", rows, EXPORT_COLUMNS, widths={"text": 80}, formats={})], temp
            )


# -- the main job's outputs -----------------------------------------------------------

PACKAGES = (
    "mentorqual", "spacy", "spacy-lookups-data", "scikit-learn", "numpy", "pandas",
    "python-docx", "openpyxl", "matplotlib", "krippendorff", "click", "PyYAML",
)  # fmt: skip


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


@dataclass
class RunOutputs:
    """What the main job wrote, relative to its output folder."""

    files: list[str]
    counts_coder: str
    quote_coders: list[str]
    quotes: int
    pages: int


def write_run_outputs(
    store: Store,
    folder: Path,
    *,
    command: Sequence[str],
    inputs: Sequence[Path],
    started: str,
    model: str | None = None,
    pii: str = "refuse",
) -> RunOutputs:
    """Write the main job's files into ``folder`` (a staging folder the caller
    moves into place): codings, counts, heatmap, quote sheets and the manifest."""
    files: list[str] = []

    def target(name: str) -> Path:
        files.append(name)
        return folder / name

    write_codings(coding_rows(store, pii=pii), target("codings.csv"))
    result = theme_counts(store, ("region",), None)
    write_theme_counts(result, target("theme_counts_by_region.csv"))
    write_theme_counts(result, target("theme_counts_by_region.xlsx"))
    write_counts_heatmap(result, target("heatmap_region_theme.png"))
    chosen, coders, about = checked_quotes(store, pii)
    write_quote_sheet(target("quotes_by_region.docx"), chosen, ("region",), about)
    write_quote_sheet(target("quotes_by_region.xlsx"), chosen, ("region",), about)
    humans = store.human_coders()
    if len(humans) >= 2:
        audit_report = agreement_audit(store, humans)
        write_agreement_report(store, audit_report, target("agreement.xlsx"), pii)
    pages = write_html_view(store, folder / "view", (), pii)
    files.append("view/")
    manifest = {
        "tool": "mentorqual",
        "versions": _versions(),
        "command": list(command),
        "started": started,
        "finished": now(),
        "project": str(store.path),
        "codebook": {"name": store.codebook_name(), "sha256": store.codebook_sha256()},
        "model": model,
        "coders": {"counts": result.coder.name, "quotes": coders},
        "inputs": [
            {"path": p.as_posix(), "sha256": file_sha256(p), "bytes": p.stat().st_size}
            for p in inputs
        ],
        "pii": pii,
        "outputs": [
            {"path": p.relative_to(folder).as_posix(), "sha256": file_sha256(p)}
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        ],
    }
    with atomic_path(target("manifest.json")) as temp:
        temp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return RunOutputs(files, result.coder.name, coders, len(chosen), pages)


# -- agreement ---------------------------------------------------------------------------


def agreement_audit(
    store: Store,
    coders: Sequence[str],
    codes: Sequence[str] = (),
    *,
    unit: str = "segment",
    by: str | None = None,
    bootstrap: bool = True,
) -> Audit:
    """The agreement audit of ``coders`` (humans, or a machine coder against humans)."""
    origins = store.coder_origins()
    if len(coders) < 2:
        raise InputError(f"agreement needs at least 2 coders, got {len(coders)}")
    _check_values("coder", coders, sorted(origins))
    themes = store.themes()
    _check_values("code", codes, [c for c, _, _ in themes])
    region = {s["interview"]: s["region"] for s in store.interview_summaries()}
    units = [
        AuditUnit(p.id, p.interview, region[p.interview], p.locator, p.text)
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
            by=by,
            bootstrap=bootstrap,
        )
    except AgreementError as exc:
        raise InputError(str(exc)) from None


def agreement_notes(store: Store, result: Audit) -> list[str]:
    return [
        f"Kodere: {', '.join(result.coders)}. Enhed: "
        f"{'informantafsnit' if result.unit == 'segment' else 'interview'}.",
        f"Kodebog: {store.codebook_name() or '?'} (sha256 {str(store.codebook_sha256())[:12]}).",
        "Enheder, som en koder ikke har vurderet, tæller som manglende, aldrig som fravær.",
        f"Lavet {now()} med mentorqual.",
    ]


def write_agreement_report(store: Store, result: Audit, path: Path, pii: str = "refuse") -> None:
    """Write the agreement report; ``pii`` (as in :func:`pii_filter`) applies to the
    paragraph texts of the disagreements."""
    items = [(f"{d.interview} {d.locator}", d.text) for d in result.disagreements]
    clean = pii_filter(store, items, pii, "agreement report")
    disagreements = tuple(dataclasses.replace(d, text=clean(d.text)) for d in result.disagreements)
    write_agreement(
        path,
        dataclasses.replace(result, disagreements=disagreements),
        title=f"Interkoder-enighed: {', '.join(result.coders)}",
        about=agreement_notes(store, result),
    )
