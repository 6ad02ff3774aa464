"""The subcommands: each module registers one (parser, help with an example, handler)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from suivi_tui.cli_commands import backups, changes, check, demo, export, restore, seance, seed, status

if TYPE_CHECKING:
    from suivi_tui.cli import BaseARestaurer
    from suivi_tui.db.engine import Database

REGISTRY = [seed.register, status.register, check.register, export.register, demo.register, seance.register,
            changes.register, backups.register, restore.register]


def run_default(args: argparse.Namespace) -> int:
    """`suivi` with no command: open the app (seeding the bundled annexe on first run).

    A damaged base with a verified backup gets, in a terminal, a screen that offers to restore it.
    """
    from suivi_tui.cli import BaseARestaurer, avertissement_sauvegarde, open_db
    from suivi_tui.today import today

    restauree = None
    try:  # the UI is imported while SQLite checks the file (see demarrage.py)
        db = open_db(args, create=True, pendant=_importer_ui, sauvegarde_en_fond=True)
    except BaseARestaurer as refus:
        restauree = _proposer_restauration(refus)
        db = open_db(args, sauvegarde_en_fond=True)
    try:
        annonce = " ".join(a for a in (restauree, _seed_if_empty(db)) if a) or None
        from suivi_tui.ui.app import SuiviApp

        SuiviApp(db, today(), annonce=annonce).run()
    finally:
        db.close()
    avertissement = avertissement_sauvegarde(db)
    if avertissement:
        print(f"suivi : attention : {avertissement}", file=sys.stderr)
    return 0


def _importer_ui() -> None:
    # Here only: the other commands never import Textual.
    import suivi_tui.ui.app  # noqa: F401


def _proposer_restauration(refus: BaseARestaurer) -> str:
    """Show the restore screen; the toast text once restored. Re-raises refus when it cannot be offered
    (no verified backup, no terminal to ask in) or the user quits: the base stays as it is."""
    from suivi_tui.cli import EXIT_FAILURE, Sortie

    if refus.sauvegarde is None or not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise refus
    from suivi_tui.ui.screens.restauration import RestaurationApp, annonce_restauration

    app = RestaurationApp(refus.path, refus.raison, refus.sauvegarde)
    fait = app.run()
    if fait is None:
        raise refus
    annonce = annonce_restauration(fait, refus.sauvegarde)
    if app.interrompue:  # the terminal closed during the restore: say what was done, open nothing
        raise Sortie(f"interrompu : {annonce}", EXIT_FAILURE)
    return annonce


def _seed_if_empty(db: Database) -> str | None:
    """Import the bundled annexe into a base that holds no contrat; the toast text the app shows."""
    from suivi_tui.services.contrats import lister_contrats

    if lister_contrats(db):
        return None
    from suivi_tui.services.seed import bundled_annexe, lire_source, seed  # the annexe parser: first run only

    source = bundled_annexe()
    annexe, sha = lire_source(source)
    rapport = seed(db, annexe, source.name, sha)
    return f"Annexe importée : {rapport.contrat_titre} ({rapport.engagements} engagements)."
