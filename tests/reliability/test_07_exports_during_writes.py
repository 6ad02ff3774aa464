"""Matrix #7: snapshots and exports taken while another process writes: each passes integrity_check and
holds whole changes only (an échéance and its historique row come together, or not at all)."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from pathlib import Path

from tests.conftest import TODAY
from tests.reliability.conftest import child, integrity, scalar, wait_for

from suivi_tui.db.backup import snapshot_file
from suivi_tui.db.opening import open_database
from suivi_tui.services.export import DemandeExport, exporter


def _whole_changes(path: Path) -> int:
    """The number of 'w-' échéances, after checking each has exactly its historique row and vice versa."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        echeances = {r[0] for r in conn.execute("SELECT id FROM echeance WHERE libelle LIKE 'w-%'")}
        lignes = [
            r[0]
            for r in conn.execute(
                "SELECT echeance_id FROM historique WHERE champ = 'echeance.ajout' AND nouveau LIKE '% w-%'"
            )
        ]
    finally:
        conn.close()
    assert sorted(lignes) == sorted(echeances), f"half a change in {path.name}"
    return len(echeances)


def _collect_acks(process: subprocess.Popen[str], acked: list[int]) -> threading.Thread:
    """Read the writer's acks as they come, in a thread: acked[-1] is the newest committed change."""

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("ack "):
                acked.append(int(line.split()[1]))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_snapshots_and_exports_while_another_process_writes(seeded_file: Path, tmp_path: Path, reaper: list) -> None:  # type: ignore[type-arg]
    engagement = scalar(seeded_file, "SELECT min(id) FROM engagement")
    writer = child("echeances", seeded_file, engagement, "w", 100_000)
    reaper.append(writer)
    wait_for(writer, "ack 1")
    acked: list[int] = [1]
    _collect_acks(writer, acked)
    db = open_database(seeded_file)
    seen: list[int] = []
    try:
        for i in range(12):
            copies = []
            done_before = acked[-1]  # committed before the copy began: it must be in the copy
            copies.append(snapshot_file(seeded_file, tmp_path / f"instantane-{i}.db"))
            copies.append(exporter(db, DemandeExport(chemin=tmp_path / f"export-{i}.sqlite"), TODAY).chemin)
            for copy in copies:
                assert integrity(copy) == ["ok"], copy.name
                whole = _whole_changes(copy)
                assert whole >= done_before, f"{copy.name} misses acked changes ({whole} < {done_before})"
                seen.append(whole)
    finally:
        db.close()
        writer.kill()
        writer.wait(timeout=10)
    assert seen == sorted(seen), "a later copy holds fewer changes than an earlier one"
    assert seen[-1] > seen[0], "the writer did not write during the copies"
    assert integrity(seeded_file) == ["ok"]
    _whole_changes(seeded_file)
    print(
        f"\n#7 : {len(seen)} copies (12 instantanés, 12 exports SQLite) pendant les écritures, "
        f"de {seen[0]} à {seen[-1]} changements entiers, aucun à moitié, aucun confirmé manquant"
    )
