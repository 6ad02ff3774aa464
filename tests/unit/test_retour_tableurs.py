"""The round trip through the partners' other tools: LibreOffice Calc saving the workbook, a CSV edited elsewhere."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from partenaire import SOFFICE, exporter_fiche, fuseau_utc, identifiants, lignes, par_libreoffice, remplir, repondu_le
from test_retour import CONTRAT, EN_TETE, JOURNAL, Ddets, ddets, sql

from suivi_tui.services.fiche import COLONNES

__all__ = ["ddets", "fuseau_utc"]
libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) absent : apt-get install libreoffice-calc"
)


@libreoffice
def test_une_fiche_enregistree_par_libreoffice_garde_son_origine_sa_protection_et_sa_liste(ddets: Ddets) -> None:
    calc = par_libreoffice(ddets.fiche, ddets.dossier / "calc")
    wb = openpyxl.load_workbook(calc)
    assert wb["_suivi"].sheet_state in ("hidden", "veryHidden")  # Calc has no veryHidden: hidden is what it keeps
    assert wb["Fiche"].protection.sheet and not wb["Fiche"].protection.password
    (validation,) = wb["Fiche"].data_validations.dataValidation
    assert validation.formula1 == '"À venir,En cours,Réalisé,En pause,Bloqué,Abandonné"'
    assert not wb["Fiche"]["I5"].protection.locked and wb["Fiche"]["A5"].protection.locked
    assert identifiants(calc) == ddets.e


@libreoffice
def test_remplie_puis_enregistree_par_libreoffice(ddets: Ddets) -> None:
    """The partner's edits (text and a real date), then Calc saves the file: the preview is the same."""
    rempli = ddets.rempli(
        "rempli.xlsx",
        {
            0: {
                "Statut proposé": "Réalisé",
                "Avancement / commentaire": "- 12 entreprises signataires\n- bilan en juin",
            },
            1: {"Prochaine échéance": dt.datetime(2021, 11, 30)},
            2: {"Prochaine échéance": "S2 2021", "Statut proposé": "en pause"},
        },
    )
    calc = par_libreoffice(rempli, ddets.dossier / "calc")
    attendu = [
        EN_TETE.format("rempli.xlsx"),
        f"{CONTRAT} · 5 lignes lues · 3 engagements à changer · 0 conflit · 0 problème",
        JOURNAL,
        "",
        ddets.titres[0],
        "  [x] Statut : À venir → Réalisé",
        "  [x] Note (info) : Retour de DDETS : - 12 entreprises signataires - bilan en juin",  # one line per change
        ddets.titres[1],
        "  [x] Échéance ajoutée : 30/11/2021",
        ddets.titres[2],
        "  [x] Statut : À venir → En pause",
        "  [x] Échéance ajoutée : S2 2021 (au plus tard le 31/12/2021)",
    ]
    assert lignes(ddets.db, calc, ddets.insertion) == attendu
    ddets.importer(calc)
    assert ddets.statuts() == ["realise", "a_venir", "en_pause", "a_venir", "a_venir"]
    assert (
        sql(ddets.db, "SELECT texte FROM note WHERE retour_id IS NOT NULL")[0][0]
        == "Retour de DDETS : - 12 entreprises signataires\n- bilan en juin"
    )  # the journal keeps the lines
    ddets.rien_la_seconde_fois(calc)
    ddets.rien_la_seconde_fois(rempli)  # the same answer, before Calc saved it: already in the base


@libreoffice
def test_ouverte_dans_libreoffice_puis_remplie(ddets: Ddets) -> None:
    """Calc saved the blank fiche first (its hidden sheet is now only hidden), then the partner filled it in."""
    calc = par_libreoffice(ddets.fiche, ddets.dossier / "calc")
    rempli = remplir(calc, ddets.dossier / "calc-rempli.xlsx", {ddets.e[3]: {"Statut proposé": "Bloqué"}})
    ws = openpyxl.load_workbook(rempli)["Fiche"]
    assert ws["I8"].value == "Bloqué"
    assert lignes(ddets.db, rempli, ddets.insertion)[1:] == [
        f"{CONTRAT} · 5 lignes lues · 1 engagement à changer · 0 conflit · 0 problème",
        "",
        ddets.titres[3],
        "  [x] Statut : À venir → Bloqué",
    ]
    assert repondu_le(rempli)  # Calc and openpyxl both say when the file was saved


# --- CSV ----------------------------------------------------------------------------------------------


def _csv_rempli(
    fiche: Path, sortie: Path, reponses: dict[int, dict[str, str]], *, encodage: str, separateur: str
) -> Path:
    """The CSV fiche edited in another tool, then saved in its own dialect."""
    lignes_csv = list(csv.reader(io.StringIO(fiche.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    for i, valeurs in reponses.items():
        for titre, valeur in valeurs.items():
            lignes_csv[2 + i][COLONNES.index(titre)] = valeur
    tampon = io.StringIO(newline="")
    csv.writer(tampon, delimiter=separateur, lineterminator="\n").writerows(lignes_csv)
    sortie.write_bytes(tampon.getvalue().encode(encodage))
    return sortie


@pytest.mark.parametrize("encodage, separateur", [("utf-8-sig", ";"), ("cp1252", ";"), ("utf-8", ",")])
def test_la_fiche_en_csv_fait_l_aller_retour(ddets: Ddets, encodage: str, separateur: str) -> None:
    fiche = exporter_fiche(ddets.db, ddets.dossier / "fiche-ddets.csv", "DDETS", fmt="csv")
    rempli = _csv_rempli(
        fiche,
        ddets.dossier / "retour.csv",
        {
            0: {
                "Statut proposé": "réalisé",
                "Avancement / commentaire": "Terminé en mars.",
                "Répondu par": "M. Dupont",
            },
            1: {"Statut proposé": "fini", "Prochaine échéance": "juin 2021"},
        },
        encodage=encodage,
        separateur=separateur,
    )
    assert lignes(ddets.db, rempli, ddets.insertion) == [
        "Retour de la fiche pour pilote « DDETS », exportée le 15/03/2021 à 09:00 — retour.csv",
        f"{CONTRAT} · 5 lignes lues · 2 engagements à changer · 0 conflit · 1 problème",
        JOURNAL,
        "",
        ddets.titres[0],
        "  [x] Statut : À venir → Réalisé",
        "  [x] Note (info) : Retour de DDETS (M. Dupont) : Terminé en mars.",
        ddets.titres[1],
        "  [x] Échéance ajoutée : juin 2021 (au plus tard le 30/06/2021)",
        "Problèmes (le reste est importable) :",
        "  retour.csv, ligne 4, colonne I : statut « fini » inconnu (possibles : À venir, En cours, Réalisé, En pause, "
        "Bloqué, Abandonné) : statut ignoré.",
    ]
    ddets.importer(rempli)
    assert ddets.statuts()[:2] == ["realise", "a_venir"]
    ddets.rien_la_seconde_fois(rempli)
