"""The command line: parses arguments, calls services, prints French; loads the UI only for the app."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from suivi_tui import __version__
from suivi_tui.cli_french import FrenchParser

if TYPE_CHECKING:
    from suivi_tui.db.engine import Database
    from suivi_tui.db.rolling import Backup

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class Sortie(Exception):
    """Stop the command with this French message and exit code."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class BaseARestaurer(Sortie):
    """A damaged base, refused with the restore advice; the app offers that restore on a screen instead."""

    def __init__(self, message: str, path: Path, raison: str, sauvegarde: Backup | None) -> None:
        super().__init__(message)
        self.path = path
        self.raison = raison  # what is wrong, without the advice
        self.sauvegarde = sauvegarde  # the newest verified backup, None when there is none


def _date_option(value: str) -> dt.date:
    """--today: one day, written as anywhere else (« 15/03/2021 », « 15 mars 2021 », « 2021-03-15 »)."""
    from suivi_tui.dates import DateInvalide, Precision, apercu, parse_date

    try:
        lue = parse_date(value, dt.date.today())
    except DateInvalide as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    if lue.precision is not Precision.JOUR:
        raise argparse.ArgumentTypeError(
            f"« {apercu(value)} » est une période, pas un jour : donnez un jour, "
            "par exemple « 15/03/2021 » ou « 2021-03-15 »"
        )
    return lue.date


# The longest file or folder name the usual filesystems accept (ext4, APFS, NTFS: 255).
NOM_MAX = 255


def chemin_option(value: str) -> str:
    """A path argument, refused in French (exit 2) before anything touches the disk when no system could use it."""
    from suivi_tui.dates import apercu

    if "\x00" in value:
        raise argparse.ArgumentTypeError("un chemin ne peut pas contenir de caractère nul")
    for nom in Path(value).parts:
        if len(os.fsencode(nom)) > NOM_MAX:
            raise argparse.ArgumentTypeError(
                f"le nom « {apercu(nom)} » est trop long pour un nom de fichier ou de dossier "
                f"({len(os.fsencode(nom))} octets ; {NOM_MAX} au plus, une lettre accentuée en comptant deux)"
            )
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="suivi",
        description="Suivi d'un contrat de ville : engagements, échéances, comités techniques.",
        epilog="Exemple : suivi --db ~/antony.db --today 2021-03-15",
    )
    parser.add_argument(
        "--db",
        metavar="CHEMIN",
        type=chemin_option,
        help="la base à utiliser (défaut : $SUIVI_DB, sinon le dossier de données)",
    )
    parser.add_argument(
        "--today",
        metavar="DATE",
        type=_date_option,
        help="la date du jour à utiliser, « 15/03/2021 » ou « 2021-03-15 » (défaut : $SUIVI_TODAY, sinon l'horloge)",
    )
    parser.add_argument(
        "--version", action="version", version=f"suivi {__version__}", help="affiche la version et quitte"
    )
    commands = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE")
    from suivi_tui import cli_commands

    for register in cli_commands.REGISTRY:
        register(commands)
    return parser


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
        from suivi_tui.demarrage import charger_sqlalchemy, inspecter_pendant

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
    from suivi_tui.demarrage import SauvegardeEnFond, sauvegarde_due

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
    from suivi_tui.demarrage import SauvegardeEnFond

    tache = db.avant_ecriture
    if isinstance(tache, SauvegardeEnFond):
        tache.join()
        return tache.avertissement
    return None


# A reader that stops early (`suivi status | head -1`) closes the pipe: the command ends quietly,
# with the code a shell reports for a program stopped by SIGPIPE (128 + 13), like `cat` or `grep`.
EXIT_PIPE_FERME = 141


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(argv)
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # here, not at the interpreter's exit, where it cannot be caught
    except BrokenPipeError:
        # What is still buffered goes nowhere: no second BrokenPipeError, no « Exception ignored ».
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE_FERME


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from suivi_tui.today import set_today

    set_today(args.today)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        from suivi_tui.cli_commands import run_default

        handler = run_default
    from suivi_tui.signals import Interruption, install_signal_handlers

    install_signal_handlers()
    try:
        return handler(args)
    except Sortie as exc:
        print(f"suivi : {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Interruption as exc:
        _say(f"suivi : interrompu ({exc.nom}) ; ce qui a été confirmé est enregistré, le reste est annulé.")
        return int(exc.code)  # type: ignore[arg-type]
    except Exception as exc:  # the last net: a French message, never a traceback
        from suivi_tui.db.errors import EcritureImpossible

        if isinstance(exc, EcritureImpossible):
            print(f"suivi : {exc.message}", file=sys.stderr)
            return EXIT_FAILURE
        raise


def _say(message: str) -> None:
    """Print to stderr if there still is one (after SIGHUP the terminal may be gone)."""
    with contextlib.suppress(OSError):
        print(message, file=sys.stderr)
