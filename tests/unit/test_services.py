"""Queries and commands: historique written with each change, undo, « en retard » computed."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import TODAY

from suivi_tui.services.annulation import annuler
from suivi_tui.services.contrats import synthese
from suivi_tui.services.detail import detail_engagement
from suivi_tui.services.echeances import lister_echeances
from suivi_tui.services.edition import (
    ajouter_echeance,
    ajouter_note,
    basculer_a_discuter,
    basculer_echeance_faite,
    changer_pilote,
    changer_statut,
    creer_comite,
    supprimer_echeance,
)
from suivi_tui.services.engagements import Filtre, lister_axes, lister_engagements
from suivi_tui.services.recherche import rechercher
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.services.seances.journal import journal_comite, lister_comites
from suivi_tui.services.seances.registre import lister_seances


def _id(db, libelle: str) -> int:  # type: ignore[no-untyped-def]
    with db.lire() as session:
        sql = "SELECT id FROM engagement WHERE libelle LIKE :l"
        return session.execute(sql, {"l": libelle + "%"}).scalar_one()


def _historique(db, eid: int) -> list[tuple]:  # type: ignore[no-untyped-def, type-arg]
    with db.lire() as session:
        return [
            tuple(r)
            for r in session.execute(
                "SELECT champ, ancien, nouveau FROM historique WHERE engagement_id = :e ORDER BY id", {"e": eid}
            )
        ]


def test_statut_change_records_history_and_undo_removes_it(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    eid = _id(db, "Poursuivre le dispositif de scolarisation")
    changement = changer_statut(db, eid, "realise")
    assert changement is not None and "Réalisé" in changement.message
    assert _historique(db, eid) == [("statut", "a_venir", "realise")]
    assert synthese(db, contrat, TODAY).par_statut["realise"] == 1
    annuler(db, changement)
    assert _historique(db, eid) == []
    assert detail_engagement(db, eid, TODAY).statut == "a_venir"


def test_same_value_writes_nothing_and_bad_statut_is_refused(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    eid = _id(db, "Créer un espace de coworking")
    assert changer_statut(db, eid, "a_venir") is None
    with pytest.raises(SaisieInvalide, match="Statut inconnu"):
        changer_statut(db, eid, "fini")
    assert _historique(db, eid) == []


def test_pilote_and_a_discuter(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    eid = _id(db, "Créer un espace de coworking")
    changer_pilote(db, eid, "  Mme   Martin ")
    basculer_a_discuter(db, eid)
    detail = detail_engagement(db, eid, TODAY)
    assert (detail.pilote, detail.a_discuter) == ("Mme Martin", True)
    page = lister_engagements(db, contrat, Filtre(a_discuter=True), TODAY)
    assert [ligne.id for ligne in page.lignes] == [eid] and page.total == 1
    undo = changer_pilote(db, eid, "")
    assert detail_engagement(db, eid, TODAY).pilote is None
    annuler(db, undo)
    assert detail_engagement(db, eid, TODAY).pilote == "Mme Martin"


def test_en_retard_follows_open_echeances_then_contract_end(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    eid = _id(db, "Créer un espace de coworking")
    assert not detail_engagement(db, eid, TODAY).en_retard  # contract ends 31/12/2022
    assert detail_engagement(db, eid, dt.date(2023, 1, 2)).en_retard
    ajout = ajouter_echeance(db, eid, dt.date(2021, 1, 31), "mois", "Trouver un local")
    assert detail_engagement(db, eid, TODAY).en_retard
    assert lister_axes(db, contrat, TODAY)[0].en_retard == 1
    echeances = lister_echeances(db, contrat, TODAY)
    assert echeances.lignes[0].jours == -43 and echeances.lignes[0].en_retard
    fait = basculer_echeance_faite(db, ajout.cible_id, TODAY)
    assert not detail_engagement(db, eid, TODAY).en_retard
    annuler(db, fait)
    assert detail_engagement(db, eid, TODAY).en_retard
    changer_statut(db, eid, "realise")
    assert not detail_engagement(db, eid, TODAY).en_retard
    assert _historique(db, eid)[0] == ("echeance.ajout", None, "janvier 2021 — Trouver un local")


def test_remove_echeance_and_undo_restores_it(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    eid = _id(db, "Créer un espace de coworking")
    ajout = ajouter_echeance(db, eid, dt.date(2021, 6, 30), "trimestre")
    suppression = supprimer_echeance(db, ajout.cible_id)
    assert detail_engagement(db, eid, TODAY).echeances == ()
    annuler(db, suppression)
    (echeance,) = detail_engagement(db, eid, TODAY).echeances
    assert (echeance.date, echeance.precision) == (dt.date(2021, 6, 30), "trimestre")


def test_a_note_outside_a_seance_is_in_the_journal_hors_seance_and_makes_no_seance(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    comite = next(c.id for c in lister_comites(db, contrat) if c.nom == "Insertion socioprofessionnelle")
    eid = _id(db, "Créer un espace de coworking")
    premiere = ajouter_note(db, comite, "Le local rue Mounié est retenu", type="decision", engagement_id=eid)
    assert premiere.message == "Note (décision) ajoutée au journal — hors séance"
    ajouter_note(db, comite, "Chiffrer les travaux", type="action")
    (seance,) = journal_comite(db, comite)
    assert seance.seance is None and seance.date.isoformat() == seance.notes[0].cree_le[:10]  # the day written
    assert lister_seances(db, contrat) == []
    assert [(n.type, n.texte) for n in seance.notes] == [
        ("decision", "Le local rue Mounié est retenu"),
        ("action", "Chiffrer les travaux"),
    ]
    assert detail_engagement(db, eid, TODAY).notes[0].texte == "Le local rue Mounié est retenu"
    with pytest.raises(SaisieInvalide, match="vide"):
        ajouter_note(db, comite, "   ")
    annuler(db, premiere)
    assert len(journal_comite(db, comite)[0].notes) == 1


def test_undoing_the_only_note_leaves_the_journal_empty(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    comite = lister_comites(db, contrat)[0].id
    annuler(db, ajouter_note(db, comite, "Essai"))
    assert journal_comite(db, comite) == []


def test_comite_creation_refuses_duplicates(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    creer_comite(db, contrat, "Comité de pilotage")
    with pytest.raises(SaisieInvalide, match="existe déjà"):
        creer_comite(db, contrat, "Comité de pilotage")
    assert [c.nom for c in lister_comites(db, contrat)].count("Comité de pilotage") == 1


def test_search_is_accent_insensitive_and_covers_pilotes_and_notes(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    assert any("Educative" in r.titre or "éducati" in r.titre for r in rechercher(db, contrat, "educ"))
    assert rechercher(db, contrat, "COWORK")[0].titre == "Créer un espace de coworking"
    eid = _id(db, "Développer le projet de Ressourcerie")
    changer_pilote(db, eid, "Hélène Dubois")
    assert [r.id for r in rechercher(db, contrat, "helene")] == [eid]
    comite = lister_comites(db, contrat)[0].id
    ajouter_note(db, comite, "Rencontre avec l'association Émergence")
    (note,) = rechercher(db, contrat, "emergence")
    assert note.genre == "note"
    assert rechercher(db, contrat, "\"'*)") == []


def test_engagements_are_paged_with_their_total(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    page = lister_engagements(db, contrat, Filtre(), TODAY, limit=10, offset=50)
    assert page.total == 52 and len(page.lignes) == 2
    axes = lister_axes(db, contrat, TODAY)
    filtered = lister_engagements(db, contrat, Filtre(axe_id=axes[3].id, statuts=frozenset({"a_venir"})), TODAY)
    assert filtered.total == 12 and {ligne.axe_numero for ligne in filtered.lignes} == {"IV"}


def test_control_characters_are_dropped_not_a_raw_error(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    comite = lister_comites(db, contrat)[0].id
    ajouter_note(db, comite, "\x00=CMD\x07 collé\nsuite")
    (note,) = journal_comite(db, comite)[0].notes
    assert note.texte == "=CMD collé\nsuite"
    with pytest.raises(SaisieInvalide, match="vide"):
        ajouter_note(db, comite, "\x00\x00")
    eid = _id(db, "Créer un espace de coworking")
    changer_pilote(db, eid, "Mme\x00 Martin")
    assert detail_engagement(db, eid, TODAY).pilote == "Mme Martin"
