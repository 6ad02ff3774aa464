"""A séance's points: « à discuter » per comité, treated one after the other, cleared at close; closed échéances."""

from __future__ import annotations

import datetime as dt

import pytest

from suivi_tui.db.database import Database
from suivi_tui.services.annulation import annuler
from suivi_tui.services.detail import echeances_ouvertes
from suivi_tui.services.edition import (
    ajouter_echeance,
    ajouter_note,
    basculer_a_discuter,
    changer_statut,
    cloturer_echeances,
)
from suivi_tui.services.export.releve_md import releve_markdown
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.services.seances.agenda import agenda_seance
from suivi_tui.services.seances.registre import a_retirer_apres_seance, points_traites
from suivi_tui.services.seances.releve import releve_seance
from suivi_tui.services.seances.tenue import fermer_seance, marquer_traite, ouvrir_seance, retirer_a_discuter

MARS = dt.date(2021, 3, 15)
AVRIL = dt.date(2021, 4, 12)


def _un(db: Database, sql: str, **params: object) -> object:
    with db.lire() as session:
        return session.execute(sql, params).scalar_one()


def _comite(db: Database, debut: str) -> int:
    return int(_un(db, "SELECT id FROM comite WHERE nom LIKE :n", n=debut + "%"))  # type: ignore[call-overload]


def _engagement(db: Database, debut: str) -> int:
    return int(_un(db, "SELECT id FROM engagement WHERE libelle LIKE :l", l=debut + "%"))  # type: ignore[call-overload]


