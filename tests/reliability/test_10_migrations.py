"""Matrix #10: migration from every released schema: a verified backup first, counts kept, and a failed
or killed migration leaves the old file intact.

tests/reliability/schemas/ holds each earlier released schema.sql (schema-vN.sql); the current
schema.sql is the newest one. A test-only migration 0002
rebuilds the engagement table the way SQLite's 12-step procedure says, which deletes every échéance
and historique row through ON DELETE CASCADE if foreign keys were on (kanboard#4687).
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import time
import uuid
from pathlib import Path

import pytest
from tests.reliability.conftest import child, integrity, scalar, wait_for

from suivi_tui.db.backup import integrity_ok
from suivi_tui.db.opening import migrate, open_database
from suivi_tui.db.rolling import MIGRATION, list_backups
from suivi_tui.db.schema import Migration, list_migrations, schema_sql, schema_version

SCHEMAS = Path(__file__).with_name("schemas")
TABLES = ("contrat", "partie", "axe", "engagement", "echeance", "comite", "seance", "note", "historique")
SLOW_STATEMENT = (
    "CREATE TABLE lent AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 20000000) SELECT count(*) AS n FROM c;\n"
)


def _released() -> list[tuple[int, str]]:
    """(version, schema text) of every released schema: the files in schemas/, then the current one."""
    found = {int(p.stem.split("-v")[1]): p.read_text(encoding="utf-8") for p in SCHEMAS.glob("schema-v*.sql")}
    found[schema_version()] = schema_sql()
    return sorted(found.items())


def _old_database(path: Path, schema: str) -> dict[str, int]:
    """A base as that release created it, with rows in every table; returns the counts."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(schema)
    conn.executescript("""
        BEGIN;
        INSERT INTO contrat (id, titre, territoire, debut, fin, source_nom, source_sha256, importe_le)
            VALUES (1, 'Contrat de test', 'Test', '2020-01-01', '2022-12-31', 'a.md', printf('%064d', 0),
                    '2021-01-01T00:00:00Z');
        INSERT INTO partie (id, contrat_id, nom, nom_court, ordre) VALUES (1, 1, 'La ville de Test', 'Ville', 1);
        INSERT INTO axe (id, contrat_id, numero, ordre, titre) VALUES (1, 1, 'I', 1, 'Emploi');
        INSERT INTO comite (id, contrat_id, nom, description) VALUES (1, 1, 'CT Emploi', '');
        INSERT INTO seance (id, comite_id, date, lieu, participants) VALUES (1, 1, '2021-03-15', 'Mairie', '');
        COMMIT;""")
    with conn:
        conn.execute("BEGIN")
        for i in range(1, 41):
            conn.execute(
                "INSERT INTO engagement (id, axe_id, partie_id, ordre, libelle, cree_le, modifie_le) "
                "VALUES (?, 1, 1, ?, ?, '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z')",
                (i, i, f"Engagement {i}"),
            )
            for mois in (6, 12):
                conn.execute("INSERT INTO echeance (engagement_id, date) VALUES (?, ?)", (i, f"2021-{mois:02d}-30"))
            # From version 2 on, a note names its comité (it may have no séance).
            colonnes = "comite_id, seance_id" if _has_column(conn, "note", "comite_id") else "seance_id"
            valeurs = "1, 1" if colonnes.startswith("comite") else "1"
            conn.execute(
                f"INSERT INTO note ({colonnes}, engagement_id, texte, cree_le) "
                f"VALUES ({valeurs}, ?, 'point éducatif {i}', '2021-03-15T10:00:00Z')",
                (i,),
            )
            conn.execute(
                "INSERT INTO historique (engagement_id, champ, ancien, nouveau, le) "
                "VALUES (?, 'statut', 'a_venir', 'en_cours', '2021-03-15T10:00:00Z')",
                (i,),
            )
    conn.close()
    return _counts(path)


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


def _counts(path: Path) -> dict[str, int]:
    return {t: int(scalar(path, f"SELECT count(*) FROM {t}")) for t in TABLES}  # type: ignore[arg-type]


