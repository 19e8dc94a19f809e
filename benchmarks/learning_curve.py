"""What the workbench's review loop is worth: a learning curve on the sample corpus,
with sample coder A as the oracle; see benchmarks/README.md.

Per seed, a third of A's interviews (stratified by region) are held out; the coder
reviews respondent paragraphs of the other interviews only, and A's codes are the
answers. The review loop is the workbench's: after every ``--batch`` (25) decisions
the theme classifier is retrained on everything reviewed so far
(``ThemeClassifier(codes, random_state=0).fit(texts, labels, interviews)``), and the
next batch is the paragraphs it is least sure of
(``mentorqual.tagging.active.suggest`` with the model's thresholds). When a fit fails
(too little data), the previous order is kept.

Arms:

- ``uncertainty``: the first batch at random, then the loop;
- ``random``: every paragraph in random order (the same permutation whose first batch
  the ``uncertainty`` arm starts from, so the two are paired);
- ``reading``: the first batch in reading order, which is what the workbench does
  without a model, then the loop.

At each of ``--points`` reviewed paragraphs, the model trained on exactly those is
scored on the held-out interviews' respondent paragraphs: micro-F1 over all codes
(true and false positives and false negatives pooled). Mean, standard deviation,
minimum and maximum over ``--seeds`` seeds.

Usage::

    python benchmarks/learning_curve.py [--seeds 5] [--points 50,100,200,400]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learning_report import ARMS, markdown, plot, verdict  # noqa: E402
from make_corpus import CODEBOOK, ROOT, SOURCE  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
Result = dict[str, Any]


@dataclass(frozen=True)
class Sample:
    """The respondent paragraphs the oracle assessed, in reading order, with its codes."""

    codes: tuple[str, ...]
    texts: list[str]
    labels: list[frozenset[str]]
    interviews: list[str]
    regions: list[str]


def load_sample(workdir: Path, coder: str = "A", source: Path = SOURCE) -> Sample:
    """Import the sample corpus and ``coder``'s codings into a project in ``workdir``,
    and read the paragraphs that coder assessed as ``mentorqual train`` does."""
    from mentorqual import Project
    from mentorqual.workflows.classifier import training_set

    project = Project(workdir / "sample.db")
    project.import_paths([source])
    project.load_codebook(CODEBOOK)
    project.import_codings(source / "codings" / f"coder_{coder}.csv")
    store = project.store()
    try:
        data = training_set(store, [coder])
        regions = {s.interview: s.region for s in store.interview_summaries()}
        codes = tuple(store.codes())
    finally:
        store.close()
    rows = sorted(
        zip(data.segments, data.labels, strict=True), key=lambda r: (r[0].interview, r[0].start)
    )
    return Sample(
        codes,
        [s.text for s, _ in rows],
        [frozenset(labels) for _, labels in rows],
        [s.interview for s, _ in rows],
        [regions[s.interview] for s, _ in rows],
    )


def hold_out(sample: Sample, seed: int, fraction: float) -> tuple[list[int], list[int]]:
    """(pool, held out): paragraph indices, with ``fraction`` of each region's
    interviews (at least one, if the region has two) held out."""
    rng = random.Random(f"mentorqual-learning-curve:holdout:{seed}")
    by_region: dict[str, list[str]] = {}
    for interview, region in sorted(set(zip(sample.interviews, sample.regions, strict=True))):
        by_region.setdefault(region, []).append(interview)
    held: set[str] = set()
    for interviews in by_region.values():
        rng.shuffle(interviews)
        k = round(len(interviews) * fraction) or (1 if len(interviews) > 1 else 0)
        held.update(interviews[:k])
    indices = range(len(sample.texts))
    return [i for i in indices if sample.interviews[i] not in held], [
        i for i in indices if sample.interviews[i] in held
    ]


# -- the simulated review loop ---------------------------------------------------------


def fit(sample: Sample, reviewed: Sequence[int]) -> Any:
    """The classifier trained on ``reviewed``, or None when it cannot be trained."""
    from mentorqual.tagging.classifier import ClassifierError, ThemeClassifier

    try:
        return ThemeClassifier(sample.codes, random_state=0).fit(
            [sample.texts[i] for i in reviewed],
            [sample.labels[i] for i in reviewed],
            [sample.interviews[i] for i in reviewed],
        )
    except ClassifierError:
        return None


def micro_f1(model: Any, sample: Sample, held_out: Sequence[int]) -> float:
    """Micro-F1 over all codes on the held-out paragraphs; no model predicts nothing."""
    predicted = (
        model.predict([sample.texts[i] for i in held_out])
        if model is not None
        else [set() for _ in held_out]
    )
    tp = fp = fn = 0
    for i, codes in zip(held_out, predicted, strict=True):
        truth = sample.labels[i]
        tp += len(codes & truth)
        fp += len(codes - truth)
        fn += len(truth - codes)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def _uncertain(sample: Sample, model: Any, remaining: list[int], batch: int) -> list[int]:
    from mentorqual.tagging.active import suggest

    probabilities = model.predict_proba([sample.texts[i] for i in remaining])
    picks = suggest(
        probabilities,
        [sample.interviews[i] for i in remaining],
        [sample.regions[i] for i in remaining],
        batch,
        thresholds=[model.thresholds[c] for c in sample.codes],
    )
    return [remaining[k] for k in picks]


@dataclass
class Curve:
    """One arm on one seed: F1 and what had been reviewed at each point."""

    f1: dict[int, float] = field(default_factory=dict)
    positives: dict[int, int] = field(default_factory=dict)  # reviewed paragraphs with a code
    interviews: dict[int, int] = field(default_factory=dict)  # reviewed interviews
    failed_fits: int = 0


def simulate(
    sample: Sample,
    start: Sequence[int],
    held_out: Sequence[int],
    points: Sequence[int],
    batch: int,
    loop: bool,
) -> Curve:
    """Review the pool (``start``, in its starting order) ``batch`` at a time up to the
    last point. With ``loop``, retrain after every batch and take the next batch by
    uncertainty; without, keep the starting order (and train only at the points)."""
    curve, reviewed, model = Curve(), [], None
    while len(reviewed) < min(points[-1], len(start)):
        seen = set(reviewed)
        remaining = [i for i in start if i not in seen]
        if loop and model is not None:
            reviewed += _uncertain(sample, model, remaining, batch)
        else:
            reviewed += remaining[:batch]  # no model yet, or a fit failed: the old order
        if not loop and len(reviewed) not in points:
            continue
        trained = fit(sample, reviewed)
        curve.failed_fits += trained is None
        model = trained if trained is not None else model
        if len(reviewed) in points:
            n = len(reviewed)
            curve.f1[n] = micro_f1(model, sample, held_out)
            curve.positives[n] = sum(bool(sample.labels[i]) for i in reviewed)
            curve.interviews[n] = len({sample.interviews[i] for i in reviewed})
    return curve


def run_seed(
    sample: Sample, seed: int, points: Sequence[int], batch: int, fraction: float, arms: list[str]
) -> dict[str, Curve]:
    pool, held_out = hold_out(sample, seed, fraction)
    shuffled = list(pool)
    random.Random(f"mentorqual-learning-curve:order:{seed}").shuffle(shuffled)
    starts = {"uncertainty": (shuffled, True), "random": (shuffled, False), "reading": (pool, True)}
    return {
        arm: simulate(sample, starts[arm][0], held_out, points, batch, starts[arm][1])
        for arm in arms
    }


# -- over the seeds --------------------------------------------------------------------


def _stats(values: Sequence[float]) -> Result:
    return {
        "mean": statistics.fmean(values),
        "std": statistics.stdev(values) if len(values) > 1 else 0.0,
        "min": min(values),
        "max": max(values),
        "seeds": list(values),
    }


def aggregate(curves: list[dict[str, Curve]], points: Sequence[int]) -> Result:
    """Per arm and point: F1 statistics over the seeds, and mean positives reviewed."""
    result: Result = {}
    for arm in curves[0]:
        runs = [c[arm] for c in curves]
        result[arm] = {
            "failed_fits": sum(r.failed_fits for r in runs),
            "points": {
                str(n): {
                    "f1": _stats([r.f1[n] for r in runs]),
                    "positives_reviewed": statistics.fmean(r.positives[n] for r in runs),
                    "interviews_reviewed": statistics.fmean(r.interviews[n] for r in runs),
                }
                for n in points
            },
        }
    return result


# -- running ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="seeds 0..N-1 (default: 5)")
    parser.add_argument("--points", default="50,100,200,400", help="paragraphs reviewed")
    parser.add_argument("--batch", type=int, default=25, help="decisions between retrains")
    parser.add_argument("--holdout", type=float, default=1 / 3, help="interviews held out")
    parser.add_argument("--arms", default=",".join(ARMS), help="of: " + ", ".join(ARMS))
    parser.add_argument("--out", type=Path, default=RESULTS / "learning_curve.json")
    parser.add_argument("--plot", type=Path, default=RESULTS / "learning_curve.png")
    args = parser.parse_args(argv)
    try:
        args.point_list = sorted({int(p) for p in args.points.split(",") if p.strip()})
    except ValueError:
        parser.error(f"--points takes numbers separated by commas, not {args.points!r}")
    args.arm_list = [a.strip() for a in args.arms.split(",") if a.strip()]
    if not args.arm_list or set(args.arm_list) - set(ARMS):
        parser.error(f"--arms takes some of {', '.join(ARMS)}, not {args.arms!r}")
    if args.seeds < 1 or args.batch < 1 or not 0 < args.holdout < 1:
        parser.error("--seeds and --batch must be at least 1, --holdout between 0 and 1")
    if not args.point_list or any(p < 1 or p % args.batch for p in args.point_list):
        parser.error(f"--points must be positive multiples of --batch ({args.batch})")
    return args


def fitted_points(sample: Sample, args: argparse.Namespace) -> tuple[list[int], str]:
    """The points every seed's pool can reach, and a note when some cannot."""
    smallest = min(len(hold_out(sample, s, args.holdout)[0]) for s in range(args.seeds))
    largest = smallest - smallest % args.batch
    points = sorted({min(p, largest) for p in args.point_list})
    if points == args.point_list:
        return points, ""
    return points, (
        f"the smallest pool has {smallest} paragraphs: reporting up to {largest} reviewed "
        f"instead of {args.point_list[-1]}"
    )


