"""`suivi demo --forme 2030`: contrats « Engagements Quartiers 2030 » generated — the tree, 10 to 30 signataires,
fiches with indicators and mesures, the programmation — deterministic, sound, read by the screens' queries."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import empreinte_des_tables

from suivi_tui.db.opening import open_database
from suivi_tui.services.demo.generateur import DemoRefusee, generer
from suivi_tui.services.demo.quartiers import TABLES_2030
from suivi_tui.services.engagements import Filtre, lister_axes, lister_engagements
from suivi_tui.services.export import DemandeExport, exporter
from suivi_tui.services.programmation import lire_programmation
from suivi_tui.services.revue import lire_revue

TODAY = dt.date(2025, 12, 31)


def _rows(path: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return empreinte_des_tables(path, TABLES_2030)


@pytest.fixture(scope="module")
def demo2030(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo2030") / "demo.db"
    rapport = generer(path, 4, seed=5, forme="2030")
    assert rapport.contrats == 4 and rapport.indicateurs > 0 and rapport.mesures > 0 and rapport.actions > 0
    return path


def test_same_seed_same_contrats(demo2030: Path, tmp_path: Path) -> None:
    generer(tmp_path / "encore.db", 4, seed=5, forme="2030")
    generer(tmp_path / "autre.db", 4, seed=6, forme="2030")
    assert _digest(tmp_path / "encore.db") == _digest(demo2030)
    assert _digest(tmp_path / "autre.db") != _digest(demo2030)


def test_each_contrat_is_a_tree_of_enjeux_orientations_and_objectives(demo2030: Path) -> None:
    titres = [t for (t,) in _rows(demo2030, "SELECT titre FROM contrat")]
    assert all(t.endswith("2024-2030") for t in titres)
    for contrat, enjeux, orientations, objectifs in _rows(
        demo2030,
        """SELECT contrat_id, sum(niveau = 'Enjeu'), sum(niveau = 'Orientation'), sum(niveau = 'Objectif opérationnel')
           FROM axe GROUP BY contrat_id""",
    ):
        assert 3 <= enjeux <= 5 and 2 * enjeux <= orientations and 2 * orientations <= objectifs, contrat
    # An enjeu has no parent, an orientation an enjeu, an objective an orientation: and the numbers say it.
    for niveau, parent_niveau, numero, numero_parent in _rows(
        demo2030, "SELECT a.niveau, p.niveau, a.numero, p.numero FROM axe a LEFT JOIN axe p ON p.id = a.parent_id"
    ):
        attendu = {"Enjeu": None, "Orientation": "Enjeu", "Objectif opérationnel": "Orientation"}[niveau]
        assert parent_niveau == attendu and (numero_parent is None or numero.startswith(numero_parent + "."))
    # The commitments hang under the objectives.
    assert _rows(demo2030, "SELECT DISTINCT a.niveau FROM engagement e JOIN axe a ON a.id = e.axe_id") == [
        ("Objectif opérationnel",)
    ]


def test_ten_to_thirty_signataires_each_committing_somewhere(demo2030: Path) -> None:
    for contrat, parties in _rows(demo2030, "SELECT contrat_id, count(*) FROM partie GROUP BY contrat_id"):
        assert 10 <= parties <= 30, contrat
    sans = _rows(
        demo2030, "SELECT p.nom FROM partie p WHERE NOT EXISTS (SELECT 1 FROM engagement e WHERE e.partie_id = p.id)"
    )
    assert sans == []


def test_fiches_indicators_mesures_and_programmation(demo2030: Path) -> None:
    fiches = _rows(demo2030, "SELECT partenaires, calendrier FROM engagement WHERE partenaires IS NOT NULL")
    assert fiches and all(p and c for p, c in fiches)
    assert _rows(demo2030, "SELECT count(*) FROM indicateur WHERE axe_id IS NOT NULL")[0][0] > 0
    assert _rows(demo2030, "SELECT count(*) FROM indicateur WHERE engagement_id IS NOT NULL")[0][0] > 0
    dates = {d for (d,) in _rows(demo2030, "SELECT DISTINCT date FROM mesure")}
    assert dates <= {"2024-12-31", "2025-06-30", "2025-12-31"} and len(dates) == 3
    annees = dict(_rows(demo2030, "SELECT annee, count(*) FROM programmation GROUP BY annee"))
    assert set(annees) == {2024, 2025} and all(4 * 10 <= n <= 4 * 45 for n in annees.values())
    # Every action serves an objective of its own contrat, and is funded by at least one financeur.
    assert _rows(
        demo2030,
        """SELECT count(*) FROM programmation p WHERE NOT EXISTS (
               SELECT 1 FROM programmation_objectif po JOIN axe a ON a.id = po.axe_id
               WHERE po.programmation_id = p.id AND a.contrat_id = p.contrat_id)
           OR NOT EXISTS (SELECT 1 FROM financement f WHERE f.programmation_id = p.id)""",
    ) == [(0,)]


def test_the_database_is_sound(demo2030: Path) -> None:
    conn = sqlite3.connect(demo2030)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    seances = _rows(demo2030, "SELECT min(date), max(date) FROM seance")[0]
    assert seances[0] >= "2024-01-01" and seances[1] <= "2025-12-31"


def test_the_screens_reports_and_exports_read_it(demo2030: Path, tmp_path: Path) -> None:
    db = open_database(demo2030)
    try:
        contrat = _rows(demo2030, "SELECT min(id) FROM contrat")[0][0]
        axes = lister_axes(db, contrat, TODAY)
        racines = [a for a in axes if a.parent_id is None]
        total = lister_engagements(db, contrat, Filtre(), TODAY, limit=50).total
        assert sum(a.total for a in racines) == total  # the roll-up counts each engagement once
        assert lister_engagements(db, contrat, Filtre(axe_id=racines[0].id), TODAY, limit=50).total == racines[0].total
        revue = lire_revue(db, contrat, 2025, TODAY)
        assert revue.programmation.actions and any(n.indicateurs for n in revue.noeuds)
        assert lire_programmation(db, contrat, 2024).par_objectif
        resultat = exporter(db, DemandeExport(tmp_path / "x.xlsx", contrat_id=contrat), TODAY)
        assert resultat.lignes == total
    finally:
        db.close()


def test_an_unknown_shape_is_refused_in_french(tmp_path: Path) -> None:
    with pytest.raises(DemoRefusee, match="Forme « 2040 » inconnue"):
        generer(tmp_path / "x.db", 1, forme="2040")
    resultat = subprocess.run(
        [
            sys.executable,
            "-m",
            "suivi_tui",
            "--db",
            str(tmp_path / "y.db"),
            "demo",
            "--contrats",
            "1",
            "--forme",
            "2040",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultat.returncode == 2 and "choix invalide" in resultat.stderr and "Traceback" not in resultat.stderr
    assert not (tmp_path / "y.db").exists()


def test_the_command_says_what_it_generated(tmp_path: Path) -> None:
    resultat = subprocess.run(
        [
            sys.executable,
            "-m",
            "suivi_tui",
            "--db",
            str(tmp_path / "c.db"),
            "demo",
            "--contrats",
            "2",
            "--forme",
            "2030",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "2 contrats générés" in resultat.stdout and "actions programmées (2024 et 2025)" in resultat.stdout
    assert "indicateurs" in resultat.stdout and "2024-2030" in resultat.stdout