def _rebuild_engagement(path: Path, tail: str = "") -> Path:
    """Migration 0002 (test only): engagement gains a column by the 12-step table rebuild."""
    conn = sqlite3.connect(path)
    create = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'engagement'").fetchone()[0]
    columns = ", ".join(r[1] for r in conn.execute("PRAGMA table_info(engagement)"))
    attached = [
        r[0]
        for r in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'engagement' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
        )
    ]
    views = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'view' AND sql LIKE '%engagement%'"
    ).fetchall()
    conn.close()
    lines = [f"DROP VIEW {name};" for name, _ in views]
    lines += [
        create.replace(
            "CREATE TABLE engagement (", "CREATE TABLE engagement_neuf (\n    priorite INTEGER NOT NULL DEFAULT 0,", 1
        )
        + ";",
        f"INSERT INTO engagement_neuf ({columns}) SELECT {columns} FROM engagement;",
        "DROP TABLE engagement;",
        "ALTER TABLE engagement_neuf RENAME TO engagement;",
    ]
    lines += [sql + ";" for _, sql in views] + [sql + ";" for sql in attached]
    step = path.with_name("0002_priorite.sql")
    step.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    return step


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("version, schema", _released(), ids=lambda v: f"v{v}" if isinstance(v, int) else "")
def test_every_released_schema_opens_with_the_shipped_migrations(tmp_path: Path, version: int, schema: str) -> None:
    path = tmp_path / "suivi.db"
    counts = _old_database(path, schema)
    open_database(path).close()
    assert scalar(path, "PRAGMA user_version") == schema_version()
    assert _counts(path) == counts and integrity(path) == ["ok"]
    backups = [b for b in list_backups(path) if b.kind == MIGRATION]
    assert len(backups) == (version < schema_version())
    assert all(integrity_ok(b.path) and _counts(b.path) == counts for b in backups)


