"""Open a suivi database safely: inspect before touching, create, migrate, refuse what is wrong."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from suivi_tui.atomic import fsync_dir
from suivi_tui.db.backup import free_name, snapshot_file, sqlite_uri
from suivi_tui.db.errors import (
    BaseEndommagee,
    BaseEnLectureSeule,
    BaseInutilisable,
    BaseOccupee,
    BasePasSuivi,
    BaseTropRecente,
)
from suivi_tui.db.schema import CORE_TABLES, Migration, list_migrations, schema_sql, schema_version
from suivi_tui.paths import backups_dir, ensure_private_dir
from suivi_tui.today import now_utc

if TYPE_CHECKING:  # SQLAlchemy is loaded by open_database only: inspect_file can run while it loads
    from suivi_tui.db.engine import Database

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Inspection:
    """What a read-only look at an existing file found."""

    user_version: int
    tables: frozenset[str]


def inspect_file(path: Path) -> Inspection:
    """Read the header, quick_check and user_version without writing to the file."""
    if path.is_dir():
        raise BasePasSuivi(path, f"{path} est un dossier, pas une base de données suivi.")
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if size == 0:
        raise BasePasSuivi(path, f"{path} est un fichier vide, pas une base de données suivi.")
    if header != SQLITE_HEADER:
        raise BasePasSuivi(path, f"{path} n'est pas une base de données SQLite (fichier texte ou autre format).")
    try:
        conn = sqlite3.connect(sqlite_uri(path, immutable=needs_immutable(path)), uri=True)
    except sqlite3.Error as exc:
        raise BaseInutilisable(path, f"Impossible d'ouvrir {path} : {exc}.") from exc
    try:
        return _inspect_connection(path, conn)
    finally:
        conn.close()


def needs_immutable(path: Path) -> bool:
    """True when SQLite can read this WAL base only as immutable: folder not writable, no -shm to share.

    SQLite needs a -shm file to read a WAL base; where it can neither find nor create one it
    refuses even to read, unless told the file cannot change. That is safe only if the -wal
    holds nothing: otherwise committed changes would be silently ignored, so we refuse.
    """
    folder_writable = os.access(path.parent, os.W_OK | os.X_OK)
    if folder_writable or path.with_name(path.name + "-shm").exists():
        return False
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise BaseEnLectureSeule(path, f"{path} est dans un dossier en lecture seule et son journal ({wal.name}) "
                                       "contient des modifications que SQLite ne peut pas lire sans écrire à côté. "
                                       "Copiez le dossier ailleurs, ou ouvrez-le avec les droits d'écriture. "
                                       "Rien n'a été modifié.")
    return True


def _inspect_connection(path: Path, conn: sqlite3.Connection) -> Inspection:
    try:
        check = conn.execute("PRAGMA quick_check").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc
    if check != [("ok",)]:
        detail = "; ".join(" ".join(str(r[0]).split()) for r in check[:3])
        raise BaseEndommagee(path, f"{path} est endommagée et n'a pas été modifiée ({detail}).")
    return Inspection(user_version=int(version), tables=tables)


def _unreadable(path: Path, exc: sqlite3.DatabaseError) -> BaseInutilisable:
    """Damage only when SQLite says so: a lock, a permission or a missing folder is not corruption."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return BaseOccupee(path, f"{path} est verrouillée par un autre programme (une restauration, une "
                                 "migration ?) : réessayez dans un instant. Elle n'a pas été modifiée.")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return BaseEnLectureSeule(path, f"Impossible de lire {path} sans écrire à côté d'elle ({exc}) : "
                                        "vérifiez les droits du fichier et du dossier. Rien n'a été modifié.")
    if name.startswith("SQLITE_IOERR"):
        return BaseInutilisable(path, f"Erreur de lecture du disque sur {path} ({exc}). Elle n'a pas été modifiée.")
    return BaseEndommagee(path, f"{path} est endommagée et n'a pas été modifiée ({exc}).")


def open_database(path: Path, *, create: bool = True, readonly: bool = False,
                  migrations_dir: Path | None = None, inspection: Inspection | None = None) -> Database:
    """Open path (creating it from schema.sql if absent and create is true), migrated to this version.

    inspection: what inspect_file(path) found just before, when the caller ran it itself (in a
    thread, alongside other start-up work); it is not read twice.
    """
    path = Path(path).expanduser()
    if not path.exists():
        if not create or readonly:
            raise BaseInutilisable(path, f"La base {path} n'existe pas.")
        _create(path)
    else:
        _prepare_existing(path, readonly=readonly, migrations_dir=migrations_dir, found=inspection)
    from suivi_tui.db.engine import Database, make_engine

    immutable = readonly and needs_immutable(path)
    return Database(path, make_engine(path, readonly=readonly, immutable=immutable), readonly=readonly)


def _prepare_existing(path: Path, *, readonly: bool, migrations_dir: Path | None,
                      found: Inspection | None = None) -> None:
    found = found or inspect_file(path)
    current = schema_version()
    if found.user_version > current:
        raise BaseTropRecente(path, f"{path} a été créée par une version plus récente de suivi "
                                    f"(schéma {found.user_version}, celle-ci connaît le {current}). "
                                    "Mettez suivi à jour ; la base n'a pas été modifiée.")
    if found.user_version == 0 and not found.tables:
        if readonly:
            raise BasePasSuivi(path, f"{path} est une base SQLite vide, pas une base suivi.")
        _apply_schema(path)
        return
    if not found.tables >= CORE_TABLES:
        raise BasePasSuivi(path, f"{path} est une base SQLite, mais pas une base suivi "
                                 "(tables du contrat de ville absentes). Elle n'a pas été modifiée.")
    if found.user_version < current and not readonly:
        migrate(path, found.user_version, list_migrations(migrations_dir), target=current)


def _create(path: Path) -> None:
    ensure_private_dir(path.parent)
    # O_EXCL: never adopt a file that appeared meanwhile; 0600: notes may name residents.
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        _apply_schema(path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def _apply_schema(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(schema_sql()):
                conn.execute(statement)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain ';' inside BEGIN...END)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def migrate(path: Path, from_version: int, migrations: list[Migration], *, target: int) -> Path:
    """Bring path from from_version to target, after a verified backup; all or nothing."""
    steps = [m for m in migrations if from_version < m.version <= target]
    if [m.version for m in steps] != list(range(from_version + 1, target + 1)):
        raise BaseInutilisable(path, f"Aucune migration connue du schéma {from_version} au {target} : "
                                     "la base n'a pas été modifiée.")
    folder = backups_dir(path)
    ensure_private_dir(folder)
    stamp = now_utc().replace(":", "").replace("-", "")
    backup = snapshot_file(path, free_name(folder, f"{path.stem}-avant-migration-v{from_version}-{stamp}", ".db"))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # Outside any transaction, or SQLite ignores it (and table rebuilds would cascade).
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in steps:
                for statement in _statements(step.sql()):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step.version}")
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise BaseInutilisable(path, f"La migration casserait {len(problems)} référence(s) : "
                                             "annulée, la base n'a pas été modifiée.")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
    return backup
