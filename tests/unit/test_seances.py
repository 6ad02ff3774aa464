"""Séances: open (or continue) one per comité per day, stamp what is done meanwhile, close, survive a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database
from suivi_tui.services.edition import ajouter_note, changer_statut, creer_comite
from suivi_tui.services.reglages import dernier_comite_cle, lire_reglage
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.services.seances.registre import (
    lister_seances,
    seance_ouverte,
    seance_ouverte_cle,
    seance_precedente,
    trouver_comites,
    trouver_seance,
)
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance, supprimer_seance_vide

MARS = dt.date(2021, 3, 15)


def _comite(db: Database, nom: str) -> int:
    with db.lire() as session:
        return session.execute("SELECT id FROM comite WHERE nom = :n", {"n": nom}).scalar_one()


def _engagement(db: Database, debut: str) -> int:
    with db.lire() as session:
        return session.execute("SELECT id FROM engagement WHERE libelle LIKE :l", {"l": debut + "%"}).scalar_one()


def _compte(db: Database, table: str) -> int:
    with db.lire() as session:
        return session.execute(f"SELECT count(*) FROM {table}").scalar_one()


def test_open_stamp_close_and_list(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    insertion = _comite(db, "Insertion socioprofessionnelle")
    seance = ouvrir_seance(db, insertion, MARS, "  Salle   du conseil ", "Mme Martin, M. Durand")
    assert (seance.comite, seance.date, seance.lieu) == ("Insertion socioprofessionnelle", MARS, "Salle du conseil")
    assert seance_ouverte(db, contrat) == seance
    assert lire_reglage(db, dernier_comite_cle(contrat)) == str(insertion)
    eid = _engagement(db, "Créer un espace de coworking")
    changer_statut(db, eid, "en_cours", seance_id=seance.id)
    ajouter_note(db, insertion, "Lancer l'appel à projets", type="decision", engagement_id=eid, seance_id=seance.id)
    ajouter_note(db, insertion, "Chercher un local", type="action", engagement_id=eid, seance_id=seance.id)
    with db.lire() as session:
        assert session.execute("SELECT seance_id FROM historique").scalar_one() == seance.id
    ferme = fermer_seance(db, contrat)
    assert ferme is not None
    assert (ferme.id, ferme.notes, ferme.decisions, ferme.actions, ferme.changements, ferme.ouverte) == (
        seance.id,
        2,
        1,
        1,
        1,
        False,
    )
    assert seance_ouverte(db, contrat) is None
    assert fermer_seance(db, contrat) is None
    assert [(s.date, s.decisions) for s in lister_seances(db, contrat)] == [(MARS, 1)]


def test_the_open_seance_survives_closing_the_database(db_path: Path, seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    seance = ouvrir_seance(db, _comite(db, "Insertion socioprofessionnelle"), MARS)
    db.close()
    rouverte = open_database(db_path)
    try:
        assert seance_ouverte(rouverte, contrat) == seance
        assert [s.ouverte for s in lister_seances(rouverte, contrat)] == [True]
    finally:
        rouverte.close()


def test_reopening_the_same_day_continues_the_seance(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    insertion = _comite(db, "Insertion socioprofessionnelle")
    premiere = ouvrir_seance(db, insertion, MARS, "Salle du conseil", "Mme Martin")
    fermer_seance(db, contrat)
    suite = ouvrir_seance(db, insertion, MARS)
    assert suite == premiere  # same id; an empty place or list keeps the recorded one
    mise_a_jour = ouvrir_seance(db, insertion, MARS, "", "Mme Martin, M. Durand")
    assert (mise_a_jour.id, mise_a_jour.lieu, mise_a_jour.participants) == (
        premiere.id,
        "Salle du conseil",
        "Mme Martin, M. Durand",
    )
    assert _compte(db, "seance") == 1
    assert trouver_seance(db, insertion, MARS) == mise_a_jour
    assert trouver_seance(db, insertion, MARS + dt.timedelta(days=1)) is None


def test_one_open_seance_per_contrat(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    ouvrir_seance(db, _comite(db, "Insertion socioprofessionnelle"), MARS)
    gusp = ouvrir_seance(db, _comite(db, "Gestion urbaine et sociale de proximité (GUSP)"), MARS)
    assert seance_ouverte(db, contrat) == gusp
    assert [s.comite for s in lister_seances(db, contrat) if s.ouverte] == [gusp.comite]


def test_bad_input_is_refused_and_changes_nothing(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    with pytest.raises(SaisieInvalide, match="Le comité n°999 n'existe pas"):
        ouvrir_seance(db, 999, MARS)
    with pytest.raises(SaisieInvalide, match="Le lieu est trop long"):
        ouvrir_seance(db, _comite(db, "Insertion socioprofessionnelle"), MARS, "x" * 201)
    assert _compte(db, "seance") == 0
    assert seance_ouverte(db, contrat) is None
    assert lire_reglage(db, seance_ouverte_cle(contrat)) is None


def test_an_empty_seance_opened_by_mistake_can_be_removed(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    insertion = _comite(db, "Insertion socioprofessionnelle")
    erreur = ouvrir_seance(db, insertion, MARS)
    supprimer_seance_vide(db, erreur.id)
    assert _compte(db, "seance") == 0 and seance_ouverte(db, contrat) is None
    pleine = ouvrir_seance(db, insertion, MARS)
    ajouter_note(db, insertion, "Point d'étape", seance_id=pleine.id)
    with pytest.raises(SaisieInvalide, match="elle est conservée"):
        supprimer_seance_vide(db, pleine.id)
    assert _compte(db, "seance") == 1 and seance_ouverte(db, contrat) == pleine


def test_previous_seance_is_strictly_before_the_date(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    insertion = _comite(db, "Insertion socioprofessionnelle")
    for jour in (dt.date(2021, 1, 18), MARS):
        ouvrir_seance(db, insertion, jour)
    assert seance_precedente(db, insertion, MARS).date == dt.date(2021, 1, 18)  # type: ignore[union-attr]
    assert seance_precedente(db, insertion, dt.date(2021, 4, 12)).date == MARS  # type: ignore[union-attr]
    assert seance_precedente(db, insertion, dt.date(2021, 1, 18)) is None


def test_comites_match_without_case_or_accents_and_an_exact_name_wins(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    assert [c.nom for c in trouver_comites(db, contrat, "INSERTION")] == ["Insertion socioprofessionnelle"]
    assert [c.nom for c in trouver_comites(db, contrat, "proximite")] == [
        "Gestion urbaine et sociale de proximité (GUSP)"
    ]
    assert trouver_comites(db, contrat, "   ") == []
    creer_comite(db, contrat, "Insertion")
    assert len(trouver_comites(db, contrat, "inser")) == 2
    assert [c.nom for c in trouver_comites(db, contrat, "insértion")] == ["Insertion"]
