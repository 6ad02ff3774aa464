"""The settings every connection to a base gets, reading (stdlib sqlite3) or writing (SQLAlchemy's)."""

from __future__ import annotations

import sqlite3

BUSY_TIMEOUT_MS = 5000


def regler_connexion(connexion: sqlite3.Connection, *, readonly: bool) -> None:
    """The pragmas every connection gets, reading or writing (the promises: docs/donnees.md).

    BEGIN and COMMIT are ours (pysqlite's implicit BEGIN breaks DDL and SAVEPOINT atomicity). A
    read-only connection sets only what writes nothing: it must leave the file as it was.
    """
    connexion.isolation_level = None
    connexion.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connexion.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        connexion.execute("PRAGMA journal_mode = WAL")
        connexion.execute("PRAGMA synchronous = FULL")
        connexion.execute("PRAGMA secure_delete = ON")