def experiment(args: argparse.Namespace) -> Result:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mentorqual-learning-") as tmp:
        sample = load_sample(Path(tmp))
    points, note = fitted_points(sample, args)
    if note:
        print(f"Note: {note}", file=sys.stderr)
    curves = []
    for seed in range(args.seeds):
        print(f"seed {seed} ...", file=sys.stderr, flush=True)
        curves.append(run_seed(sample, seed, points, args.batch, args.holdout, args.arm_list))
    splits = [hold_out(sample, s, args.holdout) for s in range(args.seeds)]
    results: Result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "command": [Path(sys.argv[0]).name, *sys.argv[1:]],
        "oracle": "sample coder A",
        "paragraphs": len(sample.texts),
        "interviews": len(set(sample.interviews)),
        "codes": list(sample.codes),
        "seeds": list(range(args.seeds)),
        "batch": args.batch,
        "holdout": args.holdout,
        "pool_paragraphs": [len(pool) for pool, _ in splits],
        "held_out_paragraphs": [len(held) for _, held in splits],
        "points": points,
        "note": note,
        "arms": aggregate(curves, points),
    }
    results["target"] = verdict(results["arms"], points)
    results["seconds"] = time.perf_counter() - started
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    results = experiment(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    staging = args.out.with_name(args.out.name + ".tmp")
    staging.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    staging.replace(args.out)
    plot(results, args.plot)
    print(markdown(results))
    print(f"\nMicro-F1, mean ± std (min–max) over {args.seeds} seed(s).")
    print(f"Took {results['seconds']:.0f} s. Results: {args.out}; plot: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
