"""Matrix #1: a child commits single-row changes and acks each; kill -9 at random, 20 times: 0 acks lost."""

from __future__ import annotations

import os
import random
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tests.reliability.conftest import acks, child, column, integrity, scalar, wait_for

KILLS = 20


def _kill_at_random(db: Path, engagement_id: int, run: int, rng: random.Random, reaper: list) -> list[int]:  # type: ignore[type-arg]
    process = child("pilotes", db, engagement_id, run)
    reaper.append(process)
    lines = wait_for(process, "ack")
    time.sleep(rng.uniform(0.0, 0.15))
    os.kill(process.pid, signal.SIGKILL)
    assert process.stdout is not None
    lines += process.stdout.read().splitlines()  # acks already in the pipe were printed after their commit
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    return acks(lines)


def _lane(db: Path, engagement_id: int, runs: range, seed: int, reaper: list) -> int:  # type: ignore[type-arg]
    """Kill one child after another on one engagement; returns how many acked changes were checked."""
    rng = random.Random(seed)
    checked = 0
    for run in runs:
        acked = _kill_at_random(db, engagement_id, run, rng, reaper)
        assert acked, "the child was killed before its first ack"
        saved = column(
            db, "SELECT nouveau FROM historique WHERE champ = 'pilote' AND nouveau LIKE ?", f"pilote-{run}-%"
        )
        missing = {f"pilote-{run}-{i}" for i in acked} - set(saved)
        assert not missing, f"kill {run}: acked but lost: {sorted(missing)}"
        # The pilote holds the last committed value: the last ack, or one committed but not yet acked.
        pilote = str(scalar(db, "SELECT pilote FROM engagement WHERE id = ?", engagement_id))
        assert pilote in (f"pilote-{run}-{acked[-1]}", f"pilote-{run}-{acked[-1] + 1}")
        assert integrity(db) == ["ok"]
        checked += len(acked)
    return checked


@pytest.mark.slow
def test_no_acked_change_is_lost_across_20_kills(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    """4 lanes of 5 kills run side by side, each on its own engagement (they also contend for the lock)."""
    lanes = 4
    ids = [int(i) for i in column(seeded_file, "SELECT id FROM engagement ORDER BY id LIMIT ?", lanes)]  # type: ignore[call-overload]
    with ThreadPoolExecutor(lanes) as pool:
        futures = [
            pool.submit(
                _lane,
                seeded_file,
                ids[n],
                range(n * KILLS // lanes + 1, (n + 1) * KILLS // lanes + 1),
                20210315 + n,
                reaper,
            )
            for n in range(lanes)
        ]
        checked = sum(f.result() for f in futures)
    assert integrity(seeded_file) == ["ok"]
    print(f"\n#1 : {KILLS} kill -9 survécus, {checked} modifications confirmées, toutes retrouvées")
