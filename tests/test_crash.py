"""Crash safety: `mentorqual import` and `mentorqual tag` killed with SIGKILL at random
(seeded) points leave a project that opens, passes SQLite's integrity check and holds
either everything the command wrote or nothing of it.

Kill points are drawn relative to a clean run of the same command, watched here: half
at a moment from a quarter of the run to its end, half as soon as the write-ahead log
has grown to a size between empty and the largest it reached (so while the pages of
the transaction are written, or just after the commit). A test fails if fewer than
half of its kills land while the command is still running, so it cannot pass by
killing finished processes.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from .conftest import CODEBOOK, ROOT

pytestmark = pytest.mark.slow

INTERVIEWS = 150  # about 150,000 respondent words: each command runs for 2-3 seconds
TRIALS = 12  # per command
SEED = 9
WAL_HEADER = 32  # bytes; a longer write-ahead log holds pages of a transaction


def command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mentorqual", "--project", str(db), *args]


def mq(db: Path, *args: str) -> None:
    result = subprocess.run(command(db, *args), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


@dataclass(frozen=True)
class Timeline:
    """A clean run: how long it took and how large its write-ahead log grew."""

    seconds: float
    log_bytes: int


def wal_size(db: Path) -> int:
    try:
        return os.stat(f"{db}-wal").st_size
    except FileNotFoundError:
        return 0


def timed(db: Path, *args: str) -> Timeline:
    """Run a command to its end, watching the size of the project's write-ahead log."""
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command(db, *args), stdout=subprocess.DEVNULL)
    try:
        while process.poll() is None:
            peak = max(peak, wal_size(db))
            time.sleep(0.001)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.wait() == 0
    assert peak > WAL_HEADER, "the write-ahead log was never seen holding a page"
    return Timeline(time.perf_counter() - started, peak)


@dataclass
class Tally:
    """Where the kills landed."""

    mid_run: int = 0
    finished: int = 0
    while_writing: int = 0  # the log held pages when the process was killed
    states: dict[str, int] = field(default_factory=dict)

    def summary(self, what: str) -> str:
        return (
            f"{what}: {self.mid_run} kills mid-run ({self.while_writing} with pages in the "
            f"log), {self.finished} after it finished; end states {self.states}"
        )


# A kill point: after so many seconds, or as soon as the log holds so many bytes.
Point = tuple[str, float]


def points(timeline: Timeline, rng: random.Random) -> list[Point]:
    """Kill points: alternately anywhere in the run and while pages are being written."""
    return [
        ("seconds", rng.uniform(0.25, 1.0) * timeline.seconds)
        if trial % 2 == 0
        else ("log bytes", rng.uniform(WAL_HEADER + 1, timeline.log_bytes))
        for trial in range(TRIALS)
    ]


def kill_at(db: Path, point: Point, args: list[str], tally: Tally) -> None:
    """Start the command and SIGKILL it at ``point``, if it still runs by then."""
    kind, value = point
    started = time.perf_counter()
    process = subprocess.Popen(command(db, *args), stdout=subprocess.DEVNULL)
    try:
        if kind == "seconds":
            time.sleep(max(0.0, value - (time.perf_counter() - started)))
        else:
            while process.poll() is None and wal_size(db) < value:
                time.sleep(0.0005)
        if process.poll() is None:
            writing = wal_size(db) > WAL_HEADER
            process.kill()
            if process.wait() == -9:
                tally.mid_run += 1
                tally.while_writing += writing
                return
        assert process.wait() == 0
        tally.finished += 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class State:
    """What a project holds: interviews with their segment counts, rules codings and the
    sha256 of its codebook."""

    segments: dict[str, int]
    rules: frozenset[tuple[int, str, str]]
    codebook: frozenset[str]


