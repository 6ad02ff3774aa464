"""Formula injection (OWASP CSV injection): every risky cell neutralised, in CSV and in XLSX, read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from suivi_tui.db.database import Database
from suivi_tui.services import edition as commandes
from suivi_tui.services.export import DemandeExport, exporter
from suivi_tui.services.export.cellules import PREFIXES_RISQUES, cellule, est_neutre, neutraliser, texte_xlsx

TODAY = dt.date(2021, 3, 15)


@pytest.mark.parametrize("prefixe", PREFIXES_RISQUES)
def test_chaque_prefixe_est_neutralise(prefixe: str) -> None:
    assert neutraliser(prefixe + "cmd|' /C calc'!A0") == "'" + prefixe + "cmd|' /C calc'!A0"
    assert cellule(prefixe + "1+1").startswith("'")


def test_texte_ordinaire_inchange() -> None:
    assert cellule("Forum de l'emploi") == "Forum de l'emploi"
    assert cellule("'=déjà") == "'=déjà"
    assert cellule(None) == "" and cellule("") == ""


def test_un_caractere_de_controle_ne_cache_pas_une_formule() -> None:
    # « \x01=… » would become « =… » once the control character is removed
    assert cellule("\x01=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert cellule("\x00abc") == "'abc"


def test_echappement_ooxml_litteral_et_fins_de_ligne() -> None:
    assert texte_xlsx("a_x0041_b") == ("a_x005F_x0041_b", False)
    assert texte_xlsx("un\r\ndeux\rtrois") == ("un\ndeux\ntrois", False)
    assert texte_xlsx("\r=1") == ("\n=1", True)


@pytest.mark.parametrize(
    "texte", ["-1", "+33 6 12 34 56 78", "- une note en liste", "=SOMME(A1:A9)", "@moi", "\x00=1", "\x01=1"]
)
def test_classeur_texte_tel_quel_et_prefixe_de_cellule(texte: str) -> None:
    """In a workbook the apostrophe is the cell's quote prefix, not a character of its text (10.12)."""
    propre, cite = texte_xlsx(texte)
    assert cite and propre == texte.lstrip("\x00\x01") and not propre.startswith("'")


@given(st.sampled_from(PREFIXES_RISQUES), st.text())
def test_propriete_cellule_jamais_risquee(prefixe: str, reste: str) -> None:
    valeur = cellule(prefixe + reste)
    assert est_neutre(valeur) and valeur.startswith("'")
    assert est_neutre(cellule(reste))


# Text SQLite and the services accept: no surrogates; the services trim the ends.
_TEXTE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


def _lire_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes()[3:].decode("utf-8"), newline=""), delimiter=";"))


def _valeurs_xlsx(path: Path, feuille: str, colonne: int) -> list[tuple[str, bool]]:
    """(text, quote prefix) of the column's text cells."""
    ws = openpyxl.load_workbook(path)[feuille]
    return [
        (r[colonne].value, bool(r[colonne].quotePrefix))
        for r in ws.iter_rows(min_row=2)
        if isinstance(r[colonne].value, str)
    ]


def _stocke(db: Database, sql: str, ident: int) -> str:
    with db.lire() as session:
        return str(session.execute(sql, {"id": ident}).scalar_one())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefixe=st.sampled_from(PREFIXES_RISQUES), reste=_TEXTE)
def test_propriete_par_les_services_jusqu_au_fichier(seeded: tuple[Database, int], prefixe: str, reste: str) -> None:
    """A pilote, a note and an échéance libellé typed with a formula prefix come out neutralised."""
    db, _ = seeded
    with db.lire() as session:
        engagement = session.execute("SELECT min(id) FROM engagement").scalar_one()
        comite = session.execute("SELECT min(id) FROM comite").scalar_one()
    saisie = prefixe + reste + "x"  # never empty once the services trim it
    commandes.changer_pilote(db, engagement, saisie)
    # The schema refuses a note starting with NUL (SQLite's length() stops at it): « =\x00 » then.
    texte_note = "=\x00" + reste + "x" if prefixe == "\x00" else saisie
    note = commandes.ajouter_note(db, comite, texte_note, engagement_id=engagement)
    echeance = commandes.ajouter_echeance(db, engagement, dt.date(2021, 6, 30), "jour", saisie)
    stockes = {
        "pilote": _stocke(db, "SELECT pilote FROM engagement WHERE id = :id", engagement),
        "note": _stocke(db, "SELECT texte FROM note WHERE id = :id", note.cible_id or 0),
        "echeance": _stocke(db, "SELECT libelle FROM echeance WHERE id = :id", echeance.cible_id or 0),
    }
    with tempfile.TemporaryDirectory() as dossier:
        d = Path(dossier)
        exporter(db, DemandeExport(d / "e.csv"), TODAY)
        exporter(db, DemandeExport(d / "n.csv", table="notes"), TODAY)
        exporter(db, DemandeExport(d / "x.csv", table="echeances"), TODAY)
        exporter(db, DemandeExport(d / "c.xlsx"), TODAY)
        lus = {
            "pilote": ([r[5] for r in _lire_csv(d / "e.csv")[1:]], _valeurs_xlsx(d / "c.xlsx", "Engagements", 5)),
            "note": ([r[5] for r in _lire_csv(d / "n.csv")[1:]], _valeurs_xlsx(d / "c.xlsx", "Journal", 5)),
            "echeance": ([r[3] for r in _lire_csv(d / "x.csv")[1:]], _valeurs_xlsx(d / "c.xlsx", "Échéances", 3)),
        }
    for champ, stocke in stockes.items():
        en_csv, en_xlsx = lus[champ]
        assert cellule(stocke) in en_csv, (champ, stocke)
        assert texte_xlsx(stocke) in en_xlsx, (champ, stocke)
        for valeur in en_csv:
            assert est_neutre(valeur), (champ, valeur)
        for valeur, cite in en_xlsx:
            assert est_neutre(valeur) or cite, (champ, valeur)
