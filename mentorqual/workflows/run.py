"""The main job: import a folder, tag, train, and write every report into one folder.

:func:`plan` reads every input first (transcripts, codings files, codebook), so a bad
file stops the job before the project changes. :func:`apply` then writes the project
and the reports in one transaction, into a staging folder the caller moves into place.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..codebook import Codebook
from ..errors import InputError
from ..importers import METADATA_FILE
from ..reports.files import atomic_path
from ..reports.language import check_lang
from ..store import Store, now
from ..types import CodingRow, PiiMode
from . import (
    Progress,
    audit,
    classifier,
    codebooks,
    codings,
    interviews,
    reports,
    retrieval,
    rules,
)
from .coders import Snapshot
from .privacy import PiiPolicy

PACKAGES = (
    "mentorqual", "spacy", "spacy-lookups-data", "scikit-learn", "numpy", "pandas",
    "python-docx", "openpyxl", "matplotlib", "krippendorff", "click", "PyYAML",
)  # fmt: skip


@dataclass
class RunPlan:
    """Everything the main job reads, read and checked before the project is opened."""

    directory: Path
    codebook: Codebook
    transcripts: interviews.ImportPlan
    codings: list[tuple[Path, list[CodingRow]]]
    inputs: list[Path]
    started: str


@dataclass
class RunOutputs:
    """What the main job wrote, relative to its output folder."""

    files: list[str]
    counts_coder: str
    quote_coders: list[str]
    quotes: int
    pages: int


@dataclass
class RunReport:
    """What the main job did."""

    imported: interviews.ImportReport
    codebook: Codebook
    codings: list[codings.CodingsReport]
    tagged: rules.TagReport | None
    out: Path
    written: RunOutputs
    trained: classifier.TrainReport | None = None
    classified: classifier.ClassifierTagReport | None = None
    notes: list[str] = field(default_factory=list)


def plan(
    directory: Path, book: Codebook, interviewer_labels: Sequence[str], progress: Progress
) -> RunPlan:
    """Read the folder's transcripts and ``codings/*.csv``."""
    started = now()
    transcripts = interviews.plan_import([directory], interviewer_labels, progress)
    coding_files = sorted((directory / "codings").glob("*.csv"))
    coding_rows = [(f, codings.read(f, None)) for f in coding_files]
    inputs = sorted(
        {t.source for t in transcripts.transcripts}
        | set(directory.rglob(METADATA_FILE))
        | set(coding_files)
        | ({book.path} if book.path.is_file() else set())
    )
    return RunPlan(directory, book, transcripts, coding_rows, inputs, started)


def apply(
    store: Store,
    job: RunPlan,
    staging: Path,
    *,
    out: Path,
    codebook_update: bool,
    command: Sequence[str],
    pii: PiiMode,
    progress: Progress,
    lang: str = "da",
) -> RunReport:
    """Write the planned inputs into the project, tag, train, and write the reports
    into ``staging``, in ``lang``."""
    book = job.codebook
    imported = interviews.apply_import(store, job.transcripts, False, progress)
    codebooks.apply(store, book, codebook_update)
    coded = [codings.apply(store, f, rows) for f, rows in job.codings]
    tagged = rules.apply(store, book, False, progress) if book.rules else None
    trained, classified, notes = _classifier(store, tagged is not None, progress)
    progress("Writing reports", 0, 1)
    written = write_outputs(
        store,
        staging,
        command=command,
        inputs=job.inputs,
        started=job.started,
        model=trained.model if trained else None,
        pii=pii,
        lang=lang,
    )
    progress("Writing reports", 1, 1)
    return RunReport(imported, book, coded, tagged, out, written, trained, classified, notes)


def _classifier(
    store: Store, rules_ran: bool, progress: Progress
) -> tuple[classifier.TrainReport | None, classifier.ClassifierTagReport | None, list[str]]:
    """Train on the human coder who assessed the most paragraphs and tag with the
    classifier (and, after the rules, the combined coder); skipped with a note when
    there are no human codings or too few to learn from."""
    coder = store.lead_human_coder()
    if coder is None:
        return (
            None,
            None,
            [
                "no human codings: the classifier was not trained. To start coding: "
                "'mentorqual serve --coder NAME' (the browser workbench) or "
                "'mentorqual suggest -o sheet.xlsx' (a sheet to fill in)"
            ],
        )
    progress("Training the classifier", 0, 1)
    try:
        trained = classifier.train(store, [coder])
    except InputError as exc:
        return None, None, [f"the classifier was not trained: {exc}"]
    progress("Training the classifier", 1, 1)
    return trained, classifier.tag(store, combine=rules_ran), []


def write_outputs(
    store: Store,
    folder: Path,
    *,
    command: Sequence[str],
    inputs: Sequence[Path],
    started: str,
    model: str | None = None,
    pii: PiiMode = PiiMode.REFUSE,
    lang: str = "da",
) -> RunOutputs:
    """Write the main job's files into ``folder`` (a staging folder the caller moves
    into place): codings, counts, heatmap, quote sheets, a retrieval document per theme,
    theme co-occurrence, agreement, view, manifest; every report in ``lang``."""
    lang = check_lang(lang)
    files: list[str] = []

    def target(name: str) -> Path:
        files.append(name)
        return folder / name

    snapshot, policy = Snapshot(store), PiiPolicy.of(store, pii)
    codings.write_export(codings.export_rows(snapshot, (), policy), target("codings.csv"))
    result = reports.theme_counts(snapshot, ("region",), None, lang=lang)
    reports.write_theme_counts(result, target("theme_counts_by_region.csv"))
    reports.write_theme_counts(result, target("theme_counts_by_region.xlsx"))
    reports.write_counts_heatmap(result, target("heatmap_region_theme.png"))
    sheet = reports.quote_sheet(snapshot, reports.QuoteOptions(lang=lang), policy)
    reports.write_quote_sheet(target("quotes_by_region.docx"), sheet, ("region",))
    reports.write_quote_sheet(target("quotes_by_region.xlsx"), sheet, ("region",))
    for code, _, _ in snapshot.themes:  # the analyst's working document per theme
        found = retrieval.retrieve(snapshot, code, result.coder.name, ("region",), policy, lang)
        retrieval.write_retrieval(found, folder / "retrieval" / f"{code}.docx", ("region",))
    files.append("retrieval/")
    together = retrieval.cooccurrence(snapshot, result.coder.name, lang=lang)
    retrieval.write_cooccurrence_table(together, target("cooccurrence.xlsx"))
    retrieval.write_cooccurrence_plot(together, target("cooccurrence.png"))
    if len(snapshot.humans) >= 2:
        audited = audit.agreement_audit(snapshot, snapshot.humans, lang=lang)
        audit.write_report(snapshot, audited, target("agreement.xlsx"), policy, lang)
    pages = reports.write_html_view(snapshot, folder / "view", (), policy, lang=lang)
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
        "coders": {"counts": result.coder.name, "quotes": sheet.coders},
        "inputs": [
            {"path": p.as_posix(), "sha256": file_sha256(p), "bytes": p.stat().st_size}
            for p in inputs
        ],
        "pii": pii.value,
        "lang": lang,
        "outputs": [
            {"path": p.relative_to(folder).as_posix(), "sha256": file_sha256(p)}
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        ],
    }
    with atomic_path(target("manifest.json")) as temp:
        temp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return RunOutputs(files, result.coder.name, sheet.coders, len(sheet.quotes), pages)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    from importlib import metadata  # a slow import, for the manifest only

    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found
