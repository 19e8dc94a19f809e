"""A small project for the workbench tests: the sample codebook, one interview and
one whose text is hostile HTML. Fictional Danish throughout."""

from __future__ import annotations

from pathlib import Path

from mentorqual import Project

from .conftest import CODEBOOK, INTERVIEW

HOSTILE = """---
interview: X01
region: Sjælland
role: Mentor
---
I: Hvad skrev borgeren? <script>alert("spørgsmål")</script>
IP: Der stod <img src=x onerror=alert(1)> i mailen, og så <b>fed</b> tekst.
"""


def workbench_project(folder: Path) -> Path:
    """A project file with T01 and X01 imported and the sample codebook loaded."""
    (folder / "in").mkdir(parents=True, exist_ok=True)
    (folder / "in" / "T01.txt").write_text(INTERVIEW, encoding="utf-8")
    (folder / "in" / "X01.txt").write_text(HOSTILE, encoding="utf-8")
    project = Project(folder / "project.db")
    project.load_codebook(CODEBOOK)
    project.import_paths([folder / "in"])
    return project.path


def token(client: object) -> str:
    """The CSRF token a page carries in its meta tag."""
    page = client.get("/").get_data(as_text=True)  # type: ignore[attr-defined]
    return page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
