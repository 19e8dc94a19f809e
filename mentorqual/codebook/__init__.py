"""Codebooks: YAML files of themes, loaded and validated into dataclasses.

The format is described once, in :mod:`.schema`: the validator takes its keys from
there. Validation goes on past a problem, so that every problem of a file is reported
at once, each with the file and the line. Unknown keys are refused, so a typo such as
``colour`` spelt ``color`` cannot be silently ignored. No database here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from ..errors import CodebookError, listing
from ..types import Codebook, Rule, Theme
from . import schema

__all__ = [
    "DEFAULT_CODEBOOK",
    "Codebook",
    "NewCode",
    "Rule",
    "Theme",
    "load_codebook",
    "parse_codebook",
    "problems_message",
    "with_codes",
]

# The default codebook ships inside the package, so it does not depend on where a
# command runs; codebooks/mentorordning.yaml in the repository is the same file for
# users to copy (tests/test_codebook_schema.py checks that the two are identical).
DEFAULT_CODEBOOK = Path(str(files(__name__).joinpath("mentorordning.yaml")))

_CODE = re.compile(r"^[a-zæøå][a-zæøå0-9_\-]*$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

CODEBOOK_KEYS = schema.CODEBOOK.names
THEME_KEYS = schema.THEME.names
SUBCODE_KEYS = schema.SUBCODE.names
RULE_KEYS = schema.RULE.names
MATCH_KEYS = ("terms", "phrases", "patterns", "regex")
DEFINITION_KEYS = schema.DEFINITION.names
EXAMPLE_KEYS = schema.EXAMPLES.names


class _Mapping(dict[str, Any]):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    lines: dict[str, int]


# libyaml's parser when PyYAML has it (it reads the sample codebook in 2 ms, not 16).
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """``SafeLoader`` that records line numbers, and duplicate keys as problems."""

    duplicates: list[tuple[int, str]]


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.lines = {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if str(key) in mapping:
            loader.duplicates.append((line, f"invalid YAML: duplicate key {key!r}"))
            continue
        mapping[str(key)] = loader.construct_object(value_node, deep=True)
        mapping.lines[str(key)] = line
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def problems_message(path: Path | str, problems: list[tuple[int, str]]) -> str:
    """Every problem as ``file, line N: problem``, one a line in the order of the lines
    (the first ten, then how many more).

    Example:
        >>> print(problems_message("cb.yaml", [(7, "no 'code'"), (3, "unknown key 'x'")]))
        cb.yaml, line 3: unknown key 'x'
        cb.yaml, line 7: no 'code'
    """
    ordered = sorted(problems, key=lambda problem: problem[0])
    return listing([f"{path}, line {line}: {problem}" for line, problem in ordered], sep="\n")


def _load_yaml(content: str, path: Path) -> tuple[Any, list[tuple[int, str]]]:
    """The YAML document and its duplicate keys; a syntax error stops here."""
    loader = _LineLoader(content)
    loader.duplicates = []
    try:
        return loader.get_single_data(), loader.duplicates
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CodebookError(f"{path}{line}: invalid YAML: {problem}") from None
    finally:
        loader.dispose()


def load_codebook(path: Path) -> Codebook:
    """Read and validate a codebook file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CodebookError(f"{path}: cannot read the codebook ({exc.strerror})") from None
    return parse_codebook(raw, path)


def parse_codebook(raw: bytes, path: Path) -> Codebook:
    """Validate codebook bytes; ``path`` names them in error messages."""
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CodebookError(f"{path}: the codebook is not UTF-8") from None
    data, duplicates = _load_yaml(content, path)
    if not isinstance(data, _Mapping):
        raise CodebookError(f"{path}: a codebook must be a mapping with a 'themes' list")
    checker = _Checker(path)
    checker.problems += duplicates
    checker.keys(data, CODEBOOK_KEYS, schema.CODEBOOK.what)
    themes_data = checker.require(data, "themes", list, "the codebook")
    if themes_data == []:
        checker.fail(data.lines["themes"], "'themes' is empty")
    themes: list[Theme] = []
    subcodes: list[Theme] = []
    for item in themes_data or []:
        theme = checker.theme(item, THEME_KEYS, data.lines["themes"])
        if theme is None:
            continue
        themes.append(theme)
        subs = item.get("subcodes") or []
        if not isinstance(subs, list):
            checker.fail(item.lines["subcodes"], "'subcodes' must be a list")
            subs = []
        for sub in subs:
            found = checker.theme(sub, SUBCODE_KEYS, item.lines["subcodes"], theme.code)
            subcodes += [found] if found is not None else []
    if checker.problems:
        raise CodebookError(problems_message(path, checker.problems))
    return Codebook(
        name=str(data.get("codebook") or path.stem),
        version=str(data.get("version", "")),
        path=path,
        content=content,
        sha256=hashlib.sha256(raw).hexdigest(),
        themes=tuple(themes),
        subcodes=tuple(subcodes),
    )


