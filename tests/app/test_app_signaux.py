"""A closed terminal (SIGHUP) or a SIGTERM ends the app like `q`: exit 0, the base intact, nothing lost."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import seed_bundled

from suivi_tui.db.opening import open_database
from suivi_tui.services.commandes import changer_statut


def _lire_jusqua(fd: int, attendu: bytes, delai: float = 20.0) -> bytes:
    lu, fin = b"", time.monotonic() + delai
    while attendu not in lu and time.monotonic() < fin:
        pret, _, _ = select.select([fd], [], [], 0.2)
        if pret:
            try:
                lu += os.read(fd, 65536)
            except OSError:
                break
    return lu


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_quits_the_app_cleanly(tmp_path: Path, signum: int) -> None:
    base = tmp_path / "suivi.db"
    db = open_database(base)
    contrat = seed_bundled(db)
    db.close()
    maitre, esclave = pty.openpty()
    env = {**os.environ, "COLUMNS": "140", "LINES": "45", "TERM": "xterm-256color"}
    processus = subprocess.Popen([sys.executable, "-m", "suivi_tui", "--db", str(base), "--today", "2021-03-15"],
                                 stdin=esclave, stdout=esclave, stderr=esclave, env=env, close_fds=True)
    os.close(esclave)
    try:
        ecran = _lire_jusqua(maitre, b"Contrat de ville")
        assert b"Contrat de ville" in ecran
        processus.send_signal(signum)
        fin = time.monotonic() + 20
        while processus.poll() is None and time.monotonic() < fin:
            _lire_jusqua(maitre, b"\x00never", delai=0.2)  # keep reading: a full pty would block the app
        assert processus.poll() == 0
    finally:
        if processus.poll() is None:
            processus.kill()
        os.close(maitre)
    db = open_database(base)
    try:
        assert changer_statut(db, 1, "en_cours") is not None  # still writable: no lock left behind
        with db.read() as session:
            from sqlalchemy import text

            assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert session.execute(text("SELECT count(*) FROM engagement e JOIN axe a ON a.id = e.axe_id "
                                        "WHERE a.contrat_id = :c"), {"c": contrat}).scalar_one() == 52
    finally:
        db.close()