def _shape(path: Path) -> dict[str, object]:
    """Every table, index, view and trigger with what SQLite says of it: how a base is built, not its rows."""
    conn = sqlite3.connect(path)
    try:
        shape: dict[str, object] = {}
        for name, kind, table, sql in conn.execute(
            "SELECT name, type, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ):
            detail: list[object] = [kind, table]
            if kind in ("view", "trigger"):  # a table's text is rewritten by RENAME; these are not
                detail.append(" ".join(sql.split()))
            if kind == "table":
                detail += [
                    conn.execute(f"PRAGMA table_xinfo('{name}')").fetchall(),
                    conn.execute(f"PRAGMA foreign_key_list('{name}')").fetchall(),
                    sorted(r[1:] for r in conn.execute(f"PRAGMA index_list('{name}')")),
                ]
            elif kind == "index":
                detail.append(conn.execute(f"PRAGMA index_xinfo('{name}')").fetchall())
            shape[name] = detail
        return shape
    finally:
        conn.close()


def _search(path: Path, words: str) -> list[int]:
    return [
        r[0]
        for r in sqlite3.connect(path).execute(
            "SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY rowid", (words,)
        )
    ]


@pytest.mark.parametrize("version, schema", _released()[:-1], ids=lambda v: f"v{v}" if isinstance(v, int) else "")
def test_a_migrated_base_is_built_like_a_new_one(tmp_path: Path, version: int, schema: str) -> None:
    migrated, fresh = tmp_path / "migree.db", tmp_path / "neuve.db"
    _old_database(migrated, schema)
    before = _search(migrated, "educ* AND contrat:c1")
    open_database(migrated).close()
    open_database(fresh).close()
    assert _shape(migrated) == _shape(fresh)
    assert _search(migrated, "educ* AND contrat:c1") == before and len(before) == 40


def test_migration_to_2_gives_identities_and_keeps_each_note_in_its_comite(tmp_path: Path) -> None:
    path = tmp_path / "suivi.db"
    _old_database(path, dict(_released())[1])
    migrate(path, 1, list_migrations(), target=2)
    conn = sqlite3.connect(path)
    for table in ("contrat", "engagement", "echeance", "seance", "note"):
        uuids = [r[0] for r in conn.execute(f"SELECT uuid FROM {table}")]
        assert uuids and len(set(uuids)) == len(uuids), table
        assert all(uuid.UUID(u).version == 4 and str(uuid.UUID(u)) == u for u in uuids), table
    (base,) = conn.execute("SELECT uuid FROM base").fetchall()
    assert uuid.UUID(base[0]).version == 4
    assert conn.execute("SELECT count(*) FROM note WHERE comite_id = 1 AND seance_id = 1").fetchone()[0] == 40
    # A note outside any séance is now possible, and a note cannot name a séance of another comité.
    conn.execute("INSERT INTO note (comite_id, texte, cree_le) VALUES (1, 'hors séance', '2021-03-16T10:00:00Z')")
    conn.execute("INSERT INTO comite (id, contrat_id, nom) VALUES (2, 1, 'CT Habitat')")
    with pytest.raises(sqlite3.IntegrityError, match="autre comité"):
        conn.execute(
            "INSERT INTO note (comite_id, seance_id, texte, cree_le) "
            "VALUES (2, 1, 'mauvais comité', '2021-03-16T10:00:00Z')"
        )
    conn.close()


def test_migration_to_3_adds_the_source_of_imported_answers_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "suivi.db"
    counts = _old_database(path, dict(_released())[2])
    backup = migrate(path, 2, list_migrations(), target=3)
    assert _counts(path) == counts and integrity(path) == ["ok"]
    assert integrity_ok(backup) and scalar(backup, "PRAGMA user_version") == 2 and _counts(backup) == counts
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    # Every row written before keeps its meaning: typed in suivi, no answer behind it.
    assert conn.execute("SELECT count(*) FROM historique WHERE retour_id IS NULL").fetchone()[0] == 40
    assert conn.execute("SELECT count(*) FROM note WHERE retour_id IS NULL").fetchone()[0] == 40
    conn.execute(
        "INSERT INTO retour (id, contrat_id, export_uuid, exporte_le, destinataire_genre, destinataire, fichier, "
        "fichier_sha256, importe_le) VALUES (1, 1, ?, '2021-03-15T10:00:00Z', 'pilote', 'DDETS', 'r.xlsx', ?, "
        "'2021-03-20T10:00:00Z')",
        (str(uuid.uuid4()), "0" * 64),
    )
    conn.execute("UPDATE historique SET retour_id = 1 WHERE engagement_id = 1")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE note SET retour_id = 99 WHERE engagement_id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(
            "INSERT INTO retour (contrat_id, export_uuid, exporte_le, destinataire_genre, destinataire, fichier, "
            "fichier_sha256, importe_le) VALUES (1, 'court', '2021-03-15T10:00:00Z', 'pilote', 'X', 'r.xlsx', ?, "
            "'2021-03-20T10:00:00Z')",
            ("0" * 64,),
        )
    conn.close()


def test_every_older_version_has_its_released_schema() -> None:
    """A migration shipped without the schema it migrates from would never be tested (see schemas/README.md)."""
    assert [v for v, _ in _released()] == list(range(1, schema_version() + 1))


def test_rebuild_migration_keeps_every_row_and_backs_up_first(tmp_path: Path) -> None:
    path = tmp_path / "suivi.db"
    counts = _old_database(path, _released()[0][1])
    backup = migrate(path, 1, [Migration(2, _rebuild_engagement(path))], target=2)
    assert scalar(path, "PRAGMA user_version") == 2
    assert _counts(path) == counts, "rows lost by the table rebuild (foreign keys on during the migration?)"
    assert scalar(path, "SELECT count(*) FROM pragma_table_info('engagement') WHERE name = 'priorite'") == 1
    assert integrity(path) == ["ok"] and scalar(path, "SELECT count(*) FROM pragma_foreign_key_check") == 0
    assert integrity_ok(backup) and scalar(backup, "PRAGMA user_version") == 1 and _counts(backup) == counts
    print(f"\n#10 : reconstruction de la table engagement, {sum(counts.values())} lignes gardées, sauvegarde vérifiée")


def test_failed_migration_leaves_the_old_file_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "suivi.db"
    counts = _old_database(path, _released()[0][1])
    step = _rebuild_engagement(path, tail="INSERT INTO table_absente VALUES (1);\n")
    before = _digest(path)
    with pytest.raises(sqlite3.OperationalError):
        migrate(path, 1, [Migration(2, step)], target=2)
    assert _digest(path) == before and _counts(path) == counts
    assert not path.with_name("suivi.db-wal").exists() or path.with_name("suivi.db-wal").stat().st_size == 0


@pytest.mark.slow
def test_kill_9_during_a_migration_leaves_the_old_base(tmp_path: Path, reaper: list) -> None:  # type: ignore[type-arg]
    path = tmp_path / "suivi.db"
    counts = _old_database(path, _released()[0][1])
    process = child("migre", path, _rebuild_engagement(path, tail=SLOW_STATEMENT))
    reaper.append(process)
    wait_for(process, "migration")
    time.sleep(0.8)  # the backup is taken, the rebuild done, the slow statement running
    assert process.poll() is None
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert scalar(path, "PRAGMA user_version") == 1 and _counts(path) == counts and integrity(path) == ["ok"]
    assert scalar(path, "SELECT count(*) FROM sqlite_master WHERE name IN ('lent', 'engagement_neuf')") == 0
    assert [integrity_ok(b.path) for b in list_backups(path)] == [True]
    migrate(path, 1, [Migration(2, _rebuild_engagement(path))], target=2)
    assert _counts(path) == counts


def _ce_que_montre_la_base(path: Path) -> dict[str, object]:
    """What the screens and exports read of a base: per-axe counts, historique, notes, search results."""
    conn = sqlite3.connect(path)
    try:
        return {
            "axes": conn.execute(
                "SELECT a.id, a.numero, a.titre, count(e.id), sum(e.statut = 'realise') FROM axe a "
                "LEFT JOIN engagement e ON e.axe_id = a.id GROUP BY a.id ORDER BY a.ordre"
            ).fetchall(),
            "historique": conn.execute(
                "SELECT id, engagement_id, echeance_id, champ, ancien, nouveau, le, seance_id "
                "FROM historique ORDER BY id"
            ).fetchall(),
            "notes": conn.execute("SELECT id, seance_id, engagement_id, type, texte FROM note ORDER BY id").fetchall(),
            "recherche": conn.execute(
                "SELECT rowid FROM engagement_fts WHERE engagement_fts MATCH 'engag*' ORDER BY rowid"
            ).fetchall(),
        }
    finally:
        conn.close()


@pytest.mark.parametrize("version", [1, 2, 3])
def test_migration_to_4_makes_every_axe_a_root_of_level_axe_and_loses_nothing(tmp_path: Path, version: int) -> None:
    path = tmp_path / "suivi.db"
    counts = _old_database(path, dict(_released())[version])
    avant = _ce_que_montre_la_base(path)
    open_database(path).close()
    assert scalar(path, "PRAGMA user_version") == 4 and _counts(path) == counts
    assert _ce_que_montre_la_base(path) == avant
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT parent_id, niveau FROM axe").fetchall() == [(None, "Axe")]
    conn.execute("PRAGMA foreign_keys = ON")
    # The tree holds only within one contrat, and an indicator belongs to one engagement or one axe.
    conn.execute(
        "INSERT INTO axe (id, contrat_id, numero, ordre, titre, parent_id, niveau) "
        "VALUES (2, 1, '1.1', 2, 'x', 1, 'Orientation')"
    )
    conn.execute(
        "INSERT INTO contrat (id, titre, territoire, source_nom, source_sha256, importe_le) "
        "VALUES (2, 'Autre', 'X', 'b.md', printf('%064d', 0), '2021-01-01T00:00:00Z')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="autre contrat"):
        conn.execute("INSERT INTO axe (contrat_id, numero, ordre, titre, parent_id) VALUES (2, '1', 1, 'y', 1)")
    with pytest.raises(sqlite3.IntegrityError, match="lui-même"):
        conn.execute("UPDATE axe SET parent_id = 2 WHERE id = 2")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("INSERT INTO indicateur (engagement_id, axe_id, ordre, libelle) VALUES (1, 1, 1, 'les deux')")
    conn.close()
    backups = [b for b in list_backups(path) if b.kind == MIGRATION]
    assert len(backups) == 1 and integrity_ok(backups[0].path) and _counts(backups[0].path) == counts
