"""Importer un contrat « Quartiers 2030 » : l'arbre, les fiches actions et leurs indicateurs, sans rien perdre."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import REPO

from suivi_tui.cli import main
from suivi_tui.db.database import Database
from suivi_tui.services.seed import lire_source, seed

VAL_FLEURI = REPO / "seed" / "exemple-quartiers-2030-val-fleuri.md"


def _seed(db: Database) -> None:
    annexe, sha = lire_source(VAL_FLEURI)
    seed(db, annexe, VAL_FLEURI.name, sha)


def test_the_tree_is_written_with_its_levels_parents_fiches_and_indicators(empty_db: Database) -> None:
    _seed(empty_db)
    with empty_db.lire() as lecture:
        arbre = lecture.execute(
            "SELECT a.numero, a.niveau, p.numero FROM axe a LEFT JOIN axe p ON p.id = a.parent_id ORDER BY a.ordre"
        ).all()
        fiche = lecture.execute(
            "SELECT e.pilote, e.partenaires, e.calendrier, count(i.id) FROM engagement e "
            "JOIN indicateur i ON i.engagement_id = e.id WHERE e.libelle = 'Bus de l''emploi' GROUP BY e.id"
        ).one()
        du_noeud = lecture.execute(
            "SELECT a.numero, i.libelle, i.reference, i.cible, i.cible_annee "
            "FROM indicateur i JOIN axe a ON a.id = i.axe_id"
        ).all()
        parties = lecture.execute("SELECT count(*) FROM partie").scalar()
    assert arbre[:4] == [
        ("1", "Enjeu", None),
        ("1.1", "Orientation", "1"),
        ("1.1.1", "Objectif opérationnel", "1.1"),
        ("1.1.2", "Objectif opérationnel", "1.1"),
    ]
    assert len(arbre) == 21 and parties == 12
    assert fiche == ("France Travail", "Mission locale, PLIE Cœur de Brie, ville de Val-Fleuri", "T1 2025", 2)
    assert du_noeud == [
        ("1.1.1", "Enfants des quartiers accueillis en crèche", 48.0, 90.0, 2028),
        ("2.2.1", "Entreprises créées par des habitants des quartiers", 62.0, 90.0, 2029),
    ]


def test_seeding_again_changes_nothing_and_keeps_the_pilote_the_user_set(empty_db: Database) -> None:
    _seed(empty_db)
    with empty_db.write() as session:
        from sqlalchemy import text

        session.execute(text("UPDATE engagement SET pilote = 'Mme Durand' WHERE libelle = 'Bus de l''emploi'"))
    annexe, sha = lire_source(VAL_FLEURI)
    rapport = seed(empty_db, annexe, VAL_FLEURI.name, sha)
    assert rapport.vide, rapport.changements
    with empty_db.lire() as lecture:
        assert lecture.execute("SELECT pilote FROM engagement WHERE libelle = 'Bus de l''emploi'").scalar() == (
            "Mme Durand"
        )
        assert lecture.execute("SELECT count(*) FROM indicateur").scalar() == 9


def test_the_command_says_the_levels_it_created(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(tmp_path / "q.db"), "seed", str(VAL_FLEURI)]) == 0
    sortie = capsys.readouterr().out
    assert "3 enjeux, 6 orientations, 12 objectifs opérationnels, 12 parties, 39 engagements, 9 indicateurs" in sortie
    conn = sqlite3.connect(tmp_path / "q.db")
    assert conn.execute("SELECT count(*) FROM axe WHERE parent_id IS NULL").fetchone()[0] == 3
