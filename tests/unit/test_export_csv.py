"""The CSV export read back by the csv module: BOM, `;`, CRLF, one table (--table), no secret."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from test_export_donnees import FORMULE, JETONS, SCRIPT, SENTINELLE, SENTINELLE_EFFACEE, TODAY, Peuple, peuple

from suivi_tui.services.export import DemandeExport, ExportInvalide, exporter

__all__ = ["peuple"]


def lire(path: Path) -> list[list[str]]:
    brut = path.read_bytes()
    assert brut.startswith(b"\xef\xbb\xbf"), "the BOM French Excel needs"
    texte = brut[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(texte, newline=""), delimiter=";"))


def test_engagements_par_defaut(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "engagements.csv"
    resultat = exporter(peuple.db, DemandeExport(cible), TODAY)
    brut = cible.read_bytes()
    assert brut.count(b"\r\n") >= 53 and b"\n" not in brut.replace(b"\r\n", b"")
    rangees = lire(cible)
    assert rangees[0][:5] == ["Axe", "Partie", "N°", "Libellé", "Statut"]
    assert len(rangees) == 53 and resultat.lignes == 52
    premiere = rangees[1]
    assert premiere[4] == "En cours" and premiere[5] == "Mme Martin (DGS)"
    assert premiere[6:10] == ["31/01/2021", "31/01/2021", "Oui", "Oui"]
    assert premiere[11] == SCRIPT
    # The CSV has no cell formats: its anti-formula apostrophe is in the text (the workbook's is not).
    assert "'" + FORMULE in [r[5] for r in rangees[1:]]
    assert ["30/09/2021", "T3 2021"] in [r[6:8] for r in rangees[1:]]  # a fuzzy échéance as it was entered
    assert rangees[0][6:8] == ["Prochaine échéance (au plus tard le)", "Prochaine échéance (telle que saisie)"]


@pytest.mark.parametrize(
    ("table", "entete", "n"),
    [("echeances", "Échéance (telle que saisie)", 4), ("notes", "Note", 2), ("historique", "Changement", None)],
)
def test_autres_tables(peuple: Peuple, tmp_path: Path, table: str, entete: str, n: int | None) -> None:
    cible = tmp_path / f"{table}.csv"
    resultat = exporter(peuple.db, DemandeExport(cible, table=table), TODAY)
    rangees = lire(cible)
    assert entete in rangees[0]
    assert resultat.lignes == len(rangees) - 1
    if n is not None:
        assert resultat.lignes == n


def test_pas_de_secret(peuple: Peuple, tmp_path: Path) -> None:
    for table in ("engagements", "notes"):
        cible = tmp_path / f"{table}.csv"
        exporter(peuple.db, DemandeExport(cible, table=table), TODAY)
        contenu = cible.read_bytes()
        for secret in (SENTINELLE, SENTINELLE_EFFACEE, *JETONS):
            assert secret.encode() not in contenu


def test_notes_confidentielles_sur_demande(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "notes.csv"
    exporter(peuple.db, DemandeExport(cible, table="notes", inclure_confidentiel=True), TODAY)
    rangees = lire(cible)
    assert rangees[0][-1] == "Confidentielle"
    assert [SENTINELLE, "Oui"] in [r[5:7] for r in rangees[1:]]


def test_table_inconnue_refusee(peuple: Peuple, tmp_path: Path) -> None:
    dossier = tmp_path / "exports"
    dossier.mkdir()
    with pytest.raises(ExportInvalide, match="Table « axes » inconnue"):
        exporter(peuple.db, DemandeExport(dossier / "x.csv", table="axes"), TODAY)
    with pytest.raises(ExportInvalide, match="ne vaut que pour l'export CSV"):
        exporter(peuple.db, DemandeExport(dossier / "x.xlsx", table="notes"), TODAY)
    assert list(dossier.iterdir()) == []
