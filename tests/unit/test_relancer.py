"""« À relancer »: late engagements first, then the ones nobody touched for N weeks, with their pilote."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from tests.conftest import TODAY

from suivi_tui.db.database import Database
from suivi_tui.services.edition import ajouter_echeance, ajouter_note, changer_pilote, changer_statut
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.services.seances.relancer import a_relancer, grouper_par_pilote
from suivi_tui.services.seances.tenue import ouvrir_seance


def _id(db: Database, debut: str) -> int:
    with db.lire() as session:
        return session.execute("SELECT id FROM engagement WHERE libelle LIKE :l", {"l": debut + "%"}).scalar_one()


def _sql(db: Database, sql: str, **params: object) -> None:
    with db.write() as session:
        session.execute(text(sql), params)


@pytest.fixture
def calme(seeded: tuple[Database, int]) -> tuple[Database, int]:
    """Every engagement last touched on 04/01/2021 (10 weeks before TODAY), whatever the seed's clock said."""
    db, contrat = seeded
    _sql(db, "UPDATE engagement SET modifie_le = '2021-01-04T09:00:00Z', cree_le = '2021-01-04T09:00:00Z'")
    return db, contrat


def test_late_first_then_the_longest_forgotten(calme: tuple[Database, int]) -> None:
    db, contrat = calme
    coworking, ressourcerie = _id(db, "Créer un espace de coworking"), _id(db, "Développer le projet de Ressourcerie")
    oublie, bouge = _id(db, "Soutenir le commerce de proximité"), _id(db, "Accompagner les habitants")
    note, clos = _id(db, "Développer les chantiers d'insertion"), _id(db, "Poursuivre le dispositif de scolarisation")
    ajouter_echeance(db, coworking, dt.date(2021, 1, 31), "mois", "Trouver un local")
    ajouter_echeance(db, ressourcerie, dt.date(2021, 3, 1), "jour")
    changer_pilote(db, ressourcerie, "Mme Martin")
    changer_pilote(db, bouge, "M. Durand")
    seance = ouvrir_seance(db, 1, dt.date(2021, 3, 1))
    ajouter_note(db, 1, "Point fait", engagement_id=note, seance_id=seance.id)
    changer_statut(db, clos, "realise")
    # the échéance added to coworking is old news; every other change was made on 01/03
    _sql(
        db,
        "UPDATE historique SET le = CASE WHEN engagement_id = :c THEN '2021-01-04T09:00:00Z' "
        "ELSE '2021-03-01T09:00:00Z' END",
        c=coworking,
    )
    _sql(db, "UPDATE note SET cree_le = '2021-03-01T09:00:00Z'")
    _sql(
        db,
        "UPDATE engagement SET modifie_le = '2021-03-01T09:00:00Z' WHERE id IN (:a, :b, :c)",
        a=ressourcerie,
        b=bouge,
        c=clos,
    )
    _sql(db, "UPDATE engagement SET modifie_le = '2020-11-02T09:00:00Z' WHERE id = :a", a=oublie)

    relances = a_relancer(db, contrat, TODAY)
    assert [(r.engagement_id, r.raison) for r in relances[:4]] == [
        (
            coworking,
            "En retard de 43 jours — échéance janvier 2021 : Trouver un local · "
            "Sans changement depuis 10 semaines (dernier le 04/01/2021)",
        ),
        (ressourcerie, "En retard de 14 jours — échéance 01/03/2021"),
        (oublie, "Sans changement depuis 19 semaines (dernier le 02/11/2020)"),
        (_id(db, "Accroître son action"), "Sans changement depuis 10 semaines (dernier le 04/01/2021)"),
    ]
    assert (relances[1].pilote, relances[1].jours_de_retard, relances[1].delai) == (
        "Mme Martin",
        14,
        dt.date(2021, 3, 1),
    )
    ids = {r.engagement_id for r in relances}
    assert not ids & {bouge, note, clos}
    assert len(relances) == 52 - 3


def test_the_number_of_weeks_is_configurable(calme: tuple[Database, int]) -> None:
    db, contrat = calme
    assert len(a_relancer(db, contrat, TODAY, semaines=10)) == 52
    assert a_relancer(db, contrat, TODAY, semaines=11) == []
    eid = _id(db, "Créer un espace de coworking")
    ajouter_echeance(db, eid, dt.date(2021, 3, 14), "jour")
    (seul,) = a_relancer(db, contrat, TODAY, semaines=11)
    assert (seul.engagement_id, seul.raisons) == (eid, ("En retard de 1 jour — échéance 14/03/2021",))


@pytest.mark.parametrize("semaines", [0, -1, 521])
def test_a_bad_number_of_weeks_is_refused(calme: tuple[Database, int], semaines: int) -> None:
    db, contrat = calme
    with pytest.raises(SaisieInvalide, match="entier de 1 à 520"):
        a_relancer(db, contrat, TODAY, semaines=semaines)


def test_late_against_the_contract_end(calme: tuple[Database, int]) -> None:
    db, contrat = calme
    relances = a_relancer(db, contrat, dt.date(2023, 1, 2), semaines=520)
    assert len(relances) == 52
    assert relances[0].raisons == ("En retard de 2 jours — fin du contrat 31/12/2022",)


def test_grouped_by_pilote_in_order_of_urgency(calme: tuple[Database, int]) -> None:
    db, contrat = calme
    a, b, c = (_id(db, t) for t in ("Créer un espace", "Développer le projet de Ressourcerie", "Soutenir le commerce"))
    for eid, pilote in ((a, "Mme Martin"), (b, "M. Durand"), (c, "Mme Martin")):
        changer_pilote(db, eid, pilote)
    ajouter_echeance(db, b, dt.date(2021, 1, 1), "jour")
    ajouter_echeance(db, c, dt.date(2021, 2, 1), "jour")
    ajouter_echeance(db, a, dt.date(2021, 3, 1), "jour")
    groupes = grouper_par_pilote(a_relancer(db, contrat, TODAY, semaines=520))
    assert [(p, [r.engagement_id for r in rs]) for p, rs in groupes] == [("M. Durand", [b]), ("Mme Martin", [c, a])]
