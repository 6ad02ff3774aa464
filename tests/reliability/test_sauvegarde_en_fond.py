"""The app takes its rolling backup in a thread while it starts: every write waits for it, so the backup is
still a snapshot of the base from before the session changed anything; a failure is a warning, kept for later."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from tests.reliability.conftest import scalar

from suivi_tui.cli import build_parser
from suivi_tui.cli.ouverture import avertissement_sauvegarde, open_db
from suivi_tui.db import rolling
from suivi_tui.db.opening import open_database
from suivi_tui.services.contrats import lister_contrats
from suivi_tui.services.edition import changer_pilote


def test_writes_wait_for_the_task_and_reads_do_not(seeded_file: Path) -> None:
    db = open_database(seeded_file)
    feu = threading.Event()
    try:
        db.retenir_ecritures(threading.Thread(target=feu.wait))
        assert lister_contrats(db)  # reading is not held
        ecrivain = threading.Thread(target=changer_pilote, args=(db, 1, "Après la tâche"))
        ecrivain.start()
        time.sleep(0.4)
        assert ecrivain.is_alive() and scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = 1") is None
        feu.set()
        ecrivain.join(timeout=10)
        assert not ecrivain.is_alive()
        assert scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = 1") == "Après la tâche"
    finally:
        feu.set()
        db.close()


def test_the_app_backup_is_taken_before_its_first_write(seeded_file: Path) -> None:
    """The write is asked at once, while the backup thread runs: it lands after, not in, the backup."""
    assert rolling.list_backups(seeded_file) == []
    db = open_db(build_parser().parse_args(["--db", str(seeded_file)]), sauvegarde_en_fond=True)
    try:
        assert db.avant_ecriture is not None
        assert changer_pilote(db, 1, "Première modification") is not None
    finally:
        db.close()
    assert avertissement_sauvegarde(db) is None
    (sauvegarde,) = rolling.list_backups(seeded_file)
    assert scalar(sauvegarde.path, "SELECT pilote FROM engagement WHERE id = 1") is None
    assert scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = 1") == "Première modification"
    conn = sqlite3.connect(f"file:{sauvegarde.path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_no_thread_when_a_recent_backup_exists(seeded_file: Path) -> None:
    assert rolling.backup_if_due(seeded_file) is not None
    db = open_db(build_parser().parse_args(["--db", str(seeded_file)]), sauvegarde_en_fond=True)
    db.close()
    assert db.avant_ecriture is None and len(rolling.list_backups(seeded_file)) == 1


def test_a_backup_that_cannot_be_written_is_a_warning_and_writes_go_on(seeded_file: Path) -> None:
    (seeded_file.parent / "backups").write_text("un fichier, pas un dossier\n", encoding="utf-8")
    db = open_db(build_parser().parse_args(["--db", str(seeded_file)]), sauvegarde_en_fond=True)
    try:
        assert changer_pilote(db, 1, "Malgré tout") is not None
    finally:
        db.close()
    avertissement = avertissement_sauvegarde(db)
    assert avertissement is not None and "sauvegarde automatique n'a pas pu être faite" in avertissement
    assert scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = 1") == "Malgré tout"
    assert (seeded_file.parent / "backups").read_text(encoding="utf-8") == "un fichier, pas un dossier\n"
