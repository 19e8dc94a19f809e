"""Classifier workflows: train on human codings, tag, combine with the rules, evaluate
honestly and pick what to code next.

The classifier's bytes live only in the project database (table ``models``); a model
is loaded only from there, and only if it was trained with the project's codebook.

The combined coder ``machine`` (classifier decisions, plus rule hits the classifier
finds plausible) is decided by :mod:`mentorqual.tagging.combine`, which also gives its
measured figures.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..codebook import Codebook
from ..errors import InputError
from ..reports import markdown_table
from ..reports.sheet import write_coding_sheet
from ..store import ModelRecord, SegmentRow, Store, now
from ..tagging.evidence import Evidence
from ..types import CLASSIFIER, MACHINE, RULES
from . import Progress, codebooks, lookups
from . import rules as rule_tagging

if TYPE_CHECKING:
    from ..agreement import Scores
    from ..tagging.classifier import ThemeClassifier

MIN_POSITIVES = 5
CV_SPLITS = 5
FORMAT = "theme-classifier/1"  # bump when features or model change


@dataclass
class TrainingSet:
    """Respondent paragraphs a human coder assessed, with that coder's codes."""

    coders: list[str]
    segments: list[SegmentRow]
    labels: list[set[str]]

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.segments]

    @property
    def groups(self) -> list[str]:
        return [s.interview for s in self.segments]

    @property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        for segment, labels in zip(self.segments, self.labels, strict=True):
            digest.update(json.dumps([segment.text, sorted(labels)]).encode("utf-8"))
        return digest.hexdigest()


def training_set(store: Store, coders: Sequence[str]) -> TrainingSet:
    """Paragraphs assessed by any of ``coders``; a paragraph's codes come from the
    first coder in ``coders`` that assessed it (coders are never merged)."""
    humans = store.human_coders()
    if not coders:
        raise InputError(f"name the human coder(s) to train from; the project has: {_list(humans)}")
    for coder in coders:
        if coder not in humans:
            raise InputError(
                f"cannot train from {coder!r}: not a human coder; the project's human coders: "
                f"{_list(humans)}"
            )
    owner: dict[int, str] = {}
    for coder in coders:
        for segment in store.assessed(coder):
            owner.setdefault(segment, coder)
    pairs = {coder: store.coding_pairs(coder) for coder in coders}
    segments = [p for p in store.respondent_paragraphs() if p.id in owner]
    if not segments:
        raise InputError(
            f"coder(s) {', '.join(coders)} assessed no paragraphs; nothing to train on"
        )
    labels = [
        {code for s, code in pairs[owner[p.id]] if s == p.id} for p in segments
    ]  # small sets: the sample has ~500 codings per coder
    return TrainingSet(list(coders), segments, labels)


