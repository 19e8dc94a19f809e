"""The guard meets its targets on the probe corpus (benchmarks/pii_probe/planted.yaml):
recall of at least 95% overall and 90% per kind, and no false alarm in its clean
sentences. benchmarks/pii_eval.py prints the same figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from mentorqual.pii import TAGS, PiiGuard

from .conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"


@pytest.fixture(scope="module")
def pii_eval() -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("pii_eval", BENCHMARKS / "pii_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pii_eval"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_probe_is_large_and_covers_every_kind(pii_eval: ModuleType) -> None:
    sentences, planted, clean = pii_eval.load_probe(pii_eval.PROBE)
    assert len(planted) >= 100 and len(clean) >= 100
    assert {p.kind for p in planted} == set(TAGS)


def test_the_guard_meets_its_targets_on_the_probe(pii_eval: ModuleType) -> None:
    score = pii_eval.score_probe(PiiGuard(), Path(pii_eval.PROBE))
    assert score.alarms == []
    assert score.recall() >= 0.95, score.misses
    for kind in score.total:
        assert score.recall(kind) >= 0.90, (kind, score.misses)
