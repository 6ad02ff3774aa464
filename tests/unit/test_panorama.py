"""The main screen's snapshot: totals, axes, table page with precisions, échéances, the comité shown."""

from __future__ import annotations

import datetime as dt

from tests.conftest import TODAY

from suivi_tui.services.edition import ajouter_echeance, changer_pilote, changer_statut
from suivi_tui.services.engagements import Filtre
from suivi_tui.services.panorama import (
    axe_engagement,
    comite_a_afficher,
    detail_a_montrer,
    lire_panorama,
    lire_table,
    page_suivante,
    pilotes_connus,
    precisions_prochaines,
)
from suivi_tui.services.reglages import dernier_comite_cle, ecrire_reglage
from suivi_tui.services.seances.journal import lister_comites


def _id(db, debut: str) -> int:  # type: ignore[no-untyped-def]
    with db.lire() as session:
        return session.execute("SELECT id FROM engagement WHERE libelle LIKE :l", {"l": debut + "%"}).scalar_one()


def test_charger_ecran_gathers_every_pane(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    eid = _id(db, "Créer un espace de coworking")
    changer_statut(db, eid, "en_cours")
    ajouter_echeance(db, eid, dt.date(2021, 9, 30), "trimestre")
    ecran = lire_panorama(db, contrat, Filtre(), TODAY)
    assert ecran.synthese.total == 52 and ecran.synthese.par_statut["en_cours"] == 1
    assert [a.numero for a in ecran.axes] == ["I", "II", "III", "IV", "V", "VI"]
    assert ecran.engagements.total == 52 and len(ecran.engagements.lignes) == 52
    assert ecran.precisions == {eid: "trimestre"}
    assert [e.engagement_id for e in ecran.echeances.lignes] == [eid]
    assert ecran.comite_id == ecran.comites[0].id and ecran.journal == ()
    assert [p.nom_court for p in ecran.parties] == ["Ville", "État"]


def test_table_is_paged_and_the_next_page_follows(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    ecran = lire_panorama(db, contrat, Filtre(), TODAY, limit=20)
    assert (len(ecran.engagements.lignes), ecran.engagements.total) == (20, 52)
    suite, _ = page_suivante(db, contrat, Filtre(), TODAY, 20, limit=20)
    assert suite.lignes[0].id not in {ligne.id for ligne in ecran.engagements.lignes}
    assert len(suite.lignes) == 20 and suite.total == 52


def test_comite_shown_is_the_asked_one_else_the_last_used_else_the_first(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    comites = lister_comites(db, contrat)
    premier, second = comites[0].id, comites[1].id
    assert comite_a_afficher(db, contrat, comites, None) == premier
    ecrire_reglage(db, dernier_comite_cle(contrat), str(second))
    assert comite_a_afficher(db, contrat, comites, None) == second
    assert comite_a_afficher(db, contrat, comites, premier) == premier
    assert comite_a_afficher(db, contrat, comites, 9999) == second
    assert comite_a_afficher(db, contrat, [], None) is None


def test_precision_is_the_earliest_open_echeance(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    eid = _id(db, "Créer un espace de coworking")
    assert precisions_prochaines(db, []) == {}
    ajouter_echeance(db, eid, dt.date(2022, 12, 31), "annee")
    ajouter_echeance(db, eid, dt.date(2021, 6, 30), "trimestre")
    assert precisions_prochaines(db, [eid]) == {eid: "trimestre"}


def test_pilotes_most_used_first_and_axe_of_an_engagement(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    a, b = _id(db, "Créer un espace de coworking"), _id(db, "Poursuivre le dispositif de scolarisation")
    changer_pilote(db, a, "DDETS")
    changer_pilote(db, b, "Service Éducation")
    c = _id(db, "Recentrer les actions")
    changer_pilote(db, c, "Service Éducation")
    assert pilotes_connus(db, contrat) == ["Service Éducation", "DDETS"]
    with db.lire() as session:
        axe_iv = session.execute("SELECT id FROM axe WHERE numero = 'IV'").scalar_one()
    assert axe_engagement(db, b) == axe_iv
    assert axe_engagement(db, 999_999) is None


def test_charger_table_reads_one_axis_and_the_detail_of_the_row_it_will_select(seeded) -> None:  # type: ignore[no-untyped-def]
    db, contrat = seeded
    with db.lire() as session:
        axe_iv = session.execute("SELECT id FROM axe WHERE numero = 'IV'").scalar_one()
    eid = _id(db, "Recentrer les actions")
    ajouter_echeance(db, eid, dt.date(2021, 9, 30), "trimestre")
    table = lire_table(db, contrat, Filtre(axe_id=axe_iv), TODAY, garder=eid)
    assert {ligne.axe_numero for ligne in table.engagements.lignes} == {"IV"} and table.engagements.total == 12
    assert table.precisions == {eid: "trimestre"}
    assert table.detail is not None and table.detail.id == eid  # kept: it is listed
    ailleurs = _id(db, "Créer un espace de coworking")  # axis I: not in this page
    premier = lire_table(db, contrat, Filtre(axe_id=axe_iv), TODAY, garder=ailleurs)
    assert premier.detail is not None and premier.detail.id == premier.engagements.lignes[0].id
    vide = lire_table(db, contrat, Filtre(axe_id=axe_iv, statuts=frozenset({"bloque"})), TODAY, garder=None)
    assert vide.engagements.lignes == () and vide.detail is None
    assert detail_a_montrer(db, vide.engagements, eid, TODAY) is None
