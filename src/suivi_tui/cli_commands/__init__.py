"""The subcommands: each module registers one (parser, help with an example, handler)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from suivi_tui.cli_commands import backups, changes, check, demo, export, restore, seance, seed, status

if TYPE_CHECKING:
    from suivi_tui.db.engine import Database

REGISTRY = [seed.register, status.register, check.register, export.register, demo.register, seance.register,
            changes.register, backups.register, restore.register]


def run_default(args: argparse.Namespace) -> int:
    """`suivi` with no command: open the app (seeding the bundled annexe on first run)."""
    from suivi_tui.cli import open_db
    from suivi_tui.today import today

    db = open_db(args, create=True)
    try:
        annonce = _seed_if_empty(db)
        from suivi_tui.ui.app import SuiviApp  # loaded here only: the other commands never import Textual

        SuiviApp(db, today(), annonce=annonce).run()
    finally:
        db.close()
    return 0


def _seed_if_empty(db: Database) -> str | None:
    """Import the bundled annexe into a base that holds no contrat; the toast text the app shows."""
    from suivi_tui.services.contrats import lister_contrats
    from suivi_tui.services.seed import bundled_annexe, lire_source, seed

    if lister_contrats(db):
        return None
    source = bundled_annexe()
    annexe, sha = lire_source(source)
    rapport = seed(db, annexe, source.name, sha)
    return f"Annexe importée : {rapport.contrat_titre} ({rapport.engagements} engagements)."