class _Checker:
    """Validation helpers that note each problem with its line and go on."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[tuple[int, str]] = []
        self.seen: dict[str, int] = {}
        self.rule_ids: dict[str, int] = {}

    def fail(self, line: int, problem: str) -> None:
        self.problems.append((line, problem))

    def keys(self, data: _Mapping, allowed: set[str], what: str) -> None:
        for key in data:
            if key not in allowed:
                self.fail(
                    data.lines[key],
                    f"unknown key {key!r} in {what}; allowed: {', '.join(sorted(allowed))}",
                )

    def require(self, data: _Mapping, key: str, kind: type, what: str) -> Any:
        """``data[key]`` if it is a ``kind`` (a non-empty one for text), else None."""
        if key not in data:
            self.fail(data.line, f"{what} has no {key!r}")
            return None
        value = data[key]
        if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            self.fail(data.lines[key], f"{key!r} must be a non-empty {kind.__name__}")
            return None
        return value

    def strings(self, data: _Mapping, key: str) -> tuple[str, ...]:
        if key not in data:
            return ()
        value = data[key] or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(data.lines[key], f"{key!r} must be a list of strings")
            return ()
        return tuple(value)

    def texts(self, data: _Mapping, key: str, allowed: set[str]) -> dict[str, str]:
        if key not in data:
            return {}
        value = data[key]
        if not isinstance(value, _Mapping):
            self.fail(data.lines[key], f"{key!r} must be a mapping")
            return {}
        self.keys(value, allowed, f"{key!r}")
        found = {}
        for k, v in value.items():
            if isinstance(v, str):
                found[k] = v.strip()
            else:
                self.fail(value.lines[k], f"{key}.{k} must be text")
        return found

    def flag(self, data: _Mapping, key: str, default: bool) -> bool:
        value = data.get(key, default)
        if isinstance(value, bool):
            return value
        self.fail(data.lines[key], f"{key!r} must be true or false")
        return default

    def code(self, data: _Mapping, what: str) -> str | None:
        code = self.require(data, "code", str, what)
        if code is None:
            return None
        if not _CODE.match(code):
            self.fail(
                data.lines["code"], f"code {code!r} must be lower case letters, digits, '_' or '-'"
            )
        elif code in self.seen:
            self.fail(
                data.lines["code"], f"duplicate code {code!r} (first on line {self.seen[code]})"
            )
        else:
            self.seen[code] = data.lines["code"]
        return code

    def theme(
        self, data: Any, allowed: set[str], line: int, parent: str | None = None
    ) -> Theme | None:
        what = schema.SUBCODE.what if parent else schema.THEME.what
        if not isinstance(data, _Mapping):
            self.fail(line, f"each entry must be {what} (a mapping with 'code')")
            return None
        self.keys(data, allowed, f"{what}")
        code = self.code(data, what)
        colour = data.get("colour", "")
        if colour and (not isinstance(colour, str) or not _COLOUR.match(colour)):
            self.fail(data.lines["colour"], f"colour {colour!r} must look like '#1B9E77'")
            colour = ""
        rules = data.get("rules") or []
        if not isinstance(rules, list):
            self.fail(data.lines["rules"], "'rules' must be a list")
            rules = []
        line = data.lines.get("rules", data.line)
        checked = [self.rule(r, code or "?", line) for r in rules]
        theme = Theme(
            code=code or "?",
            label=str(data.get("label") or code),
            colour=colour,
            definition=self.texts(data, "definition", DEFINITION_KEYS),
            include=self.strings(data, "include"),
            exclude=self.strings(data, "exclude"),
            examples=self.texts(data, "examples", EXAMPLE_KEYS),
            parent=parent,
            rules=tuple(r for r in checked if r is not None),
            follow_question=self.flag(data, "follow_question", False),
            line=data.line,
        )
        return theme if code is not None else None

    def entries(self, data: _Mapping, rule_id: str) -> None:
        """Check a rule's words, phrases and regexes one by one."""
        for key in ("terms", "phrases", "also", "unless", "regex"):
            for value in self.strings(data, key):
                if not value.strip() or (key != "regex" and value.strip("*!").strip() == ""):
                    self.fail(data.lines[key], f"rule {rule_id!r}: empty entry in {key!r}")
                elif key in ("terms", "also", "unless") and len(value.split()) > 1:
                    self.fail(
                        data.lines[key],
                        f"rule {rule_id!r}: {value!r} has several words; put it under 'phrases'",
                    )
        for pattern in self.strings(data, "regex"):
            try:
                re.compile(pattern)
            except re.error as exc:
                self.fail(
                    data.lines["regex"],
                    f"rule {rule_id!r}: regex {pattern!r} does not compile ({exc})",
                )

    def rule_id(self, data: _Mapping) -> str | None:
        rule_id = self.require(data, "id", str, "a rule")
        if rule_id is None:
            return None
        if rule_id in self.rule_ids:
            self.fail(
                data.lines["id"],
                f"duplicate rule id {rule_id!r} (first on line {self.rule_ids[rule_id]})",
            )
        else:
            self.rule_ids[rule_id] = data.lines["id"]
        return rule_id

    def patterns(self, data: _Mapping, rule_id: str) -> list[Any]:
        patterns = data.get("patterns") or []
        if not isinstance(patterns, list) or not all(
            isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in patterns
        ):
            self.fail(
                data.lines.get("patterns", data.line),
                f"rule {rule_id!r}: 'patterns' must be a list of token patterns "
                "(each a list of mappings such as {LEMMA: kursus})",
            )
            return []
        return patterns

    def rule(self, data: Any, code: str, line: int) -> Rule | None:
        if not isinstance(data, _Mapping):
            self.fail(line, f"each rule of {code!r} must be a mapping with an 'id'")
            return None
        self.keys(data, RULE_KEYS, schema.RULE.what)
        rule_id = self.rule_id(data)
        name = rule_id or "?"
        if not any(data.get(key) for key in MATCH_KEYS):
            self.fail(data.line, f"rule {name!r} is empty: give terms, phrases, patterns or regex")
        self.entries(data, name)
        patterns = self.patterns(data, name)
        negation = self.flag(data, "negation", True)
        min_hits = data.get("min_hits", 1)
        if isinstance(min_hits, bool) or not isinstance(min_hits, int) or min_hits < 1:
            self.fail(
                data.lines["min_hits"], f"rule {name!r}: 'min_hits' must be a whole number >= 1"
            )
            min_hits = 1
        if rule_id is None:
            return None
        return Rule(
            id=rule_id,
            code=code,
            terms=tuple(t.strip().lower() for t in self.strings(data, "terms")),
            phrases=tuple(p.strip().lower() for p in self.strings(data, "phrases")),
            patterns=tuple(tuple(dict(t) for t in p) for p in patterns),
            regex=self.strings(data, "regex"),
            also=tuple(t.strip().lower() for t in self.strings(data, "also")),
            unless=tuple(t.strip().lower() for t in self.strings(data, "unless")),
            negation=negation,
            min_hits=min_hits,
            note=str(data.get("note", "")),
            line=data.line,
        )


