"""The fiche de suivi written for one partie or pilote: read back by openpyxl, as a partner's Excel would."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_export_donnees import FORMULE, SCRIPT, SENTINELLE, TODAY, Peuple, peuple

from suivi_tui.cli import main
from suivi_tui.services.export import DemandeExport, ExportInvalide, exporter
from suivi_tui.services.export.destinataires import lister_destinataires, trouver_destinataire
from suivi_tui.services.fiche import A_REMPLIR, COLONNES, MARQUEUR

__all__ = ["peuple"]


def _uuids(peuple: Peuple, partie: str) -> list[str]:
    with peuple.db.lire() as session:
        return [
            r[0]
            for r in session.execute(
                """SELECT e.uuid FROM engagement e JOIN axe a ON a.id = e.axe_id
                        JOIN partie p ON p.id = e.partie_id WHERE p.nom_court = :p
                        ORDER BY a.ordre, p.ordre, e.ordre, e.id""",
                {"p": partie},
            )
        ]


def _base(peuple: Peuple) -> tuple[str, str]:
    with peuple.db.lire() as session:
        base, contrat = session.execute("SELECT (SELECT uuid FROM base), (SELECT uuid FROM contrat)").one()
    return base, contrat


@pytest.fixture
def fiche_etat(peuple: Peuple, tmp_path: Path) -> Path:
    cible = tmp_path / "fiche-etat.xlsx"
    resultat = exporter(peuple.db, DemandeExport(cible, pour="etat"), TODAY)
    assert resultat.lignes == 15 and resultat.pour == "partie « État (services dans les Hauts-de-Seine) »"
    return cible


def test_une_ligne_par_engagement_de_la_partie_avec_son_identifiant(peuple: Peuple, fiche_etat: Path) -> None:
    ws = openpyxl.load_workbook(fiche_etat)["Fiche"]
    rangees = list(ws.iter_rows(min_row=4, values_only=True))
    assert list(rangees[0]) == list(COLONNES)
    assert [r[0] for r in rangees[1:]] == [f"E-{u}" for u in _uuids(peuple, "État")]
    assert {r[2] for r in rangees[1:]} == {"État"}
    assert all(r[8:] == (None, None, None, None) for r in rangees[1:])  # nothing pre-filled


def test_seules_les_colonnes_a_remplir_sont_deverrouillees(fiche_etat: Path) -> None:
    wb = openpyxl.load_workbook(fiche_etat)
    ws = wb["Fiche"]
    assert ws.protection.sheet and not ws.protection.password
    assert wb["Mode d'emploi"].protection.sheet
    for ligne in ws.iter_rows(min_row=5):
        deverrouillees = {COLONNES[c.column - 1] for c in ligne if not c.protection.locked}
        assert deverrouillees == set(A_REMPLIR)
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "I5:I19"
    assert validation.formula1 == '"À venir,En cours,Réalisé,En pause,Bloqué,Abandonné"'
    assert ws["K5"].number_format == "@"  # « 2022 » or « 03/2022 » typed there stays text


def test_l_origine_est_dans_une_feuille_tres_cachee_et_dans_les_proprietes(peuple: Peuple, fiche_etat: Path) -> None:
    wb = openpyxl.load_workbook(fiche_etat)
    assert wb.sheetnames == ["Mode d'emploi", "Fiche", "_suivi"]
    meta = wb["_suivi"]
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    lignes = list(meta.iter_rows(values_only=True))
    assert lignes[0][0] == MARQUEUR
    cles = dict(r[:2] for r in lignes[1:9])
    base, contrat = _base(peuple)
    assert cles["base"] == base and cles["contrat"] == contrat and cles["version"] == "1"
    assert uuid.UUID(cles["export"]).version == 4
    assert cles["pour_genre"] == "partie" and cles["pour"] == "État (services dans les Hauts-de-Seine)"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", cles["exporte_le"])
    assert lignes[10] == ("identifiant", "statut")
    with peuple.db.lire() as session:
        statuts = dict(session.execute("SELECT 'E-' || uuid, statut FROM engagement").all())
    assert {r[0]: r[1] for r in lignes[11:]} == {f"E-{u}": statuts[f"E-{u}"] for u in _uuids(peuple, "État")}
    assert "en_pause" in {r[1] for r in lignes[11:]}
    proprietes = {p.name: p.value for p in wb.custom_doc_props.props}
    assert proprietes["suivi_base"] == base and proprietes["suivi_export"] == cles["export"]


def test_deux_fiches_ont_deux_identites_d_export(peuple: Peuple, tmp_path: Path) -> None:
    exports = set()
    for nom in ("a.xlsx", "b.xlsx"):
        exporter(peuple.db, DemandeExport(tmp_path / nom, pour="État"), TODAY)
        exports.add(dict(openpyxl.load_workbook(tmp_path / nom)["_suivi"].iter_rows(values_only=True))["export"])
    assert len(exports) == 2


def test_statut_echeances_et_derniere_decision_jamais_une_note_confidentielle(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "ville.xlsx"
    exporter(peuple.db, DemandeExport(cible, pour="Ville"), TODAY)
    ws = openpyxl.load_workbook(cible)["Fiche"]
    premiere = [c.value for c in ws[5]]
    assert premiere[4:8] == ["Mme Martin (DGS)", "En cours", "31/01/2021 (en retard)", f"15/03/2021 : {SCRIPT}"]
    with zipfile.ZipFile(cible) as z:
        assert all(SENTINELLE.encode() not in z.read(n) for n in z.namelist())
    formule = next(c for c in ws["E"] if c.value == FORMULE)  # a pilote that starts like a formula stays text
    assert formule.data_type == "s" and formule.quotePrefix


def test_une_fiche_pour_un_pilote_ne_tient_que_ses_engagements(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "martin.xlsx"
    resultat = exporter(peuple.db, DemandeExport(cible, pour="MME MARTIN (dgs)"), TODAY)
    assert resultat.lignes == 1 and resultat.pour == "pilote « Mme Martin (DGS) »"
    meta = dict(openpyxl.load_workbook(cible)["_suivi"].iter_rows(max_row=9, values_only=True))
    assert meta["pour_genre"] == "pilote" and meta["pour"] == "Mme Martin (DGS)"


def test_la_fiche_en_csv_porte_son_origine_sur_la_premiere_ligne(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "etat.csv"
    exporter(peuple.db, DemandeExport(cible, pour="État"), TODAY)
    lignes = cible.read_bytes().decode("utf-8-sig").split("\r\n")
    base, contrat = _base(peuple)
    premiere = lignes[0].split(";")
    assert premiere[:4] == [MARQUEUR, "version=1", f"base={base}", f"contrat={contrat}"]
    assert lignes[1] == ";".join(COLONNES)
    assert lignes[2].startswith(f"E-{_uuids(peuple, 'État')[0]};I — Développement économique et emploi;État;")
    assert lignes[2].endswith(";À venir;;;;;;")
    assert len([ligne for ligne in lignes if ligne.startswith("E-")]) == 15


def test_dans_la_fiche_csv_un_texte_qui_commence_comme_une_formule_reste_du_texte(
    peuple: Peuple, tmp_path: Path
) -> None:
    cible = tmp_path / "ville.csv"
    exporter(peuple.db, DemandeExport(cible, pour="Ville"), TODAY)
    contenu = cible.read_bytes().decode("utf-8-sig")
    assert f";'{FORMULE};" in contenu and f";{FORMULE};" not in contenu


# --- who the fiche is for ------------------------------------------------------------------------------


def test_les_destinataires_possibles(peuple: Peuple) -> None:
    noms = [str(d) for d in lister_destinataires(peuple.db, peuple.contrat_id)]
    assert noms == [
        "partie « Ville d'Antony »",
        "partie « État (services dans les Hauts-de-Seine) »",
        f"pilote « {FORMULE} »",
        "pilote « Mme Martin (DGS) »",
    ]


@pytest.mark.parametrize(
    "demande, trouve",
    [
        ("etat", "partie « État (services dans les Hauts-de-Seine) »"),
        ("  ÉTAT ", "partie « État (services dans les Hauts-de-Seine) »"),
        ("ville d'antony", "partie « Ville d'Antony »"),
        ("martin", "pilote « Mme Martin (DGS) »"),
        ("pilote:mme martin (dgs)", "pilote « Mme Martin (DGS) »"),
    ],
)
def test_pour_sans_accents_ni_majuscules(peuple: Peuple, demande: str, trouve: str) -> None:
    assert str(trouver_destinataire(peuple.db, peuple.contrat_id, demande)) == trouve


def test_un_nom_ambigu_est_refuse_avec_les_candidats(peuple: Peuple) -> None:
    from suivi_tui.services import edition as commandes

    commandes.changer_pilote(peuple.db, peuple.engagements[7], "Ville")  # a pilote named like a partie
    with pytest.raises(ExportInvalide) as refus:
        trouver_destinataire(peuple.db, peuple.contrat_id, "ville")
    assert refus.value.message == (
        "« ville » est ambigu, il peut désigner : partie « Ville d'Antony », pilote « Ville ». "
        "Précisez le nom, ou écrivez « partie:NOM » ou « pilote:NOM »."
    )
    assert str(trouver_destinataire(peuple.db, peuple.contrat_id, "pilote:ville")) == "pilote « Ville »"
    assert str(trouver_destinataire(peuple.db, peuple.contrat_id, "partie:ville")) == "partie « Ville d'Antony »"


def test_un_nom_inconnu_est_refuse_avec_les_possibles(peuple: Peuple) -> None:
    with pytest.raises(ExportInvalide, match=r"ne s'appelle « DDETS ». Possibles : partie « Ville d'Antony », "):
        trouver_destinataire(peuple.db, peuple.contrat_id, "DDETS")
    with pytest.raises(ExportInvalide, match="--pour est vide"):
        trouver_destinataire(peuple.db, peuple.contrat_id, "  ")


@pytest.mark.parametrize(
    "nom, options, motif",
    [
        ("fiche.md", {}, "s'écrit en classeur .xlsx ou en .csv, pas en md"),
        ("fiche.xlsx", {"inclure_confidentiel": True}, "jamais de note confidentielle"),
        ("fiche.csv", {"table": "notes"}, "--table ne s'y applique pas"),
    ],
)
def test_les_demandes_impossibles_sont_refusees_sans_rien_ecrire(
    peuple: Peuple, tmp_path: Path, nom: str, options: dict[str, object], motif: str
) -> None:
    (tmp_path / "sortie").mkdir()
    with pytest.raises(ExportInvalide, match=motif):
        exporter(peuple.db, DemandeExport(tmp_path / "sortie" / nom, pour="État", **options), TODAY)  # type: ignore[arg-type]
    assert list((tmp_path / "sortie").iterdir()) == []


# --- the command line ----------------------------------------------------------------------------------


def test_la_commande_ecrit_la_fiche_et_le_dit(
    peuple: Peuple, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cible = tmp_path / "fiche.xlsx"
    assert main(["--db", str(peuple.db.path), "export", str(cible), "--pour", "etat"]) == 0
    sortie = capsys.readouterr().out.splitlines()
    assert sortie[:2] == [
        f"Export écrit : {cible}",
        "Fiche de suivi pour partie « État (services dans les Hauts-de-Seine) » : à remplir puis à importer "
        "avec « suivi import FICHIER ».",
    ]
    assert sortie[-1] == "Aucune note confidentielle : une fiche de suivi n'en contient jamais."


def test_la_commande_refuse_un_nom_ambigu_code_2(peuple: Peuple, tmp_path: Path) -> None:
    commande = [sys.executable, "-m", "suivi_tui", "--db", str(peuple.db.path), "export", str(tmp_path / "f.xlsx")]
    resultat = subprocess.run(
        [*commande, "--pour", "e"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultat.returncode == 2 and "est ambigu, il peut désigner : partie « Ville d'Antony »" in resultat.stderr
    assert not (tmp_path / "f.xlsx").exists()
