"""When the database cannot be trusted: keep it aside intact, find the newest good backup, restore it.

Nothing here deletes a database file: the damaged or replaced one is renamed beside the original
(`<name>.corrupt-<AAAAMMJJ-HHMMSS>` or `<name>.avant-restauration-<AAAAMMJJ-HHMMSS>`), with its
-wal and -shm companions, so that whatever SQLite could still read from it stays readable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from suivi_tui.atomic import FichierExistant, fsync_dir, fsync_path, publish, temporary_path
from suivi_tui.db.backup import integrity_ok, snapshot_file, sqlite_uri, vacuum_into
from suivi_tui.db.errors import BaseInutilisable, BaseOccupee, SauvegardeInvalide
from suivi_tui.db.instances import describe_process, opened_elsewhere, other_processes
from suivi_tui.db.opening import SQLITE_HEADER, inspect_file
from suivi_tui.db.rolling import STAMP, Backup, list_backups
from suivi_tui.db.schema import CORE_TABLES, schema_version
from suivi_tui.paths import backups_dir

CORRUPT, BEFORE_RESTORE = "corrupt", "avant-restauration"
COMPANIONS = ("-wal", "-shm")


@dataclass(frozen=True)
class Restauration:
    """What a restore did: the database now holds the backup; the previous file is kept at ancienne."""

    base: Path
    sauvegarde: Path
    ancienne: Path | None  # None when there was no file to keep
    ancienne_endommagee: bool


def verify_backup(backup: Path) -> None:
    """Raise SauvegardeInvalide (French) unless backup is a whole suivi database this version can open."""
    backup = Path(backup)
    if not backup.is_file():
        raise SauvegardeInvalide(backup, f"La sauvegarde {backup} n'existe pas.")
    with backup.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise SauvegardeInvalide(backup, f"{backup} n'est pas une base SQLite : ce n'est pas une sauvegarde.")
    if not integrity_ok(backup):
        raise SauvegardeInvalide(backup, f"La sauvegarde {backup.name} est endommagée (contrôle d'intégrité en échec).")
    conn = sqlite3.connect(sqlite_uri(backup), uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    if not tables >= CORE_TABLES:
        raise SauvegardeInvalide(backup, f"{backup.name} n'est pas une sauvegarde d'une base suivi.")
    if version > schema_version():
        raise SauvegardeInvalide(
            backup,
            f"{backup.name} vient d'une version plus récente de suivi "
            f"(schéma {version}) : mettez suivi à jour pour la restaurer.",
        )
    if broken:
        raise SauvegardeInvalide(backup, f"{backup.name} contient {len(broken)} référence(s) cassée(s).")


def is_good_backup(backup: Path) -> bool:
    """verify_backup as a yes/no."""
    try:
        verify_backup(backup)
    except SauvegardeInvalide:
        return False
    return True


def newest_good(db_path: Path) -> Backup | None:
    """The newest of db_path's backups that passes verify_backup (each is checked in full)."""
    return next((b for b in list_backups(db_path) if is_good_backup(b.path)), None)


def newest_good_backup(db_path: Path) -> Path | None:
    """The path of the newest verified backup of db_path, or None."""
    found = newest_good(db_path)
    return found.path if found else None


def restore_advice(db_path: Path) -> str:
    """The French sentence a refusal ends with: which verified backup exists and the command to restore it."""
    return advice_for(db_path, newest_good(db_path))


def advice_for(db_path: Path, best: Backup | None) -> str:
    """restore_advice for a backup already found by newest_good (each costs a full integrity check)."""
    if best is None:
        return f"Aucune sauvegarde vérifiée n'a été trouvée dans {backups_dir(Path(db_path))}."
    quand = best.taken_at.astimezone().strftime("%d/%m/%Y à %H:%M")
    return (
        f"La dernière sauvegarde vérifiée date du {quand} ({best.path.name}). Pour la restaurer : "
        f"suivi --db {shlex.quote(str(db_path))} restore (le fichier actuel sera gardé à côté, intact)."
    )


