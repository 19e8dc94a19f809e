"""Benchmarks of mentorqual at scale; see benchmarks/README.md.

For each size N it measures, on the first N interviews of one synthetic corpus
(benchmarks/make_corpus.py): the bare spaCy tokenizer (the floor), import, rule
tagging and the reports. Then, once, the theme classifier and the agreement
audit. Every step runs in a fresh Python process, so that its peak memory is
its own.

Usage::

    python benchmarks/run.py --sizes 10,100,1000 [--out FILE.json] [--profile [STEP]]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import os
import platform
import pstats
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import CODEBOOK, ROOT, ensure_corpus, load_manifest, read_codings  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_CORPUS = ROOT / "benchmarks" / "corpus"
SIZE_STEPS = ("tokenizer", "import", "rules", "reports")
ONCE_STEPS = ("classifier", "agreement")
TARGETS = {
    "ratio_rules_vs_tokenizer": 0.33,  # at least
    "pipeline_seconds_1000": 180.0,  # at most
    "peak_rss_mb_1000": 1024.0,  # at most
    "agreement_seconds": 5.0,
    "agreement_bootstrap_seconds": 30.0,
}

Result = dict[str, Any]


# -- measuring, inside a worker process ---------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux, bytes on macOS
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _files(corpus: Path, n: int) -> list[Path]:
    manifest = load_manifest(corpus)
    assert manifest is not None, f"{corpus}: no corpus"
    return [corpus / entry["file"] for entry in manifest["files"][:n]]


def _respondent_texts(corpus: Path, n: int) -> list[tuple[str, str, str]]:
    """(interview, locator, text) of every respondent paragraph of the first n interviews."""
    from mentorqual.importers import read_transcript

    found = []
    for path in _files(corpus, n):
        t = read_transcript(path)
        found += [(t.interview, p.locator, t.paragraph_text(p)) for p in t.respondent_paragraphs]
    return found


def step_tokenizer(cfg: Result) -> Result:
    """The floor: spacy.blank("da") over the respondent texts, after one warm-up pass."""
    import spacy

    texts = [text for _, _, text in _respondent_texts(Path(cfg["corpus"]), cfg["n"])]
    nlp = spacy.blank("da")
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    cold = time.perf_counter() - started
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cold_seconds": cold, "tokens": tokens, "paragraphs": len(texts)}


def step_import(cfg: Result) -> Result:
    """Import the first n interviews into a new project: parsing, sentences, writes."""
    from mentorqual import Project

    db = Path(cfg["db"])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    files = _files(Path(cfg["corpus"]), cfg["n"])
    started = time.perf_counter()
    report = Project(db).import_paths(files)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "words": report.words,
        "paragraphs": report.paragraphs,
        "interviews": len(report.added),
    }


def step_rules(cfg: Result) -> Result:
    """Rule tagging, end to end: a cold run (for the pipeline), then a warm one (throughput)."""
    from mentorqual import Project

    project = Project(cfg["db"])
    started = time.perf_counter()
    project.load_codebook(CODEBOOK)
    codebook_seconds = time.perf_counter() - started
    started = time.perf_counter()
    project.tag_rules(CODEBOOK)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    report = project.tag_rules(CODEBOOK)
    warm = time.perf_counter() - started
    return {
        "seconds": warm,
        "cold_seconds": codebook_seconds + cold,
        "tokens": report.tokens,
        "paragraphs": report.paragraphs,
        "codings": report.kept + len(report.added),
    }


def step_reports(cfg: Result) -> Result:
    """Theme counts (.xlsx) and quote sheets (.docx), as the main job writes them."""
    from mentorqual import Project

    project = Project(cfg["db"])
    out = Path(cfg["out"])
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    project.write_counts(project.counts(), out / "theme_counts_by_region.xlsx")
    quotes = project.quotes(out / "quotes_by_region.docx", pii="allow")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "quotes": len(quotes)}


def _labelled_segments(
    corpus: Path, n: int, wanted: int
) -> tuple[list[str], list[set[str]], list[str], int]:
    """Texts, coder A's codes and interview ids of ``wanted`` respondent paragraphs; a
    corpus with fewer is cycled (the repeats count as other interviews)."""
    coded = read_codings(corpus)["A"]
    found = _respondent_texts(corpus, n)
    texts, labels, groups = [], [], []
    for i in range(wanted):
        interview, locator, text = found[i % len(found)]
        texts.append(text)
        labels.append(set(coded.get((interview, locator), ())))
        groups.append(f"{interview}#{i // len(found)}")
    return texts, labels, groups, min(wanted, len(found))


def step_classifier(cfg: Result) -> Result:
    """ThemeClassifier: fit on the segments, then predict them."""
    from mentorqual.tagging.classifier import ThemeClassifier

    corpus = Path(cfg["corpus"])
    texts, labels, groups, distinct = _labelled_segments(corpus, cfg["n"], cfg["segments"])
    codes = load_manifest(corpus)["codes"]  # type: ignore[index]
    started = time.perf_counter()
    model = ThemeClassifier(codes).fit(texts, labels, groups)
    train = time.perf_counter() - started
    started = time.perf_counter()
    predicted = model.predict(texts)
    predict = time.perf_counter() - started
    return {
        "seconds": train + predict,
        "segments": len(texts),
        "distinct_segments": distinct,
        "train_seconds": train,
        "predict_seconds": predict,
        "predicted_codings": sum(len(p) for p in predicted),
        "skipped_codes": sorted(model.skipped),
    }


def _agreement_data(corpus: Path, n: int, segments: int) -> Result:
    """Units (segment id, interview, region, locator) and each coder's (segment id, code)
    pairs, from the synthetic codings of the first n interviews, cycled up to size."""
    manifest = load_manifest(corpus)
    assert manifest is not None
    base = [
        (e["interview"], e["region"], loc) for e in manifest["files"][:n] for loc in e["respondent"]
    ]
    codings = read_codings(corpus)
    coders, codes = manifest["coders"], manifest["codes"]
    units = []
    coded: dict[str, set[tuple[int, str]]] = {c: set() for c in coders}
    for i in range(segments):
        interview, region, locator = base[i % len(base)]
        units.append((i, f"{interview}#{i // len(base)}", region, locator))
        for c in coders:
            coded[c].update((i, code) for code in codings[c].get((interview, locator), ()))
    return {"units": units, "coders": coders, "codes": codes, "coded": coded}


def _time_audit(data: Result, n_boot: int) -> tuple[float, float, dict[str, float]]:
    """``mentorqual.agreement.audit`` without and with the bootstrap, after a warm-up."""
    from mentorqual.agreement import AuditUnit, audit

    units = [
        AuditUnit(i, interview, region, loc, "") for i, interview, region, loc in data["units"]
    ]
    coders, codes, coded = data["coders"], data["codes"], data["coded"]
    assessed = {c: {u.segment for u in units} for c in coders}

    def run(bootstrap: bool) -> Any:
        return audit(units, coders, assessed, coded, codes, n_boot=n_boot, bootstrap=bootstrap)

    run(False)
    started = time.perf_counter()
    result = run(False)
    plain = time.perf_counter() - started
    started = time.perf_counter()
    run(True)
    boot = time.perf_counter() - started
    return plain, boot, {a.code: a.alpha for a in result.per_code}


def agreement_report(matrices: dict[str, Any], n_boot: int | None) -> dict[str, dict[str, Any]]:
    """Per code: Krippendorff's alpha (with a bootstrap interval if ``n_boot``), Fleiss'
    kappa, Gwet's AC1, percent agreement and Cohen's kappa of each pair of coders."""
    from mentorqual import agreement as ag

    report: dict[str, dict[str, Any]] = {}
    for code, m in matrices.items():
        ones = m.sum(axis=1)
        zeros = m.shape[1] - ones
        row: dict[str, Any] = {
            "alpha": ag.binary_alpha_counts(ones, zeros),
            "fleiss_kappa": ag.fleiss_kappa(m, [0, 1]),
            "gwet_ac1": ag.gwet_ac1(m, [0, 1]),
            "percent": ag.percent_agreement(m, [0, 1]),
            "cohen_kappa": [
                ag.cohen_kappa(m[:, i], m[:, j], [0, 1])
                for i in range(m.shape[1])
                for j in range(i + 1, m.shape[1])
            ],
        }
        if n_boot:
            row["alpha_ci"] = ag.alpha_bootstrap_ci_counts(ones, zeros, n_boot=n_boot, seed=0)
        report[code] = row
    return report


def _time_statistics(data: Result, n_boot: int) -> tuple[float, float, dict[str, float]]:
    """The same figures from `mentorqual.agreement` directly, on 0/1 matrices."""
    import numpy as np

    coders = data["coders"]
    matrices = {}
    for code in data["codes"]:
        m = np.zeros((len(data["units"]), len(coders)), dtype=np.int8)
        for k, c in enumerate(coders):
            m[[i for i, found in data["coded"][c] if found == code], k] = 1
        matrices[code] = m
    agreement_report(matrices, None)
    started = time.perf_counter()
    report = agreement_report(matrices, None)
    plain = time.perf_counter() - started
    started = time.perf_counter()
    agreement_report(matrices, n_boot)
    boot = time.perf_counter() - started
    return plain, boot, {code: row["alpha"] for code, row in report.items()}


def step_agreement(cfg: Result) -> Result:
    """The agreement report over 3 coders x segments x codes, without and with bootstrap:
    ``mentorqual.agreement.audit`` if it is there and works, else the statistics it uses."""
    data = _agreement_data(Path(cfg["corpus"]), cfg["n"], cfg["segments"])
    result: Result = {}
    try:
        plain, boot, alphas = _time_audit(data, cfg["n_boot"])
        result["method"] = "mentorqual.agreement.audit"
    except Exception as exc:  # not there yet, or broken: measure the statistics instead
        plain, boot, alphas = _time_statistics(data, cfg["n_boot"])
        result["method"] = "mentorqual.agreement statistics"
        result["audit_error"] = f"{type(exc).__name__}: {exc}"
    return {
        **result,
        "seconds": plain,
        "bootstrap_seconds": boot,
        "segments": len(data["units"]),
        "coders": len(data["coders"]),
        "codes": len(data["codes"]),
        "n_boot": cfg["n_boot"],
        "alpha": {code: round(alpha, 4) for code, alpha in alphas.items()},
    }


STEPS: dict[str, Callable[[Result], Result]] = {
    "tokenizer": step_tokenizer,
    "import": step_import,
    "rules": step_rules,
    "reports": step_reports,
    "classifier": step_classifier,
    "agreement": step_agreement,
}


def worker(step: str, cfg: Result) -> None:
    """Run one step in this (fresh) process and write its result as JSON."""
    if cfg.get("profile"):
        profiler = cProfile.Profile()
        result = profiler.runcall(STEPS[step], cfg)
        profiler.dump_stats(cfg["profile"])
    else:
        result = STEPS[step](cfg)
    result["peak_rss_mb"] = peak_rss_mb()
    Path(cfg["result"]).write_text(json.dumps(result), encoding="utf-8")


# -- orchestrating, in the parent process -------------------------------------------


def run_step(step: str, cfg: Result, workdir: Path) -> Result:
    """Run ``step`` in a fresh interpreter; return its result plus its wall time."""
    result_path = workdir / f"{step}-{cfg.get('n', 0)}-result.json"
    result_path.unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", step]
    started = time.perf_counter()
    subprocess.run(
        [*command, "--config", json.dumps({**cfg, "result": str(result_path)})], check=True
    )
    result: Result = json.loads(result_path.read_text(encoding="utf-8"))
    result["wall_seconds"] = time.perf_counter() - started
    return result


def _size_paths(n: int, workdir: Path) -> dict[str, str]:
    return {"db": str(workdir / f"bench-{n}.db"), "out": str(workdir / f"reports-{n}")}


def slowest_step(results: Result) -> str:
    """The step that took longest at the largest N (or the classifier or agreement)."""
    largest = results["sizes"][max(results["sizes"], key=int)]
    timed = {s: largest["steps"][s]["seconds"] for s in SIZE_STEPS}
    timed.update({s: results[s]["seconds"] for s in ONCE_STEPS})
    return max(timed, key=lambda s: timed[s])


def measure_size(n: int, corpus: Path, workdir: Path) -> Result:
    cfg = {"corpus": str(corpus), "n": n, **_size_paths(n, workdir)}
    steps: dict[str, Result] = {}
    for step in SIZE_STEPS:
        print(f"[N={n}] {step} ...", file=sys.stderr, flush=True)
        steps[step] = run_step(step, cfg, workdir)
    tok, imp, rules, rep = (steps[s] for s in SIZE_STEPS)
    tokenizer_rate = tok["tokens"] / tok["seconds"]
    rules_rate = rules["tokens"] / rules["seconds"]
    return {
        "interviews": imp["interviews"],
        "respondent_paragraphs": imp["paragraphs"],
        "respondent_words": imp["words"],
        "tokens": tok["tokens"],
        "tokenizer_tokens_per_s": tokenizer_rate,
        "tokenizer_cold_tokens_per_s": tok["tokens"] / tok["cold_seconds"],
        "import_words_per_s": imp["words"] / imp["seconds"],
        "rules_tokens_per_s": rules_rate,
        "ratio_rules_vs_tokenizer": rules_rate / tokenizer_rate,
        "import_seconds": imp["seconds"],
        "rules_seconds": rules["cold_seconds"],
        "reports_seconds": rep["seconds"],
        "pipeline_seconds": imp["seconds"] + rules["cold_seconds"] + rep["seconds"],
        "peak_rss_mb": max(s["peak_rss_mb"] for s in steps.values()),
        "steps": steps,
    }


def _target(what: str, wanted: str, measured: str, met: bool) -> Result:
    return {"what": what, "target": wanted, "measured": measured, "met": met}


def check_targets(results: Result) -> list[Result]:
    """The targets that apply to these results, each with what was measured."""
    sizes = results["sizes"]
    largest = max(sizes, key=int)
    ratio = sizes[largest]["ratio_rules_vs_tokenizer"]
    wanted = TARGETS["ratio_rules_vs_tokenizer"]
    rows = [
        _target(
            f"rule tagging vs bare tokenizer (N={largest})",
            f">= {wanted}x",
            f"{ratio:.2f}x",
            ratio >= wanted,
        )
    ]
    if "1000" in sizes:
        big = sizes["1000"]
        seconds, rss = TARGETS["pipeline_seconds_1000"], TARGETS["peak_rss_mb_1000"]
        rows += [
            _target(
                "import + tagging + reports, N=1000",
                f"< {seconds:.0f} s",
                f"{big['pipeline_seconds']:.1f} s",
                big["pipeline_seconds"] < seconds,
            ),
            _target(
                "peak RSS, N=1000",
                f"< {rss:.0f} MB",
                f"{big['peak_rss_mb']:.0f} MB",
                big["peak_rss_mb"] < rss,
            ),
        ]
        if "100" in sizes:
            growth = big["peak_rss_mb"] / sizes["100"]["peak_rss_mb"]
            rows.append(
                _target("peak RSS growth, N=100 to 1000", "< 10x", f"{growth:.2f}x", growth < 10)
            )
    agreement = results["agreement"]
    for key, label in (("seconds", "without"), ("bootstrap_seconds", "with")):
        limit = TARGETS[f"agreement_{key}"]
        rows.append(
            _target(
                f"agreement report {label} bootstrap",
                f"< {limit:.0f} s",
                f"{agreement[key]:.2f} s",
                agreement[key] < limit,
            )
        )
    return rows


def markdown(results: Result) -> str:
    """The results as a markdown table plus summary lines."""
    header = (
        "| N | respondent words | tokens | tokenizer tok/s | import words/s | rules tok/s "
        "| rules / tokenizer | pipeline s | peak RSS MB |"
    )
    lines = [header, "|" + "---|" * 9]
    for n, r in sorted(results["sizes"].items(), key=lambda item: int(item[0])):
        lines.append(
            f"| {int(n):,} | {r['respondent_words']:,} | {r['tokens']:,} "
            f"| {r['tokenizer_tokens_per_s']:,.0f} | {r['import_words_per_s']:,.0f} "
            f"| {r['rules_tokens_per_s']:,.0f} | {r['ratio_rules_vs_tokenizer']:.2f}x "
            f"| {r['pipeline_seconds']:.1f} | {r['peak_rss_mb']:.0f} |"
        )
    ratios = ", ".join(
        f"{r['ratio_rules_vs_tokenizer']:.2f}x at N={int(n):,}"
        for n, r in sorted(results["sizes"].items(), key=lambda item: int(item[0]))
    )
    c, a = results["classifier"], results["agreement"]
    lines += [
        "",
        f"Rule tagging / bare tokenizer: {ratios} "
        f"(target >= {TARGETS['ratio_rules_vs_tokenizer']}x)",
        "",
        f"Classifier: training on {c['segments']:,} segments {c['train_seconds_20k']:.1f} s; "
        f"prediction {c['predict_segments_per_s']:,.0f} segments/s; "
        f"peak RSS {c['peak_rss_mb']:.0f} MB",
        f"Agreement ({a['method']}; {a['coders']} coders x {a['segments']:,} segments x "
        f"{a['codes']} codes): {a['seconds']:.2f} s without bootstrap, "
        f"{a['bootstrap_seconds']:.2f} s with {a['n_boot']:,} resamples; "
        f"peak RSS {a['peak_rss_mb']:.0f} MB",
        "",
        "| target | wanted | measured | met |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {t['what']} | {t['target']} | {t['measured']} | {'yes' if t['met'] else 'NO'} |"
        for t in results["targets"]
    ]
    return "\n".join(lines)


def profile(step: str, cfg: Result, workdir: Path, path: Path, top: int = 25) -> str:
    """Run ``step`` again under cProfile; save the stats and return the top entries."""
    run_step(step, {**cfg, "profile": str(path)}, workdir)
    lines = []
    for key in ("cumulative", "tottime"):
        text = _StatsText()
        pstats.Stats(str(path), stream=text).sort_stats(key).print_stats(top)  # type: ignore[arg-type]
        lines.append(f"## {step}: top {top} by {key}\n{text.value}")
    return "\n".join(lines)


class _StatsText:
    def __init__(self) -> None:
        self.value = ""

    def write(self, text: str) -> None:
        self.value += text


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    return {p: version(p) for p in ("mentorqual", "spacy", "scikit-learn", "numpy")}


def default_out() -> Path:
    host = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in socket.gethostname())
    return RESULTS / f"{datetime.now():%Y-%m-%d}-{host or 'host'}.json"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10,100,1000", help="interview counts (default: %(default)s)"
    )
    parser.add_argument(
        "--out", type=Path, help="JSON file (default: benchmarks/results/<date>-<host>.json)"
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (made if needed)"
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: %(default)s)")
    parser.add_argument(
        "--workdir", type=Path, help="keep the project files here (default: a temp dir)"
    )
    parser.add_argument("--classifier-segments", type=int, default=20_000)
    parser.add_argument("--agreement-segments", type=int, default=100_000)
    parser.add_argument("--bootstrap-resamples", type=int, default=1000)
    parser.add_argument(
        "--profile",
        nargs="?",
        const="slowest",
        choices=("slowest", *SIZE_STEPS, *ONCE_STEPS),
        help="afterwards, profile a step (default: the slowest) at the largest N with cProfile",
    )
    parser.add_argument("--worker", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--config", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        args.size_list = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--sizes takes numbers separated by commas, not {args.sizes!r}")
    if not args.size_list or min(args.size_list) < 1:
        parser.error("--sizes needs at least one size of 1 or more")
    for name in ("classifier_segments", "agreement_segments", "bootstrap_resamples"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def benchmark(args: argparse.Namespace, workdir: Path) -> tuple[Result, str]:
    largest = max(args.size_list)
    print(f"corpus: {args.corpus} ({largest} interviews, seed {args.seed}) ...", file=sys.stderr)
    manifest = ensure_corpus(args.corpus, largest, args.seed)
    results: Result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "versions": _versions(),
        "command": [Path(sys.argv[0]).name, *sys.argv[1:]],
        "corpus": {
            "path": str(args.corpus),
            "seed": manifest["seed"],
            "interviews": manifest["interviews"],
            "generator_sha256": manifest["generator_sha256"],
        },
        "sizes": {str(n): measure_size(n, args.corpus, workdir) for n in args.size_list},
    }
    once = {"corpus": str(args.corpus), "n": largest}
    print("classifier ...", file=sys.stderr, flush=True)
    classifier_cfg = {**once, "segments": args.classifier_segments}
    classifier = run_step("classifier", classifier_cfg, workdir)
    classifier["train_seconds_20k"] = classifier["train_seconds"]
    classifier["predict_segments_per_s"] = classifier["segments"] / classifier["predict_seconds"]
    results["classifier"] = classifier
    print("agreement ...", file=sys.stderr, flush=True)
    agreement_cfg = {
        **once,
        "segments": args.agreement_segments,
        "n_boot": args.bootstrap_resamples,
    }
    results["agreement"] = run_step("agreement", agreement_cfg, workdir)
    results["targets"] = check_targets(results)
    profiled = ""
    if args.profile:
        cfgs = {
            **{s: {**once, **_size_paths(largest, workdir)} for s in SIZE_STEPS},
            "classifier": classifier_cfg,
            "agreement": agreement_cfg,
        }
        step = args.profile if args.profile != "slowest" else slowest_step(results)
        print(f"profiling {step} at N={largest} ...", file=sys.stderr, flush=True)
        results["profile"] = {"step": step, "n": largest}
        profiled = profile(step, cfgs[step], workdir, args.out.with_suffix(f".{step}.prof"))
    return results, profiled


def check_finite(value: Any, where: str = "") -> None:
    """Fail loudly on a NaN or infinite number anywhere in the results."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_finite(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            check_finite(item, f"{where}[{i}]")
    elif isinstance(value, float) and not math.isfinite(value):
        raise SystemExit(f"Error: {where} is {value}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        worker(args.worker, json.loads(args.config))
        return 0
    args.out = (args.out or default_out()).resolve()
    args.corpus = args.corpus.resolve()
    try:
        if args.workdir:
            args.workdir.mkdir(parents=True, exist_ok=True)
            results, profiled = benchmark(args, args.workdir.resolve())
        else:
            with tempfile.TemporaryDirectory(prefix="mentorqual-bench-") as tmp:
                results, profiled = benchmark(args, Path(tmp))
    except subprocess.CalledProcessError as exc:
        step = exc.cmd[exc.cmd.index("--worker") + 1]
        print(f"Error: the {step} step failed (exit status {exc.returncode})", file=sys.stderr)
        return 1
    check_finite(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    staging = args.out.with_name(args.out.name + ".tmp")
    staging.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    staging.replace(args.out)
    print(markdown(results))
    print(f"\nResults: {args.out}")
    if profiled:
        print(f"\n{profiled}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
