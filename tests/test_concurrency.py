"""Two mentorqual processes on one project: `tag` while `codings import` runs.

Writers take turns: each command writes in one transaction, and a second writer
waits up to the busy timeout (5 s) for the first. Both must succeed, or one must stop
with the clear "project is busy" error; the project must never be corrupted, and the
end state must be the one the two commands give when run one after the other.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CODEBOOK, TRANSCRIPTS

pytestmark = pytest.mark.slow

ROUNDS = 4


def command(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mentorqual", "--project", str(db), *args]


def state(db: Path) -> tuple[str, set[tuple[str, str, str]]]:
    con = sqlite3.connect(db)
    try:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        codings = set(
            con.execute(
                "SELECT interview_id || ':' || char_start || '-' || char_end, code, coder "
                "FROM codings"
            )
        )
        return integrity, codings
    finally:
        con.close()


def test_tag_while_codings_import_runs(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    for args in (["codebook", "load", str(CODEBOOK)], ["import", str(TRANSCRIPTS)]):
        subprocess.run(command(db, *args), check=True, capture_output=True, timeout=300)
    serial = tmp_path / "serial.db"
    serial.write_bytes(db.read_bytes())
    codings = TRANSCRIPTS / "codings"
    jobs = [
        ["tag", "--method", "rules"],
        ["codings", "import", str(codings / "coder_A.csv")],
        ["codings", "import", str(codings / "coder_B.csv")],
    ]
    for args in jobs:
        subprocess.run(command(serial, *args), check=True, capture_output=True, timeout=300)
    expected = state(serial)
    assert expected[0] == "ok" and {c for _, _, c in expected[1]} == {"rules", "A", "B"}

    outcomes: list[str] = []
    for round_ in range(ROUNDS):
        order = jobs if round_ % 2 == 0 else jobs[::-1]
        running = [
            subprocess.Popen(command(db, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for args in order
        ]
        for process in running:
            _, err = process.communicate(timeout=300)
            message = err.decode()
            if process.returncode == 0:
                outcomes.append("ok")
            else:
                assert process.returncode == 1 and "the project is busy" in message, message
                assert message.count("\n") == 1 and "Traceback" not in message
                outcomes.append("busy")
        integrity, found = state(db)
        assert integrity == "ok"
        if all(o == "ok" for o in outcomes[-len(jobs) :]):
            assert found == expected[1]
    assert outcomes.count("ok") >= len(outcomes) // 2
