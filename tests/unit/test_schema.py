"""schema.sql and the ORM models describe the same database; the schema's constraints hold."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from tests.conftest import REPO

from suivi_tui.db.models import Base
from suivi_tui.db.schema import schema_sql, schema_version


@pytest.fixture
def from_schema(tmp_path: Path) -> Path:
    path = tmp_path / "schema.db"
    conn = sqlite3.connect(path)
    conn.executescript(schema_sql())
    conn.close()
    return path


def _columns(inspector, table):  # type: ignore[no-untyped-def]
    # SQLite reports an INTEGER PRIMARY KEY as nullable; it never is (it is the rowid).
    return {
        c["name"]: (
            str(c["type"]).upper(),
            bool(c["nullable"]) and not c["primary_key"],
            bool(c["primary_key"]),
            _default(c["default"]),
        )
        for c in inspector.get_columns(table)
    }


def _default(value: object) -> str | None:
    """A column default as text, quotes off: « 'a_venir' » in SQL and « a_venir » in the ORM are the same.

    Spaces are collapsed and outer parentheses dropped: an expression may be laid out on several lines.
    """
    if value is None:
        return None
    texte = " ".join(str(getattr(value, "text", getattr(value, "arg", value))).split())
    if texte.startswith("(") and texte.endswith(")"):
        texte = texte[1:-1]
    return texte.strip("'")


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
        orm = {
            c.name: (str(c.type).upper(), bool(c.nullable), bool(c.primary_key), _default(c.server_default))
            for c in table.columns
        }
        assert orm == _columns(inspector, name), name
        rows = sqlite3.connect(from_schema).execute(f"PRAGMA foreign_key_list({name})").fetchall()
        real_fks = {(r[3], r[2], r[4], r[6]) for r in rows}  # from, table, to, on_delete
        orm_fks = {
            (fk.parent.name, fk.column.table.name, fk.column.name, fk.ondelete or "NO ACTION")
            for fk in table.foreign_keys
        }
        assert orm_fks == real_fks, name


def test_user_version_is_set(from_schema: Path) -> None:
    conn = sqlite3.connect(from_schema)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO engagement (axe_id, partie_id, ordre, libelle, statut, cree_le, modifie_le) "
        "VALUES (1, 1, 1, 'x', 'termine', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z')",
        "INSERT INTO echeance (engagement_id, date) VALUES (1, '2021-02-30')",
        "INSERT INTO echeance (engagement_id, date) VALUES (1, '30/09/2021')",
        "INSERT INTO echeance (engagement_id, date, precision) VALUES (1, '2021-09-30', 'decennie')",
        "INSERT INTO note (comite_id, type, texte, cree_le) VALUES (1, 'rumeur', 'x', '2021-01-01T00:00:00Z')",
        "INSERT INTO engagement (axe_id, partie_id, ordre, libelle, cree_le, modifie_le) "
        "VALUES (999, 999, 1, 'orphelin', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z')",
    ],
)
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
