"""Opening a database: pragmas, permissions, refusals that change nothing, migrations."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from tests.conftest import REPO

from suivi_tui.db.errors import BaseEndommagee, BasePasSuivi, BaseTropRecente
from suivi_tui.db.opening import migrate, open_database
from suivi_tui.db.schema import Migration, list_migrations, schema_version


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_on_every_connection(empty_db) -> None:  # type: ignore[no-untyped-def]
    with empty_db.write() as session:  # the writing connection: the one whose settings make writes durable
        pragmas = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "secure_delete")
        }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "secure_delete": 1,
    }


def test_orphan_row_is_refused(empty_db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), empty_db.write() as session:
        session.execute(text("INSERT INTO partie (contrat_id, nom, nom_court, ordre) VALUES (42, 'x', 'x', 1)"))
    with empty_db.lire() as session:
        assert session.execute("SELECT count(*) FROM partie").scalar() == 0


def test_new_database_is_private(tmp_path: Path) -> None:
    path = tmp_path / "nouveau" / "dossier" / "suivi.db"
    open_database(path).close()
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert os.stat(path.parent).st_mode & 0o777 == 0o700


def test_writes_begin_immediate(empty_db) -> None:  # type: ignore[no-untyped-def]
    """A writer holds the write lock from BEGIN: a second writer cannot slip in between."""
    with empty_db.write() as session:
        session.execute(text("SELECT 1"))
        other = sqlite3.connect(empty_db.path, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


@pytest.mark.parametrize(
    "content, error, word",
    [
        (b"", BasePasSuivi, "vide"),
        (b"Bonjour, ceci est un compte rendu.\n" * 50, BasePasSuivi, "SQLite"),
    ],
)
def test_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes, error: type, word: str) -> None:
    path = tmp_path / "faux.db"
    path.write_bytes(content)
    with pytest.raises(error, match=word):
        open_database(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faux.db"]


def test_another_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "autre.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE clients (nom TEXT)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(BasePasSuivi, match="pas une base suivi"):
        open_database(path)
    assert _digest(path) == before


def test_damaged_database_is_refused_untouched(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    path = db.path
    db.close()
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    data = bytearray(path.read_bytes())
    page = 4096
    for number in range(2, 6):  # scribble over the headers of b-tree pages 3 to 6
        data[number * page : number * page + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises((BaseEndommagee, BasePasSuivi)):
        open_database(path)
    assert _digest(path) == before


def test_newer_schema_is_refused_untouched(empty_db) -> None:  # type: ignore[no-untyped-def]
    path = empty_db.path
    empty_db.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    before = _digest(path)
    with pytest.raises(BaseTropRecente, match="plus récente"):
        open_database(path)
    assert _digest(path) == before


def test_the_shipped_migrations_are_numbered_up_to_the_schema() -> None:
    versions = [m.version for m in list_migrations()]
    assert versions == list(range(2, schema_version() + 1))


def _old_database(path: Path) -> None:
    """A version-1 database with one contrat, as an older suivi would have left it."""
    conn = sqlite3.connect(path)
    conn.executescript((REPO / "tests" / "reliability" / "schemas" / "schema-v1.sql").read_text(encoding="utf-8"))
    conn.execute(
        "INSERT INTO contrat (titre, territoire, source_nom, source_sha256, importe_le) "
        "VALUES ('C', 'T', 'a.md', ?, '2021-01-01T00:00:00Z')",
        ("0" * 64,),
    )
    conn.commit()
    conn.close()


def test_migration_takes_a_verified_backup_and_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "suivi.db"
    _old_database(path)
    step = tmp_path / "0002_ajout.sql"
    step.write_text("ALTER TABLE contrat ADD COLUMN note_interne TEXT NOT NULL DEFAULT '';\n")
    backup = migrate(path, 1, [Migration(2, step)], target=2)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert conn.execute("SELECT titre, note_interne FROM contrat").fetchall() == [("C", "")]
    saved = sqlite3.connect(backup)
    assert saved.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert saved.execute("PRAGMA user_version").fetchone()[0] == 1
    assert saved.execute("SELECT count(*) FROM contrat").fetchone()[0] == 1


def test_failed_migration_leaves_the_old_file_intact(tmp_path: Path) -> None:
    path = tmp_path / "suivi.db"
    _old_database(path)
    step = tmp_path / "0002_casse.sql"
    step.write_text("ALTER TABLE contrat ADD COLUMN x TEXT;\nINSERT INTO table_absente VALUES (1);\n")
    with pytest.raises(sqlite3.OperationalError):
        migrate(path, 1, [Migration(2, step)], target=2)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [r[1] for r in conn.execute("PRAGMA table_info(contrat)")].count("x") == 0


def test_migration_breaking_references_is_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "suivi.db"
    _old_database(path)
    step = tmp_path / "0002_orphelin.sql"
    step.write_text("INSERT INTO partie (contrat_id, nom, nom_court, ordre) VALUES (77, 'x', 'x', 1);\n")
    with pytest.raises(Exception, match="référence"):
        migrate(path, 1, [Migration(2, step)], target=2)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM partie").fetchone()[0] == 0


def test_a_second_migration_backup_in_the_same_second_gets_its_own_name(tmp_path: Path) -> None:
    from suivi_tui.db.backup import free_name
    from suivi_tui.db.rolling import list_backups

    folder = tmp_path / "backups"
    folder.mkdir()
    base = "suivi-avant-migration-v1-20210315T090000Z"
    first = free_name(folder, base, ".db")
    first.write_bytes(b"premier")
    second = free_name(folder, base, ".db")
    assert second.name == f"{base}-2.db" and first.read_bytes() == b"premier"
    second.write_bytes(b"second")
    assert {b.path.name for b in list_backups(tmp_path / "suivi.db")} == {first.name, second.name}