def quarantine(db_path: Path, *, now: dt.datetime | None = None) -> Path:
    """Move a damaged database aside as <name>.corrupt-<AAAAMMJJ-HHMMSS> with its -wal/-shm; never deletes.

    Returns the new name of the database file. Afterwards nothing exists at db_path. Refuses
    (BaseOccupee) while another process has the file open: its writes would follow the file.
    The caller must have closed its own Database first (see instances.opened_elsewhere).
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise BaseInutilisable(db_path, f"{db_path} n'existe pas : rien à mettre de côté.")
    _refuse_if_open(db_path)
    return _keep_aside(db_path, CORRUPT, now, replacement=None)


def restore(db_path: Path, backup: Path, *, now: dt.datetime | None = None) -> Restauration:
    """Make db_path hold the content of a verified backup; the current file is kept aside, never deleted.

    Refuses (SauvegardeInvalide, BaseOccupee: French messages, nothing changed) a backup that does
    not verify, or a database another process has open. A healthy current database is copied
    aside (verified snapshot) and then overwritten through SQLite's backup API, inside SQLite's
    own locking; a damaged or foreign one is renamed aside and the backup's copy takes its name.
    The caller must have closed its own Database on db_path first (the app: before calling this).
    """
    db_path, backup = Path(db_path), Path(backup)
    verify_backup(backup)
    if db_path.exists() and os.path.samefile(db_path, backup):
        raise SauvegardeInvalide(backup, "La sauvegarde choisie est la base elle-même : rien à restaurer.")
    _refuse_if_open(db_path)
    if db_path.exists() and _healthy_suivi(db_path):
        copy = snapshot_file(db_path, _free_name(db_path, BEFORE_RESTORE, now))
        _copy_into(backup, db_path)
        return Restauration(db_path, backup, copy, ancienne_endommagee=False)
    damaged = db_path.exists() and not _readable(db_path)
    kept: Path | None = None
    tmp = temporary_path(db_path)
    try:
        _verified_copy(backup, tmp)
        if db_path.exists() or _companions_exist(db_path):
            kept = _keep_aside(db_path, CORRUPT if damaged else BEFORE_RESTORE, now, replacement=tmp)
        else:
            publish(tmp, db_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return Restauration(db_path, backup, kept, ancienne_endommagee=damaged)


def _refuse_if_open(db_path: Path) -> None:
    pids = other_processes(db_path)
    if pids or (db_path.exists() and opened_elsewhere(db_path)):
        qui = ", ".join(describe_process(p) for p in pids) if pids else "un autre programme"
        raise BaseOccupee(
            db_path,
            f"La base {db_path} est ouverte par {qui} : fermez-le, puis relancez "
            "la restauration. Rien n'a été modifié.",
        )


def _readable(db_path: Path) -> bool:
    try:
        inspect_file(db_path)
    except BaseInutilisable:
        return False
    return True


def _healthy_suivi(db_path: Path) -> bool:
    try:
        return inspect_file(db_path).tables >= CORE_TABLES
    except BaseInutilisable:
        return False


def _copy_into(backup: Path, db_path: Path) -> None:
    """Overwrite db_path's pages with backup's in one step of SQLite's backup API (atomic, locked)."""
    source = sqlite3.connect(sqlite_uri(backup), uri=True)
    target = sqlite3.connect(db_path, isolation_level=None)
    try:
        target.execute("PRAGMA busy_timeout = 5000")
        target.execute("PRAGMA synchronous = FULL")
        source.backup(target, pages=-1)
        if target.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise SauvegardeInvalide(db_path, f"La base restaurée {db_path} ne passe pas le contrôle d'intégrité.")
    finally:
        target.close()
        source.close()


def _verified_copy(backup: Path, tmp: Path) -> None:
    source = sqlite3.connect(sqlite_uri(backup), uri=True)
    try:
        vacuum_into(source, tmp)
    finally:
        source.close()
    if not integrity_ok(tmp):
        raise SauvegardeInvalide(backup, f"La copie de {backup.name} ne passe pas le contrôle d'intégrité.")
    os.chmod(tmp, 0o600)
    fsync_path(tmp)


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _companions_exist(path: Path) -> bool:
    return any(_companion(path, s).exists() for s in COMPANIONS)


def _free_name(db_path: Path, label: str, now: dt.datetime | None) -> Path:
    """<name>.<label>-<stamp>, or -2, -3… so that neither it nor its companions exist yet."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone().strftime(STAMP)
    base = f"{db_path.name}.{label}-{stamp}"
    for n in range(1, 1000):
        candidate = db_path.with_name(base if n == 1 else f"{base}-{n}")
        if not candidate.exists() and not _companions_exist(candidate):
            return candidate
    raise FichierExistant(db_path.with_name(base))


def _keep_aside(db_path: Path, label: str, now: dt.datetime | None, *, replacement: Path | None) -> Path:
    """Rename db_path and its companions aside; if replacement is given it takes db_path's name.

    The database is hard-linked first, so that at every instant db_path names either the old
    file or the replacement; the -wal goes before the old name is released, because a WAL left
    at db_path-wal would be replayed into whatever database appears at db_path next.
    """
    target = _free_name(db_path, label, now)
    linked = db_path.exists() and _link(db_path, target)
    for suffix in COMPANIONS:
        if _companion(db_path, suffix).exists():
            _move(_companion(db_path, suffix), _companion(target, suffix))
    if db_path.exists() and not linked:
        _move(db_path, target)
    if replacement is not None:
        os.replace(replacement, db_path)
    elif linked:
        os.unlink(db_path)
    fsync_dir(db_path.parent)
    return target


def _link(source: Path, target: Path) -> bool:
    """Hard-link source as target (never replacing target); False where links are not supported."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise FichierExistant(target) from None
    except OSError:
        return False
    return True


def _move(source: Path, target: Path) -> None:
    """Rename without clobbering: link + unlink, or a checked rename where links are not supported."""
    if not _link(source, target):
        if target.exists():
            raise FichierExistant(target)
        os.rename(source, target)
        return
    os.unlink(source)
