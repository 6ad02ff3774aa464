"""Where the data lives: --db, else $SUIVI_DB, else the platform's user data directory."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "suivi"
DB_FILENAME = "suivi.db"
ENV_DB = "SUIVI_DB"

# Folders that a sync client mirrors: a database inside one can be overwritten by another copy.
_SYNCED_MARKERS = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "nextcloud",
    "owncloud",
    "icloud",
    "mobile documents",
    "seafile",
    "pcloud",
    "box sync",
)
_NETWORK_FSTYPES = {
    "nfs",
    "nfs4",
    "cifs",
    "smbfs",
    "smb3",
    "sshfs",
    "fuse.sshfs",
    "afpfs",
    "9p",
    "davfs",
    "fuse.davfs2",
}


def default_data_dir() -> Path:
    """The user data directory (not created here: creating is the caller's decision)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    """--db wins, then $SUIVI_DB, then suivi.db in the user data directory."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    """Backups sit beside the database, in backups/."""
    return db_path.parent / "backups"


def ensure_private_dir(path: Path) -> None:
    """Create a directory (and parents) readable by the user only: notes may name residents."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def storage_warning(db_path: Path) -> str | None:
    """A French warning when the database sits in a cloud-synced folder or on a network share."""
    resolved = str(db_path.resolve()).lower()
    if any(marker in resolved for marker in _SYNCED_MARKERS):
        return (
            "Attention : la base est dans un dossier synchronisé (cloud). Une autre copie peut "
            "l'écraser ; préférez un dossier local et exportez pour partager."
        )
    fstype = _mount_fstype(db_path.resolve())
    if fstype in _NETWORK_FSTYPES:
        return (
            f"Attention : la base est sur un partage réseau ({fstype}). SQLite n'y garantit pas "
            "le verrouillage ; préférez un disque local."
        )
    return None


def _mount_fstype(path: Path) -> str | None:
    """The filesystem type of the longest mount point containing path (Linux only)."""
    try:
        lines = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, best_type = "", None
    for line in lines:
        fields = line.split()
        if len(fields) >= 3 and str(path).startswith(fields[1]) and len(fields[1]) > len(best):
            best, best_type = fields[1], fields[2]
    return best_type
