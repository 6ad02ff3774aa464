"""Draw docs/ecran-principal.svg: the main screen at 140x45 on 15/03/2021, after a few weeks of follow-up.

Usage : .venv/bin/python docs/capture_ecran.py [SORTIE.svg]
The base is a temporary one (the bundled Antony annexe, then a few statuts, échéances, notes).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path

from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database
from suivi_tui.services.edition import (
    ajouter_echeance,
    ajouter_note,
    basculer_a_discuter,
    basculer_echeance_faite,
    changer_pilote,
    changer_statut,
)
from suivi_tui.services.seances.journal import lister_comites
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance
from suivi_tui.services.seed import bundled_annexe, lire_source, seed
from suivi_tui.today import set_today

AUJOURDHUI = dt.date(2021, 3, 15)
TAILLE = (140, 45)
SORTIE = Path(__file__).resolve().parent / "ecran-principal.svg"


def _id(db: Database, debut: str) -> int:
    with db.lire() as session:
        return int(session.execute("SELECT id FROM engagement WHERE libelle LIKE :l", {"l": debut + "%"}).scalar_one())


def quelques_semaines_de_suivi(db: Database) -> None:
    annexe, sha = lire_source(bundled_annexe())
    contrat = seed(db, annexe, bundled_annexe().name, sha).contrat_id
    assert contrat is not None
    comites = {c.nom: c.id for c in lister_comites(db, contrat)}
    insertion = comites["Insertion socioprofessionnelle"]
    # The comité met today: its notes are in that séance, closed since (no banner on the picture).
    seance = ouvrir_seance(db, insertion, AUJOURDHUI, "Salle du conseil").id
    tps = _id(db, "Poursuivre le dispositif de scolarisation")
    changer_statut(db, tps, "en_cours")
    changer_pilote(db, tps, "Direction de l'Éducation")
    bilan = ajouter_echeance(db, tps, dt.date(2021, 2, 26), "jour", "Bilan des inscriptions").cible_id
    assert bilan is not None
    basculer_echeance_faite(db, bilan, dt.date(2021, 3, 2))
    changer_statut(db, tps, "realise")
    ajouter_note(
        db,
        insertion,
        "Classe TPS ouverte à l'école Anatole France : 18 enfants inscrits.",
        type="decision",
        engagement_id=tps,
        seance_id=seance,
    )
    coworking = _id(db, "Créer un espace de coworking")
    changer_statut(db, coworking, "en_cours")
    changer_pilote(db, coworking, "Développement économique")
    ajouter_echeance(db, coworking, dt.date(2021, 3, 1), "jour", "Trouver un local")
    ajouter_echeance(db, _id(db, "Organiser sur un plus large territoire"), dt.date(2021, 6, 30), "trimestre")
    ajouter_echeance(db, _id(db, "Recentrer les actions"), dt.date(2021, 9, 30), "trimestre", "Évaluation PRE")
    changer_statut(db, _id(db, "Développer le projet de Ressourcerie"), "bloque")
    changer_statut(db, _id(db, "Renforcer la prévention du décrochage"), "en_cours")
    basculer_a_discuter(db, _id(db, "Renforcer l'accompagnement des jeunes"))
    ajouter_note(
        db,
        insertion,
        "Forum de l'emploi : relancer la CAF et Pôle emploi avant le 1er avril.",
        type="action",
        seance_id=seance,
    )
    ajouter_note(db, insertion, "Jobs d'été : 40 offres recensées, dont 12 dans les QPV.", seance_id=seance)
    fermer_seance(db, contrat)


async def capturer(db: Database, sortie: Path) -> None:
    from suivi_tui.ui.app import SuiviApp
    from suivi_tui.ui.panes.journal import JournalPane

    app = SuiviApp(db, AUJOURDHUI)
    async with app.run_test(size=TAILLE) as pilot:

        async def calme() -> None:
            for _ in range(5):
                await pilot.pause()
                await app.workers.wait_for_complete()

        await calme()
        for touche in ("1", "j", "j", "j", "j", "2", "j", "j", "j"):  # axis IV, the TPS engagement
            await pilot.press(touche)
            await calme()
        journal = app.screen.query_one(JournalPane)
        while journal.border_title != "Journal · Insertion socioprofessionnelle":
            await pilot.press("4", "greater_than_sign")
            await calme()
        await pilot.press("2")
        await calme()
        app.clear_notifications()
        await pilot.pause(0.2)
        app.save_screenshot(filename=sortie.name, path=str(sortie.parent))


def main() -> None:
    sortie = Path(sys.argv[1]) if len(sys.argv) > 1 else SORTIE
    set_today(AUJOURDHUI)
    with tempfile.TemporaryDirectory() as dossier:
        db = open_database(Path(dossier) / "suivi.db")
        try:
            quelques_semaines_de_suivi(db)
            asyncio.run(capturer(db, sortie))
        finally:
            db.close()
    print(f"Capture écrite : {sortie}")


if __name__ == "__main__":
    main()
