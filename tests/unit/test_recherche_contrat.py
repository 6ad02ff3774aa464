"""Search is scoped to one contrat inside the FTS index; the index stays exact through edits."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from suivi_tui.db.opening import open_database
from suivi_tui.services.demo.generateur import generer
from suivi_tui.services.recherche import fts_query, rechercher


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    generer(path, 3, seed=11)
    return path


def _reference(conn: sqlite3.Connection, contrat_id: int, saisie: str) -> tuple[set[int], set[int]]:
    """What the search must find: the unscoped MATCH on the text columns, filtered by contrat afterwards."""
    query = fts_query(saisie)
    engagements = {
        r[0]
        for r in conn.execute(
            "SELECT e.id FROM engagement_fts f JOIN engagement e ON e.id = f.rowid JOIN axe a ON a.id = e.axe_id "
            "WHERE engagement_fts MATCH ? AND a.contrat_id = ?",
            (f"{{libelle pilote}} : ({query})", contrat_id),
        )
    }
    notes = {
        r[0]
        for r in conn.execute(
            "SELECT n.id FROM note_fts f JOIN note n ON n.id = f.rowid JOIN seance s ON s.id = n.seance_id "
            "JOIN comite co ON co.id = s.comite_id WHERE note_fts MATCH ? AND co.contrat_id = ?",
            (f"texte : ({query})", contrat_id),
        )
    }
    return engagements, notes


@pytest.mark.parametrize("saisie", ["e", "ed", "éduc", "educ", "quartier", "médiation", "Durand", "c1", "zzz"])
def test_scoped_search_finds_exactly_the_contrat_s_rows(demo: Path, saisie: str) -> None:
    db = open_database(demo)
    conn = sqlite3.connect(demo)
    try:
        for (contrat_id,) in conn.execute("SELECT id FROM contrat").fetchall():
            found = rechercher(db, contrat_id, saisie, limit=100_000)
            engagements, notes = _reference(conn, contrat_id, saisie)
            assert {r.id for r in found if r.genre == "engagement"} == engagements
            assert {r.id for r in found if r.genre == "note"} == notes
            assert all("[" in r.extrait for r in found)
    finally:
        conn.close()
        db.close()


def test_the_contrat_token_is_never_a_hit(demo: Path) -> None:
    db = open_database(demo)
    try:
        # Every row of contrat 1 indexes the token « c1 »: only the text columns may answer.
        assert rechercher(db, 1, "c1") == []
    finally:
        db.close()


def test_the_index_stays_exact_through_updates_moves_and_deletes(demo: Path) -> None:
    conn = sqlite3.connect(demo, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    note = conn.execute(
        "SELECT n.id FROM note n JOIN seance s ON s.id = n.seance_id JOIN comite co "
        "ON co.id = s.comite_id WHERE co.contrat_id = 1 LIMIT 1"
    ).fetchone()[0]
    ailleurs = conn.execute(
        "SELECT s.id, s.comite_id FROM seance s JOIN comite co ON co.id = s.comite_id WHERE co.contrat_id = 2 LIMIT 1"
    ).fetchone()
    conn.execute("UPDATE note SET texte = 'Xylophone pédagogique' WHERE id = ?", (note,))
    conn.execute("UPDATE note SET comite_id = ?, seance_id = ? WHERE id = ?", (ailleurs[1], ailleurs[0], note))
    conn.execute(
        "UPDATE engagement SET libelle = 'Wagonnet solidaire', pilote = 'Zoé Quintal' "
        "WHERE id = (SELECT min(id) FROM engagement)"
    )
    conn.execute("DELETE FROM note WHERE id IN (SELECT id FROM note ORDER BY id DESC LIMIT 50)")
    conn.execute("DELETE FROM historique WHERE engagement_id = (SELECT max(id) FROM engagement)")
    conn.execute("DELETE FROM echeance WHERE engagement_id = (SELECT max(id) FROM engagement)")
    conn.execute("UPDATE note SET engagement_id = NULL WHERE engagement_id = (SELECT max(id) FROM engagement)")
    conn.execute("DELETE FROM engagement WHERE id = (SELECT max(id) FROM engagement)")
    # FTS5 compares the index with what the source views give: any stale entry fails here.
    conn.execute("INSERT INTO note_fts (note_fts, rank) VALUES ('integrity-check', 1)")
    conn.execute("INSERT INTO engagement_fts (engagement_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()
    db = open_database(demo)
    try:
        assert [r.id for r in rechercher(db, 2, "xyloph")] == [note]
        assert rechercher(db, 1, "xyloph") == []
        assert [r.genre for r in rechercher(db, 1, "wagon")] == ["engagement"]
        assert "[Quintal]" in rechercher(db, 1, "quintal")[0].extrait
    finally:
        db.close()


def test_contrats_sort_by_city_ignoring_accents_case_and_article() -> None:
    from suivi_tui.services.contrats import ContratResume, cle_de_tri

    def contrat(titre: str, territoire: str) -> ContratResume:
        return ContratResume(0, titre, territoire, None, None, 0)

    contrats = [
        contrat("Contrat de ville d'Épinay-sur-Seine", "Épinay-sur-Seine"),
        contrat("Contrat de ville des Mureaux", "Les Mureaux"),
        contrat("Contrat de ville de Bagneux", "Bagneux"),
        contrat("Contrat de ville d'Angers", "angers"),
    ]
    assert [c.territoire for c in sorted(contrats, key=cle_de_tri)] == [
        "angers",
        "Bagneux",
        "Épinay-sur-Seine",
        "Les Mureaux",
    ]
