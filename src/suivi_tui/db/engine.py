"""The SQLAlchemy engine of the writes, with the pragmas and transactions that docs/donnees.md promises."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool, StaticPool

from suivi_tui.db.connexion import regler_connexion
from suivi_tui.db.errors import EcritureImpossible


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    regler_connexion(dbapi_connection, readonly=False)


def _on_begin(conn: Any) -> None:
    # Writers take the lock up front: a second writer waits (busy_timeout) instead of failing
    # mid-transaction on a lock upgrade. (Reads do not come here: they are Database.lire's.)
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path) -> Engine:
    """One writing connection, shared by threads one at a time (the pool hands it out exclusively)."""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=60,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def make_memory_engine(connection: sqlite3.Connection) -> Engine:
    """An engine over one in-memory connection (a dry run's private copy of a base)."""
    engine = create_engine("sqlite+pysqlite://", creator=lambda: connection, poolclass=StaticPool)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@contextmanager
def session_d_ecriture(engine: Engine) -> Iterator[Session]:
    """One atomic, durable change on engine: BEGIN IMMEDIATE ... COMMIT, or nothing at all (Database.write)."""
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except OperationalError as exc:
        raise EcritureImpossible(describe_write_error(exc)) from exc
    except DatabaseError as exc:
        # Damage found mid-session surfaces as a bare DatabaseError (SQLITE_CORRUPT, NOTADB);
        # its subclasses (IntegrityError…) are the caller's to handle.
        if type(exc.orig) is not sqlite3.DatabaseError:
            raise
        raise EcritureImpossible(describe_write_error(exc)) from exc


def describe_write_error(exc: DatabaseError) -> str:
    """Turn SQLite's English error into a French sentence that says what to do."""
    text = str(exc.orig).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return "Le disque est plein : la modification n'a pas été enregistrée. Libérez de la place puis recommencez."
    if "locked" in text or "busy" in text:
        return (
            "La base est occupée par un autre programme (une autre fenêtre de suivi ?) : "
            "la modification n'a pas été enregistrée. Réessayez dans un instant."
        )
    if "readonly" in text or "read-only" in text:
        return "La base est en lecture seule : la modification n'a pas été enregistrée."
    if "disk i/o" in text or "i/o error" in text:
        # a file-size limit or some full filesystems surface as an I/O error rather than "full"
        return (
            "Erreur d'écriture sur le disque (disque plein ?) : la modification n'a pas été enregistrée. "
            "Libérez de la place puis recommencez."
        )
    if "malformed" in text or "not a database" in text:
        return (
            "La base semble endommagée : la modification n'a pas été enregistrée. Quittez suivi ; "
            "au prochain lancement, il proposera de restaurer la dernière sauvegarde vérifiée."
        )
    return f"La modification n'a pas été enregistrée : {exc.orig}"
