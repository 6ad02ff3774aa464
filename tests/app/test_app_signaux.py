"""A closed terminal (SIGHUP) or a SIGTERM ends the app like `q`: exit 0, the base intact, nothing lost.

The app runs for real on a pseudo-terminal; a change is made from the keyboard and its toast read on
the screen just before the signal: that acknowledged change must be in the base afterwards.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from tests.app.terminal import Terminal
from tests.conftest import seed_bundled

from suivi_tui.db.opening import open_database
from suivi_tui.services.edition import changer_statut

TOAST = "Mis à l'ordre du jour"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_right_after_an_acknowledged_change_quits_cleanly_and_keeps_it(tmp_path: Path, signum: int) -> None:
    base = tmp_path / "suivi.db"
    db = open_database(base)
    contrat = seed_bundled(db)
    db.close()
    with Terminal("--db", str(base), "--today", "2021-03-15") as terminal:
        assert terminal.attendre("Contrat de ville"), terminal.texte[-2000:]
        terminal.taper("a")  # « à discuter » on the selected engagement, the first of the table
        assert terminal.attendre(TOAST), terminal.texte[-2000:]
        terminal.processus.send_signal(signum)
        assert terminal.fin() == 0, terminal.texte[-2000:]
    db = open_database(base)
    try:
        with db.lire() as session:
            assert session.execute("PRAGMA integrity_check").scalar_one() == "ok"
            acquis = (
                session.execute("SELECT engagement_id FROM historique WHERE champ = 'a_discuter' AND nouveau = '1'")
                .scalars()
                .all()
            )
            assert len(acquis) == 1
            assert (
                session.execute("SELECT a_discuter FROM engagement WHERE id = :e", {"e": acquis[0]}).scalar_one() == 1
            )
            assert (
                session.execute(
                    "SELECT count(*) FROM engagement e JOIN axe a ON a.id = e.axe_id WHERE a.contrat_id = :c",
                    {"c": contrat},
                ).scalar_one()
                == 52
            )
        assert changer_statut(db, acquis[0], "en_cours") is not None  # still writable: no lock left behind
    finally:
        db.close()
