"""The XLSX export read back by openpyxl: sheets, headers, real dates, colours, no formula, no secret."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_export_donnees import FORMULE, JETONS, SCRIPT, SENTINELLE, SENTINELLE_EFFACEE, TODAY, Peuple, peuple

from suivi_tui.services.export import DemandeExport, exporter
from suivi_tui.services.export.cellules import est_neutre
from suivi_tui.services.export.classeur import hauteur
from suivi_tui.services.export.mise_en_forme import COULEURS_STATUT

__all__ = ["peuple"]

ENTETES = {
    "Engagements": [
        "Axe",
        "Partie",
        "N°",
        "Libellé",
        "Statut",
        "Pilote",
        "Prochaine échéance (au plus tard le)",
        "Prochaine échéance (telle que saisie)",
        "En retard",
        "À discuter",
        "Dernière note (séance)",
        "Dernière note",
    ],
    "Échéances": [
        "Axe",
        "Partie",
        "Engagement",
        "Libellé de l'échéance",
        "Au plus tard le",
        "Échéance (telle que saisie)",
        "Faite le",
        "Statut",
        "Pilote",
        "En retard",
    ],
    "Journal": ["Comité", "Séance", "Type", "Axe", "Engagement", "Note"],
    "Historique": ["Le", "Axe", "Engagement", "Changement", "Avant", "Après", "Séance"],
}


@pytest.fixture
def classeur(peuple: Peuple, tmp_path: Path) -> Path:
    cible = tmp_path / "suivi.xlsx"
    resultat = exporter(peuple.db, DemandeExport(cible), TODAY)
    assert resultat.format == "xlsx" and resultat.lignes == 52
    return cible


def lignes(path: Path, feuille: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path)[feuille].iter_rows(values_only=True))


def test_feuilles_et_entetes(classeur: Path) -> None:
    wb = openpyxl.load_workbook(classeur)
    assert wb.sheetnames == ["Synthèse", "Engagements", "Échéances", "Journal", "Historique"]
    for nom, entetes in ENTETES.items():
        assert [c.value for c in wb[nom][1]] == entetes, nom


def test_nombre_de_lignes(classeur: Path) -> None:
    assert len(lignes(classeur, "Engagements")) == 1 + 52
    assert len(lignes(classeur, "Échéances")) == 1 + 4
    assert len(lignes(classeur, "Journal")) == 1 + 2  # the confidential note is not there
    assert len(lignes(classeur, "Historique")) > 1 + 8


def test_synthese_par_axe(classeur: Path) -> None:
    # The totals are formulas of the sheet: their cached values are what a reader shows first.
    rangees = list(openpyxl.load_workbook(classeur, data_only=True)["Synthèse"].iter_rows(values_only=True))[:11]
    assert "Contrat de ville d'Antony" in str(rangees[0][0])
    assert "notes confidentielles exclues : 1" in str(rangees[1][0])
    assert rangees[3][:3] == ("Axe", "Intitulé", "Total")
    axes = [r for r in rangees[4:] if r[0]]
    assert [r[0] for r in axes] == ["I", "II", "III", "IV", "V", "VI", "Total"]
    total = axes[-1]
    assert total[2] == 52 and total[9] == 1  # total, en retard
    assert total[10] == pytest.approx(1 / 52)
    assert sum(r[2] for r in axes[:-1]) == 52


def test_dates_reelles_au_format_francais(classeur: Path) -> None:
    ws = openpyxl.load_workbook(classeur)["Échéances"]
    cellule = ws["E2"]
    assert isinstance(cellule.value, dt.datetime) and cellule.value.date() == dt.date(2021, 1, 15)  # sorted by date
    assert cellule.number_format == "dd/mm/yyyy"
    assert isinstance(openpyxl.load_workbook(classeur)["Historique"]["A2"].value, dt.datetime)


def test_une_echeance_floue_garde_sa_date_et_ce_qui_a_ete_saisi(classeur: Path, peuple: Peuple) -> None:
    """« T3 2021 » is a date cell (30/09/2021, sortable) and, beside it, the text as entered (10.13)."""
    ws = openpyxl.load_workbook(classeur)["Engagements"]
    par_ligne = {r[3].value: r for r in ws.iter_rows(min_row=2)}
    forum = next(r for r in ws.iter_rows(min_row=2) if r[7].value == "T3 2021")
    assert forum[6].value == dt.datetime(2021, 9, 30) and forum[6].number_format == "dd/mm/yyyy"
    bilan = next(r for r in par_ligne.values() if r[7].value == "31/01/2021")
    assert bilan[6].value == dt.datetime(2021, 1, 31)
    echeances = {r[3]: r for r in lignes(classeur, "Échéances")[1:]}
    assert echeances["Forum de l'emploi"][4:6] == (dt.datetime(2021, 9, 30), "T3 2021")


def test_entete_fige_filtre_largeurs_retour_a_la_ligne(classeur: Path) -> None:
    wb = openpyxl.load_workbook(classeur)
    ws = wb["Engagements"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:L53"
    assert ws.column_dimensions["D"].width > 50
    assert ws["D2"].alignment.wrap_text
    assert wb["Synthèse"].freeze_panes == "A5"


def test_statuts_colores(classeur: Path, peuple: Peuple) -> None:
    ws = openpyxl.load_workbook(classeur)["Engagements"]
    vus = {}
    for row in ws.iter_rows(min_row=2):
        vus[row[4].value] = row[4].fill.fgColor.rgb
    assert vus["En cours"].endswith(COULEURS_STATUT["en_cours"][0][1:].upper())
    assert vus["Bloqué"].endswith(COULEURS_STATUT["bloque"][0][1:].upper())
    assert vus["En cours"] != vus["Réalisé"]


def test_aucune_formule(classeur: Path) -> None:
    wb = openpyxl.load_workbook(classeur)
    pilote = next(r[5] for r in wb["Engagements"].iter_rows(min_row=2) if r[5].value == FORMULE)
    # The text as typed, no apostrophe in it: the cell's quote prefix keeps it text (10.12).
    assert pilote.quotePrefix and pilote.data_type == "s"
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                # The only formulas are the Synthèse's own totals (COUNTIFS, SUM, IF), never a user's text.
                if c.data_type == "f":
                    assert ws.title == "Synthèse" and str(c.value).startswith(("=COUNTIFS(", "=SUM(", "=IF(")), c
                    continue
                if isinstance(c.value, str):
                    assert est_neutre(c.value) or c.quotePrefix, (ws.title, c.coordinate, c.value)
                    assert not c.value.startswith("'"), (ws.title, c.coordinate, c.value)


def test_un_texte_ordinaire_n_a_pas_de_prefixe(classeur: Path) -> None:
    ws = openpyxl.load_workbook(classeur)["Engagements"]
    libelle = ws.cell(row=2, column=4)
    assert isinstance(libelle.value, str) and est_neutre(libelle.value) and not libelle.quotePrefix


def test_texte_utilisateur_intact(classeur: Path) -> None:
    notes = [r[5] for r in lignes(classeur, "Journal")[1:]]
    assert SCRIPT in notes


def _octets_decompresses(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(n) for n in z.namelist())


def test_aucune_trace_des_notes_confidentielles(classeur: Path) -> None:
    for contenu in (classeur.read_bytes(), _octets_decompresses(classeur)):
        for secret in (SENTINELLE, SENTINELLE_EFFACEE, *JETONS):
            assert secret.encode() not in contenu


def test_confidentielles_incluses_sur_demande(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "complet.xlsx"
    exporter(peuple.db, DemandeExport(cible, inclure_confidentiel=True), TODAY)
    journal = lignes(cible, "Journal")
    assert journal[0][-1] == "Confidentielle"
    assert (SENTINELLE, "Oui") in [(r[5], r[6]) for r in journal[1:]]
    assert SENTINELLE.encode() in _octets_decompresses(cible)
    assert SENTINELLE_EFFACEE.encode() not in _octets_decompresses(cible)


def test_hauteur_des_lignes_pour_les_textes_longs(classeur: Path) -> None:
    """Without an explicit height, LibreOffice draws wrapped texts over the rows below."""
    ws = openpyxl.load_workbook(classeur)["Engagements"]
    libelle = str(ws["D2"].value)
    assert len(libelle) > 150
    assert ws.row_dimensions[2].height is not None and ws.row_dimensions[2].height >= 3 * 13
    assert hauteur([("court", 60)]) is None
    assert hauteur([("x" * 2000, 10)]) == 409.0  # capped at Excel's maximum
