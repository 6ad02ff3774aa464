"""Verified snapshots of a database (VACUUM INTO), for backups, migrations and exports."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from suivi_tui.atomic import FichierExistant, publish, temporary_path
from suivi_tui.erreurs import ErreurSuivi


class SnapshotInvalide(ErreurSuivi):
    """The snapshot failed its integrity check; nothing was published."""


def sqlite_uri(path: Path, mode: str = "ro", *, immutable: bool = False) -> str:
    """A file: URI for path (?, # and % in a folder name must not end the path)."""
    return f"file:{quote(str(Path(path).absolute()))}?mode={mode}" + ("&immutable=1" if immutable else "")


def integrity_ok(path: Path, *, quick: bool = False) -> bool:
    """True when SQLite's own check of the file says ok (the file is opened read-only)."""
    try:
        conn = sqlite3.connect(sqlite_uri(path), uri=True)
    except sqlite3.Error:
        return False
    try:
        rows = conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        return rows == [("ok",)]
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def vacuum_into(source: sqlite3.Connection, target: Path) -> None:
    """A consistent copy with no free pages: deleted rows leave no residue in it."""
    source.execute("VACUUM INTO ?", (str(target),))


def verified_snapshot(source: sqlite3.Connection, target: Path, *, force: bool = False) -> Path:
    """VACUUM INTO a temporary name beside target, check it, fsync it, publish without clobbering."""
    if target.exists() and not force:
        raise FichierExistant(target)
    tmp = temporary_path(target)
    try:
        vacuum_into(source, tmp)
        if not integrity_ok(tmp):
            raise SnapshotInvalide(f"la copie {tmp.name} ne passe pas le contrôle d'intégrité")
        publish(tmp, target, force=force)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    os.chmod(target, 0o600)
    return target


def snapshot_file(db_path: Path, target: Path, *, force: bool = False) -> Path:
    """verified_snapshot from a database file (its own short-lived connection)."""
    source = sqlite3.connect(db_path)
    try:
        source.execute("PRAGMA busy_timeout = 5000")
        return verified_snapshot(source, target, force=force)
    finally:
        source.close()


def free_name(folder: Path, base: str, suffix: str) -> Path:
    """base+suffix in folder, or base-2+suffix, base-3+suffix…: the first name not taken.

    Two backups in the same second (a migration re-run right after an interrupted one) must not
    collide: the earlier one is kept, never replaced.
    """
    candidate, n = folder / f"{base}{suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{base}-{n}{suffix}"
    return candidate
