"""Fixtures shared by every test group; the user's real data and config never leak in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from suivi_tui.db.database import Database
from suivi_tui.db.opening import open_database

REPO = Path(__file__).resolve().parent.parent
ANNEXE = REPO / "seed" / "annexe-contrat-de-ville-antony-2020-2022.md"
VAL_FLEURI = REPO / "seed" / "exemple-quartiers-2030-val-fleuri.md"  # a contrat « Quartiers 2030 »
TODAY = dt.date(2021, 3, 15)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every per-user directory at a temporary folder, and pin no date from the environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.delenv("SUIVI_DB", raising=False)
    monkeypatch.delenv("SUIVI_TODAY", raising=False)
    from suivi_tui.today import set_today

    set_today(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "suivi.db"


@pytest.fixture
def empty_db(db_path: Path) -> Iterator[Database]:
    """A new database created from schema.sql, with no contrat."""
    db = open_database(db_path)
    yield db
    db.close()


def seed_bundled(db: Database, source: Path = ANNEXE) -> int:
    from suivi_tui.services.seed import lire_source, seed

    annexe, sha = lire_source(source)
    rapport = seed(db, annexe, source.name, sha)
    assert rapport.contrat_id is not None
    return rapport.contrat_id


@pytest.fixture
def seeded(empty_db: Database) -> tuple[Database, int]:
    """The bundled Antony annexe seeded into a new database: (db, contrat_id)."""
    return empty_db, seed_bundled(empty_db)


@pytest.fixture
def quartiers(empty_db: Database) -> tuple[Database, int]:
    """The example contrat « Quartiers 2030 » (Val-Fleuri: 3 enjeux, 12 objectifs) seeded: (db, contrat_id)."""
    return empty_db, seed_bundled(empty_db, VAL_FLEURI)


def empreinte_des_tables(path: Path, tables: Iterable[str]) -> str:
    """Every row of these tables, in key order: two equal digests mean identical contents.

    Identities aside: each base gives its rows their own UUIDs, a generated one included.
    """
    import hashlib
    import sqlite3

    conn = sqlite3.connect(path)
    h = hashlib.sha256()
    for table in tables:
        colonnes = ", ".join(r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "uuid")
        for row in conn.execute(f"SELECT {colonnes} FROM {table} ORDER BY 1, 2"):
            h.update(repr(row).encode())
    conn.close()
    return h.hexdigest()
