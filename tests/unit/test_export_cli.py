"""`suivi export`: exit codes, French messages, what it prints; and it never loads the heavy modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from test_export_donnees import SENTINELLE, Peuple, peuple

from suivi_tui.cli import main

__all__ = ["peuple"]


def suivi(peuple: Peuple, *args: str) -> int:
    return main(["--db", str(peuple.db.path), "--today", "2021-03-15", "export", *args])


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    d = tmp_path / "exports"
    d.mkdir()
    return d


def test_export_puis_refus_puis_force(peuple: Peuple, dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cible = dossier / "suivi.xlsx"
    assert suivi(peuple, str(cible)) == 0
    sortie = capsys.readouterr().out
    assert f"Export écrit : {cible}" in sortie
    assert "Classeur Excel (.xlsx)" in sortie and "52 engagements" in sortie and " Ko" in sortie
    assert "1 note confidentielle laissée de côté (--include-confidential pour les inclure)." in sortie
    assert "Contrat : Contrat de ville d'Antony 2020-2022" in sortie
    premier = cible.read_bytes()

    assert suivi(peuple, str(cible)) == 2
    erreur = capsys.readouterr().err
    assert "existe déjà ; ajoutez --force pour le remplacer" in erreur
    assert cible.read_bytes() == premier

    assert suivi(peuple, str(cible), "--force") == 0
    assert openpyxl.load_workbook(cible).sheetnames[0] == "Synthèse"


def test_extension_inconnue(peuple: Peuple, dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert suivi(peuple, str(dossier / "suivi.txt")) == 2
    assert "ne désigne aucun format d'export connu" in capsys.readouterr().err
    assert list(dossier.iterdir()) == []


def test_format_inconnu_refuse_par_les_options(peuple: Peuple, dossier: Path) -> None:
    with pytest.raises(SystemExit) as sortie:
        suivi(peuple, str(dossier / "a.xlsx"), "--format", "pdf")
    assert sortie.value.code == 2
    assert list(dossier.iterdir()) == []


def test_dossier_absent(peuple: Peuple, dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert suivi(peuple, str(dossier / "absent" / "a.csv")) == 2
    assert "n'existe pas" in capsys.readouterr().err


def test_format_et_table(peuple: Peuple, dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cible = dossier / "notes.txt"
    assert suivi(peuple, str(cible), "--format", "csv", "--table", "notes") == 0
    assert "CSV pour Excel (.csv)" in capsys.readouterr().out
    assert cible.read_bytes().startswith(b"\xef\xbb\xbfComit")


def test_confidentiel_sur_demande(peuple: Peuple, dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cible = dossier / "point.md"
    assert suivi(peuple, str(cible), "--include-confidential", "--contrat", "Antony") == 0
    assert "Notes confidentielles incluses" in capsys.readouterr().out
    assert SENTINELLE.split()[0] in cible.read_text(encoding="utf-8")


def test_le_calendrier_ne_met_pas_en_garde(peuple: Peuple, dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A calendar holds no note, even on request: warning that it must stay on the laptop would be false.
    assert suivi(peuple, str(dossier / "a.ics"), "--include-confidential") == 0
    sortie = capsys.readouterr().out
    assert "Le calendrier ne contient aucune note" in sortie
    assert "quitter le poste" not in sortie and "confidentielle" not in sortie
    assert SENTINELLE.encode() not in (dossier / "a.ics").read_bytes()


def test_contrat_introuvable(peuple: Peuple, dossier: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert suivi(peuple, str(dossier / "a.ics"), "--contrat", "Sceaux") == 2
    assert "introuvable" in capsys.readouterr().err
    assert list(dossier.iterdir()) == []


def test_aide_avec_exemple(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    aide = capsys.readouterr().out
    assert "Exemple : suivi --db antony.db export" in aide and "--include-confidential" in aide


def test_la_commande_ne_charge_ni_xlsxwriter_ni_textual() -> None:
    code = (
        "import suivi_tui.cli.commands.export, sys; "
        "heavy = [m for m in ('xlsxwriter', 'textual', 'icalendar', 'openpyxl') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_l_analyse_des_arguments_non_plus() -> None:
    code = (
        "import sys; from suivi_tui.cli import build_parser; build_parser(); "
        "heavy = [m for m in ('xlsxwriter', 'textual', 'icalendar') if m in sys.modules]; assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
