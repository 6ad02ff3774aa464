"""The bilan service on a real base: axes × parties, scorecards, what is left and its last decision, months."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from suivi_tui.db.database import Database
from suivi_tui.services.bilan import Compte, lire_bilan, tableau_de_bord
from suivi_tui.services.changement import Changement
from suivi_tui.services.edition import ajouter_note, changer_statut
from suivi_tui.services.progression import (
    ChangementStatut,
    EngagementSuivi,
    mois_du_contrat,
    statuts_aux_dates,
)
from suivi_tui.today import set_today

TODAY = dt.date(2021, 6, 15)
SECRET = "Mme SENTINELLE-77 habite au 2e"


def _id(db: Database, debut: str) -> int:
    with db.lire() as session:
        return int(session.execute("SELECT id FROM engagement WHERE libelle LIKE :l", {"l": debut + "%"}).scalar_one())


def _comite(db: Database, debut: str) -> int:
    with db.lire() as session:
        return int(session.execute("SELECT id FROM comite WHERE nom LIKE :l", {"l": debut + "%"}).scalar_one())


def _le(db: Database, changement: Changement | None, instant: str) -> None:
    """Pin when a statut change was recorded: the commands use the real clock, the scenario is in 2020-2021."""
    assert changement is not None and changement.historique_id is not None
    with db.write() as session:
        session.execute(
            text("UPDATE historique SET le = :t WHERE id = :i"), {"t": instant, "i": changement.historique_id}
        )


@pytest.fixture
def suivi(seeded: tuple[Database, int]) -> tuple[Database, int]:
    """Coworking: en cours in 02/2020, réalisé in 04/2021; Ressourcerie: en cours 03/2020; scolarisation réalisé."""
    db, contrat = seeded
    coworking = _id(db, "Créer un espace de coworking")
    _le(db, changer_statut(db, coworking, "en_cours"), "2020-02-10T09:00:00Z")
    _le(db, changer_statut(db, coworking, "realise"), "2021-04-02T09:00:00Z")
    _le(db, changer_statut(db, _id(db, "Développer le projet de Ressourcerie"), "en_cours"), "2020-03-31T23:00:00Z")
    _le(db, changer_statut(db, _id(db, "Poursuivre le dispositif de scolarisation"), "realise"), "2020-06-01T08:00:00Z")
    return db, contrat


def test_matrix_axes_by_parties_adds_up(suivi: tuple[Database, int]) -> None:
    db, contrat = suivi
    bilan = lire_bilan(db, contrat, TODAY)
    assert [p.nom_court for p in bilan.parties] == ["Ville", "État"]
    assert [ligne.numero for ligne in bilan.lignes] == ["I", "II", "III", "IV", "V", "VI"]
    assert bilan.total.engagements == 52 and bilan.total.realises == 2 and bilan.total.en_cours == 1
    assert [c.engagements for c in bilan.par_partie] == [37, 15]
    for ligne in bilan.lignes:
        assert sum(ligne.par_partie, Compte()) == ligne.total
    axe_i = bilan.lignes[0]
    assert axe_i.par_partie[0].realises == 1 and axe_i.par_partie[0].en_cours == 1  # coworking, Ressourcerie
    assert tableau_de_bord(bilan) == "Ville : 2/37 réalisés · État : 0/15 réalisé"
    assert bilan.total.part_realisee == pytest.approx(2 / 52)


def test_en_retard_follows_the_date_of_the_day(suivi: tuple[Database, int]) -> None:
    db, contrat = suivi
    assert lire_bilan(db, contrat, TODAY).total.en_retard == 0
    # After the contrat's end (31/12/2022), every engagement neither réalisé nor abandonné is late.
    assert lire_bilan(db, contrat, dt.date(2023, 1, 2)).total.en_retard == 50


def test_what_is_left_is_every_engagement_not_realise_with_its_last_decision(suivi: tuple[Database, int]) -> None:
    db, contrat = suivi
    ressourcerie = _id(db, "Développer le projet de Ressourcerie")
    insertion = _comite(db, "Insertion")
    set_today(TODAY)  # the notes are written on that day, outside a séance
    ajouter_note(db, insertion, "Chercher un local", type="decision", engagement_id=ressourcerie)
    ajouter_note(db, insertion, "Local trouvé, à reporter", type="decision", engagement_id=ressourcerie)
    ajouter_note(db, insertion, "Une info plus récente", type="info", engagement_id=ressourcerie)
    bilan = lire_bilan(db, contrat, TODAY)
    assert len(bilan.a_reporter) == 50
    assert all(r.statut != "realise" for r in bilan.a_reporter)
    ligne = next(r for r in bilan.a_reporter if r.engagement_id == ressourcerie)
    assert ligne.decision is not None and ligne.decision.texte == "Local trouvé, à reporter"
    assert ligne.decision.date == TODAY and ligne.decision.comite.startswith("Insertion")
    # Document order: axis, then partie, then the annexe's order.
    assert [r.axe_numero for r in bilan.a_reporter] == sorted(
        (r.axe_numero for r in bilan.a_reporter), key=["I", "II", "III", "IV", "V", "VI"].index
    )


def test_a_confidential_decision_is_never_read_unless_asked(suivi: tuple[Database, int]) -> None:
    db, contrat = suivi
    ressourcerie = _id(db, "Développer le projet de Ressourcerie")
    insertion = _comite(db, "Insertion")
    ajouter_note(db, insertion, SECRET, type="decision", engagement_id=ressourcerie, confidentielle=True)
    masque = lire_bilan(db, contrat, TODAY)
    ligne = next(r for r in masque.a_reporter if r.engagement_id == ressourcerie)
    assert ligne.decision is not None and ligne.decision.confidentielle and ligne.decision.texte is None
    assert masque.decisions_masquees == 1 and SECRET not in repr(masque)
    montre = lire_bilan(db, contrat, TODAY, inclure_confidentiel=True)
    assert next(r for r in montre.a_reporter if r.engagement_id == ressourcerie).decision.texte == SECRET  # type: ignore[union-attr]


def test_progression_rebuilds_each_month_from_historique(suivi: tuple[Database, int]) -> None:
    db, contrat = suivi
    p = lire_bilan(db, contrat, TODAY).progression
    assert p.mois[0] == dt.date(2020, 1, 31) and p.mois[-1] == TODAY  # the current month ends today
    assert len(p.mois) == 18
    par_mois = dict(zip(p.mois, zip(p.ensemble.realises, p.ensemble.en_cours, strict=True), strict=True))
    assert par_mois[dt.date(2020, 1, 31)] == (0, 0)
    assert par_mois[dt.date(2020, 2, 29)] == (0, 1)  # coworking en cours
    assert par_mois[dt.date(2020, 3, 31)] == (0, 2)  # the UTC day of the change counts
    assert par_mois[dt.date(2020, 6, 30)] == (1, 2)  # scolarisation réalisé
    assert par_mois[dt.date(2021, 4, 30)] == (2, 1)  # coworking réalisé
    axe_i = p.par_axe[0]
    assert axe_i.numero == "I" and axe_i.serie.total == 13 and axe_i.serie.realises[-1] == 1
    assert p.ensemble.total == 52
    assert sum(s.serie.realises[-1] for s in p.par_axe) == p.ensemble.realises[-1]


def test_the_initial_statut_is_the_first_changes_ancien_else_the_current_one() -> None:
    dates = [dt.date(2020, 1, 31), dt.date(2020, 2, 29), dt.date(2020, 3, 31)]
    sans = EngagementSuivi(1, 1, "bloque")
    assert statuts_aux_dates(sans, [], dates) == ["bloque"] * 3
    avec = EngagementSuivi(2, 1, "realise")
    changements = [
        ChangementStatut(2, "en_pause", "en_cours", "2020-02-15T10:00:00Z"),
        ChangementStatut(2, "en_cours", "realise", "2020-03-31T10:00:00Z"),
    ]
    assert statuts_aux_dates(avec, changements, dates) == ["en_pause", "en_cours", "realise"]


def test_the_months_run_from_the_start_to_today_or_the_end() -> None:
    debut, fin = dt.date(2020, 1, 1), dt.date(2022, 12, 31)
    assert mois_du_contrat(debut, fin, dt.date(2020, 3, 10), None) == [
        dt.date(2020, 1, 31),
        dt.date(2020, 2, 29),
        dt.date(2020, 3, 10),
    ]
    assert len(mois_du_contrat(debut, fin, dt.date(2026, 1, 1), None)) == 36
    # A change after the end (a late réalisation) extends the series to it.
    assert mois_du_contrat(debut, fin, dt.date(2026, 1, 1), dt.date(2023, 2, 3))[-1] == dt.date(2023, 2, 28)
    assert mois_du_contrat(None, None, dt.date(2021, 5, 5), None) == [dt.date(2021, 5, 5)]


def test_an_unknown_contrat_is_refused(seeded: tuple[Database, int]) -> None:
    with pytest.raises(LookupError):
        lire_bilan(seeded[0], 999, TODAY)