def _list(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "none"


def check_positives(data: TrainingSet, codes: Sequence[str], has_model: bool = True) -> None:
    """Refuse codes too rare to learn, naming them. ``suggest`` is offered only when
    there is a model to suggest with."""
    counts = {code: sum(code in labels for labels in data.labels) for code in codes}
    rare = [f"{code} ({n})" for code, n in counts.items() if n < MIN_POSITIVES]
    if rare:
        how = (
            "'mentorqual suggest' picks paragraphs worth coding next"
            if has_model
            else "import more codings with 'mentorqual codings import FILE'"
        )
        raise InputError(
            f"too few positive paragraphs to train on for {', '.join(rare)}; at least "
            f"{MIN_POSITIVES} are needed per code. Code more of them: {how}"
        )
    if len(set(data.groups)) < 2:
        raise InputError("training needs human codings from at least 2 interviews")


@dataclass
class TrainReport:
    """A trained and stored model, with its grouped cross-validation."""

    model: str
    coders: list[str]
    size: int
    interviews: int
    scores: list[Scores]
    seconds: float

    def markdown(self) -> str:
        """The cross-validation figures per code, as the terminal shows them."""
        return markdown_table([s.row() for s in self.scores])


def train(store: Store, coders: Sequence[str], *, random_state: int = 0) -> TrainReport:
    """Cross-validate, fit on all the coders' paragraphs, and store the model."""
    from ..tagging.classifier import ThemeClassifier  # scikit-learn: lazily
    from ..tagging.validation import cross_validate

    started = time.perf_counter()
    codes = store.codes()
    data = training_set(store, coders)
    check_positives(data, codes, store.latest_model(CLASSIFIER) is not None)
    cv = cross_validate(
        data.texts, data.labels, data.groups, codes, n_splits=CV_SPLITS, random_state=random_state
    )
    scores = _scores(data, codes, cv.pairs())
    model = ThemeClassifier(codes, random_state).fit(data.texts, data.labels, data.groups)
    blob = model.to_bytes()
    # Named by what it was trained on, not by its pickled bytes (which vary between
    # runs with the interpreter's hash seed): the same data, codebook and settings
    # give the same id, as the manifest's reproducibility promises.
    recipe = [data.sha256, store.codebook_sha256(), random_state, FORMAT, list(coders)]
    model_id = hashlib.sha256(json.dumps(recipe).encode("utf-8")).hexdigest()[:16]
    store.save_model(
        ModelRecord(
            id=model_id,
            kind=CLASSIFIER,
            created_at=now(),
            codebook_sha256=store.codebook_sha256() or "",
            training_sha256=data.sha256,
            training_size=len(data.segments),
            coders=list(coders),
            metrics={
                "cross_validation": f"{CV_SPLITS}-fold, grouped by interview",
                "scores": [s.row() for s in scores],
            },
            params={
                "random_state": random_state,
                "thresholds": model.thresholds,
                "untuned": model.untuned,
                "skipped": model.skipped,
            },
            data=blob,
        )
    )
    return TrainReport(
        model_id,
        list(coders),
        len(data.segments),
        len(set(data.groups)),
        scores,
        time.perf_counter() - started,
    )


def _scores(
    data: TrainingSet, codes: Sequence[str], predicted: set[tuple[int, str]]
) -> list[Scores]:
    from ..agreement import evaluate  # numpy: only when scoring

    reference = {(i, code) for i, labels in enumerate(data.labels) for code in labels}
    return evaluate(range(len(data.labels)), codes, predicted, reference)


def train_hint(store: Store) -> str:
    """How to train, naming the project's own human coder, or how to get one first."""
    lead = store.lead_human_coder()
    if lead is None:
        return (
            "import human codings first ('mentorqual codings import FILE --coder NAME'), "
            "then run 'mentorqual train --from NAME'"
        )
    return f"run 'mentorqual train --from {lead}'"


def load(store: Store) -> tuple[ModelRecord, ThemeClassifier]:
    """The project's newest classifier and its record; refuses a model trained with
    another codebook."""
    from ..tagging.classifier import ThemeClassifier

    record = store.latest_model(CLASSIFIER)
    if record is None:
        raise InputError(f"the project has no trained classifier; {train_hint(store)}")
    current = store.codebook_sha256()
    if record.codebook_sha256 != current:
        raise InputError(
            f"the classifier {record.id} was trained with another codebook "
            f"(sha256 {record.codebook_sha256[:12]}, the project's is {str(current)[:12]}); "
            "train it again with 'mentorqual train'"
        )
    return record, ThemeClassifier.from_bytes(record.data)


@dataclass
class ClassifierTagReport:
    """What ``tag --method classifier|both`` wrote."""

    model: str
    paragraphs: int
    codings: dict[str, int]  # coder -> codings written
    seconds: float


def tag(store: Store, *, combine: bool) -> ClassifierTagReport:
    """Code every respondent paragraph with the classifier (coder ``classifier``) and,
    with ``combine``, the combined coder ``machine`` from classifier and rules."""
    import numpy as np  # with the model: only when tagging

    from ..tagging.combine import machine_decisions

    started = time.perf_counter()
    record, model = load(store)
    if combine and not store.assessed(RULES):
        raise InputError("tag --method both needs the rules' codings; the rules have not run")
    paragraphs = store.respondent_paragraphs()
    codes = list(model.codes)
    probabilities = np.zeros((len(paragraphs), len(codes)))
    if paragraphs:
        probabilities = model.predict_proba([p.text for p in paragraphs])
    thresholds = np.array([model.thresholds[c] for c in codes])
    decided = probabilities >= thresholds
    rules = {(s, c): ev for s, c, ev in store.coding_evidence(RULES)} if combine else {}
    row_of = {p.id: i for i, p in enumerate(paragraphs)}
    column = {c: j for j, c in enumerate(codes)}
    cells = [(row_of[s], column[c]) for s, c in rules if s in row_of and c in column]
    combined = machine_decisions(probabilities, thresholds, cells)
    found: dict[str, list[tuple[int, str, float | None, str]]] = {CLASSIFIER: [], MACHINE: []}
    for i, p in enumerate(paragraphs):
        for j, code in enumerate(codes):
            prob = float(probabilities[i, j])
            evidence = Evidence(None, record.id, prob)
            if decided[i, j]:
                found[CLASSIFIER].append((p.id, code, prob, evidence.to_json()))
            if combine and combined[i, j]:
                ruled = Evidence.from_json(rules.get((p.id, code))).hits
                found[MACHINE].append((p.id, code, prob, replace(evidence, rules=ruled).to_json()))
    ids = [p.id for p in paragraphs]
    store.replace_machine_codings(CLASSIFIER, CLASSIFIER, record.id, found[CLASSIFIER], ids)
    written = {CLASSIFIER: len(found[CLASSIFIER])}
    if combine:
        version = f"{record.id}+{(store.codebook_sha256() or '')[:12]}"
        store.replace_machine_codings(MACHINE, MACHINE, version, found[MACHINE], ids)
        written[MACHINE] = len(found[MACHINE])
    seconds = time.perf_counter() - started
    return ClassifierTagReport(record.id, len(paragraphs), written, seconds)


def tag_with_rules(
    store: Store, book: Codebook | None, codebook_update: bool, progress: Progress
) -> tuple[rule_tagging.TagReport | None, ClassifierTagReport]:
    """Tag with the classifier; with a codebook, first make it the project's and run
    its rules, then write the combined coder ``machine`` as well."""
    tagged = None
    if book is not None:
        codebooks.apply(store, book, codebook_update)
        tagged = rule_tagging.apply(store, book, False, progress)
    progress("Tagging with the classifier", 0, 1)
    report = tag(store, combine=book is not None)
    progress("Tagging with the classifier", 1, 1)
    return tagged, report


def suggestions(
    store: Store, n: int, coder: str | None = None, focus: Sequence[str] = ()
) -> tuple[list[dict[str, object]], list[str]]:
    """The ``n`` paragraphs most worth coding next: those the classifier is least sure
    of, spread across interviews and regions, among the paragraphs no human coder
    (or ``coder``) has assessed. Returns sheet rows and the codes.

    With ``focus``, only the classifier's doubt about those codes counts: to get more
    examples of a weak code. The sheet still asks for every code, since a paragraph
    assessed without a code is a "no" for all of them."""
    from ..tagging.active import suggest

    record, model = load(store)
    codes = list(model.codes)
    labels = dict((c, label) for c, label, _ in store.themes())
    pairs = [(c, labels.get(c, c)) for c in codes]
    focus = lookups.codes("code", focus, pairs, known="the classifier has")
    columns = [codes.index(c) for c in dict.fromkeys(focus)] or list(range(len(codes)))
    if coder is None:
        done: set[int] = set()
        for human in store.human_coders():
            done |= store.assessed(human)
        who = "any human coder"
    else:
        done = store.assessed(coder)
        who = f"coder {coder!r}"
    candidates = [p for p in store.respondent_paragraphs() if p.id not in done]
    if not candidates:
        raise InputError(f"{who} has assessed every paragraph; nothing left to suggest")
    region = {s.interview: s.region for s in store.interview_summaries()}
    probabilities = model.predict_proba([p.text for p in candidates])
    picked = suggest(
        probabilities[:, columns],
        [p.interview for p in candidates],
        [region[p.interview] for p in candidates],
        n,
        thresholds=[model.thresholds[codes[j]] for j in columns],
    )
    rows: list[dict[str, object]] = [
        {
            "interview": candidates[i].interview,
            "region": region[candidates[i].interview],
            "segment": candidates[i].locator,
            "text": candidates[i].text,
        }
        for i in picked
    ]
    return rows, codes


def write_suggestions(path: Path, sheet: tuple[list[dict[str, object]], list[str]]) -> int:
    """Write :func:`suggestions` as a coding sheet (.xlsx); returns how many rows it has."""
    rows, codes = sheet
    write_coding_sheet(path, rows, codes)
    return len(rows)
