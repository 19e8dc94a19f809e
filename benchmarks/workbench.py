"""Server time of the browser workbench on a large interview; see benchmarks/README.md.

Builds a project with one interview of 200 paragraphs (fictional Danish: the sample
corpus's questions and answers, recombined) and 500 codings: the codebook's rule
codings (coder ``rules``) plus passages coded by two human coders, A and B. Then,
with Flask's test client (in-process, no network, no browser), it times:

- ``GET /interviews/<id>``: the page;
- ``GET /api/interviews/<id>``: its data, which the page's script fetches;
- ``POST /api/codings``: coding a passage, as coder A;
- the page's reload of ``/api/interviews/<id>`` after that POST (the page does this to
  show the new highlight), alone and added to the POST;
- ``DELETE /api/codings/<id>``: removing the passage again, so every round starts
  from the same 500 codings.

Each after a warm-up; median and 95th percentile over ``--requests`` requests.

Usage::

    python benchmarks/workbench.py [--requests 50] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import _LABEL_LIKE, CODEBOOK, ROOT, SOURCE  # noqa: E402

from mentorqual import Project  # noqa: E402
from mentorqual.importers import find_transcripts, read_transcript  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
INTERVIEW = "WB001"
PARAGRAPHS = 200
CODINGS = 500
HUMANS = ("A", "B")
PAGE_MS = 200.0  # the page, and its data, at most (95th percentile)
ROUND_TRIP_MS = 50.0  # one coding request, at most (95th percentile)
BASE_URL = "http://localhost/"

Result = dict[str, Any]


# -- the project ---------------------------------------------------------------------


def sample_paragraphs(source: Path = SOURCE) -> tuple[list[str], list[str]]:
    """The sample corpus's interviewer and respondent paragraphs."""
    questions: list[str] = []
    answers: list[str] = []
    for path in find_transcripts([source]):
        transcript = read_transcript(path)
        for p in transcript.paragraphs:
            text = transcript.paragraph_text(p).strip()
            if text and not _LABEL_LIKE.match(text):
                (questions if p.role == "interviewer" else answers).append(text)
    return questions, answers


def interview_text(rng: random.Random, paragraphs: int = PARAGRAPHS) -> str:
    """An interview of ``paragraphs`` paragraphs: a question, then one to three answer
    paragraphs, over and over."""
    questions, answers = sample_paragraphs()
    lines = ["---", f"interview: {INTERVIEW}", "region: Sjælland", "role: Jobkonsulent", "---"]
    n = 0
    while n < paragraphs:
        if n:
            lines.append("")
        lines.append(f"I: {rng.choice(questions)}")
        k = min(rng.choice((1, 2, 2, 3)), paragraphs - n - 1)
        said = [rng.choice(answers) for _ in range(k)]
        if said:
            lines.append(f"IP: {said[0]}")
            lines += said[1:]
        n += 1 + k
    return "\n".join(lines) + "\n"


def _passage(rng: random.Random, start: int, text: str) -> tuple[int, int]:
    """A run of 3 to 20 whole words of a paragraph, as offsets into the interview."""
    words = [(i, i + len(w)) for i, w in _words(text)]
    first = rng.randrange(len(words))
    last = min(len(words) - 1, first + rng.randint(2, 19))
    return start + words[first][0], start + words[last][1]


def _words(text: str) -> list[tuple[int, str]]:
    found, i = [], 0
    for word in text.split():
        i = text.index(word, i)
        found.append((i, word))
        i += len(word)
    return found


def build_project(folder: Path, seed: int = 0) -> Path:
    """The benchmark project: one 200-paragraph interview with 500 codings."""
    rng = random.Random(f"mentorqual-workbench:{seed}")
    (folder / "in").mkdir(parents=True, exist_ok=True)
    (folder / "in" / f"{INTERVIEW}.txt").write_text(interview_text(rng), encoding="utf-8")
    project = Project(folder / "workbench.db")
    project.load_codebook(CODEBOOK)
    project.import_paths([folder / "in"])
    project.tag_rules(CODEBOOK)
    view = project.interview_view(INTERVIEW, HUMANS[0])
    if len(view.paragraphs) != PARAGRAPHS:
        raise SystemExit(f"Error: {INTERVIEW} has {len(view.paragraphs)} paragraphs, not 200")
    human = CODINGS - len(view.codings)
    if human < 2 * 50:
        raise SystemExit(f"Error: the rules coded {len(view.codings)} passages; too many")
    respondent = [p for p in view.paragraphs if p.side == "respondent"]
    codes = [t.code for t in project.themes()]
    for n in range(human):
        coder = HUMANS[n % len(HUMANS)]
        while True:
            p = rng.choice(respondent)
            start, end = _passage(rng, p.start, p.text)
            _, change = project.add_span_coding(coder, INTERVIEW, start, end, rng.choice(codes))
            if change.added:  # the same passage, code and coder twice is one coding
                break
    return project.path


