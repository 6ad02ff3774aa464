"""Helpers for the fault tests: real processes, real files, SQLite's own checks."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import ANNEXE, seed_bundled

from suivi_tui.db.opening import open_database

CHILD = Path(__file__).with_name("child.py")
REPO = Path(__file__).resolve().parents[2]


def suivi(*args: str, timeout: float = 60, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a new process."""
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", *args], capture_output=True, text=True, timeout=timeout, cwd=REPO, **kwargs
    )  # type: ignore[call-overload]


def child(behaviour: str, *args: object, **kwargs: object) -> subprocess.Popen[str]:
    """Start tests/reliability/child.py; its stdout is a pipe of flushed lines."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), behaviour, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        **kwargs,
    )  # type: ignore[call-overload]


def wait_for(process: subprocess.Popen[str], word: str) -> list[str]:
    """Read lines until one starts with word; the lines read (fails if the child dies first)."""
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if line.startswith(word):
            return lines
    stderr = process.stderr.read() if process.stderr else ""
    raise AssertionError(f"le processus s'est arrêté avant « {word} » : {stderr}")


def acks(lines: list[str]) -> list[int]:
    return [int(line.split()[1]) for line in lines if line.startswith("ack ")]


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def scalar(path: Path, sql: str, *params: object) -> object:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def column(path: Path, sql: str, *params: object) -> list[object]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute(sql, params)]
    finally:
        conn.close()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded database for the session (closed, WAL folded in); copy it, never write to it."""
    path = tmp_path_factory.mktemp("modele") / "suivi.db"
    db = open_database(path)
    seed_bundled(db)
    db.close()
    assert not path.with_name("suivi.db-wal").exists()
    return path


@pytest.fixture
def seeded_file(seeded_template: Path, tmp_path: Path) -> Path:
    """A seeded database file of this test's own (no process has it open)."""
    path = tmp_path / "suivi.db"
    shutil.copyfile(seeded_template, path)
    os.chmod(path, 0o600)
    return path


@pytest.fixture
def sceaux_annexe(tmp_path: Path) -> Path:
    """A second annexe (another territoire, so another contrat): seeding it writes a whole contrat."""
    path = tmp_path / "annexe-sceaux.md"
    path.write_text(ANNEXE.read_text(encoding="utf-8").replace("Antony", "Sceaux"), encoding="utf-8")
    return path


@pytest.fixture
def reaper() -> Iterator[list[subprocess.Popen[str]]]:
    """Children registered here are killed at the end of the test, whatever happened."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
