"""A deterministic scale corpus for the benchmarks.

Recombines the respondent paragraphs of the sample corpus (``transcripts/``) into N
synthetic interviews of about 1,000 words of respondent speech each, with a random
region, role and interview style, and writes them in the import format: ``.txt`` with
YAML front matter, and every tenth interview as ``.docx`` (alternately bold and
text-prefix speaker labels, their attributes in ``metadata.csv``).

It also writes ``codings/coder_{A,B,C}.csv`` by locator (``p12``). Coder A keeps
sample coder A's codes of each source paragraph; B and C each drop a code now and
then and add a spurious one, so that agreement is high but not perfect.

Interview i depends only on the seed and i, so the first 100 interviews of a
1,000-interview corpus are the 100-interview corpus. ``corpus.json`` lists the
interviews in order, with the locators of their respondent paragraphs.

Usage::

    python benchmarks/make_corpus.py 1000 benchmarks/corpus [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import shutil
import sys
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mentorqual import Project
from mentorqual.codebook import load_codebook
from mentorqual.importers import REGIONS, count_words, find_transcripts, read_transcript

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "transcripts"
CODEBOOK = ROOT / "codebooks" / "mentorordning.yaml"
MANIFEST = "corpus.json"

TARGET_WORDS = 1000  # respondent words per interview, at least
DOCX_EVERY = 10
CODERS = ("A", "B", "C")
MISS = 0.12  # chance that coder B or C drops one of A's codes of a paragraph
SPURIOUS = 0.015  # chance that B or C adds a code A did not give, per paragraph and code

ROLES = ("Jobkonsulent",) * 6 + ("Mentorkoordinator", "Virksomhedskonsulent")
MUNICIPALITIES = ("land", "by", "forstad")
INTERVIEWER_LABELS = ("I", "Int", "Interviewer")
RESPONDENT_LABELS = ("IP", "R", "Respondent", "JK")
ANSWER_PARAGRAPHS = (1, 1, 2, 2, 2, 3)
_DOCX_DATE = (1980, 1, 1, 0, 0, 0)
# A line that could be read as a speaker label ("Fx: ..."); such paragraphs are left
# out so that the synthetic locators are the importer's.
_LABEL_LIKE = re.compile(r"^\s*[^\W\d_][\w.\-]*(?: [\w.\-]+){0,2}\s*:(?:\s|$)")


@dataclass(frozen=True)
class SourceParagraph:
    """A respondent paragraph of the sample corpus and sample coder A's codes of it."""

    text: str
    codes: frozenset[str]


@dataclass(frozen=True)
class Source:
    """What interviews are recombined from."""

    questions: tuple[str, ...]
    answers: tuple[SourceParagraph, ...]
    codes: tuple[str, ...]


@dataclass
class Interview:
    """One synthetic interview: attributes and (speaker role, text) paragraphs in order."""

    interview: str
    attributes: dict[str, str]
    interviewer: str
    respondent: str
    turns: list[tuple[str, list[str]]]  # ("interviewer" | "respondent", paragraphs)
    codings: dict[str, dict[str, frozenset[str]]]  # coder -> locator -> codes

    @property
    def respondent_locators(self) -> list[str]:
        locators, n = [], 0
        for role, paragraphs in self.turns:
            for _ in paragraphs:
                n += 1
                if role == "respondent":
                    locators.append(f"p{n}")
        return locators


