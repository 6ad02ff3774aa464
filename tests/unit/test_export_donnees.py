"""The data every export reads: one contrat, confidential notes filtered in SQL, one consistent read.

Also home of the `peuple` fixture the other test_export_* modules import: the seeded base with a
few statuts, pilotes, échéances, séances and notes (one confidential, one deleted).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database
from suivi_tui.services import edition as commandes
from suivi_tui.services.export import DemandeExport, ExportInvalide, exporter
from suivi_tui.services.export.donnees import charger
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance

TODAY = dt.date(2021, 3, 15)
SENTINELLE = "SENTINELLE-7q3z Mme Dupont"
SENTINELLE_EFFACEE = "EFFACEE-9x1w M. Durand"
# What FTS5 stores of them: lower-cased tokens, which a whole-string search would miss. Not hex: the
# random uuids of every row must never match them by chance.
JETONS = ("7q3z", "9x1w")
FORMULE = "=SOMME(A1:A9)"
SCRIPT = "Décision : relancer <script>alert('x')</script> le partenaire & la CAF"


@dataclass(frozen=True)
class Peuple:
    db: Database
    contrat_id: int
    engagements: list[int]
    echeance_en_retard: int
    echeance_a_venir: int
    echeance_faite: int
    echeance_engagement_clos: int
    comite_insertion: int
    comite_pilotage: int


def _ids(db: Database, sql: str) -> list[int]:
    with db.lire() as session:
        return [r[0] for r in session.execute(sql)]


def peupler(db: Database, contrat_id: int) -> Peuple:
    ids = _ids(db, "SELECT e.id FROM engagement e JOIN axe a ON a.id = e.axe_id ORDER BY a.ordre, e.ordre")
    for i, statut in ((0, "en_cours"), (1, "realise"), (2, "bloque"), (5, "abandonne"), (20, "en_pause")):
        commandes.changer_statut(db, ids[i], statut)
    commandes.changer_pilote(db, ids[0], "Mme Martin (DGS)")
    commandes.changer_pilote(db, ids[3], FORMULE)
    commandes.basculer_a_discuter(db, ids[0])
    retard = commandes.ajouter_echeance(db, ids[0], dt.date(2021, 1, 31), "jour", "Premier bilan")
    a_venir = commandes.ajouter_echeance(db, ids[3], dt.date(2021, 9, 30), "trimestre", "Forum de l'emploi")
    faite = commandes.ajouter_echeance(db, ids[4], dt.date(2021, 2, 1), "jour", "Réunion de lancement")
    commandes.basculer_echeance_faite(db, faite.cible_id, TODAY)
    clos = commandes.ajouter_echeance(db, ids[1], dt.date(2021, 1, 15), "jour", "Bilan final")
    insertion = _ids(db, "SELECT id FROM comite WHERE nom LIKE 'Insertion%'")[0]
    pilotage = commandes.creer_comite(db, contrat_id, "Comité de pilotage").cible_id
    assert pilotage is not None
    du_pilotage = ouvrir_seance(db, pilotage, dt.date(2021, 2, 10)).id
    commandes.ajouter_note(db, pilotage, "Point général sur le contrat", seance_id=du_pilotage)
    en_seance = ouvrir_seance(db, insertion, TODAY).id
    commandes.ajouter_note(db, insertion, SENTINELLE, engagement_id=ids[0], confidentielle=True, seance_id=en_seance)
    commandes.ajouter_note(db, insertion, SCRIPT, type="decision", engagement_id=ids[0], seance_id=en_seance)
    fermer_seance(db, contrat_id)
    effacee = commandes.ajouter_note(db, insertion, SENTINELLE_EFFACEE, engagement_id=ids[0], confidentielle=True)
    with db.write() as session:  # a note deleted since: its text must not survive anywhere
        session.execute(text("DELETE FROM note WHERE id = :id"), {"id": effacee.cible_id})
    assert retard.cible_id and a_venir.cible_id and faite.cible_id and clos.cible_id
    return Peuple(
        db, contrat_id, ids, retard.cible_id, a_venir.cible_id, faite.cible_id, clos.cible_id, insertion, pilotage
    )


@pytest.fixture
def peuple(seeded: tuple[Database, int]) -> Peuple:
    db, contrat_id = seeded
    return peupler(db, contrat_id)


def test_notes_confidentielles_exclues_par_defaut(peuple: Peuple) -> None:
    donnees = charger(peuple.db, None, TODAY, inclure_confidentiel=False)
    textes = [n.texte for n in donnees.notes]
    assert SENTINELLE not in textes and SENTINELLE_EFFACEE not in textes
    assert sorted(textes) == sorted([SCRIPT, "Point général sur le contrat"])
    assert donnees.notes_exclues == 1
    assert not donnees.confidentiel_inclus


def test_notes_confidentielles_incluses_sur_demande(peuple: Peuple) -> None:
    donnees = charger(peuple.db, peuple.contrat_id, TODAY, inclure_confidentiel=True)
    assert SENTINELLE in [n.texte for n in donnees.notes]
    assert SENTINELLE_EFFACEE not in [n.texte for n in donnees.notes]
    assert donnees.notes_exclues == 0


def test_retards_et_echeances(peuple: Peuple) -> None:
    donnees = charger(peuple.db, None, TODAY, inclure_confidentiel=False)
    assert [e.id for e in donnees.engagements if e.en_retard] == [peuple.engagements[0]]
    retard = {x.id: x.en_retard for x in donnees.echeances}
    assert retard == {
        peuple.echeance_en_retard: True,
        peuple.echeance_a_venir: False,
        peuple.echeance_faite: False,
        peuple.echeance_engagement_clos: False,
    }
    assert len(donnees.engagements) == 52
    assert [s.comite for s in donnees.seances] == ["Comité de pilotage", "Insertion socioprofessionnelle"]


def test_contrat_inconnu_refuse(peuple: Peuple) -> None:
    with pytest.raises(ExportInvalide, match="n'existe pas"):
        charger(peuple.db, 999, TODAY, inclure_confidentiel=False)


def test_base_sans_contrat_refusee(empty_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ExportInvalide, match="aucun contrat"):
        exporter(empty_db, DemandeExport(tmp_path / "vide.xlsx"), TODAY)
    assert not (tmp_path / "vide.xlsx").exists()


def _ecrire_sans_arret(path: Path, engagement_id: int, stop: threading.Event, faites: list[int]) -> None:
    """Another connection adding échéances (each with its historique row, in one transaction)."""
    db = open_database(path)
    try:
        jour = dt.date(2021, 4, 1)
        while not stop.is_set():
            commandes.ajouter_echeance(db, engagement_id, jour, "jour", f"Échéance {len(faites)}")
            faites.append(1)
    finally:
        db.close()


def test_lecture_coherente_pendant_des_ecritures(peuple: Peuple) -> None:
    """Matrix #7: an export interleaved with writes sees each write entirely or not at all."""
    stop, faites = threading.Event(), []
    writer = threading.Thread(target=_ecrire_sans_arret, args=(peuple.db.path, peuple.engagements[7], stop, faites))
    writer.start()
    try:
        for _ in range(25):
            donnees = charger(peuple.db, None, TODAY, inclure_confidentiel=False)
            ajouts = sum(1 for h in donnees.historique if h.champ == "echeance.ajout")
            assert ajouts == len(donnees.echeances)
    finally:
        stop.set()
        writer.join()
    assert faites, "the writer never ran: the test proved nothing"
