"""The command line: parses arguments, calls services, prints French; loads the UI only for the app."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from suivi_tui import __version__
from suivi_tui.cli_french import FrenchParser

if TYPE_CHECKING:
    from suivi_tui.db.engine import Database

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class Sortie(Exception):
    """Stop the command with this French message and exit code."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _date_option(value: str) -> dt.date:
    from suivi_tui.dates import DateInvalide, parse_iso

    try:
        return parse_iso(value)
    except DateInvalide as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="suivi",
        description="Suivi d'un contrat de ville : engagements, échéances, comités techniques.",
        epilog="Exemple : suivi --db ~/antony.db --today 2021-03-15",
    )
    parser.add_argument("--db", metavar="CHEMIN", help="la base à utiliser (défaut : $SUIVI_DB, sinon le dossier de données)")
    parser.add_argument("--today", metavar="AAAA-MM-JJ", type=_date_option,
                        help="la date du jour à utiliser (défaut : $SUIVI_TODAY, sinon l'horloge)")
    parser.add_argument("--version", action="version", version=f"suivi {__version__}",
                        help="affiche la version et quitte")
    commands = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE")
    from suivi_tui import cli_commands

    for register in cli_commands.REGISTRY:
        register(commands)
    return parser


def open_db(args: argparse.Namespace, *, create: bool = False, readonly: bool = False) -> Database:
    """Open the database named by --db / $SUIVI_DB / the data dir; Sortie(2) with the reason if unusable."""
    from suivi_tui.db.errors import BaseInutilisable
    from suivi_tui.db.opening import open_database
    from suivi_tui.paths import resolve_db_path

    path = resolve_db_path(args.db)
    if not create and not path.exists():
        raise Sortie(f"Aucune base à {path}. Créez-la avec : suivi --db {path} seed", EXIT_FAILURE)
    try:
        return open_database(path, create=create, readonly=readonly)
    except BaseInutilisable as exc:
        raise Sortie(exc.message) from None
    except PermissionError as exc:
        raise Sortie(f"Accès refusé à {path} ({exc.strerror}).") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from suivi_tui.today import set_today

    set_today(args.today)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        from suivi_tui.cli_commands import run_default

        handler = run_default
    try:
        return handler(args)
    except Sortie as exc:
        print(f"suivi : {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last net: a French message, never a traceback
        from suivi_tui.db.errors import EcritureImpossible

        if isinstance(exc, EcritureImpossible):
            print(f"suivi : {exc.message}", file=sys.stderr)
            return EXIT_FAILURE
        raise

