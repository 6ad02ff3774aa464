"""Snapshots of the séance views at 140x45 and 80x24, after two séances (15/03 and 12/04/2021): agenda and depuis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from tests.snapshots.test_snapshots_app import TAILLES, apres

from suivi_tui.db.database import Database
from suivi_tui.services.edition import (
    ajouter_echeance,
    ajouter_note,
    basculer_a_discuter,
    changer_pilote,
    changer_statut,
)
from suivi_tui.services.seances.journal import lister_comites
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance
from suivi_tui.today import set_today
from suivi_tui.ui.app import SuiviApp

MARS, AVRIL = dt.date(2021, 3, 15), dt.date(2021, 4, 12)


def _id(db: Database, debut: str) -> int:
    with db.lire() as session:
        return int(session.execute("SELECT id FROM engagement WHERE libelle LIKE :l", {"l": debut + "%"}).scalar_one())


@pytest.fixture
def deux_seances(seeded: tuple[Database, int]) -> Iterator[SuiviApp]:
    """The séance of 15/03 (two statuts, a decision, an action), what moved on 20/03, and the app on 12/04."""
    db, contrat = seeded
    insertion = next(c.id for c in lister_comites(db, contrat) if c.nom.startswith("Insertion"))
    coworking, ressourcerie = _id(db, "Créer un espace de coworking"), _id(db, "Développer le projet de Ressourcerie")
    set_today(MARS)
    seance = ouvrir_seance(db, insertion, MARS, "Salle du conseil", "DPV, Pôle emploi, Mission locale")
    changer_statut(db, coworking, "en_cours", seance_id=seance.id)
    changer_statut(db, ressourcerie, "bloque", seance_id=seance.id)
    ajouter_note(
        db,
        insertion,
        "Lancer l'appel à projets",
        type="decision",
        engagement_id=coworking,
        seance_id=seance.id,
    )
    ajouter_note(db, insertion, "Relancer le bailleur", type="action", engagement_id=ressourcerie, seance_id=seance.id)
    fermer_seance(db, contrat)
    set_today(dt.date(2021, 3, 20))
    ajouter_echeance(db, coworking, dt.date(2021, 4, 30), "jour", "Trouver un local")
    changer_pilote(db, ressourcerie, "Service Économie")
    basculer_a_discuter(db, _id(db, "Poursuivre le dispositif de scolarisation"))
    ajouter_echeance(db, _id(db, "Accompagner les habitants"), dt.date(2021, 1, 31), "jour", "Bilan des parcours")
    set_today(AVRIL)
    yield SuiviApp(db, AVRIL)
    set_today(None)


@pytest.mark.parametrize("taille", TAILLES)
def test_ordre_du_jour(snap_compare, deux_seances, taille) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(deux_seances, terminal_size=taille, run_before=apres("A"))


@pytest.mark.parametrize("taille", TAILLES)
def test_depuis_la_derniere_seance(snap_compare, deux_seances, taille) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(deux_seances, terminal_size=taille, run_before=apres("D"))