def state(db: Path) -> State:
    """Open the project as any SQLite client would, check it and read its state."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        segments = dict(
            con.execute("SELECT interview_id, COUNT(*) FROM segments GROUP BY interview_id")
        )
        interviews = {r[0] for r in con.execute("SELECT id FROM interviews")}
        texts = {r[0] for r in con.execute("SELECT interview_id FROM texts")}
        assert interviews == texts == set(segments)
        rules = frozenset(
            con.execute("SELECT segment_id, code, origin_version FROM codings WHERE coder='rules'")
        )
        codebook = frozenset(r[0] for r in con.execute("SELECT codebook_sha256 FROM codes"))
        return State(segments, rules, codebook)
    finally:
        con.close()


@dataclass(frozen=True)
class Corpus:
    folder: Path
    half: list[Path]  # the transcripts of the project the import trials start from
    old_codebook: Path  # the codebook the tag trials' project was tagged with


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    tmp = tmp_path_factory.mktemp("crash")
    folder = tmp / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(INTERVIEWS)]
        + [str(folder), "--seed", str(SEED)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".docx"))
    assert len(files) == INTERVIEWS
    # The same codes with fewer rules: tagging with the real codebook changes codings.
    book = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))
    for theme in book["themes"]:
        if len(theme.get("rules", [])) > 1:
            del theme["rules"][0]
    old = tmp / "old.yaml"
    old.write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Corpus(folder, files[: INTERVIEWS // 2], old)


def fresh_copy(base: Path, name: str) -> Path:
    assert not Path(f"{base}-wal").exists()
    target = base.with_name(name)
    shutil.copyfile(base, target)
    return target


def test_killed_import_keeps_each_interview_whole(corpus: Corpus) -> None:
    full = corpus.folder.parent / "full.db"
    mq(full, "import", str(corpus.folder))
    complete = state(full).segments
    base = corpus.folder.parent / "half.db"
    mq(base, "import", *map(str, corpus.half))
    before = state(base).segments
    assert len(before) == len(corpus.half) and len(complete) == INTERVIEWS
    assert before == {k: complete[k] for k in before}
    timeline = timed(fresh_copy(base, "import-reference.db"), "import", str(corpus.folder))

    tally = Tally()
    for trial, point in enumerate(points(timeline, random.Random(SEED))):
        db = fresh_copy(base, f"import-{trial}.db")
        kill_at(db, point, ["import", str(corpus.folder)], tally)
        after = state(db).segments
        assert after in (before, complete), f"trial {trial}: a partial import"
        outcome = "imported" if after == complete else "unchanged"
        tally.states[outcome] = tally.states.get(outcome, 0) + 1
    print(tally.summary("import"), f"(clean run {timeline.seconds:.2f} s)")
    assert tally.mid_run >= TRIALS / 2, tally.summary("import")
    assert tally.while_writing >= 1, tally.summary("import")
    # The last killed project takes the next import as if nothing had happened.
    mq(db, "import", str(corpus.folder))
    assert state(db).segments == complete


def test_killed_tagging_keeps_old_or_new_codings(corpus: Corpus) -> None:
    base = corpus.folder.parent / "tag-base.db"
    mq(base, "import", str(corpus.folder))
    mq(base, "tag", "--method", "rules", "--codebook", str(corpus.old_codebook))
    old = state(base)
    args = ["tag", "--method", "rules", "--codebook", str(CODEBOOK)]
    reference = fresh_copy(base, "tag-reference.db")
    timeline = timed(reference, *args)
    new = state(reference)
    assert old.rules and new.rules and old.rules != new.rules
    assert old.codebook != new.codebook and len(new.codebook) == 1

    tally = Tally()
    for trial, point in enumerate(points(timeline, random.Random(SEED + 1))):
        db = fresh_copy(base, f"tag-{trial}.db")
        kill_at(db, point, args, tally)
        after = state(db)
        assert after.segments == old.segments
        assert after.rules in (old.rules, new.rules), f"trial {trial}: a mix of codings"
        # The codebook and the codings it produced change together.
        assert after.codebook == (old.codebook if after.rules == old.rules else new.codebook)
        outcome = "new codings" if after.rules == new.rules else "old codings"
        tally.states[outcome] = tally.states.get(outcome, 0) + 1
    print(tally.summary("tag"), f"(clean run {timeline.seconds:.2f} s)")
    assert tally.mid_run >= TRIALS / 2, tally.summary("tag")
    assert tally.while_writing >= 1, tally.summary("tag")
    # The last killed project takes the next tagging as if nothing had happened.
    mq(db, *args)
    assert state(db).rules == new.rules
