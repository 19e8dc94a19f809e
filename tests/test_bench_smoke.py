"""The benchmarks keep working: the corpus generator, and benchmarks/run.py end to end at N=5.

No timing is asserted; the numbers only have to be there, positive and finite.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from mentorqual import Project
from mentorqual.importers import read_transcript

from .conftest import CODEBOOK, ROOT

BENCHMARKS = ROOT / "benchmarks"
SIZE_KEYS = (
    "tokenizer_tokens_per_s",
    "import_words_per_s",
    "rules_tokens_per_s",
    "ratio_rules_vs_tokenizer",
    "pipeline_seconds",
    "peak_rss_mb",
)


def _load(name: str, path: Path) -> ModuleType:
    """Import a benchmarks/ script as a module (it is not in a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def make_corpus() -> ModuleType:
    return _load("make_corpus", BENCHMARKS / "make_corpus.py")


@pytest.fixture(scope="module")
def corpus(make_corpus: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten interviews: nine .txt and one .docx."""
    out = tmp_path_factory.mktemp("corpus") / "corpus"
    make_corpus.make_corpus(out, 10, seed=3)
    return out


def test_corpus_is_deterministic(make_corpus: ModuleType, corpus: Path, tmp_path: Path) -> None:
    again = make_corpus.make_corpus(tmp_path / "again", 10, seed=3)
    files = sorted(p.relative_to(corpus) for p in corpus.rglob("*") if p.is_file())
    assert [e["file"] for e in again["files"]][-1].endswith(".docx")
    for name in files:
        assert (corpus / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_corpus_interviews_and_locators(make_corpus: ModuleType, corpus: Path) -> None:
    manifest = make_corpus.load_manifest(corpus)
    codings = make_corpus.read_codings(corpus)
    assert sorted(codings) == ["A", "B", "C"]
    for entry in manifest["files"]:
        transcript = read_transcript(corpus / entry["file"])
        assert transcript.interview == entry["interview"]
        assert transcript.region == entry["region"]
        assert [p.locator for p in transcript.respondent_paragraphs] == entry["respondent"]
        assert 1000 <= entry["respondent_words"] < 2000
    located = {(i, loc) for coded in codings.values() for i, loc in coded}
    respondent = {(e["interview"], loc) for e in manifest["files"] for loc in e["respondent"]}
    assert located and located <= respondent


def test_corpus_imports_with_its_codings(corpus: Path, tmp_path: Path) -> None:
    project = Project(tmp_path / "bench.db")
    report = project.import_paths([corpus])
    assert len(report.added) == 10 and not report.warnings
    project.load_codebook(CODEBOOK)
    for coder in ("A", "B", "C"):
        added, removed, interviews = project.import_codings(
            corpus / "codings" / f"coder_{coder}.csv"
        ).coders[coder]
        assert added > 0 and removed == 0 and interviews == 10


def test_audit_and_statistics_agree(corpus: Path) -> None:
    pytest.importorskip("mentorqual.agreement")
    _load("make_corpus", BENCHMARKS / "make_corpus.py")
    run = _load("mentorqual_bench_run", BENCHMARKS / "run.py")
    data = run._agreement_data(corpus, 10, 600)
    assert len(data["units"]) == 600 and sorted(data["coded"]) == ["A", "B", "C"]
    *_, audited = run._time_audit(data, 50)
    *_, computed = run._time_statistics(data, 50)
    assert audited.keys() == computed.keys()
    for code, alpha in audited.items():
        assert alpha == pytest.approx(computed[code]), code


def _numbers(value: Any, where: str = "") -> Iterator[tuple[str, float]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _numbers(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _numbers(item, f"{where}[{i}]")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield where, value


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    tmp = tmp_path_factory.mktemp("bench")
    return _script(tmp, "run.py", "--sizes", "5", "--corpus", str(tmp / "corpus"),
                   "--classifier-segments", "500", "--agreement-segments", "2000",
                   "--bootstrap-resamples", "200")  # fmt: skip


@pytest.mark.slow
def test_bench_json_structure(bench: tuple[dict[str, Any], str]) -> None:
    results, _ = bench
    assert list(results["sizes"]) == ["5"]
    size = results["sizes"]["5"]
    assert size["interviews"] == 5
    for key in SIZE_KEYS:
        assert size[key] > 0, key
    assert set(size["steps"]) == {"tokenizer", "import", "rules", "reports"}
    classifier, agreement = results["classifier"], results["agreement"]
    assert classifier["segments"] == 500
    assert classifier["train_seconds_20k"] > 0 and classifier["predict_segments_per_s"] > 0
    assert (agreement["coders"], agreement["segments"], agreement["codes"]) == (3, 2000, 5)
    assert agreement["seconds"] > 0 and agreement["bootstrap_seconds"] > 0
    assert all(0 < alpha <= 1 for alpha in agreement["alpha"].values())
    assert {t["what"] for t in results["targets"]} >= {
        "rule tagging vs bare tokenizer (N=5)",
        "agreement report without bootstrap",
        "agreement report with bootstrap",
    }


@pytest.mark.slow
def test_bench_numbers_are_positive_and_finite(bench: tuple[dict[str, Any], str]) -> None:
    results, _ = bench
    found = dict(_numbers(results))
    found.pop(".corpus.seed")
    assert len(found) > 40
    bad = {where: n for where, n in found.items() if not (math.isfinite(n) and n > 0)}
    assert not bad


@pytest.mark.slow
def test_bench_prints_the_table(bench: tuple[dict[str, Any], str]) -> None:
    _, printed = bench
    assert "| N | respondent words | tokens | tokenizer tok/s" in printed
    assert "Rule tagging / bare tokenizer: " in printed
    assert "Results: " in printed


# -- the workbench's server time and the review loop's learning curve ------------------


def _script(tmp: Path, name: str, *args: str) -> tuple[dict[str, Any], str]:
    """Run benchmarks/<name> with ``args`` and ``--out``; its JSON and what it printed."""
    out = tmp / "results.json"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args, "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8")), done.stdout


@pytest.mark.slow
def test_workbench_bench_measures_every_request(tmp_path: Path) -> None:
    results, printed = _script(tmp_path, "workbench.py", "--requests", "3", "--warmup", "1")
    project = results["project"]
    assert (project["paragraphs"], project["codings"]) == (200, 500)
    assert set(project["codings_by_coder"]) == {"A", "B", "rules"}
    assert set(results["requests"]) == {"page", "data", "post", "reload", "post_reload", "delete"}
    for kind, r in results["requests"].items():
        assert r["n"] == 3, kind
        assert 0 < r["min_ms"] <= r["median_ms"] <= r["p95_ms"] <= r["max_ms"], kind
        assert 0 <= r["cpu_median_ms"] <= r["max_ms"] + 1, kind  # one thread: CPU <= wall
    post, reload, both = (results["requests"][k] for k in ("post", "reload", "post_reload"))
    assert both["min_ms"] >= post["min_ms"] + reload["min_ms"] - 1e-9
    assert {t["target"] for t in results["targets"]} == {"p95 < 200 ms", "p95 < 50 ms"}
    assert "| request | median ms | p95 ms | CPU median ms | target (p95) | met |" in printed


@pytest.fixture(scope="module")
def learning_curve() -> ModuleType:
    _load("make_corpus", BENCHMARKS / "make_corpus.py")
    return _load("mentorqual_learning_curve", BENCHMARKS / "learning_curve.py")


def test_held_out_interviews_are_whole_and_from_every_region(learning_curve: ModuleType) -> None:
    interviews = [f"{r}{n}" for r in ("NJ", "SD", "HS") for n in range(6) for _ in range(3)]
    sample = learning_curve.Sample(
        ("kurser",),
        ["Mentorkurset var godt."] * len(interviews),
        [frozenset()] * len(interviews),
        interviews,
        [i[:2] for i in interviews],
    )
    splits = [learning_curve.hold_out(sample, seed, 1 / 3) for seed in range(4)]
    for pool, held in splits:
        assert sorted(pool + held) == list(range(len(interviews)))
        kept, out = {interviews[i] for i in pool}, {interviews[i] for i in held}
        assert not kept & out and len(out) == 6
        assert sorted(i[:2] for i in out) == ["HS", "HS", "NJ", "NJ", "SD", "SD"]
    assert len({tuple(held) for _, held in splits}) > 1  # the seed picks them
    assert splits[0] == learning_curve.hold_out(sample, 0, 1 / 3)


@pytest.mark.slow
def test_learning_curve_runs_every_arm(tmp_path: Path) -> None:
    plot = tmp_path / "curve.png"
    args = ("--seeds", "1", "--points", "25,50", "--plot", str(plot))
    results, printed = _script(tmp_path, "learning_curve.py", *args)
    assert results["points"] == [25, 50] and results["seeds"] == [0]
    assert set(results["arms"]) == {"uncertainty", "random", "reading"}
    for arm, data in results["arms"].items():
        for n in ("25", "50"):
            f1 = data["points"][n]["f1"]
            assert 0 <= f1["min"] <= f1["mean"] <= f1["max"] <= 1, (arm, n)
            assert 0 <= data["points"][n]["positives_reviewed"] <= int(n)
    first = {arm: data["points"]["25"] for arm, data in results["arms"].items()}
    assert first["uncertainty"] == first["random"]  # the same random first batch
    checks = [(t["arm"], t["reviewed"]) for t in results["target"]]
    assert checks == [("uncertainty", 25), ("uncertainty", 50), ("reading", 25), ("reading", 50)]
    assert results["target"][0]["difference"] == 0 and results["target"][0]["met"]
    assert plot.read_bytes().startswith(b"\x89PNG")
    assert "| arm | 25 reviewed | 50 reviewed |" in printed and "Took " in printed
