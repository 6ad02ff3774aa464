"""Matrix #6: starting on a 0-byte file, a text file, a truncated base, garbage pages: no crash, the file
is never modified, restore is offered; restoring keeps the damaged file aside, byte for byte."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.reliability.conftest import acks, child, integrity, scalar, suivi, wait_for

from suivi_tui.db import rolling
from suivi_tui.db.errors import EcritureImpossible
from suivi_tui.db.opening import open_database
from suivi_tui.db.recovery import newest_good_backup, quarantine
from suivi_tui.services.edition import changer_pilote

MATIN = dt.datetime(2021, 3, 15, 9, 0, tzinfo=dt.UTC)


def _garbage_pages(data: bytes) -> bytes:
    """Garbage over the headers of the engagement table's b-tree pages (each write below reads one)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "sonde.db"
        probe.write_bytes(data)
        conn = sqlite3.connect(probe)
        roots = [
            r[0]
            for r in conn.execute(
                "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'engagement' AND type IN ('table', 'index')"
            )
        ]
        conn.close()
    damaged = bytearray(data)
    for root in roots:
        start = (root - 1) * 4096
        damaged[start : start + 64] = b"\xa5" * 64
    return bytes(damaged)


def _one_bad_page(data: bytes) -> bytes:
    """Garbage over one page that SQLite reports in quick_check's rows (rather than raising)."""
    pages = len(data) // 4096
    for number in sorted(range(2, pages), key=lambda n: abs(n - pages // 2)):
        damaged = bytearray(data)
        damaged[number * 4096 : number * 4096 + 64] = b"\xa5" * 64
        with tempfile.TemporaryDirectory() as folder:
            probe = Path(folder) / "sonde.db"
            probe.write_bytes(bytes(damaged))
            conn = sqlite3.connect(f"file:{probe}?mode=ro", uri=True)
            try:
                if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                    return bytes(damaged)
            except sqlite3.DatabaseError:
                continue
            finally:
                conn.close()
    raise AssertionError("no page whose damage quick_check reports in rows")


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "vide": lambda data: b"",
    "texte": lambda data: "Compte rendu du comité technique du 15/03/2021\n".encode() * 40,
    "tronquee": lambda data: data[: len(data) // 2],
    "pages": _garbage_pages,  # SQLite raises "malformed" on the first read
    "une-page": _one_bad_page,  # the base opens, quick_check lists the damage
}


@pytest.fixture
def backed_up(seeded_file: Path) -> tuple[Path, Path]:
    """A seeded base with one verified rolling backup beside it."""
    backup = rolling.backup_if_due(seeded_file, now=MATIN)
    assert backup is not None
    return seeded_file, backup


def _refused(db: Path, *command: str) -> str:
    result = suivi("--db", str(db), *command)
    assert result.returncode == 2, (command, result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == "", result.stderr
    return result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_base_is_refused_untouched_then_restored(backed_up: tuple[Path, Path], kind: str) -> None:
    db, backup = backed_up
    damaged = DAMAGE[kind](db.read_bytes())
    db.write_bytes(damaged)
    commands = [("status",), ("seed",), ()] if kind == "pages" else [("status",), ("seed",)]
    for command in commands:  # () is the app: it must refuse before drawing anything
        message = _refused(db, *command)
        assert f"suivi --db {db} restore" in message and backup.name in message, message
    assert db.read_bytes() == damaged, "a damaged base was modified"
    restored = suivi("--db", str(db), "restore")
    assert restored.returncode == 0, restored.stderr
    kept = re.search(r"gardé à côté : (\S+)", restored.stdout)
    assert kept, restored.stdout
    aside = Path(kept.group(1))
    assert re.fullmatch(r"suivi\.db\.corrupt-\d{8}-\d{6}", aside.name), aside.name
    assert aside.read_bytes() == damaged, "the damaged file was not kept intact"
    assert integrity(db) == ["ok"] and scalar(db, "SELECT count(*) FROM engagement") == 52
    assert suivi("--db", str(db), "status").returncode == 0


def test_damage_without_any_backup_says_so_and_changes_nothing(seeded_file: Path) -> None:
    damaged = _garbage_pages(seeded_file.read_bytes())
    seeded_file.write_bytes(damaged)
    message = _refused(seeded_file, "status")
    assert "endommagée et n'a pas été modifiée" in message and "Aucune sauvegarde vérifiée" in message
    assert seeded_file.read_bytes() == damaged
    assert not (seeded_file.parent / "backups").exists()


def test_a_text_file_that_is_not_ours_gets_no_restore_advice(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("liste de courses\n" * 20, encoding="utf-8")
    message = _refused(notes, "status")
    assert "pas une base de données SQLite" in message and "restore" not in message
    assert notes.read_text(encoding="utf-8") == "liste de courses\n" * 20


def test_quarantine_moves_the_base_and_its_wal_aside_intact(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    """A crash leaves committed changes in the -wal: quarantine must move them with the base."""
    process = child("pilotes", seeded_file, 1, "wal")
    reaper.append(process)
    lines = wait_for(process, "ack 5")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    wal = seeded_file.with_name("suivi.db-wal")
    assert wal.stat().st_size > 0
    before = {"db": seeded_file.read_bytes(), "wal": wal.read_bytes()}
    aside = quarantine(seeded_file, now=MATIN)
    assert not seeded_file.exists() and not wal.exists()
    assert re.fullmatch(r"suivi\.db\.corrupt-\d{8}-\d{6}", aside.name)
    assert aside.read_bytes() == before["db"]
    assert aside.with_name(aside.name + "-wal").read_bytes() == before["wal"]
    last = acks(lines)[-1]
    pilote = scalar(aside, "SELECT pilote FROM engagement WHERE id = 1")
    assert pilote in (f"pilote-wal-{last}", f"pilote-wal-{last + 1}")


def test_newest_good_backup_skips_a_damaged_one(backed_up: tuple[Path, Path]) -> None:
    db, good = backed_up
    newer = rolling.backup_if_due(db, now=MATIN + dt.timedelta(hours=13))
    assert newer is not None and newest_good_backup(db) == newer
    newer.write_bytes(_garbage_pages(newer.read_bytes()))
    assert newest_good_backup(db) == good
    shutil.copyfile(db, good)  # any SQLite file is not enough: it must pass the full check
    assert newest_good_backup(db) == good


def test_damage_found_during_a_session_is_a_french_refusal(seeded_file: Path) -> None:
    """The base passed quick_check at start-up, then its pages were damaged: the write says so in French."""
    db = open_database(seeded_file)
    try:
        seeded_file.write_bytes(_garbage_pages(seeded_file.read_bytes()))
        with pytest.raises(EcritureImpossible, match=r"endommagée.*restaurer"):
            changer_pilote(db, 1, "Mme Martin")
    finally:
        db.close()
