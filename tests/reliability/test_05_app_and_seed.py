"""Matrix #5, the app's side: the app (Pilot, on a real file) keeps writing while `suivi seed` imports a
second annexe into the same base from another process. Both succeed; every acknowledged change is there."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from tests.app.conftest import appuyer, calme
from tests.conftest import TODAY
from tests.reliability.conftest import REPO, column, integrity, scalar
from textual.pilot import Pilot

from suivi_tui.db.opening import open_database
from suivi_tui.services.edition import basculer_a_discuter
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.panes.engagements import EngagementsPane

ANNEXE = REPO / "tests" / "unit" / "fixtures" / "annexes" / "titres-arabes.md"  # Trappes
ACQUIS = "Mis à l'ordre du jour (à discuter)"
AU_MOINS = 8  # changes made by the app, at least


async def _attendre(pilot: Pilot[None], condition: Callable[[], bool], delai: float = 20.0) -> None:
    """Let the app run until condition holds, in small steps."""
    fin = time.monotonic() + delai
    while not condition():
        assert time.monotonic() < fin, "l'application n'a pas répondu"
        await pilot.pause(0.005)


def temoin(app: SuiviApp) -> list[tuple[str, str]]:
    """Every toast the app shows from now on, with its severity (Textual forgets them once expired)."""
    toasts: list[tuple[str, str]] = []
    montrer = app.notify

    def notify(message: str, **options: Any) -> None:
        toasts.append((str(message), options.get("severity", "information")))
        montrer(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return toasts


async def test_the_app_and_a_seed_at_once_lose_nothing(seeded_file: Path) -> None:
    db = open_database(seeded_file)
    app = SuiviApp(db, TODAY)
    toasts = temoin(app)
    marques: list[int] = []  # engagements the app put on the agenda, in order
    pendant = 0  # of them, acknowledged (toast shown) while the seed process was still running
    try:
        async with app.run_test(size=(140, 45)) as pilot:
            await appuyer(pilot, "2", "g")
            assert app.principal is not None
            lignes = [ligne.id for ligne in app.principal.query_one(EngagementsPane).lignes]
            marques.append(lignes[0])
            await appuyer(pilot, "a")  # the first from the keyboard, as a user would
            avant = toasts.count((ACQUIS, "information"))
            seed = subprocess.Popen(
                [sys.executable, "-m", "suivi_tui", "--db", str(seeded_file), "seed", str(ANNEXE)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=REPO,
            )
            try:
                # Then through the app's own writer, as fast as it takes them (faster than Pilot types):
                # the writes queue up in its worker threads while the seed holds or waits for the base.
                for engagement in lignes[1:]:
                    if seed.poll() is not None and len(marques) >= AU_MOINS:
                        break
                    marques.append(engagement)
                    app.enregistrer(partial(basculer_a_discuter, db, engagement))
                    await asyncio.sleep(0.01)
                    if seed.poll() is None:
                        pendant = toasts.count((ACQUIS, "information")) - avant
                sortie, erreurs = seed.communicate(timeout=60)
                await _attendre(pilot, lambda: len(toasts) >= len(marques))
                await calme(pilot)
            finally:
                if seed.poll() is None:
                    seed.kill()
            assert toasts == [(ACQUIS, "information")] * len(marques), toasts  # no error, no refusal
    finally:
        db.close()
    assert seed.returncode == 0, erreurs
    assert "Contrat créé" in sortie, sortie
    assert pendant >= 3, "too few changes acknowledged while the seed ran: the test proved little"
    assert len(set(marques)) == len(marques) >= AU_MOINS
    assert sorted(column(seeded_file, "SELECT id FROM engagement WHERE a_discuter = 1")) == sorted(marques)
    assert scalar(seeded_file, "SELECT count(*) FROM historique WHERE champ = 'a_discuter'") == len(marques)
    titres = column(seeded_file, "SELECT titre FROM contrat ORDER BY id")
    assert len(titres) == 2 and "Antony" in str(titres[0]) and "Trappes" in str(titres[1]), titres
    assert integrity(seeded_file) == ["ok"]
    print(
        f"\n#5 : l'appli a confirmé {len(marques)} modifications ({pendant} pendant `suivi seed`), "
        f"toutes retrouvées ; 2 contrats ; integrity_check ok"
    )