@dataclass(frozen=True)
class NewCode:
    """A code to add to a codebook (from another tool): no rules, just documentation."""

    code: str
    label: str
    description: str = ""
    colour: str = ""
    parent: str | None = None  # a theme of the codebook, or another new code


def with_codes(
    codebook: Codebook | None, additions: list[NewCode], path: Path, name: str
) -> Codebook:
    """A codebook with ``additions`` appended (sub-codes under their theme), or a new
    one named ``name`` when there is none. ``path`` names it in messages.

    The YAML is written anew, so comments of the old file are lost; its rules stay.
    """
    data: dict[str, Any] = (
        yaml.safe_load(codebook.content)
        if codebook is not None
        else {"codebook": name, "version": "1", "language": "da", "themes": []}
    )
    themes: dict[str, dict[str, Any]] = {t["code"]: t for t in data["themes"]}
    for new in additions:
        entry: dict[str, Any] = {"code": new.code, "label": new.label}
        if new.colour:
            entry["colour"] = new.colour
        if new.description:
            entry["definition"] = {"da": new.description}
        if new.parent is None:
            data["themes"].append(entry)
            themes[new.code] = entry
        else:
            themes[new.parent].setdefault("subcodes", []).append(entry)
    content = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return parse_codebook(content.encode("utf-8"), path)
