"""The real app on a pseudo-terminal: a burst of keys and a paste holding escape sequences, as a terminal sends them.

The Pilot tests feed the same bytes to the app's parser; this one proves the running app reads the
terminal through it (ui/collage.py) and acts on the row under the cursor.
"""

from __future__ import annotations

from pathlib import Path

from tests.app.terminal import Terminal
from tests.conftest import seed_bundled

from suivi_tui.db.opening import open_database


def test_a_burst_and_a_scrambled_paste_land_on_the_right_row_as_text(tmp_path: Path) -> None:
    base = tmp_path / "suivi.db"
    db = open_database(base)
    seed_bundled(db)
    with db.lire() as session:
        premier, second = session.execute("SELECT id FROM engagement ORDER BY id LIMIT 2").scalars()
    db.close()
    with Terminal("--db", str(base), "--today", "2021-03-15") as terminal:
        assert terminal.attendre("Contrat de ville"), terminal.texte[-2000:]
        terminal.taper("2gjp")  # the table, its first row, the next one, its pilote: in one write
        assert terminal.attendre("Pilote de l'engagement"), terminal.texte[-2000:]
        terminal.taper("\x15\x1b[200~AB\x1b[31mCD\x1b[201~")  # ctrl+u, then the paste
        terminal.taper("\r")
        assert terminal.attendre("Pilote : ABCD"), terminal.texte[-2000:]
        terminal.taper("\x11")  # ctrl+q
        assert terminal.fin() == 0, terminal.texte[-2000:]
    db = open_database(base)
    try:
        with db.lire() as session:
            pilotes = dict(
                session.execute(
                    "SELECT id, pilote FROM engagement WHERE id IN (:a, :b)", {"a": premier, "b": second}
                ).all()
            )
    finally:
        db.close()
    assert pilotes == {premier: None, second: "ABCD"}
