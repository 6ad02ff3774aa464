"""`suivi`: builds the parser (the subcommands register themselves), runs the command, turns refusals into exit codes.

Parsing loads neither SQLAlchemy nor Textual: each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence

from suivi_tui import __version__
from suivi_tui.cli import commands as sous_commandes
from suivi_tui.cli.commands.app import run_app
from suivi_tui.cli.french import FrenchParser
from suivi_tui.cli.options import chemin_option, date_option
from suivi_tui.cli.sortie import EXIT_FAILURE, EXIT_INTERROMPU, EXIT_PIPE_FERME, Sortie


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
        type=date_option,
        help="la date du jour à utiliser, « 15/03/2021 » ou « 2021-03-15 » (défaut : $SUIVI_TODAY, sinon l'horloge)",
    )
    parser.add_argument(
        "--version", action="version", version=f"suivi {__version__}", help="affiche la version et quitte"
    )
    commands = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE")
    for register in sous_commandes.REGISTRY:
        register(commands)
    return parser


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
        handler = run_app
    from suivi_tui.signals import Interruption, install_signal_handlers

    install_signal_handlers()
    try:
        return handler(args)
    except Sortie as exc:
        print(f"suivi : {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return EXIT_INTERROMPU
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
