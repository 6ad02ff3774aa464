"""`suivi export` and `seed` against odd targets and odd input: links, pipes, several contrats, control characters."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from tests.conftest import ANNEXE

from suivi_tui.atomic import CibleSpeciale, staged_file
from suivi_tui.db.database import Database
from suivi_tui.services.export import DemandeExport, ExportInvalide, exporter

REPO = Path(__file__).resolve().parents[2]


def suivi(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", "--db", str(db), "--today", "2021-03-15", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=dict(os.environ),
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "suivi.db"
    assert suivi(path, "seed").returncode == 0
    return path


# --- 10.1: a link, a pipe or a device is never replaced by the export, even with --force ------------------


def test_export_refuses_a_fifo_or_a_symlink_even_with_force(base: Path, tmp_path: Path) -> None:
    tube = tmp_path / "tube.csv"
    os.mkfifo(tube)
    vraie = tmp_path / "ailleurs" / "vraie.csv"
    vraie.parent.mkdir()
    vraie.write_text("le fichier vers lequel pointe le lien\n", encoding="utf-8")
    lien = tmp_path / "lien.csv"
    lien.symlink_to(vraie)
    for cible, genre in ((tube, "un tube nommé (FIFO)"), (lien, "un lien symbolique")):
        for force in ([], ["--force"]):
            result = suivi(base, "export", str(cible), *force)
            assert result.returncode == 2, result.stderr
            assert f"{cible} est {genre} : suivi n'écrit que dans un fichier ordinaire" in result.stderr
            assert "même avec --force" in result.stderr
    assert stat.S_ISFIFO(os.lstat(tube).st_mode) and lien.is_symlink()
    assert vraie.read_text(encoding="utf-8") == "le fichier vers lequel pointe le lien\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ailleurs", "lien.csv", "tube.csv"]  # no temporary left


def test_every_staged_write_refuses_a_special_target(tmp_path: Path) -> None:
    """The relevé de séance and every other file suivi publishes go through staged_file: the same refusal."""
    tube = tmp_path / "releve.html"
    os.mkfifo(tube)
    with pytest.raises(CibleSpeciale, match="tube nommé"), staged_file(tube, force=True) as tmp:
        tmp.write_text("jamais publié", encoding="utf-8")
    assert stat.S_ISFIFO(os.lstat(tube).st_mode) and [p.name for p in tmp_path.iterdir()] == ["releve.html"]


def test_the_app_export_says_why_and_offers_no_replace(seeded: tuple[Database, int], tmp_path: Path) -> None:
    """The app's export (the service) refuses the pipe as bad input, not as « exists: tick Replace »."""
    db, contrat = seeded
    tube = tmp_path / "point.xlsx"
    os.mkfifo(tube)
    with pytest.raises(ExportInvalide, match=r"tube nommé .*même avec --force"):
        exporter(db, DemandeExport(chemin=tube, force=True, contrat_id=contrat), dt.date(2021, 3, 15))
    assert stat.S_ISFIFO(os.lstat(tube).st_mode)


# --- 10.6: several contrats: the formats that hold one ask which; the output names what was exported --------


@pytest.fixture(scope="module")
def trois_contrats(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert suivi(path, "demo", "--contrats", "3").returncode == 0
    return path


def _titre(db: Path, contrat_id: int) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("SELECT titre FROM contrat WHERE id = ?", (contrat_id,)).fetchone()[0])
    finally:
        conn.close()


def test_a_one_contrat_format_asks_which_contrat_when_the_base_holds_several(
    trois_contrats: Path, tmp_path: Path
) -> None:
    for nom in ("point.xlsx", "point.csv", "point.html", "point.md", "point.ics"):
        result = suivi(trois_contrats, "export", str(tmp_path / nom))
        assert result.returncode == 2, result.stderr
        assert "La base contient 3 contrats" in result.stderr and "précisez lequel avec --contrat" in result.stderr
        assert _titre(trois_contrats, 2) in result.stderr  # the choices are listed
    assert list(tmp_path.iterdir()) == []


def test_the_output_names_the_contrat_exported(trois_contrats: Path, base: Path, tmp_path: Path) -> None:
    titre = _titre(trois_contrats, 2)
    classeur = suivi(trois_contrats, "export", str(tmp_path / "deux.xlsx"), "--contrat", "2")
    assert classeur.returncode == 0, classeur.stderr
    assert f"Contrat : {titre}\n" in classeur.stdout
    assert titre in str(openpyxl.load_workbook(tmp_path / "deux.xlsx")["Synthèse"]["A1"].value)
    tout = suivi(trois_contrats, "export", str(tmp_path / "tout.sqlite"))
    assert tout.returncode == 0 and "Contrats : toute la base (3 contrats)" in tout.stdout, tout.stderr
    seul = suivi(base, "export", str(tmp_path / "antony.csv"))
    assert seul.returncode == 0 and "Contrat : Contrat de ville d'Antony 2020-2022\n" in seul.stdout


# --- 10.7: control characters of an annexe are stripped at import, so no export carries them -----------------

PIEGES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x1b": "ESC",
    "\u202e": "RLO",
    "\u202a": "LRE",
    "\u2066": "LRI",
    "\u2069": "PDI",
    "\u200f": "RLM",
    "\u200e": "LRM",
    "\x85": "NEL",
}


def test_control_characters_of_an_annexe_never_reach_the_base_or_the_report(tmp_path: Path) -> None:
    texte = ANNEXE.read_text(encoding="utf-8")
    texte = texte.replace(
        "- Créer un espace de coworking",
        "- Créer un \x00espace\x07 de \u202ecoworking\u202c \u2066et\u2069 \u200fde\u200e\x85 fablab",
    )
    texte = texte.replace("## I. Développement économique", "## I. Dével\x1boppement \u202aéconomique")
    annexe = tmp_path / "piegee.md"
    annexe.write_text(texte, encoding="utf-8")
    db = tmp_path / "suivi.db"
    assert suivi(db, "seed", str(annexe)).returncode == 0

    conn = sqlite3.connect(db)
    try:
        colonnes = [
            (t, c)
            for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            for (_, c, genre, *_) in conn.execute(f"PRAGMA table_info('{t}')")
            if genre.upper() == "TEXT"
        ]
        for table, colonne in colonnes:
            for caractere, nom in PIEGES.items():
                trouve = conn.execute(
                    f'SELECT count(*) FROM "{table}" WHERE instr("{colonne}", ?)', (caractere,)
                ).fetchone()[0]
                assert trouve == 0, f"{nom} in {table}.{colonne}"
        libelles = [r[0] for r in conn.execute("SELECT libelle FROM engagement WHERE libelle LIKE 'Créer un%'")]
        axe = conn.execute("SELECT titre FROM axe WHERE numero = 'I'").fetchone()[0]
    finally:
        conn.close()
    assert libelles == ["Créer un espace de coworking et de fablab"] and axe == "Développement économique et emploi"

    rapport = tmp_path / "point.html"
    assert suivi(db, "export", str(rapport)).returncode == 0
    octets = rapport.read_bytes()
    for caractere, nom in PIEGES.items():
        assert caractere.encode() not in octets, nom
    assert "Créer un espace de coworking et de fablab".encode() in octets
