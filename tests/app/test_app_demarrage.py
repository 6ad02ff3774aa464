"""The first screen is read and painted before SQLAlchemy is imported; what the writes need loads right after."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from suivi_tui.db.database import Database

# Run as `suivi --db BASE` does (cli.main), headless: the app's own start-up order, in a fresh interpreter.
# It notes when the writes' modules start loading (in a worker, holding the interpreter for a quarter of a
# second), and whether SQLAlchemy was there when the first full screen was painted.
ENFANT = r"""
import asyncio, sys
import suivi_tui.ui.app as module
from suivi_tui.cli import main
from suivi_tui.cli.commands import app as commande
from suivi_tui.ui import ecritures

vu = {}
charger = ecritures.charger

def charger_en_notant(db):
    vu["ecritures"] = "apres le premier ecran" if "premier_ecran" in vu else "avant"
    charger(db)

ecritures.charger = charger_en_notant
peint = module.SuiviApp.on_premier_ecran_peint

def au_premier_ecran(self, message):
    vu["premier_ecran"] = self.principal is not None and self.principal.ecran is not None
    vu["sqlalchemy_deja"] = "sqlalchemy" in sys.modules
    peint(self, message)

async def pilote(pilot):
    while "premier_ecran" not in vu:
        await asyncio.sleep(0.01)
    await pilot.app.workers.wait_for_complete()  # the writes' modules, loaded in a worker
    vu["sqlalchemy_ensuite"] = "sqlalchemy.orm" in sys.modules
    pilot.app.exit()

lancer = module.SuiviApp.run
module.SuiviApp.run = lambda self, *a, **k: lancer(self, headless=True, size=(140, 45), auto_pilot=pilote)
module.SuiviApp.on_premier_ecran_peint = au_premier_ecran
commande._verifier_lancement = lambda args: False  # no terminal here: the app runs headless
rc = main(["--db", sys.argv[1], "--today", "2021-03-15"])
print(vu)
sys.exit(rc)
"""


def test_the_first_screen_is_painted_before_sqlalchemy_loads_and_the_writes_load_after(
    seeded: tuple[Database, int], db_path: Path
) -> None:
    db, _ = seeded
    db.close()
    fait = subprocess.run([sys.executable, "-c", ENFANT, str(db_path)], capture_output=True, text=True, timeout=120)
    assert fait.returncode == 0, fait.stderr
    vu = ast.literal_eval(fait.stdout.strip().splitlines()[-1])
    assert vu == {
        "premier_ecran": True,
        "sqlalchemy_deja": False,
        "ecritures": "apres le premier ecran",
        "sqlalchemy_ensuite": True,
    }
