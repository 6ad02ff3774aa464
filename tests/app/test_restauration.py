"""The screen `suivi` shows on a damaged base: r restores the newest verified backup, q leaves everything as is."""

from __future__ import annotations

import datetime as dt
import signal
import sqlite3
from pathlib import Path

import pytest
from tests.app.conftest import calme
from tests.app.terminal import Terminal
from tests.conftest import seed_bundled
from textual.widgets import Static

from suivi_tui.db import rolling
from suivi_tui.db.errors import BaseEndommagee
from suivi_tui.db.opening import open_database
from suivi_tui.db.recovery import newest_good
from suivi_tui.db.rolling import Backup
from suivi_tui.texte import taille
from suivi_tui.ui.screens.restauration import RestaurationApp, quand

MATIN = dt.datetime(2021, 3, 15, 9, 0, tzinfo=dt.UTC)


def _abimer(base: Path) -> bytes:
    """Garbage over the headers of b-tree pages 3 to 6: SQLite calls the file malformed."""
    data = bytearray(base.read_bytes())
    for numero in range(2, 6):
        data[numero * 4096 : numero * 4096 + 64] = b"\xa5" * 64
    base.write_bytes(bytes(data))
    return bytes(data)


@pytest.fixture
def abimee(tmp_path: Path) -> tuple[Path, bytes]:
    """A seeded base with one verified backup, then damaged: (base, its damaged bytes)."""
    base = tmp_path / "suivi.db"
    db = open_database(base)
    seed_bundled(db)
    db.close()
    assert rolling.backup_if_due(base, now=MATIN) is not None
    return base, _abimer(base)


def _refus(base: Path) -> tuple[str, Backup]:
    with pytest.raises(BaseEndommagee) as refus:
        open_database(base)
    sauvegarde = newest_good(base)
    assert sauvegarde is not None
    return refus.value.message, sauvegarde


def _ecrit(app: RestaurationApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


def _voisins(base: Path) -> list[str]:
    return sorted(p.name for p in base.parent.iterdir() if p.name.startswith(base.name + "."))


async def test_r_restores_the_backup_and_keeps_the_damaged_file_aside(abimee: tuple[Path, bytes]) -> None:
    base, abimes = abimee
    raison, sauvegarde = _refus(base)
    app = RestaurationApp(base, raison, sauvegarde)
    async with app.run_test(size=(120, 36)) as pilot:
        ecrit = _ecrit(app)
        assert "endommagée" in ecrit and sauvegarde.path.name in ecrit
        assert f"prise le {quand(sauvegarde)} · {taille(sauvegarde.size)}" in ecrit
        assert "Restaurer cette sauvegarde" in ecrit and "Quitter sans rien changer" in ecrit
        await pilot.press("r")
        await calme(pilot)
    fait = app.return_value
    assert fait is not None and fait.ancienne_endommagee and fait.ancienne is not None
    assert fait.ancienne.name.startswith("suivi.db.corrupt-")
    assert fait.ancienne.read_bytes() == abimes, "the damaged file was not kept intact"
    assert sauvegarde.path.exists()  # restoring copies the backup, never consumes it
    db = open_database(base)
    try:
        with db.lire() as session:
            assert session.execute("PRAGMA integrity_check").scalar_one() == "ok"
            assert session.execute("SELECT count(*) FROM engagement").scalar_one() == 52
    finally:
        db.close()


async def test_q_quits_and_changes_nothing(abimee: tuple[Path, bytes]) -> None:
    base, abimes = abimee
    raison, sauvegarde = _refus(base)
    avant = _voisins(base)
    app = RestaurationApp(base, raison, sauvegarde)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("q")
        await calme(pilot)
    assert app.return_value is None
    assert base.read_bytes() == abimes
    assert _voisins(base) == avant and not any(".corrupt-" in n for n in avant)


async def test_a_backup_that_no_longer_verifies_is_refused_on_screen_and_nothing_changes(
    abimee: tuple[Path, bytes],
) -> None:
    base, abimes = abimee
    raison, sauvegarde = _refus(base)
    app = RestaurationApp(base, raison, sauvegarde)
    async with app.run_test(size=(120, 36)) as pilot:
        _abimer(sauvegarde.path)  # damaged between the screen and the key
        await pilot.press("r")
        await calme(pilot)
        assert app.is_running
        etat = str(app.screen.query_one("#etat", Static).render())
        assert "endommagée" in etat and "Rien n'a été modifié" in etat and "r pour réessayer" in etat
        await pilot.press("q")
        await calme(pilot)
    assert app.return_value is None
    assert base.read_bytes() == abimes and not any(".corrupt-" in n for n in _voisins(base))


def test_suivi_in_a_terminal_restores_then_opens_the_app_on_the_restored_base(abimee: tuple[Path, bytes]) -> None:
    base, abimes = abimee
    with Terminal("--db", str(base), "--today", "2021-03-15") as terminal:
        assert terminal.attendre("Restaurer cette sauvegarde"), terminal.texte[-2000:]
        terminal.taper("r")
        assert terminal.attendre("Contrat de ville"), terminal.texte[-2000:]  # the main app, on the restored base
        terminal.taper("q")
        assert terminal.fin() == 0, terminal.texte[-2000:]
    (gardee,) = [n for n in _voisins(base) if ".corrupt-" in n and not n.endswith(("-wal", "-shm"))]
    assert (base.parent / gardee).read_bytes() == abimes
    conn = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT count(*) FROM engagement").fetchone()[0] == 52
    finally:
        conn.close()


def test_suivi_in_a_terminal_quit_on_the_screen_exits_2_with_the_restore_command(abimee: tuple[Path, bytes]) -> None:
    base, abimes = abimee
    with Terminal("--db", str(base)) as terminal:
        assert terminal.attendre("Quitter sans rien changer"), terminal.texte[-2000:]
        terminal.taper("q")
        assert terminal.fin() == 2, terminal.texte[-2000:]
        assert terminal.attendre(f"suivi --db {base} restore"), terminal.texte[-2000:]
    assert base.read_bytes() == abimes and not any(".corrupt-" in n for n in _voisins(base))


def test_suivi_in_a_terminal_without_any_backup_says_so_and_exits_2(tmp_path: Path) -> None:
    base = tmp_path / "suivi.db"
    db = open_database(base)
    seed_bundled(db)
    db.close()
    abimes = _abimer(base)
    with Terminal("--db", str(base)) as terminal:
        assert terminal.fin() == 2, terminal.texte[-2000:]
        assert terminal.attendre("Aucune sauvegarde vérifiée"), terminal.texte[-2000:]
        assert "Restaurer cette sauvegarde" not in terminal.texte and "Traceback" not in terminal.texte
    assert base.read_bytes() == abimes and not (tmp_path / "backups").exists()


def test_a_closed_terminal_on_the_screen_leaves_everything_as_it_is(abimee: tuple[Path, bytes]) -> None:
    base, abimes = abimee
    with Terminal("--db", str(base)) as terminal:
        assert terminal.attendre("Restaurer cette sauvegarde"), terminal.texte[-2000:]
        terminal.processus.send_signal(signal.SIGHUP)
        assert terminal.fin() == 2, terminal.texte[-2000:]
    assert base.read_bytes() == abimes and not any(".corrupt-" in n for n in _voisins(base))
