"""SIGTERM and SIGHUP (a closed terminal) during a write: a clean exit (128 + signal, a French line, no
traceback), the transaction committed or rolled back whole, no temporary file left behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.reliability.conftest import REPO, acks, child, integrity, scalar, wait_for


def _wait_stderr(process: subprocess.Popen[bytes], text: str, timeout: float = 30) -> str:
    """Read the child's stderr until text appears (progress lines end in \\r, not \\n)."""
    assert process.stderr is not None
    seen, deadline = b"", time.monotonic() + timeout
    while text.encode() not in seen:
        chunk = os.read(process.stderr.fileno(), 4096)
        assert chunk and time.monotonic() < deadline, f"no « {text} » before the end: {seen.decode()[-300:]}"
        seen += chunk
    return seen.decode()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_during_a_long_cli_write_rolls_it_back_and_exits_cleanly(seeded_file: Path, signum: int) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "suivi_tui", "--db", str(seeded_file), "demo", "--contrats", "80", "--ajouter"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    try:
        seen = _wait_stderr(process, "Génération : 3/")
        process.send_signal(signum)
        _, rest = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    stderr = seen + rest.decode()
    assert process.returncode == 128 + signum, (process.returncode, stderr[-500:])
    assert "interrompu" in stderr and "Traceback" not in stderr, stderr[-500:]
    assert scalar(seeded_file, "SELECT count(*) FROM contrat") in (1, 81), "half a demo was committed"
    assert integrity(seeded_file) == ["ok"]
    assert sorted(p.name for p in seeded_file.parent.iterdir() if p.name.endswith((".tmp", "-journal"))) == []


@pytest.mark.slow
def test_sigterm_during_snapshots_leaves_no_temporary_file(seeded_file: Path, tmp_path: Path, reaper: list) -> None:  # type: ignore[type-arg]
    rng = random.Random(7)
    folder = tmp_path / "copies"
    folder.mkdir()
    published = 0
    for _ in range(5):
        process = child("snapshots", seeded_file, folder)
        reaper.append(process)
        lines = wait_for(process, "ack")
        time.sleep(rng.uniform(0.0, 0.2))
        process.send_signal(signal.SIGTERM)
        assert process.stdout is not None
        lines += process.stdout.read().splitlines()
        process.wait(timeout=30)
        assert process.returncode == 128 + signal.SIGTERM
        # Each run numbers its copies from 1: clear the folder between runs, checking what is there.
        leftovers = sorted(p.name for p in folder.iterdir() if not p.name.startswith("copie-"))
        assert leftovers == [], f"temporary files left behind: {leftovers}"
        for copy in folder.iterdir():
            assert integrity(copy) == ["ok"], copy.name
            copy.unlink()
            published += 1
        assert published >= len(acks(lines))
    print(
        f"\nsignaux : 5 SIGTERM pendant des instantanés, {published} copies publiées et vérifiées, 0 fichier temporaire"
    )
