"""Quiet, honest set-up (issue 21): the Makefile prints only useful lines, the
editable install has no cause to warn, and CI still runs everything."""

from __future__ import annotations

import configparser
import re

from .conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def recipes() -> dict[str, list[str]]:
    """Target -> its recipe lines."""
    found: dict[str, list[str]] = {}
    target = ""
    for line in MAKEFILE.splitlines():
        if line.startswith("\t"):
            found.setdefault(target, []).append(line[1:])
        elif re.match(r"^[\w$().\-/]+:", line) and ":=" not in line:
            target = line.split(":", 1)[0]
    return found


def test_recipes_do_not_echo_themselves() -> None:
    lines = {t: r for t, r in recipes().items() if t != "clean"}
    assert {"demo", "test", "test-fast", "check"} <= set(lines)
    assert [(t, line) for t, r in lines.items() for line in r if not line.startswith("@")] == []


def test_test_fast_leaves_out_the_slow_tests_and_ci_runs_everything() -> None:
    assert any('-m "not slow"' in line for line in recipes()["test-fast"])
    assert not any("slow" in line for line in recipes()["test"])
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.strip()]
    commands = [line for line in ci if line.startswith("make ")]
    assert commands == ["make check", "make test"]  # and nothing between but set-up


def test_the_layout_is_declared_so_the_editable_install_needs_no_import_hook() -> None:
    """setuptools picks a plain .pth (no warning) only for a "simple" layout with a
    package_dir for the root; a flat layout without one gets an import hook and a
    warning about folders named like the package."""
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg", encoding="utf-8")
    package_dir = setup["options"]["package_dir"].split()
    assert package_dir == ["=", "."]
    assert (ROOT / "mentorqual" / "__init__.py").is_file()


def test_readme_says_how_long_the_tests_take() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    development = readme.split("## Development", 1)[1]
    assert "make test-fast" in development and "minutes" in development
    assert "slow" in development
