"""Exports of a contrat « Quartiers 2030 »: the indicators (XLSX sheet, CSV table, report section) and the tree
rolled up in the Synthèse and the bilan, read back with real readers (openpyxl, csv, html5lib, LibreOffice)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import html5lib
import openpyxl
import pytest
from partenaire import par_libreoffice
from tableur import Recalcul

from suivi_tui.db.database import Database
from suivi_tui.services.bilan import lire_bilan
from suivi_tui.services.edition import changer_statut
from suivi_tui.services.export import DemandeExport, exporter
from suivi_tui.services.mesures import enregistrer_mesure

TODAY = dt.date(2025, 6, 30)
CRECHE = "Enfants des quartiers accueillis en crèche"


@pytest.fixture
def base(quartiers: tuple[Database, int]) -> Database:
    """Val-Fleuri with two mesures of the crèche indicator and one engagement of objective 1.1.1 réalisé."""
    db, _ = quartiers
    with db.lire() as lecture:
        creche = lecture.execute("SELECT id FROM indicateur WHERE libelle = :l", {"l": CRECHE}).scalar_one()
        crèche_engagement = lecture.execute(
            "SELECT id FROM engagement WHERE libelle LIKE 'Réserver un quart des places%'"
        ).scalar_one()
    enregistrer_mesure(db, creche, dt.date(2024, 12, 31), 55)
    enregistrer_mesure(db, creche, dt.date(2025, 6, 1), 62.5, "chiffre provisoire")
    assert changer_statut(db, crèche_engagement, "realise") is not None
    return db


def _exporter(db: Database, chemin: Path, **options: object) -> Path:
    exporter(db, DemandeExport(chemin, **options), TODAY)  # type: ignore[arg-type]
    return chemin


def test_the_workbook_has_an_indicateurs_sheet_with_numbers_dates_and_the_trend(base: Database, tmp_path: Path) -> None:
    classeur = openpyxl.load_workbook(_exporter(base, tmp_path / "export.xlsx"))
    assert classeur.sheetnames == ["Synthèse", "Engagements", "Échéances", "Journal", "Historique", "Indicateurs"]
    ws = classeur["Indicateurs"]
    lignes = [list(r) for r in ws.iter_rows(values_only=True)]
    assert lignes[0] == [
        "Axe",
        "Rattaché à",
        "Indicateur",
        "Unité",
        "Référence",
        "Année de référence",
        "Cible",
        "Année cible",
        "Source",
        "Dernière valeur",
        "Mesurée le",
        "Part du chemin vers la cible",
        "Tendance",
    ]
    assert len(lignes) == 1 + 9
    creche = next(r for r in lignes if r[2] == CRECHE)
    assert creche[:10] == ["1.1.1", "Objectif opérationnel 1.1.1", CRECHE, "enfants", 48, 2023, 90, 2028, "CAF", 62.5]
    assert creche[10] == dt.datetime(2025, 6, 1)  # a real date, not a text
    assert creche[11] == pytest.approx((62.5 - 48) / (90 - 48)) and creche[12] == "vers la cible"
    fiche = next(r for r in lignes if r[2] == "Familles accueillies au moins une fois")
    assert fiche[1] == "Engagement : Lieu d'accueil enfants-parents itinérant" and fiche[9:] == [None] * 4


def test_a_protocole_without_indicators_has_no_empty_sheet(seeded: tuple[Database, int], tmp_path: Path) -> None:
    db, _ = seeded
    assert "Indicateurs" not in openpyxl.load_workbook(_exporter(db, tmp_path / "antony.xlsx")).sheetnames


def test_the_csv_indicators_table_reads_in_french_excel(base: Database, tmp_path: Path) -> None:
    chemin = _exporter(base, tmp_path / "indicateurs.csv", table="indicateurs")
    brut = chemin.read_bytes()
    assert brut.startswith(b"\xef\xbb\xbf") and b"\r\n" in brut
    lignes = list(csv.reader(brut.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert lignes[0][:3] == ["Axe", "Rattaché à", "Indicateur"] and len(lignes) == 10
    creche = next(r for r in lignes if r[2] == CRECHE)
    # A decimal comma and a French date: what French Excel reads as a number and a date on a double-click.
    assert creche[4:] == ["48", "2023", "90", "2028", "CAF", "62,5", "01/06/2025", "35 %", "vers la cible"]


def test_the_report_has_an_indicators_section_in_markdown_and_valid_html(base: Database, tmp_path: Path) -> None:
    markdown = _exporter(base, tmp_path / "rapport.md").read_text(encoding="utf-8")
    assert "## Indicateurs (9)" in markdown
    assert f"| 1.1.1 | {CRECHE} | Objectif opérationnel 1.1.1 | 48 enfants (2023) | 90 enfants (2028) |" in markdown
    assert "62,5 enfants au 01/06/2025 | 35 % | vers la cible | CAF |" in markdown
    page = _exporter(base, tmp_path / "rapport.html").read_text(encoding="utf-8")
    arbre = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    section = arbre.find(".//section[@class='indicateurs']")
    assert section is not None and section.findtext("h2") == "Indicateurs (9)"
    rangees = section.findall(".//tbody/tr")
    assert len(rangees) == 9
    creche = next(
        ["".join(td.itertext()) for td in r.findall("td")] for r in rangees if CRECHE in "".join(r.itertext())
    )
    assert creche[5:8] == ["62,5 enfants au 01/06/2025", "35\u00a0%", "vers la cible"]
    # The tree in the report: a node named by its level, its counts with what is below it.
    assert "<h2>Enjeu 1 — Réussite éducative et émancipation de la jeunesse</h2>" in page
    assert "15 engagements (avec les niveaux en dessous)" in page


def _ligne(ws: openpyxl.worksheet.worksheet.Worksheet, numero: str) -> int:
    return next(c.row for c in ws["A"] if c.value == numero)


def test_the_synthese_rolls_the_tree_up_in_its_formulas(base: Database, tmp_path: Path) -> None:
    chemin = _exporter(base, tmp_path / "export.xlsx")
    ws = openpyxl.load_workbook(chemin)["Synthèse"]
    valeurs = openpyxl.load_workbook(chemin, data_only=True)["Synthèse"]
    enjeu, orientation, objectif, total = (_ligne(ws, n) for n in ("1", "1.1", "1.1.1", "Total"))
    assert ws[f"C{objectif}"].value == '=COUNTIFS(Engagements!$A:$A,"=1.1.1")'
    assert ws[f"C{orientation}"].value == f'=COUNTIFS(Engagements!$A:$A,"=1.1")+C{objectif}+C{objectif + 1}'
    assert ws[f"C{enjeu}"].value.startswith(f'=COUNTIFS(Engagements!$A:$A,"=1")+C{orientation}+C')
    assert ws[f"C{total}"].value == "=SUM(C5,C12,C19)"  # the enjeux only: an objective counted once
    # The cached values (what a reader shows before recalculating) are the rolled-up counts.
    assert [valeurs[f"C{r}"].value for r in (enjeu, orientation, objectif, total)] == [15, 9, 5, 39]
    assert [valeurs[f"F{r}"].value for r in (enjeu, orientation, objectif, total)] == [1, 1, 1, 1]
    recalcul = Recalcul(chemin)  # the formulas, computed from the sheet, give the same numbers
    assert [recalcul.valeur("Synthèse", f"C{r}") for r in (enjeu, orientation, objectif, total)] == [15, 9, 5, 39]
    assert ws[f"B{objectif}"].alignment.indent == 2 and ws[f"B{enjeu}"].alignment.indent == 0


def _edite_par_un_partenaire(chemin: Path, sortie: Path, numero: str, statut: str) -> Path:
    """The first engagement of that node set to statut in the Engagements sheet, as a partner does in Excel."""
    classeur = openpyxl.load_workbook(chemin)
    ws = classeur["Engagements"]
    ligne = next(c.row for c in ws["A"] if c.value == numero)
    ws.cell(ligne, 5).value = statut
    classeur.save(sortie)
    return sortie


def test_a_statut_edited_by_a_partner_moves_the_objective_its_orientation_its_enjeu_and_the_total(
    base: Database, tmp_path: Path
) -> None:
    chemin = _edite_par_un_partenaire(
        _exporter(base, tmp_path / "export.xlsx"), tmp_path / "edite.xlsx", "1.2.1", "Réalisé"
    )
    ws = openpyxl.load_workbook(chemin)["Synthèse"]
    lignes = [_ligne(ws, n) for n in ("1", "1.2", "1.2.1", "Total")]
    recalcul = Recalcul(chemin)
    assert [recalcul.valeur("Synthèse", f"F{r}") for r in lignes] == [2, 1, 1, 2]
    assert [recalcul.valeur("Synthèse", f"C{r}") for r in lignes] == [15, 6, 3, 39]  # the totals did not move


def test_libreoffice_recalculates_the_rolled_up_totals_after_a_partner_edit(base: Database, tmp_path: Path) -> None:
    edite = _edite_par_un_partenaire(
        _exporter(base, tmp_path / "export.xlsx"), tmp_path / "edite.xlsx", "1.2.1", "Réalisé"
    )
    calc = par_libreoffice(edite, tmp_path / "calc")
    ws = openpyxl.load_workbook(calc, data_only=True)["Synthèse"]
    lignes = [_ligne(ws, n) for n in ("1", "1.2", "1.2.1", "Total")]
    assert [ws[f"F{r}"].value for r in lignes] == [2, 1, 1, 2]
    assert [ws[f"C{r}"].value for r in lignes] == [15, 6, 3, 39]


def test_the_bilan_rolls_the_tree_up_and_counts_each_engagement_once(base: Database) -> None:
    bilan = lire_bilan(base, 1, TODAY)
    par_numero = {ligne.numero: ligne for ligne in bilan.lignes}
    assert [par_numero[n].total.engagements for n in ("1", "1.1", "1.1.1", "2", "3")] == [15, 9, 5, 11, 13]
    assert [par_numero[n].total.realises for n in ("1", "1.1", "1.1.1", "1.2")] == [1, 1, 1, 0]
    ville = [p.nom_court for p in bilan.parties].index("Ville")
    assert par_numero["1"].par_partie[ville].engagements == 6 and par_numero["1.1.1"].par_partie[ville].realises == 1
    assert bilan.total.engagements == 39 and bilan.total.realises == 1  # not 3: the roots only
    assert bilan.par_partie[ville].engagements == 11
    assert [s.numero for s in bilan.progression.par_axe] == ["1", "2", "3"]  # one curve per enjeu
    assert [s.serie.total for s in bilan.progression.par_axe] == [15, 11, 13]


def test_the_bilan_workbook_rolls_up_in_formulas_that_follow_a_partner_edit(base: Database, tmp_path: Path) -> None:
    from suivi_tui.cli import main

    chemin = tmp_path / "bilan.xlsx"
    assert main(["--db", str(base.path), "--today", TODAY.isoformat(), "bilan", str(chemin)]) == 0
    ws = openpyxl.load_workbook(chemin)["Bilan"]
    valeurs = openpyxl.load_workbook(chemin, data_only=True)["Bilan"]
    enjeu, orientation, total = (_ligne(ws, n) for n in ("1", "1.1", "Total"))
    assert str(ws[f"C{orientation}"].value).endswith(f"+C{orientation + 1}+C{orientation + 2}")
    assert str(ws[f"C{total}"].value).startswith(f"=SUM(C{enjeu},")
    groupes = len(lire_bilan(base, 1, TODAY).parties) + 1
    ensemble = 2 + (groupes - 1) * 5  # the « Ensemble » group's first column (0-based)
    colonne = openpyxl.utils.get_column_letter(ensemble + 1)
    realises = openpyxl.utils.get_column_letter(ensemble + 2)
    assert [valeurs[f"{colonne}{r}"].value for r in (enjeu, orientation, total)] == [15, 9, 39]
    edite = _edite_par_un_partenaire(chemin, tmp_path / "edite.xlsx", "1.2.2", "Réalisé")
    recalcul = Recalcul(edite)
    assert [recalcul.valeur("Bilan", f"{realises}{r}") for r in (enjeu, total)] == [2, 2]
