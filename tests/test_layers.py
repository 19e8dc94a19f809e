"""The import layers of README's "How the code is laid out", checked on the source.

Imports point downward: cli -> project -> workflows -> engines -> nlp -> the base
modules. Engines do not import each other; heavy libraries live where the table in
the README says. Imports inside functions count too: a lazy import is still a
dependency.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "mentorqual"

BASE = {"types", "errors", "utf16", "_version"}
ENGINES = {
    "store",
    "importers",
    "codebook",
    "tagging",
    "agreement",
    "counts",
    "quotes",
    "pii",
    "reports",
}
# What each part of the package may import from the package, besides itself.
ALLOWED: dict[str, set[str]] = {
    **{base: BASE for base in BASE},
    "nlp": BASE,
    **{engine: BASE | {"nlp"} for engine in ENGINES},
    "workflows": BASE | {"nlp"} | ENGINES,
    "project": BASE | {"workflows", "store"},  # it opens the store and its transaction
    "cli": BASE | {"project", "web"},  # web: only inside the serve command
    "web": BASE | {"project"},
    "__init__": BASE | {"project", "codebook"},
    "__main__": {"cli"},
}
# Third-party libraries that only some parts may import.
HEAVY: dict[str, set[str]] = {
    "click": {"cli"},
    "flask": {"web"},
    "waitress": {"web"},
    "sqlite3": {"store"},
    "spacy": {"nlp", "tagging"},
    "spacy_lookups_data": {"nlp"},
    "sklearn": {"tagging"},
    "docx": {"importers", "reports"},
    "openpyxl": {"importers", "reports"},
    "matplotlib": {"reports"},
    "pandas": {"workflows", "reports"},
}


def _part(module: Path) -> str:
    """The layer a source file belongs to: its first path part under the package."""
    relative = module.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _type_checking_lines(tree: ast.Module) -> set[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks: imports for annotations, never run."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(module: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in ``module``, lazy ones included;
    imports for type annotations only (``if TYPE_CHECKING:``) are left out."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    annotations_only = _type_checking_lines(tree)
    package = ["mentorqual", *module.relative_to(PACKAGE).with_suffix("").parts[:-1]]
    if module.name == "__init__.py":
        package = ["mentorqual", *module.relative_to(PACKAGE).parts[:-1]]
    found = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in annotations_only:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
                if node.module is None:  # from . import x: x is a module of the package
                    found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
                    continue
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("module", SOURCES, ids=[str(s.relative_to(ROOT)) for s in SOURCES])
def test_imports_point_downward(module: Path) -> None:
    part = _part(module)
    assert part in ALLOWED, f"{module}: not in a layer; add it to README and this test"
    wrong = []
    for line, name in _imports(module):
        top = name.split(".")[0]
        if top == "mentorqual":
            target = name.split(".")[1] if "." in name else "__init__"
            if target != part and target not in ALLOWED[part]:
                wrong.append(f"line {line}: {part} imports {name}")
        elif top in HEAVY and part not in HEAVY[top]:
            wrong.append(f"line {line}: {part} imports {top}")
    assert not wrong, f"{module.relative_to(ROOT)}: " + "; ".join(wrong)


def test_every_layer_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    parts = {_part(s) for s in SOURCES} - {"__init__", "__main__"}
    missing = [p for p in sorted(parts) if f"`{p}" not in layout]
    assert not missing, f"not described in README's layout section: {missing}"


HEAVY_AT_START = ("spacy", "sklearn", "matplotlib", "numpy", "pandas", "docx", "openpyxl")


@pytest.mark.parametrize(
    "args",
    [
        [],  # only importing the command line
        ["--help"],
        ["info"],
        ["counts"],
        ["codings", "export", "-o", "codings.csv"],
    ],
    ids=["import", "help", "info", "counts", "codings export"],
)
def test_the_command_line_starts_without_heavy_libraries(
    args: list[str], sample: Path, tmp_path: Path
) -> None:
    """Short commands start at once: none of the heavy libraries is imported (a CSV
    export needs no spreadsheet library either)."""
    check = (
        "import sys\nfrom mentorqual.cli import cli\n"
        f"if {args!r}:\n    cli({args!r}, standalone_mode=False)\n"
        f"heavy = [m for m in {HEAVY_AT_START!r} if m in sys.modules]\n"
        "print('heavy:', ','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        env={**os.environ, "MENTORQUAL_PROJECT": str(sample)},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "heavy: ", result.stdout
