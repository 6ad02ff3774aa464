"""Opening the base for a command: which file, read-only or not, refused in French when unusable, backed up."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from suivi_tui.cli.sortie import Sortie

if TYPE_CHECKING:
    from suivi_tui.db.database import Database
    from suivi_tui.db.rolling import Backup


class BaseARestaurer(Sortie):
    """A damaged base, refused with the restore advice; the app offers that restore on a screen instead."""

    def __init__(self, message: str, path: Path, raison: str, sauvegarde: Backup | None) -> None:
        super().__init__(message)
        self.path = path
        self.raison = raison  # what is wrong, without the advice
        self.sauvegarde = sauvegarde  # the newest verified backup, None when there is none


# Commands that never write to the database: no rolling backup (they stay fast), and the base is
# opened read-only, without a trace: its bytes and its folder stay as they were (a base of an
# older schema excepted: it is migrated, with its backup, as at every first opening).
READ_ONLY_COMMANDS = frozenset({"status", "check", "changes", "seance", "export"})


def open_db(
    args: argparse.Namespace,
    *,
    create: bool = False,
    readonly: bool = False,
    pendant: Callable[[], None] | None = None,
    sauvegarde_en_fond: bool = False,
    en_memoire: bool = False,
) -> Database:
    """Open the database named by --db / $SUIVI_DB / the data dir; Sortie(2) with the reason if unusable.

    A damaged file is refused (never modified) with the command that restores the newest verified
    backup; a command that writes takes the rolling backup when one is due. The file is checked in
    a thread while pendant (the app's imports; by default SQLAlchemy's) runs, see demarrage.py; for
    the app the backup can be taken in a thread too, every write of the Database waiting for it.
    en_memoire: a private copy in memory, of the base or of a new one (a dry run): nothing is written.
    """
    from suivi_tui.db.opening import open_database
    from suivi_tui.paths import resolve_db_path

    path = resolve_db_path(args.db)
    existed = path.exists()
    if en_memoire:
        with _refus_en_francais(path):
            from suivi_tui.db.opening import open_in_memory

            return open_in_memory(path if existed else None)
    if not create and not existed:
        raise Sortie(f"Aucune base à {path}. Créez-la avec : suivi --db {path} seed")
    writes = not readonly and getattr(args, "command", None) not in READ_ONLY_COMMANDS
    if writes and existed:
        refuser_lecture_seule(path)
    with _refus_en_francais(path):
        from suivi_tui.cli.demarrage import charger_sqlalchemy, inspecter_pendant

        inspection = None
        if existed:
            inspection = inspecter_pendant(path, pendant or charger_sqlalchemy)
            readonly = readonly or (not writes and not _a_migrer(path, inspection.user_version))
        elif pendant is not None:
            pendant()
        db = open_database(path, create=create, readonly=readonly, inspection=inspection)
    if writes and existed:
        _rolling_backup(db, en_fond=sauvegarde_en_fond)
    return db


@contextlib.contextmanager
def _refus_en_francais(path: Path) -> Iterator[None]:
    """What makes a base unusable, as Sortie(2): a damaged one with the command that restores its backup."""
    from suivi_tui.db.errors import BaseEndommagee, BaseInutilisable, BasePasSuivi

    try:
        yield
    except (BaseEndommagee, BasePasSuivi) as exc:
        from suivi_tui.db.recovery import advice_for, newest_good
        from suivi_tui.db.rolling import list_backups

        # A text file with no backups beside it is someone else's file: no advice to restore over it.
        if isinstance(exc, BaseEndommagee) or list_backups(path):
            best = newest_good(path)
            raise BaseARestaurer(f"{exc.message} {advice_for(path, best)}", path, exc.message, best) from None
        raise Sortie(exc.message) from None
    except BaseInutilisable as exc:
        raise Sortie(exc.message) from None
    except PermissionError as exc:
        raise Sortie(f"Accès refusé à {path} ({exc.strerror}).") from None


def refuser_lecture_seule(path: Path) -> None:
    """Sortie(2) when suivi could not write to the base: refused up front, before any change is typed."""
    if not _writable(path):
        raise Sortie(
            f"La base {path} est en lecture seule (droits du fichier ou du dossier) : "
            "suivi ne peut rien y enregistrer. Rien n'a été modifié."
        )


def _a_migrer(path: Path, version: int) -> bool:
    """A base of an older schema is migrated at its first opening, even by a command that only reads."""
    from suivi_tui.db.schema import schema_version

    return version < schema_version() and _writable(path)


def _writable(path: Path) -> bool:
    # SQLite in WAL mode also creates -wal and -shm files beside the database.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _rolling_backup(db: Database, *, en_fond: bool) -> None:
    """Take the 12-hourly backup; a failure is a warning, not a refusal (the data is untouched)."""
    from suivi_tui.cli.demarrage import SauvegardeEnFond, sauvegarde_due

    if not sauvegarde_due(db.path):
        return
    sauvegarde = SauvegardeEnFond(db.path)
    if en_fond:
        db.retenir_ecritures(sauvegarde)
        return
    sauvegarde.run()
    if sauvegarde.avertissement:
        print(f"suivi : attention : {sauvegarde.avertissement}", file=sys.stderr)


def avertissement_sauvegarde(db: Database) -> str | None:
    """What went wrong with a backup taken in a thread (once the app is closed: it waits for it)."""
    from suivi_tui.cli.demarrage import SauvegardeEnFond

    tache = db.avant_ecriture
    if isinstance(tache, SauvegardeEnFond):
        tache.join()
        return tache.avertissement
    return None
