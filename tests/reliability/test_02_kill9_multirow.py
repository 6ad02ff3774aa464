"""Matrix #2: kill -9 inside a multi-row change (engagement + échéances + note + historique): all or nothing."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
from tests.reliability.conftest import acks, child, integrity, scalar, wait_for

# One change = 1 engagement + 3 échéances + 1 note + 1 historique row, all labelled with its tag.
ROWS_PER_CHANGE = {"engagement": 1, "echeance": 3, "note": 1, "historique": 1}


def _rows(db: Path, tag: str) -> dict[str, int]:
    return {
        "engagement": int(scalar(db, "SELECT count(*) FROM engagement WHERE libelle = ?", tag)),  # type: ignore[arg-type]
        "echeance": int(scalar(db, "SELECT count(*) FROM echeance WHERE libelle = ?", tag)),  # type: ignore[arg-type]
        "note": int(scalar(db, "SELECT count(*) FROM note WHERE texte = ?", tag)),  # type: ignore[arg-type]
        "historique": int(scalar(db, "SELECT count(*) FROM historique WHERE nouveau = ?", tag)),  # type: ignore[arg-type]
    }


def test_kill_inside_the_change_leaves_none_of_it(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    process = child("multi", seeded_file, "dedans", 5)
    reaper.append(process)
    wait_for(process, "dedans 1")  # the first four rows are flushed, the transaction is open
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert _rows(seeded_file, "dedans-1") == dict.fromkeys(ROWS_PER_CHANGE, 0)
    assert integrity(seeded_file) == ["ok"]


@pytest.mark.slow
def test_kills_at_random_moments_leave_whole_changes_only(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    rng = random.Random(2)
    kills, whole, checked_rows = 8, 0, 0
    for run in range(1, kills + 1):
        process = child("multi", seeded_file, f"r{run}", 0.02)
        reaper.append(process)
        lines = wait_for(process, "dedans 1")
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(process.pid, signal.SIGKILL)
        assert process.stdout is not None
        lines += process.stdout.read().splitlines()
        process.wait(timeout=10)
        acked = set(acks(lines))
        started = {int(line.split()[1]) for line in lines if line.startswith("dedans ")}
        for k in sorted(started):
            rows = _rows(seeded_file, f"r{run}-{k}")
            checked_rows += sum(rows.values())
            assert rows in (ROWS_PER_CHANGE, dict.fromkeys(ROWS_PER_CHANGE, 0)), f"r{run}-{k} half written: {rows}"
            if k in acked:
                assert rows == ROWS_PER_CHANGE, f"r{run}-{k} acked but missing"
            whole += rows == ROWS_PER_CHANGE
        assert integrity(seeded_file) == ["ok"]
    print(f"\n#2 : {kills} kill -9 en pleine transaction, {whole} changements entiers, {checked_rows} lignes vérifiées")
