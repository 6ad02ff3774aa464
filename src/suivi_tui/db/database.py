"""An open suivi base: snapshots to read (stdlib sqlite3) and atomic changes to write (SQLAlchemy, loaded on demand).

Every screen, command and export reads through `lire()`: one read transaction (deferred `BEGIN`,
then `COMMIT`), so that all its queries see the same state of the base even while `suivi seed`
or a second window commits. Reads need neither the ORM nor SQLAlchemy: the app's first screen is
read and drawn before SQLAlchemy is imported, and `preparer_ecritures()` loads it in the
background right after. Writes keep the ORM and its unit of work (`write()`).
"""

from __future__ import annotations

import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from suivi_tui.db.connexion import regler_connexion
from suivi_tui.db.errors import BaseEnLectureSeule
from suivi_tui.erreurs import ErreurSuivi

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

P = ParamSpec("P")
R = TypeVar("R")
Ligne = tuple[Any, ...]


class Resultat:
    """The rows of one query, read at once (the snapshot may end right after)."""

    def __init__(self, lignes: list[Ligne]) -> None:
        self._lignes = lignes

    def __iter__(self) -> Iterator[Ligne]:
        return iter(self._lignes)

    def all(self) -> list[Ligne]:
        return self._lignes

    def first(self) -> Ligne | None:
        return self._lignes[0] if self._lignes else None

    def one(self) -> Ligne:
        if len(self._lignes) != 1:
            raise LookupError(f"une ligne attendue, {len(self._lignes)} lues")
        return self._lignes[0]

    def scalar(self) -> Any:
        """The first column of the first row, None when there is none."""
        return self._lignes[0][0] if self._lignes else None

    def scalar_one(self) -> Any:
        return self.one()[0]

    def scalars(self) -> Colonne:
        return Colonne(ligne[0] for ligne in self._lignes)


class Colonne(list[Any]):
    """The first column of every row (`.all()` as a query result has it)."""

    def all(self) -> list[Any]:
        return list(self)


