"""The SQLAlchemy engine with the pragmas and transaction handling RELIABILITY.md asks for."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool, StaticPool

from suivi_tui.db.errors import BaseEnLectureSeule, EcritureImpossible

WRITE_OPTION = "suivi_write"
BUSY_TIMEOUT_MS = 5000


def _on_connect(readonly: bool) -> Any:
    def configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Hand BEGIN/COMMIT to us (pysqlite's implicit BEGIN breaks DDL and SAVEPOINT atomicity).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    return configure


def _on_begin(conn: Any) -> None:
    # Writers take the lock up front: a second writer waits (busy_timeout) instead of failing
    # mid-transaction on a lock upgrade.
    write = conn.get_execution_options().get(WRITE_OPTION, True)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(path: Path, *, connect: Callable[[], sqlite3.Connection] | None = None) -> Engine:
    """One connection, shared by threads one at a time (the pool hands it out exclusively).

    connect: how a read-only Database connects (opening.read_connection); its engine sets no
    pragma that writes, so reading leaves the file as it was.
    """
    readonly = connect is not None
    engine = create_engine(
        "sqlite+pysqlite://" if readonly else f"sqlite+pysqlite:///{path}",
        **({"creator": connect} if readonly else {}),
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=60,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect(readonly))
    event.listen(engine, "begin", _on_begin)
    return engine


def make_memory_engine(connection: sqlite3.Connection) -> Engine:
    """An engine over one in-memory connection (a dry run's private copy of a base)."""
    engine = create_engine("sqlite+pysqlite://", creator=lambda: connection, poolclass=StaticPool)
    event.listen(engine, "connect", _on_connect(readonly=False))
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """An open suivi database: sessions for reading and writing, and its path."""

    def __init__(self, path: Path, engine: Engine, *, readonly: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.readonly = readonly
        self._reader = engine.execution_options(**{WRITE_OPTION: False})
        self.avant_ecriture: threading.Thread | None = None

    def retenir_ecritures(self, tache: threading.Thread) -> None:
        """Start tache (the rolling backup, while the app starts); every write, and close(), wait for it.

        Reads do not wait: the backup is a snapshot of the base as it was before this process
        wrote anything, and the first write is held until that snapshot is complete.
        """
        self.avant_ecriture = tache
        tache.start()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only snapshot (deferred BEGIN: other processes may write meanwhile)."""
        with Session(self._reader, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One atomic, durable change: BEGIN IMMEDIATE ... COMMIT, or nothing at all."""
        if self.readonly:
            raise BaseEnLectureSeule(self.path, "La base est ouverte en lecture seule : rien n'a été modifié.")
        if self.avant_ecriture is not None:
            self.avant_ecriture.join()
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:
            raise EcritureImpossible(describe_write_error(exc)) from exc
        except DatabaseError as exc:
            # Damage found mid-session surfaces as a bare DatabaseError (SQLITE_CORRUPT, NOTADB);
            # its subclasses (IntegrityError…) are the caller's to handle.
            if type(exc.orig) is not sqlite3.DatabaseError:
                raise
            raise EcritureImpossible(describe_write_error(exc)) from exc

    def close(self) -> None:
        if self.avant_ecriture is not None:
            self.avant_ecriture.join()
        self.engine.dispose()


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