def read_source(source: Path = SOURCE, codebook: Path = CODEBOOK) -> Source:
    """Interviewer and respondent paragraphs of the sample corpus, with coder A's codes.

    Coder A's quote-based codings are resolved to paragraphs by importing the sample
    into a throwaway project and exporting them again by locator.
    """
    with tempfile.TemporaryDirectory() as tmp:
        project = Project(Path(tmp) / "source.db")
        project.import_paths([source])
        project.load_codebook(codebook)
        project.import_codings(source / "codings" / "coder_A.csv")
        project.export_codings(Path(tmp) / "a.csv", coders=["A"])
        with open(Path(tmp) / "a.csv", encoding="utf-8-sig", newline="") as f:
            coded: dict[tuple[str, str], set[str]] = defaultdict(set)
            for row in csv.DictReader(f):
                coded[(row["interview"], row["segment_id"])].add(row["code"])
    questions: list[str] = []
    answers: list[SourceParagraph] = []
    for path in find_transcripts([source]):
        transcript = read_transcript(path)
        for p in transcript.paragraphs:
            text = transcript.paragraph_text(p).strip()
            if not text or _LABEL_LIKE.match(text):
                continue
            if p.role == "interviewer":
                questions.append(text)
            else:
                codes = frozenset(coded.get((transcript.interview, p.locator), ()))
                answers.append(SourceParagraph(text, codes))
    return Source(tuple(questions), tuple(answers), tuple(load_codebook(codebook).codes))


def make_interview(source: Source, index: int, seed: int) -> Interview:
    """Interview number ``index`` (0-based); it depends only on ``seed`` and ``index``."""
    rng = random.Random(f"mentorqual-bench:{seed}:{index}")
    interview = f"BM{index + 1:05d}"
    attributes = {
        "interview": interview,
        "region": rng.choice(REGIONS),
        "role": rng.choice(ROLES),
        "kommunetype": rng.choice(MUNICIPALITIES),
    }
    turns: list[tuple[str, list[str]]] = []
    picked: list[SourceParagraph] = []
    words = 0
    while words < TARGET_WORDS:
        answer = [rng.choice(source.answers) for _ in range(rng.choice(ANSWER_PARAGRAPHS))]
        turns.append(("interviewer", [rng.choice(source.questions)]))
        turns.append(("respondent", [a.text for a in answer]))
        picked += answer
        words += sum(count_words(a.text) for a in answer)
    result = Interview(
        interview,
        attributes,
        rng.choice(INTERVIEWER_LABELS),
        rng.choice(RESPONDENT_LABELS),
        turns,
        {},
    )
    locators = result.respondent_locators
    coder_a = {loc: p.codes for loc, p in zip(locators, picked, strict=True)}
    result.codings["A"] = coder_a
    for coder in CODERS[1:]:
        result.codings[coder] = {
            loc: _flip(rng, codes, source.codes) for loc, codes in coder_a.items()
        }
    return result


def _flip(rng: random.Random, codes: frozenset[str], all_codes: Sequence[str]) -> frozenset[str]:
    kept = {c for c in codes if rng.random() >= MISS}
    added = {c for c in all_codes if c not in codes and rng.random() < SPURIOUS}
    return frozenset(kept | added)


def _text(interview: Interview) -> str:
    lines = ["---", *(f"{k}: {v}" for k, v in interview.attributes.items()), "---"]
    for turn, (role, paragraphs) in enumerate(interview.turns):
        label = interview.interviewer if role == "interviewer" else interview.respondent
        if role == "interviewer" and turn:
            lines.append("")
        lines.append(f"{label}: {paragraphs[0]}")
        lines += paragraphs[1:]
    return "\n".join(lines) + "\n"


def _docx(interview: Interview, bold_labels: bool) -> bytes:
    """The interview as Word paragraphs; the zip is normalised so the bytes repeat."""
    import docx  # python-docx

    document = docx.Document()
    for role, paragraphs in interview.turns:
        label = interview.interviewer if role == "interviewer" else interview.respondent
        first = document.add_paragraph()
        if bold_labels:
            first.add_run(f"{label}:").bold = True
            first.add_run(f" {paragraphs[0]}")
        else:
            first.add_run(f"{label}: {paragraphs[0]}")
        for text in paragraphs[1:]:
            document.add_paragraph(text)
    raw = io.BytesIO()
    document.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(zipfile.ZipInfo(item.filename, _DOCX_DATE), src.read(item.filename))
    return fixed.getvalue()


