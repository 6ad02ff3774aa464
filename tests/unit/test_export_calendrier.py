"""The calendar export read back by icalendar: one all-day event per open échéance and séance, stable UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from sqlalchemy import text
from test_export_donnees import JETONS, SENTINELLE, SENTINELLE_EFFACEE, TODAY, Peuple, peuple, peupler
from tests.conftest import seed_bundled

from suivi_tui.db.opening import open_database
from suivi_tui.services.echeances import lister_echeances
from suivi_tui.services.export import DemandeExport, exporter

__all__ = ["peuple"]


def uuid_de(peuple: Peuple, table: str, ident: int) -> str:
    with peuple.db.lire() as session:
        return str(session.execute(f"SELECT uuid FROM {table} WHERE id = :i", {"i": ident}).scalar_one())


def evenements(path: Path) -> list:  # type: ignore[type-arg]
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_un_evenement_par_echeance_ouverte_et_par_seance(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "suivi.ics"
    resultat = exporter(peuple.db, DemandeExport(cible), TODAY)
    ouvertes = lister_echeances(peuple.db, peuple.contrat_id, TODAY).total
    assert ouvertes == 2
    events = evenements(cible)
    assert len(events) == resultat.lignes == ouvertes + 2  # + the two séances
    uids = {str(e["UID"]) for e in events}
    assert uuid_de(peuple, "echeance", peuple.echeance_en_retard) in uids
    assert uuid_de(peuple, "echeance", peuple.echeance_faite) not in uids
    assert uuid_de(peuple, "echeance", peuple.echeance_engagement_clos) not in uids


def test_evenements_sur_la_journee(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "suivi.ics"
    exporter(peuple.db, DemandeExport(cible), TODAY)
    for e in evenements(cible):
        debut, fin = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(debut) is dt.date and fin == debut + dt.timedelta(days=1)


def test_resume_description_et_retard(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "suivi.ics"
    exporter(peuple.db, DemandeExport(cible), TODAY)
    par_uid = {str(e["UID"]): e for e in evenements(cible)}
    retard = par_uid[uuid_de(peuple, "echeance", peuple.echeance_en_retard)]
    # Lateness goes stale in a calendar: category and description only, never the title.
    assert str(retard["SUMMARY"]) == "[Axe I · Ville] Premier bilan"
    assert "En retard" in [str(c) for c in retard["CATEGORIES"].cats]
    assert "Pilote : Mme Martin (DGS)" in str(retard["DESCRIPTION"])
    assert "EN RETARD au 15/03/2021" in str(retard["DESCRIPTION"])
    assert retard.decoded("DTSTART") == dt.date(2021, 1, 31)
    a_venir = par_uid[uuid_de(peuple, "echeance", peuple.echeance_a_venir)]
    assert [str(c) for c in a_venir["CATEGORIES"].cats] == ["Échéance"]
    assert str(a_venir["SUMMARY"]).startswith("[Axe I · Ville] Forum de l'emploi")
    assert "T3 2021 (au plus tard le 30/09/2021)" in str(a_venir["DESCRIPTION"])
    seances = sorted(str(e["SUMMARY"]) for e in par_uid.values() if "Séance" in [str(c) for c in e["CATEGORIES"].cats])
    assert seances == ["Comité : Comité de pilotage", "Comité : Insertion socioprofessionnelle"]


def test_uid_stables_d_un_export_a_l_autre(peuple: Peuple, tmp_path: Path) -> None:
    premier, second = tmp_path / "a.ics", tmp_path / "b.ics"
    exporter(peuple.db, DemandeExport(premier), TODAY)
    exporter(peuple.db, DemandeExport(second), TODAY)
    assert sorted(str(e["UID"]) for e in evenements(premier)) == sorted(str(e["UID"]) for e in evenements(second))
    with peuple.db.lire() as session:
        sql = "SELECT uuid FROM echeance UNION SELECT uuid FROM seance"
        identites = {str(r[0]) for r in session.execute(sql)}
    assert {str(e["UID"]) for e in evenements(premier)} <= identites


def test_uid_tiennent_au_renommage_du_contrat(peuple: Peuple, tmp_path: Path) -> None:
    avant, apres = tmp_path / "a.ics", tmp_path / "b.ics"
    exporter(peuple.db, DemandeExport(avant), TODAY)
    with peuple.db.write() as session:
        session.execute(text("UPDATE contrat SET titre = 'Contrat renommé' WHERE id = :c"), {"c": peuple.contrat_id})
    exporter(peuple.db, DemandeExport(apres), TODAY)
    assert sorted(str(e["UID"]) for e in evenements(avant)) == sorted(str(e["UID"]) for e in evenements(apres))
    calendrier = Calendar.from_ical(apres.read_bytes())
    with peuple.db.lire() as session:
        contrat = session.execute("SELECT uuid FROM contrat WHERE id = :c", {"c": peuple.contrat_id}).scalar_one()
    assert str(calendrier["UID"]) == contrat


def test_deux_bases_ne_partagent_aucun_uid(tmp_path: Path) -> None:
    uids = []
    for nom in ("a", "b"):
        db = open_database(tmp_path / f"{nom}.db")
        peupler(db, seed_bundled(db))
        cible = tmp_path / f"{nom}.ics"
        exporter(db, DemandeExport(cible), TODAY)
        uids.append({str(e["UID"]) for e in evenements(cible)})
        db.close()
    assert uids[0] and uids[1] and not uids[0] & uids[1]


def test_aucune_note_confidentielle_meme_sur_demande(peuple: Peuple, tmp_path: Path) -> None:
    for inclure in (False, True):
        cible = tmp_path / f"suivi-{inclure}.ics"
        exporter(peuple.db, DemandeExport(cible, inclure_confidentiel=inclure), TODAY)
        contenu = cible.read_bytes()
        for secret in (SENTINELLE, SENTINELLE_EFFACEE, *JETONS):
            assert secret.encode() not in contenu
