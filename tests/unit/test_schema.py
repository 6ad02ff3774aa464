"""schema.sql and the ORM models describe the same database; the schema's constraints hold."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from tests.conftest import REPO

from suivi_tui.db.models import Base
from suivi_tui.db.opening import open_database
from suivi_tui.db.schema import schema_sql, schema_version

RELEASED = REPO / "tests" / "reliability" / "schemas"


@pytest.fixture
def from_schema(tmp_path: Path) -> Path:
    path = tmp_path / "schema.db"
    conn = sqlite3.connect(path)
    conn.executescript(schema_sql())
    conn.close()
    return path


def _columns(inspector, table):  # type: ignore[no-untyped-def]
    # SQLite reports an INTEGER PRIMARY KEY as nullable; it never is (it is the rowid).
    return {c["name"]: (str(c["type"]).upper(), bool(c["nullable"]) and not c["primary_key"], bool(c["primary_key"]),
                        _default(c["default"]))
            for c in inspector.get_columns(table)}


def _default(value: object) -> str | None:
    """A column default as text, quotes off: « 'a_venir' » in SQL and « a_venir » in the ORM are the same."""
    return None if value is None else str(getattr(value, "arg", value)).strip("'")


def test_the_packaged_schema_is_the_repository_schema() -> None:
    """The package reads src/suivi_tui/data/schema.sql, a link to the root schema.sql: the file it resolves
    to must be the root one (a copy left behind would drift), and its text the root file's text."""
    packaged = Path(str(resources.files("suivi_tui").joinpath("data/schema.sql")))
    assert packaged.resolve() == (REPO / "schema.sql").resolve(), f"{packaged} is not a link to schema.sql"
    assert schema_sql() == (REPO / "schema.sql").read_text(encoding="utf-8")
    assert schema_version() >= 1


def test_orm_and_schema_sql_do_not_drift(from_schema: Path) -> None:
    """models.py (Python) against schema.sql (SQL, read back by SQLite itself): two descriptions written apart."""
    inspector = inspect(create_engine(f"sqlite:///{from_schema}"))
    real_tables = {t for t in inspector.get_table_names() if "_fts" not in t}
    assert real_tables == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        orm = {c.name: (str(c.type).upper(), bool(c.nullable), bool(c.primary_key), _default(c.server_default))
               for c in table.columns}
        assert orm == _columns(inspector, name), name
        rows = sqlite3.connect(from_schema).execute(f"PRAGMA foreign_key_list({name})").fetchall()
        real_fks = {(r[3], r[2], r[4], r[6]) for r in rows}  # from, table, to, on_delete
        orm_fks = {(fk.parent.name, fk.column.table.name, fk.column.name, fk.ondelete or "NO ACTION")
                   for fk in table.foreign_keys}
        assert orm_fks == real_fks, name


def _structure(path: Path) -> dict[str, object]:
    """What a base is made of, as SQLite describes it: every table's columns, keys and indexes, the
    triggers and views, the version. Independent of how the DDL was written (CREATE or ALTER)."""
    conn = sqlite3.connect(path)
    try:
        objets = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                              "ORDER BY type, name").fetchall()
        tables = [o[1] for o in objets if o[0] == "table" and "_fts_" not in o[1]]
        return {
            "version": conn.execute("PRAGMA user_version").fetchone()[0],
            "objets": [(o[0], o[1], o[2]) for o in objets],
            "colonnes": {t: conn.execute(f"PRAGMA table_xinfo({t})").fetchall() for t in tables},
            "cles": {t: conn.execute(f"PRAGMA foreign_key_list({t})").fetchall() for t in tables},
            "index": {t: sorted((i[1], i[2], i[4], tuple(c[2] for c in conn.execute(f"PRAGMA index_info({i[1]})")))
                                for i in conn.execute(f"PRAGMA index_list({t})")) for t in tables},
            "declencheurs": [" ".join(o[3].split()) for o in objets if o[0] in ("trigger", "view")],
        }
    finally:
        conn.close()


def test_a_base_migrated_from_every_released_schema_is_a_fresh_base(tmp_path: Path, from_schema: Path) -> None:
    released = {int(p.stem.split("-v")[1]): p for p in RELEASED.glob("schema-v*.sql")}
    assert sorted(released) == list(range(1, schema_version())), "every earlier schema needs its schema-vN.sql"
    fresh = _structure(from_schema)
    for version, schema in sorted(released.items()):
        path = tmp_path / f"v{version}.db"
        conn = sqlite3.connect(path)
        conn.executescript(schema.read_text(encoding="utf-8"))
        conn.close()
        open_database(path).close()  # migrated to this version, as a user's base is
        assert _structure(path) == fresh, f"a base created by schema {version} and migrated differs from schema.sql"


def test_user_version_is_set(from_schema: Path) -> None:
    conn = sqlite3.connect(from_schema)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()


@pytest.mark.parametrize("statement", [
    "INSERT INTO engagement (axe_id, partie_id, ordre, libelle, statut, cree_le, modifie_le) "
    "VALUES (1, 1, 1, 'x', 'termine', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z')",
    "INSERT INTO echeance (engagement_id, date) VALUES (1, '2021-02-30')",
    "INSERT INTO echeance (engagement_id, date) VALUES (1, '30/09/2021')",
    "INSERT INTO echeance (engagement_id, date, precision) VALUES (1, '2021-09-30', 'decennie')",
    "INSERT INTO note (comite_id, type, texte, cree_le) VALUES (1, 'rumeur', 'x', '2021-01-01T00:00:00Z')",
    "INSERT INTO engagement (axe_id, partie_id, ordre, libelle, cree_le, modifie_le) "
    "VALUES (999, 999, 1, 'orphelin', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z')",
])
def test_constraints_refuse_bad_rows(seeded, statement: str) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    conn = sqlite3.connect(db.path)
    conn.execute("PRAGMA foreign_keys = ON")
    counts = "SELECT (SELECT count(*) FROM engagement) + (SELECT count(*) FROM echeance)"
    before = conn.execute(counts).fetchone()
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(statement)
    conn.rollback()
    assert conn.execute(counts).fetchone() == before


def test_search_index_is_accent_and_case_insensitive(seeded) -> None:  # type: ignore[no-untyped-def]
    db, _ = seeded
    conn = sqlite3.connect(db.path)
    hits = conn.execute("SELECT count(*) FROM engagement_fts WHERE engagement_fts MATCH '\"educ\"*'").fetchone()[0]
    assert hits >= 3  # « Éducatif », « éducative », « Educative » in the annexe
