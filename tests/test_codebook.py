"""Loading and validating codebooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mentorqual.codebook import load_codebook
from mentorqual.errors import CodebookError

from .conftest import CODEBOOK

THEMES = ["tryghed", "kompetenceafklaring", "administration", "kurser", "ledelse"]


def test_sample_codebook_has_the_five_themes() -> None:
    book = load_codebook(CODEBOOK)
    assert book.codes == THEMES
    for theme in book.themes:
        assert theme.label and theme.colour.startswith("#")
        assert set(theme.definition) == {"da", "en"}
        assert set(theme.examples) == {"typical", "borderline"}
        assert theme.include


def test_sha256_is_of_the_file_bytes() -> None:
    import hashlib

    assert load_codebook(CODEBOOK).sha256 == hashlib.sha256(CODEBOOK.read_bytes()).hexdigest()


def test_subcodes_follow_their_theme(write: Callable[..., Path]) -> None:
    path = write(
        "cb.yaml",
        "themes:\n  - code: a\n    subcodes:\n      - code: a-1\n        label: En\n  - code: b\n",
    )
    book = load_codebook(path)
    assert book.codes == ["a", "b", "a-1"]
    assert [r["parent"] for r in book.records()] == [None, None, "a"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "themes:\n  - code: a\n    color: '#000000'\n",
            r", line 3: unknown key 'color' in a theme",
        ),
        (
            "themes:\n  - code: a\n  - code: a\n",
            r", line 3: duplicate code 'a' \(first on line 2\)",
        ),
        ("themes:\n  - code: a\n    colour: red\n", r", line 3: colour 'red' must look like"),
        ("themes:\n  - code: Tryghed\n", r", line 2: code 'Tryghed' must be lower case"),
        ("themes:\n  - label: x\n", r", line 2: a theme has no 'code'"),
        ("themes: []\n", r", line 1: 'themes' is empty"),
        ("themes:\n  - code: [a\n", r", line \d+: invalid YAML"),
        ("name: x\n", r", line 1: unknown key 'name' in the codebook"),
        ("themes:\n  - code: a\n    code: b\n", r", line 3: invalid YAML: duplicate key 'code'"),
        ("- a\n", r": a codebook must be a mapping"),
        ("themes:\n  - code: a\n    definition: {da: x, de: y}\n", r", line 3: unknown key 'de'"),
        (
            "themes:\n  - code: a\n    follow_question: ja\n",
            r", line 3: 'follow_question' must be true or false",
        ),
        (
            "themes:\n  - code: a\n    rules:\n      - id: r\n        terms: [x]\n"
            "        min_hits: 0\n",
            r", line 6: rule 'r': 'min_hits' must be a whole number >= 1",
        ),
        (
            "themes:\n  - code: a\n    subcodes:\n      - code: a-1\n"
            "        follow_question: true\n",
            r", line 5: unknown key 'follow_question' in a sub-code",
        ),
    ],
)
def test_invalid_codebooks(write: Callable[..., Path], content: str, message: str) -> None:
    path = write("cb.yaml", content)
    with pytest.raises(CodebookError, match=f"^{path}{message}"):
        load_codebook(path)


def test_unsafe_yaml_tags_are_refused(write: Callable[..., Path]) -> None:
    path = write("cb.yaml", "themes: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(CodebookError, match="invalid YAML"):
        load_codebook(path)


def test_min_hits_and_follow_question_are_read(write: Callable[..., Path]) -> None:
    path = write(
        "cb.yaml",
        "themes:\n  - code: a\n    follow_question: true\n    rules:\n"
        "      - id: r\n        terms: [x]\n        min_hits: 2\n  - code: b\n",
    )
    book = load_codebook(path)
    assert [t.follow_question for t in book.themes] == [True, False]
    assert book.rules[0].min_hits == 2
