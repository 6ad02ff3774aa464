"""The calendar export read back by icalendar: one all-day event per open échéance and séance, stable UIDs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from test_export_donnees import JETONS, SENTINELLE, SENTINELLE_EFFACEE, TODAY, Peuple, peuple

from suivi_tui.services.echeances import lister_echeances
from suivi_tui.services.export import DemandeExport, exporter
from suivi_tui.services.export.calendrier import cle_contrat, uid_echeance

__all__ = ["peuple"]


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
    assert uid_echeance(peuple.echeance_faite, "Contrat de ville d'Antony 2020-2022") not in uids
    assert uid_echeance(peuple.echeance_engagement_clos, "Contrat de ville d'Antony 2020-2022") not in uids


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
    titre = "Contrat de ville d'Antony 2020-2022"
    retard = par_uid[uid_echeance(peuple.echeance_en_retard, titre)]
    assert str(retard["SUMMARY"]) == "[Axe I · Ville] En retard — Premier bilan"
    assert "Pilote : Mme Martin (DGS)" in str(retard["DESCRIPTION"])
    assert "EN RETARD au 15/03/2021" in str(retard["DESCRIPTION"])
    assert retard.decoded("DTSTART") == dt.date(2021, 1, 31)
    a_venir = par_uid[uid_echeance(peuple.echeance_a_venir, titre)]
    assert str(a_venir["SUMMARY"]).startswith("[Axe I · Ville] Forum de l'emploi")
    assert "T3 2021 (au plus tard le 30/09/2021)" in str(a_venir["DESCRIPTION"])
    seances = sorted(str(e["SUMMARY"]) for e in par_uid.values() if str(e["UID"]).startswith("seance-"))
    assert seances == ["Comité : Comité de pilotage", "Comité : Insertion socioprofessionnelle"]


def test_uid_stables_d_un_export_a_l_autre(peuple: Peuple, tmp_path: Path) -> None:
    premier, second = tmp_path / "a.ics", tmp_path / "b.ics"
    exporter(peuple.db, DemandeExport(premier), TODAY)
    exporter(peuple.db, DemandeExport(second), TODAY)
    assert sorted(str(e["UID"]) for e in evenements(premier)) == sorted(str(e["UID"]) for e in evenements(second))
    cle = cle_contrat("Contrat de ville d'Antony 2020-2022")
    assert all(str(e["UID"]).endswith(f"@suivi.{cle}") for e in evenements(premier))


def test_aucune_note_confidentielle_meme_sur_demande(peuple: Peuple, tmp_path: Path) -> None:
    for inclure in (False, True):
        cible = tmp_path / f"suivi-{inclure}.ics"
        exporter(peuple.db, DemandeExport(cible, inclure_confidentiel=inclure), TODAY)
        contenu = cible.read_bytes()
        for secret in (SENTINELLE, SENTINELLE_EFFACEE, *JETONS):
            assert secret.encode() not in contenu