def describe(project: Project) -> Result:
    view = project.interview_view(INTERVIEW, HUMANS[0])
    by_coder: dict[str, int] = {}
    for c in view.codings:
        by_coder[c.coder] = by_coder.get(c.coder, 0) + 1
    return {
        "interview": INTERVIEW,
        "paragraphs": len(view.paragraphs),
        "respondent_paragraphs": view.respondent,
        "characters": max(p.end for p in view.paragraphs),
        "codings": len(view.codings),
        "codings_by_coder": dict(sorted(by_coder.items())),
    }


# -- measuring -----------------------------------------------------------------------


class Took(NamedTuple):
    """A request's wall-clock and CPU milliseconds. The test client runs the app in
    this thread, so CPU time is the server's work, whatever else the machine runs."""

    wall: float
    cpu: float


def _ms(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Took, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call(*args, **kwargs)
    took = Took((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
    return took, result


def _expect(response: Any, status: int, what: str) -> Any:
    if response.status_code != status:
        raise SystemExit(f"Error: {what} answered {response.status_code}, not {status}")
    return response


class _Rounds:
    """One client, and one round of every request (the coding is removed again)."""

    def __init__(self, db: Path, seed: int) -> None:
        from mentorqual.web import create_app

        app = create_app(db, HUMANS[0])
        self.client = app.test_client()
        self.headers = {"X-CSRF-Token": app.config["WORKBENCH"].csrf_token}
        self.page, self.data = f"/interviews/{INTERVIEW}", f"/api/interviews/{INTERVIEW}"
        self.rng = random.Random(f"mentorqual-workbench-requests:{seed}")
        paragraphs = self.get(self.data)[1].json["paragraphs"]
        self.respondent = [p for p in paragraphs if p["side"] == "respondent"]
        self.codes = [t.code for t in app.config["WORKBENCH"].project.themes()]

    def get(self, url: str) -> tuple[Took, Any]:
        ms, response = _ms(self.client.get, url, base_url=BASE_URL)
        return ms, _expect(response, 200, f"GET {url}")

    def send(self, method: str, url: str, status: int, body: Any = None) -> tuple[Took, Any]:
        ms, response = _ms(
            self.client.open,
            url,
            method=method,
            json=body,
            headers=self.headers,
            base_url=BASE_URL,
        )
        return ms, _expect(response, status, f"{method} {url}")

    def round(self) -> dict[str, Took]:
        got = {"page": self.get(self.page)[0], "data": self.get(self.data)[0]}
        p = self.rng.choice(self.respondent)
        start, end = _passage(self.rng, p["start"], p["text"])
        body = {
            "interview": INTERVIEW,
            "start": start,
            "end": end,
            "code": self.rng.choice(self.codes),
        }
        got["post"], posted = self.send("POST", "/api/codings", 201, body)
        got["reload"] = self.get(self.data)[0]
        post, reload = got["post"], got["reload"]
        got["post_reload"] = Took(post.wall + reload.wall, post.cpu + reload.cpu)
        got["delete"] = self.send("DELETE", f"/api/codings/{posted.json['id']}", 200)[0]
        return got


def measure(db: Path, requests: int, warmup: int, seed: int = 0) -> dict[str, list[Took]]:
    """The time of each request, ``requests`` times each after ``warmup`` rounds."""
    rounds = _Rounds(db, seed)
    for _ in range(warmup):
        rounds.round()
    times: dict[str, list[Took]] = {}
    for _ in range(requests):
        for key, took in rounds.round().items():
            times.setdefault(key, []).append(took)
    return times


def summary(samples: Sequence[Took]) -> Result:
    """Wall-clock median, 95th percentile, minimum and maximum; the median CPU time."""
    ordered = sorted(t.wall for t in samples)
    p95 = (
        statistics.quantiles(ordered, n=20, method="inclusive")[18]
        if len(ordered) > 1
        else ordered[0]
    )
    return {
        "n": len(ordered),
        "median_ms": statistics.median(ordered),
        "p95_ms": p95,
        "min_ms": ordered[0],
        "max_ms": ordered[-1],
        "cpu_median_ms": statistics.median(t.cpu for t in samples),
    }


REQUESTS = {
    "page": ("GET /interviews/<id> (the page)", PAGE_MS),
    "data": ("GET /api/interviews/<id> (its data)", PAGE_MS),
    "post": ("POST /api/codings (code a passage)", ROUND_TRIP_MS),
    "reload": ("GET /api/interviews/<id> after the POST (the reload)", None),
    "post_reload": ("POST + reload, as the page does it", ROUND_TRIP_MS),
    "delete": ("DELETE /api/codings/<id> (remove it)", ROUND_TRIP_MS),
}


def markdown(results: Result) -> str:
    info = results["project"]
    by_coder = ", ".join(f"{c} {n}" for c, n in info["codings_by_coder"].items())
    lines = [
        f"{info['interview']}: {info['paragraphs']} paragraphs "
        f"({info['respondent_paragraphs']} respondent), {info['characters']:,} characters, "
        f"{info['codings']} codings ({by_coder}); {results['requests_per_kind']} requests "
        f"each after {results['warmup']} warm-up rounds.",
        "",
        "| request | median ms | p95 ms | CPU median ms | target (p95) | met |",
        "|---|---|---|---|---|---|",
    ]
    for key, (what, limit) in REQUESTS.items():
        r = results["requests"][key]
        target = f"< {limit:.0f} ms" if limit else "(reported)"
        met = "" if limit is None else ("yes" if r["p95_ms"] < limit else "NO")
        lines.append(
            f"| {what} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['cpu_median_ms']:.1f} "
            f"| {target} | {met} |"
        )
    load = results["load_average"]
    lines += ["", f"Load average (1 min) before and after: {load[0]:.2f}, {load[1]:.2f}."]
    return "\n".join(lines)


def targets(results: Result) -> list[Result]:
    return [
        {
            "what": what,
            "target": f"p95 < {limit:.0f} ms",
            "measured": f"{results['requests'][key]['p95_ms']:.1f} ms",
            "met": results["requests"][key]["p95_ms"] < limit,
        }
        for key, (what, limit) in REQUESTS.items()
        if limit is not None
    ]


def default_out() -> Path:
    host = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in socket.gethostname())
    return RESULTS / f"workbench-{datetime.now():%Y-%m-%d}-{host or 'host'}.json"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests of each kind")
    parser.add_argument("--warmup", type=int, default=5, help="untimed rounds first")
    parser.add_argument("--seed", type=int, default=0, help="the interview's and passages' seed")
    parser.add_argument(
        "--out",
        type=Path,
        help="JSON file (default: results/workbench-<date>-<host>.json)",
    )
    args = parser.parse_args(argv)
    if args.requests < 1 or args.warmup < 0:
        parser.error("--requests must be at least 1 and --warmup at least 0")
    return args


def run(args: argparse.Namespace) -> Result:
    from importlib.metadata import version

    with tempfile.TemporaryDirectory(prefix="mentorqual-workbench-") as tmp:
        print("building the project ...", file=sys.stderr, flush=True)
        db = build_project(Path(tmp), args.seed)
        info = describe(Project(db))
        print("timing requests ...", file=sys.stderr, flush=True)
        before = os.getloadavg()[0]
        times = measure(db, args.requests, args.warmup, args.seed)
        after = os.getloadavg()[0]
    results: Result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": {p: version(p) for p in ("mentorqual", "flask", "werkzeug")},
        "command": [Path(sys.argv[0]).name, *sys.argv[1:]],
        "project": info,
        "cpu_count": os.cpu_count(),
        "load_average": [before, after],
        "requests_per_kind": args.requests,
        "warmup": args.warmup,
        "requests": {key: summary(samples) for key, samples in times.items()},
    }
    results["targets"] = targets(results)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    out = (args.out or default_out()).resolve()
    results = run(args)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(out.name + ".tmp")
    staging.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    staging.replace(out)
    print(markdown(results))
    print(f"\nResults: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
