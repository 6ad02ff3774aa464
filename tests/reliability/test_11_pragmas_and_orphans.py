"""Matrix #11: the pragmas on every fresh connection (other threads, after a dispose, read-only), and an
orphan row through any foreign key of the schema raises IntegrityError and writes nothing.

tests/unit/test_opening.py checks the first connection and one orphan; this goes through every
connection the app can get and every foreign key the schema declares.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from tests.reliability.conftest import scalar

from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database

WRITER = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000, "secure_delete": 1}


def _pragmas(db: Database) -> dict[str, object]:
    with db.lire() as session:
        return {name: session.execute(f"PRAGMA {name}").scalar() for name in WRITER}


def test_every_connection_has_the_pragmas(seeded_file: Path) -> None:
    db = open_database(seeded_file)
    try:
        assert _pragmas(db) == WRITER
        found: list[dict[str, object]] = []
        thread = threading.Thread(target=lambda: found.append(_pragmas(db)))
        thread.start()
        thread.join()
        assert found == [WRITER], "a worker thread's connection"
        db.engine.dispose()  # the pool's connection is dropped: the next one is new
        assert _pragmas(db) == WRITER, "a connection made after dispose"
        with db.write() as session:  # and the write path itself
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()


def test_a_read_only_connection_still_checks_references_and_waits(seeded_file: Path) -> None:
    db = open_database(seeded_file, readonly=True)
    try:
        found = _pragmas(db)
    finally:
        db.close()
    assert found["foreign_keys"] == 1 and found["busy_timeout"] == 5000 and found["journal_mode"] == "wal"


def _foreign_keys(path: Path) -> list[tuple[str, str, str]]:
    """(table, column, parent table) for every REFERENCES clause of the schema."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return [(t, r[3], r[2]) for t in tables for r in conn.execute(f"PRAGMA foreign_key_list({t})")]
    finally:
        conn.close()


def _orphan_insert(path: Path, table: str, column: str) -> tuple[str, dict[str, object]]:
    """An INSERT copying an existing row of table, with column pointing nowhere.

    The rowid and the uuid are left to SQLite, the other optional references are left empty, and a
    text column of a UNIQUE that does not include the foreign key column is made distinct: the copy
    breaks only this reference.
    """
    conn = sqlite3.connect(path)
    try:
        references = {r[3] for r in conn.execute(f"PRAGMA foreign_key_list({table})")}
        columns = [
            (r[1], r[2])
            for r in conn.execute(f"PRAGMA table_info({table})")
            if r[1] not in ("id", "uuid") and (r[1] == column or r[1] not in references or r[3])
        ]
        uniques = [
            {r[2] for r in conn.execute(f"PRAGMA index_info('{i[1]}')")}
            for i in conn.execute(f"PRAGMA index_list({table})")
            if i[2]
        ]
    finally:
        conn.close()
    distincts = {c for u in uniques if column not in u for c in u}

    def valeur(c: str, type_: str) -> str:
        if c == column:
            return ":orphan"
        copie = f"(SELECT {c} FROM {table} LIMIT 1)"
        return f"{copie} || ' (copie)'" if c in distincts and type_ == "TEXT" else copie

    values = ", ".join(valeur(c, t) for c, t in columns)
    return f"INSERT INTO {table} ({', '.join(c for c, _ in columns)}) VALUES ({values})", {"orphan": 987654}


def test_an_orphan_row_through_any_foreign_key_is_refused(seeded_file: Path) -> None:
    with sqlite3.connect(seeded_file) as conn:  # a row in every table, so that each can be copied
        conn.execute("INSERT INTO seance (comite_id, date) VALUES (1, '2021-03-15')")
        conn.execute("INSERT INTO echeance (engagement_id, date) VALUES (1, '2021-06-30')")
        conn.execute(
            "INSERT INTO note (comite_id, seance_id, engagement_id, texte, cree_le) VALUES "
            "(1, 1, 1, 'x', '2021-03-15T10:00:00Z')"
        )
        conn.execute(
            "INSERT INTO point_traite (seance_id, engagement_id, traite_le) VALUES (1, 1, '2021-03-15T10:00:00Z')"
        )
        conn.execute("UPDATE engagement SET a_discuter = 1, a_discuter_comite_id = 1 WHERE id = 1")
        conn.execute(
            "INSERT INTO retour (contrat_id, export_uuid, exporte_le, destinataire_genre, destinataire, fichier, "
            "fichier_sha256, importe_le) VALUES (1, '00000000-0000-4000-8000-000000000000', '2021-03-15T09:00:00Z', "
            "'pilote', 'DDETS', 'retour.xlsx', printf('%064d', 0), '2021-03-16T10:00:00Z')"
        )
        conn.execute(
            "INSERT INTO historique (engagement_id, echeance_id, champ, le, seance_id, retour_id) VALUES "
            "(1, 1, 'statut', '2021-03-15T10:00:00Z', 1, 1)"
        )
        conn.execute(  # schema 3 (issue 13): an imported answer
            "INSERT INTO retour (contrat_id, export_uuid, exporte_le, destinataire_genre, destinataire, fichier, "
            "fichier_sha256, importe_le) VALUES (1, '00000000-0000-4000-8000-000000000000', '2021-03-15T09:00:00Z', "
            "'pilote', 'DDETS', 'retour.xlsx', printf('%064d', 0), '2021-03-16T10:00:00Z')"
        )
        # Quartiers 2030 (schema 4): a child axe, an indicator with a mesure, an action of the programmation.
        conn.execute("INSERT INTO axe (contrat_id, numero, ordre, titre, parent_id) VALUES (1, 'I.1', 99, 'x', 1)")
        conn.execute("INSERT INTO indicateur (engagement_id, ordre, libelle) VALUES (1, 1, 'Personnes reçues')")
        conn.execute(
            "INSERT INTO mesure (indicateur_id, date, valeur, seance_id, saisie_le) "
            "VALUES (1, '2021-03-15', 12, 1, '2021-03-15T10:00:00Z')"
        )
        conn.execute(
            "INSERT INTO programmation (contrat_id, annee, porteur, intitule, cree_le) "
            "VALUES (1, 2021, 'Association', 'Action', '2021-03-15T10:00:00Z')"
        )
        conn.execute("INSERT INTO programmation_objectif (programmation_id, axe_id) VALUES (1, 1)")
        conn.execute("INSERT INTO financement (programmation_id, financeur, demande_centimes) VALUES (1, 'État', 100)")
    conn.close()
    keys = _foreign_keys(seeded_file)
    assert len(keys) >= 15, keys  # 12, then retour.contrat_id, historique.retour_id, note.retour_id
    db = open_database(seeded_file)
    try:
        for table, column, _parent in keys:
            sql, params = _orphan_insert(seeded_file, table, column)
            before = scalar(seeded_file, f"SELECT count(*) FROM {table}")
            with pytest.raises(IntegrityError, match="FOREIGN KEY"), db.write() as session:
                session.execute(text(sql), params)
            with db.lire() as session:
                assert session.execute(f"SELECT count(*) FROM {table}").scalar() == before, (table, column)
    finally:
        db.close()
    print(f"\n#11 : {len(keys)} clés étrangères, chacune refuse une ligne orpheline (IntegrityError, rien écrit)")