# A list or tuple given for :nom is spread as (:nom_0, :nom_1, …): « WHERE id IN :ids ».
def _etaler(sql: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    valeurs: dict[str, Any] = {}
    for nom, valeur in params.items():
        if isinstance(valeur, list | tuple | set | frozenset):
            noms = [f"{nom}_{i}" for i in range(len(valeur))]
            valeurs.update(zip(noms, valeur, strict=True))
            sql = re.sub(rf":{nom}\b", "(" + ", ".join(f":{n}" for n in noms) + ")", sql)
        else:
            valeurs[nom] = valeur
    return sql, valeurs


class Lecture:
    """An open read transaction: every query sees the same snapshot of the base."""

    def __init__(self, connexion: sqlite3.Connection) -> None:
        self._connexion = connexion

    def execute(self, sql: str, params: Mapping[str, Any] | Sequence[Any] | None = None) -> Resultat:
        """Run one SELECT (named parameters :nom; a list value is spread for IN)."""
        if isinstance(params, Mapping):
            sql, params = _etaler(sql, params)
        return Resultat(self._connexion.execute(sql, params or ()).fetchall())


def lit(requete: Callable[Concatenate[Lecture, P], R]) -> Callable[Concatenate[Lecture | Database, P], R]:
    """A query that takes an open snapshot, or a Database (then it reads in a snapshot of its own).

    A screen or a report passes its one Lecture to every query it makes; a single question (a test,
    a command that asks one thing) may pass the Database.
    """

    @wraps(requete)
    def lire(source: Lecture | Database, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if isinstance(source, Lecture):
            return requete(source, *args, **kwargs)
        with source.lire() as lecture:
            return requete(lecture, *args, **kwargs)

    return lire


def erreur_prevue(exc: BaseException) -> bool:
    """An error suivi shows in French instead of stopping: its own, SQLite's, the disk's, SQLAlchemy's.

    SQLAlchemy's are recognised without importing it: when it is not loaded, none can have occurred.
    """
    if isinstance(exc, ErreurSuivi | sqlite3.Error | OSError):
        return True
    exceptions = sys.modules.get("sqlalchemy.exc")
    return exceptions is not None and isinstance(exc, exceptions.SQLAlchemyError)


class Database:
    """An open suivi base: read snapshots, atomic writes, and its path."""

    def __init__(
        self,
        path: Path,
        connecter: Callable[[], sqlite3.Connection],
        *,
        readonly: bool = False,
        partagee: sqlite3.Connection | None = None,
    ) -> None:
        """connecter: a new connection to the file (read-only ones never write beside it);
        partagee: the one connection of an in-memory base, read and written in turn."""
        self.path = path
        self.readonly = readonly
        self._connecter = connecter
        self._partagee = partagee
        self._libres: list[sqlite3.Connection] = []  # read connections not in use
        self._toutes: list[sqlite3.Connection] = []
        self._verrou = threading.Lock()
        self._verrou_partagee = threading.RLock()
        self._engine: Engine | None = None
        self.avant_ecriture: threading.Thread | None = None

    # --- reading ---------------------------------------------------------------------------------

    def _connexion_de_lecture(self) -> sqlite3.Connection:
        with self._verrou:
            if self._libres:
                return self._libres.pop()
        connexion = self._connecter()
        regler_connexion(connexion, readonly=self.readonly)
        with self._verrou:
            self._toutes.append(connexion)
        return connexion

    @contextmanager
    def lire(self) -> Iterator[Lecture]:
        """One snapshot of the base (deferred BEGIN: other processes and threads may write meanwhile).

        Each thread reading at a time gets a connection of its own (kept for the next read), so a
        read in a worker never waits for another one, nor for a write.
        """
        if self._partagee is not None:
            with self._verrou_partagee:
                yield from self._transaction(self._partagee)
            return
        connexion = self._connexion_de_lecture()
        try:
            yield from self._transaction(connexion)
        finally:
            with self._verrou:
                self._libres.append(connexion)

    @staticmethod
    def _transaction(connexion: sqlite3.Connection) -> Iterator[Lecture]:
        connexion.execute("BEGIN")
        try:
            yield Lecture(connexion)
        finally:
            connexion.execute("COMMIT")  # nothing was written: this only ends the snapshot

    # --- writing ---------------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine, made (and SQLAlchemy imported) on first use."""
        if self.readonly:
            raise BaseEnLectureSeule(self.path, "La base est ouverte en lecture seule : rien n'a été modifié.")
        if self._engine is None:
            from suivi_tui.db.engine import make_engine, make_memory_engine

            with self._verrou:
                if self._engine is None:
                    if self._partagee is not None:
                        self._engine = make_memory_engine(self._partagee)
                    else:
                        self._engine = make_engine(self.path)
        return self._engine

    def preparer_ecritures(self) -> None:
        """Load what a first write needs (SQLAlchemy, the ORM, the connection), so that it waits for nothing."""
        from suivi_tui.db import models  # noqa: F401  (the mapped classes: most of the import time)

        with self.engine.connect():
            pass

    def retenir_ecritures(self, tache: threading.Thread) -> None:
        """Start tache (the rolling backup, while the app starts); every write, and close(), wait for it.

        Reads do not wait: the backup is a snapshot of the base as it was before this process
        wrote anything, and the first write is held until that snapshot is complete.
        """
        self.avant_ecriture = tache
        tache.start()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One atomic, durable change: BEGIN IMMEDIATE ... COMMIT, or nothing at all."""
        if self.readonly:
            raise BaseEnLectureSeule(self.path, "La base est ouverte en lecture seule : rien n'a été modifié.")
        if self.avant_ecriture is not None:
            self.avant_ecriture.join()
        from suivi_tui.db.engine import session_d_ecriture

        with self._verrou_partagee if self._partagee is not None else _rien(), session_d_ecriture(self.engine) as s:
            yield s

    def close(self) -> None:
        if self.avant_ecriture is not None:
            self.avant_ecriture.join()
        if self._engine is not None:
            self._engine.dispose()
        with self._verrou:
            connexions, self._toutes, self._libres = self._toutes, [], []
        for connexion in connexions:
            connexion.close()


@contextmanager
def _rien() -> Iterator[None]:
    yield
