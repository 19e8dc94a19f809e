"""How well the personal-data guard finds what it should, and how fast.

Prints, for the probe in benchmarks/pii_probe/planted.yaml: the recall per kind and
overall (a planted identifier is found when one hit with the same redaction tag covers
all of it), and the false alarms in its clean sentences. Then the findings in the sample
corpus (transcripts/, which holds no personal data), and the guard's time over every
paragraph of the benchmark corpus (benchmarks/make_corpus.py), the Danish word list's
first load included.

Usage::

    python benchmarks/pii_eval.py [--probe FILE] [--corpus DIR] [--size N] [--no-speed]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import ROOT, ensure_corpus, load_manifest  # noqa: E402

from mentorqual.importers import find_transcripts, read_codings_csv, read_transcript  # noqa: E402
from mentorqual.pii import TAGS, PiiGuard, PiiHit  # noqa: E402

PROBE = ROOT / "benchmarks" / "pii_probe" / "planted.yaml"
SAMPLE = ROOT / "transcripts"
CORPUS = ROOT / "benchmarks" / "corpus"
TARGET_OVERALL = 0.95
TARGET_PER_KIND = 0.90


@dataclass(frozen=True)
class Planted:
    """One planted identifier: its kind and where it is in its sentence."""

    sentence: int
    kind: str
    start: int
    end: int
    text: str


def load_probe(path: Path) -> tuple[list[str], list[Planted], list[str]]:
    """The planted sentences, their identifiers, and the clean sentences."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    sentences: list[str] = []
    planted: list[Planted] = []
    for item in data["planted"]:
        text = item["text"]
        position = 0
        for kind, value in item["pii"]:
            if kind not in TAGS:
                raise ValueError(f"{path}: unknown kind {kind!r} in {text!r}")
            start = text.find(str(value), position)
            if start < 0:
                raise ValueError(f"{path}: {value!r} is not in {text!r} (in order)")
            position = start + len(str(value))
            planted.append(Planted(len(sentences), kind, start, position, str(value)))
        sentences.append(text)
    return sentences, planted, list(data["clean"])


def found(planted: Planted, hits: list[PiiHit]) -> PiiHit | None:
    """The hit with the planted identifier's tag that covers all of it, if any."""
    for hit in hits:
        if hit.start <= planted.start and planted.end <= hit.end:
            return hit if TAGS[hit.kind] == TAGS[planted.kind] else None  # type: ignore[index]
    return None


@dataclass
class ProbeScore:
    """Found and planted identifiers per kind, the misses and the false alarms."""

    total: Counter[str]
    found: Counter[str]
    misses: list[str]
    extra: list[str]  # hits in planted sentences away from every planted identifier
    alarms: list[str]  # hits in clean sentences
    sentences: int
    clean: int

    def recall(self, kind: str | None = None) -> float:
        if kind is None:
            return sum(self.found.values()) / sum(self.total.values())
        return self.found[kind] / self.total[kind]

    @property
    def met(self) -> bool:
        per_kind = all(self.recall(k) >= TARGET_PER_KIND for k in self.total)
        return per_kind and self.recall() >= TARGET_OVERALL and not self.alarms


def score_probe(guard: PiiGuard, path: Path) -> ProbeScore:
    """Score the guard on the probe file."""
    sentences, planted, clean = load_probe(path)
    hits = [guard.scan(s) for s in sentences]
    score = ProbeScore(Counter(), Counter(), [], [], [], len(sentences), len(clean))
    for p in planted:
        score.total[p.kind] += 1
        if found(p, hits[p.sentence]) is not None:
            score.found[p.kind] += 1
        else:
            score.misses.append(f"  missed {p.kind} {p.text!r} in {sentences[p.sentence]!r}")
    score.extra = [
        f"  extra {h.kind} {h.text!r} in {s!r}"
        for i, s in enumerate(sentences)
        for h in hits[i]
        if not any(p.sentence == i and h.start < p.end and p.start < h.end for p in planted)
    ]
    score.alarms = [f"  {h.kind} {h.text!r} in {s!r}" for s in clean for h in guard.scan(s)]
    return score


def evaluate_probe(guard: PiiGuard, path: Path) -> bool:
    score = score_probe(guard, path)
    planted = sum(score.total.values())
    print(f"Probe: {planted} planted identifiers in {score.sentences} sentences ({path})")
    print(f"{'kind':<14}{'found':>7}{'of':>5}{'recall':>9}")
    for kind in TAGS:
        if score.total[kind]:
            recall = score.recall(kind)
            print(f"{kind:<14}{score.found[kind]:>7}{score.total[kind]:>5}{recall:>9.1%}")
    found_ = sum(score.found.values())
    print(f"{'overall':<14}{found_:>7}{planted:>5}{score.recall():>9.1%}")
    print(*score.misses, sep="\n") if score.misses else None
    print(f"Extra hits in the planted sentences: {len(score.extra)}", *score.extra, sep="\n")
    print(f"False alarms in {score.clean} clean sentences: {len(score.alarms)}")
    print(*score.alarms, sep="\n") if score.alarms else None
    return score.met


def evaluate_sample(guard: PiiGuard, folder: Path) -> bool:
    """Findings in the sample corpus, scanned as tests/test_pii.py scans it."""
    found_: list[str] = []
    transcripts = [read_transcript(p) for p in find_transcripts([folder])]
    for t in transcripts:
        for text in [t.text] + [t.paragraph_text(p) for p in t.paragraphs]:
            found_ += [f"  {t.interview}: {h.kind} {h.text!r}" for h in guard.scan(text)]
    for path in sorted((folder / "codings").glob("*.csv")):
        rows = read_codings_csv(path)
        found_ += [f"  {path.name} row {r.row}: {h}" for r in rows for h in guard.scan(r.segment)]
    print(f"Findings in the sample corpus ({len(transcripts)} transcripts): {len(found_)}")
    print(*found_, sep="\n") if found_ else None
    return not found_


def measure_speed(corpus: Path, size: int) -> None:
    """The guard over every paragraph of the benchmark corpus: first (cold) and warm."""
    if load_manifest(corpus) is None or len(load_manifest(corpus)["files"]) < size:  # type: ignore[index]
        ensure_corpus(corpus, size)
    files = find_transcripts([corpus])[:size]
    texts = []
    for path in files:
        t = read_transcript(path)
        texts += [t.paragraph_text(p) for p in t.paragraphs]
    started = time.perf_counter()
    guard = PiiGuard()
    cold_hits = sum(len(guard.scan(text)) for text in texts)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    sum(len(guard.scan(text)) for text in texts)
    warm = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    print(
        f"Speed: {len(files)} interviews, {len(texts)} paragraphs, {words} words: "
        f"{cold:.2f} s cold (word list loaded), {warm:.2f} s warm; {cold_hits} findings"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--probe", type=Path, default=PROBE)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--size", type=int, default=1000, help="interviews to scan for speed")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = parser.parse_args()
    guard = PiiGuard()
    ok = evaluate_probe(guard, args.probe)
    ok &= evaluate_sample(guard, args.sample)
    if not args.no_speed:
        measure_speed(args.corpus, args.size)
    print("Targets met." if ok else "Targets NOT met.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
