"""The agenda of a séance: follow-ups of the last decisions, « à discuter », late, due before the next séance."""

from __future__ import annotations

import datetime as dt

import pytest

from suivi_tui.db.database import Database
from suivi_tui.services.edition import ajouter_echeance, ajouter_note, basculer_a_discuter, changer_statut
from suivi_tui.services.seances.agenda import agenda_seance, prochaine_seance_estimee
from suivi_tui.services.seances.tenue import fermer_seance, marquer_traite, ouvrir_seance

MARS = dt.date(2021, 3, 15)


def _id(db: Database, table: str, colonne: str, debut: str) -> int:
    with db.lire() as session:
        return session.execute(f"SELECT id FROM {table} WHERE {colonne} LIKE :l", {"l": debut + "%"}).scalar_one()


def test_next_seance_is_estimated_from_the_median_gap() -> None:
    janvier, fevrier, mars = dt.date(2021, 1, 11), dt.date(2021, 2, 15), dt.date(2021, 3, 15)
    # gaps 35 and 28 days: the lower median, 28, keeps the window on the safe side
    assert prochaine_seance_estimee([janvier, fevrier], mars) == dt.date(2021, 4, 12)
    assert prochaine_seance_estimee([janvier, fevrier, mars], mars) == dt.date(2021, 4, 12)
    assert prochaine_seance_estimee([], mars) is None
    assert prochaine_seance_estimee([mars], mars) is None
    assert prochaine_seance_estimee([dt.date(2021, 6, 1)], mars) is None  # later séances say nothing yet


