"""`suivi demo`: deterministic, realistic, consistent generated data; the screen's queries stay paged."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import TODAY, empreinte_des_tables

from suivi_tui.dates import fin_de_periode
from suivi_tui.db.opening import open_database
from suivi_tui.paths import backups_dir
from suivi_tui.services.demo.contrat import POIDS_STATUTS, STATUTS, TABLES
from suivi_tui.services.demo.generateur import DemoRefusee, generer
from suivi_tui.services.echeances import lister_echeances
from suivi_tui.services.engagements import Filtre, lister_axes, lister_engagements, lister_parties
from suivi_tui.services.recherche import rechercher
from suivi_tui.services.seances.journal import journal_comite, lister_comites


def _digest(path: Path) -> str:
    return empreinte_des_tables(path, TABLES)


@pytest.fixture(scope="module")
def demo3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    generer(path, 3, seed=7)
    return path


def _rows(path: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_same_seed_same_data_other_seed_other_data(demo3: Path, tmp_path: Path) -> None:
    generer(tmp_path / "encore.db", 3, seed=7)
    generer(tmp_path / "autre.db", 3, seed=8)
    assert _digest(tmp_path / "encore.db") == _digest(demo3)
    assert _digest(tmp_path / "autre.db") != _digest(demo3)


def test_counts_are_those_of_three_real_contracts(demo3: Path) -> None:
    counts = {t: _rows(demo3, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    assert counts["contrat"] == 3
    assert 3 * 52 <= counts["engagement"] <= 3 * 60
    assert counts["axe"] == 3 * 6
    assert 6 <= counts["comite"] <= 12
    assert 3 * 450 <= counts["note"] <= 3 * 700  # about 575 a contract
    assert counts["echeance"] >= counts["engagement"]
    assert counts["historique"] >= counts["echeance"] + counts["engagement"] // 2
    par_comite = [n for (n,) in _rows(demo3, "SELECT count(*) FROM seance GROUP BY comite_id")]
    assert all(8 <= n <= 36 for n in par_comite)  # roughly monthly over 2020-2022
    titres = [t for (t,) in _rows(demo3, "SELECT titre FROM contrat")]
    assert len({t.split(" 2020")[0] for t in titres}) == 3


def test_statuts_are_distributed_as_in_a_mid_term_review(demo3: Path) -> None:
    counts = Counter(dict(_rows(demo3, "SELECT statut, count(*) FROM engagement GROUP BY statut")))
    total = sum(counts.values())
    for statut, poids in zip(STATUTS, POIDS_STATUTS, strict=True):
        assert abs(counts[statut] / total * 100 - poids) <= 8, (statut, counts)


def test_every_echeance_date_is_the_last_day_of_its_period(demo3: Path) -> None:
    rows = _rows(demo3, "SELECT date, precision, faite_le FROM echeance")
    assert {p for _, p, _ in rows} == {"jour", "mois", "trimestre", "semestre", "annee"}
    for date, precision, faite_le in rows:
        jour = dt.date.fromisoformat(date)
        assert fin_de_periode(jour, precision) == jour, (date, precision)
        assert dt.date(2020, 1, 1) <= jour <= dt.date(2023, 12, 31)
        assert faite_le is None or faite_le <= "2022-12-31"
    assert any(f for _, _, f in rows) and not all(f for _, _, f in rows)


def test_the_database_is_sound(demo3: Path) -> None:
    conn = sqlite3.connect(demo3)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # The search index holds every note (its triggers ran for each row).
    assert conn.execute("SELECT count(*) FROM note_fts WHERE note_fts MATCH 'comite OR quartier'").fetchone()[0] > 0
    conn.execute("INSERT INTO note_fts (note_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()


def test_some_notes_are_confidential_and_name_a_resident(demo3: Path) -> None:
    rows = _rows(demo3, "SELECT texte, confidentielle, type FROM note")
    secretes = [t for t, c, _ in rows if c]
    assert 0.02 <= len(secretes) / len(rows) <= 0.09
    assert all("Mme " in t or "M. " in t for t in secretes)
    assert {ty for _, _, ty in rows} == {"info", "decision", "action"}
    assert all(1 <= t.count(". ") + 1 <= 6 for t, _, _ in rows)


def test_every_change_is_in_the_historique(demo3: Path) -> None:
    engagements = _rows(demo3, "SELECT id, statut, pilote, a_discuter, cree_le, modifie_le FROM engagement")
    histo: dict[int, list[tuple]] = {}  # type: ignore[type-arg]
    sql = "SELECT engagement_id, champ, ancien, nouveau, le, echeance_id FROM historique ORDER BY le, id"
    for row in _rows(demo3, sql):
        histo.setdefault(row[0], []).append(row[1:])
    for ident, statut, pilote, a_discuter, cree_le, modifie_le in engagements:
        lignes = histo.get(ident, [])
        statuts = [n for champ, _, n, _, _ in lignes if champ == "statut"]
        assert (statuts[-1] if statuts else "a_venir") == statut
        pilotes = [n for champ, _, n, _, _ in lignes if champ == "pilote"]
        assert (pilotes[-1] if pilotes else None) == pilote
        assert a_discuter == (1 if any(c == "a_discuter" for c, *_ in lignes) else 0)
        assert modifie_le == max([cree_le] + [le for *_, le, _ in lignes])
    ajouts = {e for (e,) in _rows(demo3, "SELECT echeance_id FROM historique WHERE champ = 'echeance.ajout'")}
    faites = dict(_rows(demo3, "SELECT echeance_id, nouveau FROM historique WHERE champ = 'echeance.faite'"))
    for ident, faite_le in _rows(demo3, "SELECT id, faite_le FROM echeance"):
        assert ident in ajouts
        assert faites.get(ident) == faite_le


def test_refuses_a_base_that_holds_contrats_and_writes_nothing(demo3: Path) -> None:
    before = _digest(demo3)
    with pytest.raises(DemoRefusee, match="contient déjà 3 contrat"):
        generer(demo3, 2, seed=9)
    assert _digest(demo3) == before


def _suivi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", *args], capture_output=True, text=True, env=os.environ.copy(), timeout=120
    )


def test_cli_refuses_without_ajouter_then_adds_with_it(tmp_path: Path) -> None:
    path = tmp_path / "cli.db"
    premier = _suivi("--db", str(path), "demo", "--contrats", "2", "--seed", "3")
    assert premier.returncode == 0, premier.stderr
    assert "2 contrats générés" in premier.stdout and "Génération : 2/2 contrats" in premier.stderr
    before = _digest(path)
    refus = _suivi("--db", str(path), "demo", "--contrats", "1")
    assert refus.returncode == 2
    assert "contient déjà 2 contrat(s) : rien n'a été écrit" in refus.stderr and "Traceback" not in refus.stderr
    assert _digest(path) == before
    assert not backups_dir(path).exists()  # not even a rolling backup was taken
    ajout = _suivi("--db", str(path), "demo", "--contrats", "2", "--seed", "3", "--ajouter")
    assert ajout.returncode == 0, ajout.stderr
    titres = [t for (t,) in _rows(path, "SELECT titre FROM contrat")]
    assert len(titres) == len(set(titres)) == 4


@pytest.mark.parametrize(
    ("valeur", "message"), [("zéro", "n'est pas un nombre entier"), ("0", "entre 1 et"), ("100000", "entre 1 et")]
)
def test_cli_rejects_a_bad_count_in_french(tmp_path: Path, valeur: str, message: str) -> None:
    result = _suivi("--db", str(tmp_path / "x.db"), "demo", "--contrats", valeur)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_demo_command_never_loads_textual(tmp_path: Path) -> None:
    code = (
        f"import sys; from suivi_tui.cli import main; "
        f"rc = main(['--db', {str(tmp_path / 'd.db')!r}, 'demo', '--contrats', '1']); "
        "assert 'textual' not in sys.modules, 'textual chargé'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_main_screen_never_reads_more_than_a_page(demo3: Path) -> None:
    db = open_database(demo3)
    try:
        contrat = _rows(demo3, "SELECT min(id) FROM contrat")[0][0]
        axes = lister_axes(db, contrat, TODAY)
        filtres = [
            Filtre(),
            Filtre(en_retard=True),
            Filtre(a_discuter=True),
            Filtre(statuts=frozenset({"en_cours", "a_venir"})),
        ]
        filtres += [Filtre(axe_id=a.id) for a in axes]
        filtres += [Filtre(partie_id=p.id) for p in lister_parties(db, contrat)]
        for filtre in filtres:
            page = lister_engagements(db, contrat, filtre, TODAY, limit=50)
            assert len(page.lignes) <= 50
            assert len(page.lignes) == min(50, page.total)
        assert lister_engagements(db, contrat, Filtre(), TODAY, limit=50).total > 50
        echeances = lister_echeances(db, contrat, TODAY, limit=10)
        assert len(echeances.lignes) == 10 < echeances.total
        assert len(rechercher(db, contrat, "quartier", limit=15)) <= 15
        comite = lister_comites(db, contrat)[0]
        assert comite.seances > 5 and len(journal_comite(db, comite.id, seances=5)) == 5
    finally:
        db.close()
