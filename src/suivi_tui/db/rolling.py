"""Rolling backups in backups/ beside the database: a verified snapshot every 12 hours, 7 kept."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from suivi_tui.atomic import FichierExistant, fsync_dir
from suivi_tui.db.backup import SnapshotInvalide, snapshot_file
from suivi_tui.db.errors import SauvegardeImpossible
from suivi_tui.paths import backups_dir, ensure_private_dir

INTERVAL = dt.timedelta(hours=12)
KEEP = 7
STAMP = "%Y%m%d-%H%M%S"
# A backup stamped a little in the future (clocks of two machines, a clock set back) still counts.
CLOCK_SKEW = dt.timedelta(minutes=5)

ROLLING, MIGRATION = "automatique", "avant migration"


@dataclass(frozen=True)
class Backup:
    """One backup file of a database: when it was taken, what kind, how big."""

    path: Path
    taken_at: dt.datetime  # timezone-aware
    kind: str  # ROLLING or MIGRATION
    size: int


def rolling_name(db_path: Path, when: dt.datetime) -> str:
    """<stem>-AAAAMMJJ-HHMMSS.db, in local time (what the coordinator reads in the folder)."""
    return f"{db_path.stem}-{when.astimezone().strftime(STAMP)}.db"


def _patterns(db_path: Path) -> list[tuple[re.Pattern[str], str]]:
    stem = re.escape(db_path.stem)
    return [
        (re.compile(rf"^{stem}-(\d{{8}}-\d{{6}})(?:-\d+)?\.db$"), ROLLING),
        # opening.migrate names them <stem>-avant-migration-v<N>-<UTC stamp>[-n].db (backup.free_name)
        (re.compile(rf"^{stem}-avant-migration-v\d+-(\d{{8}}T\d{{6}}Z)(?:-\d+)?\.db$"), MIGRATION),
    ]


def _parse_stamp(stamp: str) -> dt.datetime | None:
    try:
        if stamp.endswith("Z"):
            return dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        return dt.datetime.strptime(stamp, STAMP).astimezone()  # naive local time -> aware
    except ValueError:
        return None


def list_backups(db_path: Path) -> list[Backup]:
    """This database's backups (rolling and pre-migration), newest first; other files are ignored."""
    folder = backups_dir(Path(db_path))
    patterns = _patterns(Path(db_path))
    found = []
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        for pattern, kind in patterns:
            match = pattern.match(entry.name)
            when = _parse_stamp(match.group(1)) if match else None
            if when is not None and entry.is_file():
                found.append(Backup(Path(entry.path), when, kind, entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def is_due(db_path: Path, *, now: dt.datetime | None = None) -> bool:
    """True when no backup of this database was taken in the last 12 hours."""
    now = now or dt.datetime.now(dt.UTC)
    return not any(-CLOCK_SKEW <= now - b.taken_at < INTERVAL for b in list_backups(db_path))


def backup_if_due(db_path: Path, *, now: dt.datetime | None = None) -> Path | None:
    """Take a verified rolling backup if none is younger than 12 hours, then keep the 7 newest.

    Returns the new backup, or None when none was due (or another process took it this very
    second). Costs one directory listing when a recent backup exists. Raises
    SauvegardeImpossible (a French message) when the backup cannot be written; the database
    itself is never touched.
    """
    db_path = Path(db_path)
    now = now or dt.datetime.now(dt.UTC)
    if not is_due(db_path, now=now):
        return None
    folder = backups_dir(db_path)
    try:
        ensure_private_dir(folder)
        target = snapshot_file(db_path, folder / rolling_name(db_path, now))
    except FichierExistant:
        return None
    except (OSError, sqlite3.Error, SnapshotInvalide) as exc:
        raise SauvegardeImpossible(_describe_failure(exc, folder)) from exc
    prune(db_path)
    return target


def prune(db_path: Path, *, keep: int = KEEP) -> list[Path]:
    """Delete the rolling backups beyond the `keep` newest; pre-migration backups are never touched."""
    rolling = [b for b in list_backups(db_path) if b.kind == ROLLING]
    removed = []
    for old in rolling[keep:]:
        with contextlib.suppress(FileNotFoundError):  # another process pruned it first
            old.path.unlink()
            removed.append(old.path)
    if removed:
        fsync_dir(removed[0].parent)
    return removed


def _describe_failure(exc: BaseException, folder: Path) -> str:
    text = str(exc).lower()
    if isinstance(exc, PermissionError):
        cause = f"accès refusé au dossier {folder}"
    elif "full" in text or "disk i/o" in text or "no space" in text or "too large" in text:
        cause = "le disque est plein ou le fichier dépasse la taille permise"
    else:
        cause = str(exc)
    return (
        f"La sauvegarde automatique n'a pas pu être faite ({cause}). "
        "La base n'a pas été touchée ; libérez de la place ou vérifiez les droits du dossier."
    )