def test_agenda_lines_reasons_and_order(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    insertion = _id(db, "comite", "nom", "Insertion")
    coworking = _id(db, "engagement", "libelle", "Créer un espace de coworking")
    ressourcerie = _id(db, "engagement", "libelle", "Développer le projet de Ressourcerie")
    chances = _id(db, "engagement", "libelle", "Accompagner la mise en place")
    adultes = _id(db, "engagement", "libelle", "Renforcer l'accompagnement des contrats")
    commerce = _id(db, "engagement", "libelle", "Soutenir le commerce de proximité")
    scolarisation = _id(db, "engagement", "libelle", "Poursuivre le dispositif de scolarisation")
    lointain = _id(db, "engagement", "libelle", "Développer les actions éco citoyennes")
    clos = _id(db, "engagement", "libelle", "Développer les chantiers d'insertion")

    janvier = ouvrir_seance(db, insertion, dt.date(2021, 1, 18))
    ajouter_note(
        db,
        insertion,
        "Visiter trois locaux avant mars",
        type="decision",
        engagement_id=coworking,
        seance_id=janvier.id,
    )
    ajouter_note(
        db,
        insertion,
        "Mme X, habitante, SENTINELLE",
        type="action",
        engagement_id=ressourcerie,
        confidentielle=True,
        seance_id=janvier.id,
    )
    ajouter_note(db, insertion, "Pour information", type="info", engagement_id=adultes, seance_id=janvier.id)
    fermer_seance(db, 1)
    basculer_a_discuter(db, chances)
    ajouter_echeance(db, adultes, dt.date(2021, 1, 31), "mois", "Bilan annuel")
    ajouter_echeance(db, commerce, dt.date(2021, 2, 28), "jour")
    ajouter_echeance(db, scolarisation, dt.date(2021, 3, 31), "jour", "Rentrée")
    ajouter_echeance(db, scolarisation, dt.date(2021, 4, 30), "jour", "Bilan")
    ajouter_echeance(db, lointain, dt.date(2021, 12, 31), "jour", "Trop loin")
    ajouter_echeance(db, clos, dt.date(2021, 1, 31), "jour", "Fini")
    changer_statut(db, clos, "realise")

    agenda = agenda_seance(db, insertion, MARS)
    # the séance before and this one: one gap of 56 days, so the next is expected on 10/05
    assert (agenda.seance_precedente, agenda.prochaine_seance, agenda.limite) == (
        dt.date(2021, 1, 18),
        dt.date(2021, 5, 10),
        dt.date(2021, 5, 10),
    )
    assert [(p.engagement_id, p.motifs, p.raison) for p in agenda.points] == [
        (coworking, ("suite",), "Suite de la décision du 18/01/2021 : Visiter trois locaux avant mars"),
        (ressourcerie, ("suite",), "Suite de l'action du 18/01/2021"),
        (chances, ("a_discuter",), "À discuter"),
        (adultes, ("en_retard",), "En retard — échéance janvier 2021 : Bilan annuel"),
        (commerce, ("en_retard",), "En retard — échéance 28/02/2021"),
        (scolarisation, ("echeance",), "Échéance 31/03/2021 : Rentrée (et 1 autre)"),
    ]
    assert all("SENTINELLE" not in r for p in agenda.points for r in p.raisons)


def test_the_window_follows_the_comite_rhythm(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    insertion = _id(db, "comite", "nom", "Insertion")
    for jour in (dt.date(2021, 1, 18), dt.date(2021, 2, 15)):
        ouvrir_seance(db, insertion, jour)
    fermer_seance(db, contrat)
    avant = _id(db, "engagement", "libelle", "Créer un espace de coworking")
    apres = _id(db, "engagement", "libelle", "Développer le projet de Ressourcerie")
    ajouter_echeance(db, avant, dt.date(2021, 4, 12), "jour")
    ajouter_echeance(db, apres, dt.date(2021, 4, 13), "jour")
    basculer_a_discuter(db, apres)
    agenda = agenda_seance(db, insertion, MARS)
    assert (agenda.prochaine_seance, agenda.limite) == (dt.date(2021, 4, 12), dt.date(2021, 4, 12))
    assert [(p.engagement_id, p.motifs) for p in agenda.points] == [(apres, ("a_discuter",)), (avant, ("echeance",))]


def test_an_engagement_with_several_reasons_appears_once_at_its_first_place(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    insertion = _id(db, "comite", "nom", "Insertion")
    eid = _id(db, "engagement", "libelle", "Créer un espace de coworking")
    basculer_a_discuter(db, eid)
    ajouter_echeance(db, eid, dt.date(2021, 3, 1), "jour", "Local trouvé")
    ajouter_echeance(db, eid, dt.date(2021, 4, 1), "trimestre")
    (point,) = agenda_seance(db, insertion, MARS).points
    assert point.motifs == ("a_discuter", "en_retard", "echeance")
    assert point.raisons == ("À discuter", "En retard — échéance 01/03/2021 : Local trouvé", "Échéance T2 2021")


def test_a_late_engagement_without_echeance_is_late_against_the_contract_end(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    insertion = _id(db, "comite", "nom", "Insertion")
    points = agenda_seance(db, insertion, dt.date(2023, 1, 10)).points
    assert len(points) == 52
    assert points[0].raisons == ("En retard — fin du contrat 31/12/2022",)


def test_unknown_comite(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    with pytest.raises(LookupError, match="n°999"):
        agenda_seance(db, 999, MARS)


def test_a_first_seance_looks_sixty_days_ahead(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    insertion = _id(db, "comite", "nom", "Insertion")
    dedans = _id(db, "engagement", "libelle", "Créer un espace de coworking")
    dehors = _id(db, "engagement", "libelle", "Développer le projet de Ressourcerie")
    ajouter_echeance(db, dedans, dt.date(2021, 5, 14), "jour")
    ajouter_echeance(db, dehors, dt.date(2021, 5, 15), "jour")
    agenda = agenda_seance(db, insertion, MARS)
    assert (agenda.seance_precedente, agenda.prochaine_seance, agenda.limite) == (None, None, dt.date(2021, 5, 14))
    assert [p.engagement_id for p in agenda.points] == [dedans]


def test_the_agenda_to_prepare_comes_after_the_seance_held_that_day(seeded: tuple[Database, int]) -> None:
    """A right after closing a séance: the next one follows up today's decisions, and nothing is treated yet."""
    db, contrat = seeded
    insertion = _id(db, "comite", "nom", "Insertion")
    coworking = _id(db, "engagement", "libelle", "Créer un espace de coworking")
    chances = _id(db, "engagement", "libelle", "Accompagner la mise en place")
    basculer_a_discuter(db, chances)
    seance = ouvrir_seance(db, insertion, MARS)
    marquer_traite(db, seance.id, chances)
    ajouter_note(db, insertion, "Signer le bail", type="decision", engagement_id=coworking, seance_id=seance.id)
    fermer_seance(db, contrat)

    tenue = agenda_seance(db, insertion, MARS)  # the séance of that day, as it was held
    assert (tenue.seance_precedente, tenue.traites) == (None, frozenset({chances}))
    assert coworking not in {p.engagement_id for p in tenue.points}

    suivante = agenda_seance(db, insertion, MARS, a_preparer=True)
    assert (suivante.seance_precedente, suivante.traites) == (MARS, frozenset())
    (suite,) = (p for p in suivante.points if p.engagement_id == coworking)
    assert suite.raison == "Suite de la décision du 15/03/2021 : Signer le bail"
