"""Rolling backups (every 12 hours, 7 kept, pre-migration ones never touched), `suivi backups` and
`suivi restore`: verified first, the current file kept aside, nothing ever deleted but old rolling copies."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from tests.reliability.conftest import child, integrity, scalar, suivi, wait_for

from suivi_tui.atomic import FichierExistant
from suivi_tui.db import rolling
from suivi_tui.db.backup import integrity_ok, verified_snapshot
from suivi_tui.db.errors import SauvegardeInvalide
from suivi_tui.db.instances import opened_elsewhere
from suivi_tui.db.opening import migrate
from suivi_tui.db.recovery import restore
from suivi_tui.db.schema import Migration

T0 = dt.datetime(2021, 3, 15, 8, 0, tzinfo=dt.UTC)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_every_12_hours_verified_and_private(seeded_file: Path) -> None:
    first = rolling.backup_if_due(seeded_file, now=T0)
    assert first is not None and first.parent == seeded_file.parent / "backups"
    assert re.fullmatch(r"suivi-\d{8}-\d{6}\.db", first.name)
    assert os.stat(first).st_mode & 0o777 == 0o600 and os.stat(first.parent).st_mode & 0o777 == 0o700
    assert integrity_ok(first) and scalar(first, "SELECT count(*) FROM engagement") == 52
    assert rolling.backup_if_due(seeded_file, now=T0 + dt.timedelta(minutes=1)) is None
    assert rolling.backup_if_due(seeded_file, now=T0 + dt.timedelta(hours=11, minutes=59)) is None
    assert rolling.backup_if_due(seeded_file, now=T0 + dt.timedelta(hours=12)) is not None


def test_the_7_newest_rolling_backups_are_kept_and_nothing_else_is_touched(seeded_file: Path, tmp_path: Path) -> None:
    step = tmp_path / "0002_rien.sql"
    step.write_text("CREATE TABLE rien (x);\n")
    folder = seeded_file.parent / "backups"
    folder.mkdir(mode=0o700)
    foreign = [folder / "autre-20210101-000000.db", folder / "ma-copie.db"]
    for path in foreign:
        path.write_bytes(b"pas a nous")
    copy = tmp_path / "copie" / "suivi.db"
    copy.parent.mkdir()
    shutil.copyfile(seeded_file, copy)
    migration_backup = migrate(copy, 1, [Migration(2, step)], target=2)
    kept_aside = shutil.copyfile(migration_backup, folder / migration_backup.name)
    taken = [rolling.backup_if_due(seeded_file, now=T0 + dt.timedelta(hours=13 * i)) for i in range(10)]
    assert all(taken)
    rolling_names = sorted(b.path.name for b in rolling.list_backups(seeded_file) if b.kind == rolling.ROLLING)
    assert rolling_names == sorted(p.name for p in taken[-7:])  # type: ignore[union-attr]
    assert kept_aside.exists() and all(p.read_bytes() == b"pas a nous" for p in foreign)


def test_backup_if_due_costs_nothing_when_a_recent_backup_exists(seeded_file: Path) -> None:
    for i in range(7):
        rolling.backup_if_due(seeded_file, now=T0 + dt.timedelta(hours=13 * i))
    now = T0 + dt.timedelta(hours=13 * 6, minutes=5)
    calls = 1000
    start = time.perf_counter()
    for _ in range(calls):
        assert rolling.backup_if_due(seeded_file, now=now) is None
    per_call = (time.perf_counter() - start) / calls
    assert per_call < 0.002, f"{per_call * 1e6:.0f} µs per call"
    print(f"\nsauvegardes : backup_if_due sans sauvegarde due : {per_call * 1e6:.0f} µs par appel (7 sauvegardes)")


def test_only_commands_that_write_take_the_rolling_backup(db_path: Path) -> None:
    assert suivi("--db", str(db_path), "seed").returncode == 0  # creates the base: nothing to back up yet
    for command in ("status", "check"):
        assert suivi("--db", str(db_path), command).returncode == 0
    assert rolling.list_backups(db_path) == []
    assert suivi("--db", str(db_path), "seed").returncode == 0
    assert len(rolling.list_backups(db_path)) == 1


def test_suivi_backups_lists_date_size_and_state(seeded_file: Path) -> None:
    good = rolling.backup_if_due(seeded_file, now=T0)
    bad = rolling.backup_if_due(seeded_file, now=T0 + dt.timedelta(hours=13))
    assert good and bad
    bad.write_bytes(bad.read_bytes()[:8192])
    result = suivi("--db", str(seeded_file), "backups")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    first = next(line for line in lines if bad.name in line)
    second = next(line for line in lines if good.name in line)
    assert first.split()[0] == "1" and "ENDOMMAGÉE" in first and "8 Ko" in first
    assert second.split()[0] == "2" and "vérifiée" in second and "automatique" in second
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", second)


def test_restore_puts_the_backup_back_and_keeps_the_current_file_aside(seeded_file: Path) -> None:
    backup = rolling.backup_if_due(seeded_file, now=T0)
    assert backup
    with sqlite3.connect(seeded_file) as conn:
        conn.execute("UPDATE engagement SET pilote = 'après la sauvegarde' WHERE id = 1")
    conn.close()
    result = suivi("--db", str(seeded_file), "restore")
    assert result.returncode == 0, result.stderr
    assert backup.name in result.stdout
    assert scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = 1") is None
    aside = Path(re.search(r"gardé à côté : (\S+)", result.stdout).group(1))  # type: ignore[union-attr]
    assert re.fullmatch(r"suivi\.db\.avant-restauration-\d{8}-\d{6}", aside.name)
    assert integrity_ok(aside) and scalar(aside, "SELECT pilote FROM engagement WHERE id = 1") == "après la sauvegarde"
    assert backup.exists() and integrity(seeded_file) == ["ok"]
    assert scalar(seeded_file, "PRAGMA journal_mode") == "wal"


def test_restore_by_number_or_name(seeded_file: Path) -> None:
    old = rolling.backup_if_due(seeded_file, now=T0)
    new = rolling.backup_if_due(seeded_file, now=T0 + dt.timedelta(hours=13))
    assert old and new
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE engagement SET pilote = 'la plus ancienne' WHERE id = 1")
    conn.close()
    assert suivi("--db", str(seeded_file), "restore", "2").returncode == 0
    assert scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = 1") == "la plus ancienne"
    assert suivi("--db", str(seeded_file), "restore", new.name).returncode == 0
    assert scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = 1") is None
    assert len(list(seeded_file.parent.glob("suivi.db.avant-restauration-*"))) == 2


@pytest.mark.parametrize("content", [b"", b"bonjour\n" * 100, "truncated"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(seeded_file: Path, tmp_path: Path, content: object) -> None:
    (tmp_path / "ailleurs").mkdir()
    bad = tmp_path / "ailleurs" / "mauvaise.db"
    bad.write_bytes(seeded_file.read_bytes()[:12288] if content == "truncated" else content)  # type: ignore[arg-type]
    before = sorted((p.name, _digest(p)) for p in seeded_file.parent.iterdir() if p.is_file())
    result = suivi("--db", str(seeded_file), "restore", str(bad))
    assert result.returncode == 2 and "Rien n'a été modifié" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sorted((p.name, _digest(p)) for p in seeded_file.parent.iterdir() if p.is_file()) == before
    with pytest.raises(SauvegardeInvalide):
        restore(seeded_file, bad)


def test_restore_without_any_backup_says_so(seeded_file: Path) -> None:
    result = suivi("--db", str(seeded_file), "restore")
    assert result.returncode == 1 and "Aucune sauvegarde vérifiée" in result.stderr


def test_the_open_probe_sees_another_process_and_changes_nothing(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    assert not opened_elsewhere(seeded_file)
    process = child("pilotes", seeded_file, 1, "sonde")
    reaper.append(process)
    wait_for(process, "ack 3")
    assert opened_elsewhere(seeded_file)
    process.kill()
    process.wait(timeout=10)
    wal = seeded_file.with_name("suivi.db-wal")
    before = (_digest(seeded_file), _digest(wal))
    assert not opened_elsewhere(seeded_file)
    assert (_digest(seeded_file), _digest(wal)) == before, "the probe checkpointed or recovered the base"


def test_a_target_that_appears_during_the_snapshot_is_not_overwritten(seeded_file: Path, tmp_path: Path) -> None:
    """Another process publishes the same name while VACUUM INTO runs: ours is refused, theirs kept."""
    target = tmp_path / "copie.db"
    source = sqlite3.connect(seeded_file)

    def other_process_publishes() -> int:
        if not target.exists():
            target.write_bytes(b"la copie d'un autre")
        return 0

    source.set_progress_handler(other_process_publishes, 50)
    try:
        with pytest.raises(FichierExistant):
            verified_snapshot(source, target)
    finally:
        source.close()
    assert target.read_bytes() == b"la copie d'un autre"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []
