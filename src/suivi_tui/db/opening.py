"""Open a suivi database safely: inspect before touching, create, migrate, refuse what is wrong."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from suivi_tui.atomic import fsync_dir
from suivi_tui.db.backup import free_name, snapshot_file, sqlite_uri
from suivi_tui.db.database import Database
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
        conn = read_connection(path)
    except sqlite3.Error as exc:
        raise BaseInutilisable(path, f"Impossible d'ouvrir {path} : {exc}.") from exc
    try:
        return _inspect_connection(path, conn)
    finally:
        conn.close()


def read_connection(path: Path, timeout: float = 5.0, *, for_vacuum_into: bool = False) -> sqlite3.Connection:
    """A connection that only reads path and leaves nothing beside it (see read_uri).

    for_vacuum_into: the connection runs VACUUM INTO, which writes its target only but which
    SQLite's query_only refuses all the same.
    """
    uri, query_only = read_uri(path)
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
    if query_only and not for_vacuum_into:
        conn.execute("PRAGMA query_only = 1")
    return conn


def read_uri(path: Path) -> tuple[str, bool]:
    """How to read path without changing it or leaving files beside it: (URI, query_only needed).

    A rollback-journal base (an export) is read in place: a reader creates nothing. A WAL base
    is read through a -shm index: when one exists, a process has the base open and the reader
    shares it. When none exists, a read-only connection would create -wal and -shm and, unable
    to remove them, leave them behind (even beside a damaged base); a read-write connection
    kept from writing by query_only takes part in the locking like any reader and removes both
    when it closes, without writing to the base (its -wal holds nothing to copy back). Where
    suivi may not write, the base is read as immutable: SQLite reads the file alone, which is
    all it holds. A non-empty -wal without -shm (a crash) needs recovery: where the folder is
    writable SQLite does it read-only, never copying the journal into a base we only read;
    elsewhere committed changes would be silently ignored, so we refuse.
    """
    if path.with_name(path.name + "-shm").exists() or not _en_mode_wal(path):
        return sqlite_uri(path), False
    folder_writable = os.access(path.parent, os.W_OK | os.X_OK)
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        if folder_writable:
            return sqlite_uri(path), False
        raise BaseEnLectureSeule(
            path,
            f"{path} est dans un dossier en lecture seule et son journal ({wal.name}) "
            "contient des modifications que SQLite ne peut pas lire sans écrire à côté. "
            "Copiez le dossier ailleurs, ou ouvrez-le avec les droits d'écriture. "
            "Rien n'a été modifié.",
        )
    if folder_writable and os.access(path, os.W_OK):
        return sqlite_uri(path, "rw"), True
    return sqlite_uri(path, immutable=True), False


def _en_mode_wal(path: Path) -> bool:
    """The file's header says WAL (its read and write versions are 2); a rollback-journal base is read in place."""
    try:
        with path.open("rb") as handle:
            handle.seek(18)
            return handle.read(2) == b"\x02\x02"
    except OSError:
        return False


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
        return BaseOccupee(
            path,
            f"{path} est verrouillée par un autre programme (une restauration, une "
            "migration ?) : réessayez dans un instant. Elle n'a pas été modifiée.",
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return BaseEnLectureSeule(
            path,
            f"Impossible de lire {path} sans écrire à côté d'elle ({exc}) : "
            "vérifiez les droits du fichier et du dossier. Rien n'a été modifié.",
        )
    if name.startswith("SQLITE_IOERR"):
        return BaseInutilisable(path, f"Erreur de lecture du disque sur {path} ({exc}). Elle n'a pas été modifiée.")
    return BaseEndommagee(path, f"{path} est endommagée et n'a pas été modifiée ({exc}).")


def open_database(
    path: Path,
    *,
    create: bool = True,
    readonly: bool = False,
    migrations_dir: Path | None = None,
    inspection: Inspection | None = None,
) -> Database:
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
    connecter = (lambda: read_connection(path)) if readonly else (lambda: _read_write_reader(path))
    return Database(path, connecter, readonly=readonly)


def _read_write_reader(path: Path) -> sqlite3.Connection:
    """A reading connection to a base this process may write (the writes have their own, SQLAlchemy's)."""
    return sqlite3.connect(path, check_same_thread=False)


def _prepare_existing(
    path: Path, *, readonly: bool, migrations_dir: Path | None, found: Inspection | None = None
) -> None:
    found = found or inspect_file(path)
    _refuse_foreign(path, found)
    if found.user_version == 0 and not found.tables:
        if readonly:
            raise BasePasSuivi(path, f"{path} est une base SQLite vide, pas une base suivi.")
        _apply_schema(path)
        return
    current = schema_version()
    if found.user_version < current and not readonly:
        migrate(path, found.user_version, list_migrations(migrations_dir), target=current)


def _refuse_foreign(path: Path, found: Inspection) -> None:
    """Refuse a base of a newer suivi, or a SQLite file that holds other tables than ours."""
    current = schema_version()
    if found.user_version > current:
        raise BaseTropRecente(
            path,
            f"{path} a été créée par une version plus récente de suivi "
            f"(schéma {found.user_version}, celle-ci connaît le {current}). "
            "Mettez suivi à jour ; la base n'a pas été modifiée.",
        )
    if (found.user_version or found.tables) and not found.tables >= CORE_TABLES:
        raise BasePasSuivi(
            path,
            f"{path} est une base SQLite, mais pas une base suivi "
            "(tables du contrat de ville absentes). Elle n'a pas été modifiée.",
        )


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
        _apply_statements(conn, schema_sql())
    finally:
        conn.close()


def _apply_statements(conn: sqlite3.Connection, script: str) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(script):
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


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
        raise BaseInutilisable(
            path, f"Aucune migration connue du schéma {from_version} au {target} : la base n'a pas été modifiée."
        )
    folder = backups_dir(path)
    ensure_private_dir(folder)
    stamp = now_utc().replace(":", "").replace("-", "")
    backup = snapshot_file(path, free_name(folder, f"{path.stem}-avant-migration-v{from_version}-{stamp}", ".db"))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        _apply_steps(conn, path, steps)
    finally:
        conn.close()
    return backup


def _apply_steps(conn: sqlite3.Connection, path: Path, steps: list[Migration]) -> None:
    """Run the migration files in one transaction, foreign keys checked before the commit."""
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
            raise BaseInutilisable(
                path, f"La migration casserait {len(problems)} référence(s) : annulée, la base n'a pas été modifiée."
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def open_in_memory(path: Path | None) -> Database:
    """A private copy of path in memory (a new base when path is None): a dry run works on it, and
    nothing is written, not even beside the file. The file is checked and refused as at any opening."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        if path is None:
            _apply_statements(memory, schema_sql())
        else:
            _copy_into(path, memory)
    except BaseException:
        memory.close()
        raise
    return Database(path or Path(":memory:"), lambda: memory, partagee=memory)


def _copy_into(path: Path, memory: sqlite3.Connection) -> None:
    found = inspect_file(path)
    _refuse_foreign(path, found)
    source = read_connection(path)
    try:
        source.backup(memory)
    finally:
        source.close()
    if found.user_version == 0 and not found.tables:
        _apply_statements(memory, schema_sql())
    elif found.user_version < schema_version():
        steps = [m for m in list_migrations() if m.version > found.user_version]
        _apply_steps(memory, path, steps)