def test_a_point_asked_in_a_seance_is_on_that_comite_agenda_only(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    insertion, gusp = _comite(db, "Insertion"), _comite(db, "Gestion urbaine")
    coworking, scolarisation = (
        _engagement(db, "Créer un espace de coworking"),
        _engagement(db, "Poursuivre le dispositif de scolarisation"),
    )
    seance = ouvrir_seance(db, gusp, MARS)
    marque = basculer_a_discuter(db, coworking, seance_id=seance.id)
    assert (
        marque.message
        == "Mis à l'ordre du jour du comité « Gestion urbaine et sociale de proximité (GUSP) » (à discuter)"
    )
    fermer_seance(db, contrat)
    basculer_a_discuter(db, scolarisation)  # outside a séance: for whichever comité meets next
    raisons = {p.engagement_id: p.raison for p in agenda_seance(db, gusp, AVRIL).points}
    assert raisons[coworking].startswith("À discuter — demandé par Gestion urbaine")
    assert raisons[scolarisation].startswith("À discuter")
    autre = {p.engagement_id for p in agenda_seance(db, insertion, AVRIL).points}
    assert coworking not in autre and scolarisation in autre
    annuler(db, marque)  # undo takes the comité back with the mark
    assert _un(db, "SELECT a_discuter_comite_id FROM engagement WHERE id = :e", e=coworking) is None


def test_points_treated_one_after_the_other_and_cleared_at_close(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    insertion = _comite(db, "Insertion")
    coworking, scolarisation, ressourcerie = (
        _engagement(db, "Créer un espace de coworking"),
        _engagement(db, "Poursuivre le dispositif de scolarisation"),
        _engagement(db, "Développer le projet de Ressourcerie"),
    )
    for eid in (coworking, scolarisation, ressourcerie):
        basculer_a_discuter(db, eid)
    seance = ouvrir_seance(db, insertion, MARS)
    agenda = agenda_seance(db, insertion, MARS)
    premier = agenda.point_suivant(None)
    assert premier is not None
    assert marquer_traite(db, seance.id, premier.engagement_id) is True
    assert marquer_traite(db, seance.id, premier.engagement_id) is False  # already treated: nothing more
    agenda = agenda_seance(db, insertion, MARS)
    assert agenda.traites == {premier.engagement_id} == points_traites(db, seance.id)
    suivant = agenda.point_suivant(premier.engagement_id)
    assert suivant is not None and suivant.engagement_id != premier.engagement_id
    ajouter_note(db, insertion, "Local trouvé", engagement_id=ressourcerie, seance_id=seance.id)
    basculer_a_discuter(db, scolarisation, seance_id=seance.id)  # taken off…
    basculer_a_discuter(db, scolarisation, seance_id=seance.id)  # …and put back for the next séance: not treated
    fermer_seance(db, contrat)
    a_retirer = a_retirer_apres_seance(db, seance.id)
    attendus = {premier.engagement_id, ressourcerie} - {scolarisation}
    assert {p.engagement_id for p in a_retirer} == attendus
    lot = retirer_a_discuter(db, seance.id, [p.engagement_id for p in a_retirer])
    assert lot is not None and lot.genre == "lot" and len(lot.lot) == len(attendus)
    assert _un(db, "SELECT count(*) FROM engagement WHERE a_discuter = 1") == 3 - len(attendus)
    annuler(db, lot)  # one step gives every mark back
    assert _un(db, "SELECT count(*) FROM engagement WHERE a_discuter = 1") == 3


def test_marking_a_point_treated_in_a_seance_gone_is_refused(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    with pytest.raises(SaisieInvalide, match="n'existe plus"):
        marquer_traite(db, 999, _engagement(db, "Créer un espace de coworking"))
    assert _un(db, "SELECT count(*) FROM point_traite") == 0


def test_closing_an_engagement_can_close_its_open_echeances_as_one_step(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    eid = _engagement(db, "Créer un espace de coworking")
    ajouter_echeance(db, eid, dt.date(2021, 1, 31), "jour", "Premier bilan")
    ajouter_echeance(db, eid, dt.date(2021, 9, 30), "trimestre", "Inauguration")
    with pytest.raises(SaisieInvalide, match="restent ouvertes"):
        cloturer_echeances(db, eid, MARS)  # still « À venir »: its échéances still mean something
    assert echeances_ouvertes(db, eid) == 2
    changer_statut(db, eid, "realise")
    lot = cloturer_echeances(db, eid, MARS)
    assert lot is not None and lot.message == "2 échéances faites"
    assert echeances_ouvertes(db, eid) == 0
    assert _un(db, "SELECT count(*) FROM historique WHERE champ = 'echeance.faite'") == 2
    assert cloturer_echeances(db, eid, MARS) is None
    annuler(db, lot)
    assert echeances_ouvertes(db, eid) == 2
    assert _un(db, "SELECT count(*) FROM historique WHERE champ = 'echeance.faite'") == 0


def test_the_releve_never_lists_a_past_date_as_coming(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    insertion = _comite(db, "Insertion")
    fini, retard = (
        _engagement(db, "Créer un espace de coworking"),
        _engagement(db, "Développer le projet de Ressourcerie"),
    )
    seance = ouvrir_seance(db, insertion, MARS)
    ajouter_echeance(db, fini, dt.date(2021, 2, 1), "jour", "Signature", seance_id=seance.id)
    ajouter_echeance(db, retard, dt.date(2021, 3, 1), "jour", "Local", seance_id=seance.id)
    ajouter_echeance(db, retard, dt.date(2021, 9, 30), "trimestre", "Ouverture", seance_id=seance.id)
    changer_statut(db, fini, "realise", seance_id=seance.id)
    fermer_seance(db, contrat)
    releve = releve_seance(db, seance.id)
    assert releve is not None
    assert [(e.libelle, e.en_retard) for e in releve.depassees] == [("Local", True)]
    assert [e.libelle for e in releve.echeances] == ["Ouverture"]  # not « Signature »: réalisé, and past
    depassees, prochaines = releve_markdown(releve).split("## Échéances dépassées")[1].split("## Prochaines échéances")
    assert "01/03/2021 — Local" in depassees and "Signature" not in depassees + prochaines