def generator_sha256() -> str:
    """Changes whenever this generator or its source corpus does: a stale corpus is rebuilt."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(SOURCE.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def make_corpus(out: Path, n: int, seed: int = 0, source: Source | None = None) -> dict:
    """Write ``n`` interviews, their metadata and three coders' codings into ``out``.

    Replaces whatever corpus ``out`` held; returns the manifest (also ``corpus.json``).
    """
    if n < 1:
        raise ValueError(f"the corpus needs at least 1 interview, not {n}")
    source = source or read_source()
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "codings").mkdir(parents=True)
    entries = []
    metadata = []
    rows: dict[str, list[tuple[str, str, str, str]]] = {c: [] for c in CODERS}
    for i in range(n):
        interview = make_interview(source, i, seed)
        if i % DOCX_EVERY == DOCX_EVERY - 1:
            name = f"{interview.interview}.docx"
            bold = (i // DOCX_EVERY) % 2 == 0
            (staging / name).write_bytes(_docx(interview, bold))
            metadata.append({"file": name, **interview.attributes})
        else:
            name = f"{interview.interview}.txt"
            (staging / name).write_text(_text(interview), encoding="utf-8")
        locators = interview.respondent_locators
        words = sum(
            count_words(t) for role, ps in interview.turns if role == "respondent" for t in ps
        )
        entries.append(
            {
                "file": name,
                "interview": interview.interview,
                "region": interview.attributes["region"],
                "role": interview.attributes["role"],
                "respondent_words": words,
                "respondent": locators,
            }
        )
        for coder in CODERS:
            coded = [
                (interview.interview, loc, code, coder)
                for loc in locators
                for code in sorted(interview.codings[coder][loc])
            ]
            # An interview a coder found nothing in still counts as coded by them.
            rows[coder] += coded or [(interview.interview, "", "", coder)]
    _write_csv(
        staging / "metadata.csv",
        ["file", "interview", "region", "role", "kommunetype"],
        [[m[k] for k in ("file", "interview", "region", "role", "kommunetype")] for m in metadata],
    )
    for coder in CODERS:
        _write_csv(
            staging / "codings" / f"coder_{coder}.csv",
            ["interview", "segment", "code", "coder"],
            rows[coder],
        )
    manifest = {
        "seed": seed,
        "interviews": n,
        "generator_sha256": generator_sha256(),
        "codes": list(source.codes),
        "coders": list(CODERS),
        "files": entries,
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return manifest


def _write_csv(path: Path, header: list[str], rows: Sequence[Sequence[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def load_manifest(corpus: Path) -> dict | None:
    """The corpus manifest, or None if there is none."""
    path = corpus / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def ensure_corpus(corpus: Path, n: int, seed: int = 0) -> dict:
    """Reuse ``corpus`` if it was made by this generator with ``seed`` and holds at
    least ``n`` interviews; otherwise (re)build it with ``n``."""
    manifest = load_manifest(corpus)
    if (
        manifest is not None
        and manifest["seed"] == seed
        and manifest["interviews"] >= n
        and manifest["generator_sha256"] == generator_sha256()
    ):
        return manifest
    return make_corpus(corpus, n, seed)


def read_codings(corpus: Path) -> dict[str, dict[tuple[str, str], set[str]]]:
    """coder -> (interview, locator) -> codes, from ``codings/coder_*.csv``."""
    result: dict[str, dict[tuple[str, str], set[str]]] = {}
    for path in sorted((corpus / "codings").glob("coder_*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                coded = result.setdefault(row["coder"], defaultdict(set))
                if row["code"]:
                    coded[(row["interview"], row["segment"])].add(row["code"])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of interviews")
    parser.add_argument("out", type=Path, help="output folder (replaced)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    manifest = make_corpus(args.out, args.n, args.seed)
    words = sum(e["respondent_words"] for e in manifest["files"])
    paragraphs = sum(len(e["respondent"]) for e in manifest["files"])
    print(
        f"{args.out}: {args.n} interviews, {paragraphs} respondent paragraphs, "
        f"{words} respondent words (seed {args.seed})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
