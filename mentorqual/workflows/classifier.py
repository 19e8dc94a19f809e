"""Classifier workflows: train on human codings, tag, combine with the rules and
evaluate honestly (:mod:`.suggesting` picks what to code next with it).

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
from typing import TYPE_CHECKING

from ..codebook import Codebook
from ..errors import InputError
from ..reports import markdown_table
from ..store import ModelRecord, SegmentRow, Store, now
from ..tagging.evidence import Evidence
from ..types import CLASSIFIER, MACHINE, RULES
from . import Progress, codebooks
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
        raise InputError(f"name the human coder(s) to train from; {_humans(store)}")
    for coder in coders:
        if coder not in humans:
            raise InputError(f"cannot train from {coder!r}: not a human coder; {_humans(store)}")
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


def _humans(store: Store) -> str:
    """The project's human coders, or how to get a first one."""
    humans = store.human_coders()
    if humans:
        return f"the project's human coders: {', '.join(humans)}"
    return f"the project has no human codings yet; code paragraphs first: {coding_hint()}"


def coding_hint(coder: str | None = None, focus: Sequence[str] = ()) -> str:
    """How to code paragraphs, as ``coder`` (one of the project's coders; None for a
    new one, written NAME): a coding sheet from ``suggest`` (which works without a
    classifier; ``focus`` codes pick by the classifier's doubt about them) or the
    browser workbench.

    Example:
        >>> coding_hint("K1")  # doctest: +ELLIPSIS
        "'mentorqual suggest -n 40 --for K1 -o sheet.xlsx' writes a coding sheet ..."
    """
    name = coder or "NAME"
    args = "".join(f" --code {code}" for code in focus)
    who = f" --for {coder}" if coder else ""
    return (
        f"'mentorqual suggest -n 40{who}{args} -o sheet.xlsx' writes a coding sheet (read "
        f"it back with 'mentorqual codings import sheet.xlsx --coder {name}'), or code in "
        f"the browser with 'mentorqual serve --coder {name}'"
    )


def check_positives(store: Store, data: TrainingSet, codes: Sequence[str]) -> None:
    """Refuse codes too rare to learn, naming them and how to code more of them as
    the coder the data is from: with a model, ``suggest`` picks by its doubt about the
    rare codes; without one it gives paragraphs in reading order."""
    counts = {code: sum(code in labels for labels in data.labels) for code in codes}
    rare = [code for code, n in counts.items() if n < MIN_POSITIVES]
    coder = data.coders[0]
    left = bool(set(store.paragraph_interviews()) - store.assessed(coder))
    how = coding_hint(coder) if left else _import_more(coder)
    if rare:
        named = ", ".join(f"{code} ({counts[code]})" for code in rare)
        # With a model, its doubt about the rare codes finds them; not when all are rare.
        has_model = store.latest_model(CLASSIFIER) is not None
        if left and has_model and len(rare) < len(codes):
            how = coding_hint(coder, rare)
        raise InputError(
            f"too few positive paragraphs to train on for {named}; at least "
            f"{MIN_POSITIVES} are needed per code. Code more of them: {how}"
        )
    if len(set(data.groups)) < 2:
        raise InputError(
            f"training needs human codings from at least 2 interviews; code another: {how}"
        )


def _import_more(coder: str) -> str:
    return (
        f"{coder} has assessed every paragraph, so import more interviews "
        f"('mentorqual import FOLDER') and then {coding_hint(coder)}"
    )


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
    check_positives(store, data, codes)
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
            f"no human coder has coded yet; code paragraphs first: {coding_hint()}; "
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
