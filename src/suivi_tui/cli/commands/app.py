"""`suivi` with no command: the app, after the checks it needs (a terminal, the base's folder, a damaged base)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from suivi_tui.cli.ouverture import BaseARestaurer, avertissement_sauvegarde, open_db, refuser_lecture_seule
from suivi_tui.cli.sortie import EXIT_FAILURE, Sortie

if TYPE_CHECKING:
    from suivi_tui.db.database import Database


def run_app(args: argparse.Namespace) -> int:
    """`suivi` with no command: open the app (seeding the bundled annexe on first run).

    A damaged base with a verified backup gets, in a terminal, a screen that offers to restore it.
    """
    from suivi_tui.today import today

    nouvelle = _verifier_lancement(args)
    restauree = None
    try:  # the UI is imported while SQLite checks the file (see demarrage.py)
        db = open_db(args, create=True, pendant=_importer_ui, sauvegarde_en_fond=True)
    except BaseARestaurer as refus:
        restauree = _proposer_restauration(refus)
        db = open_db(args, sauvegarde_en_fond=True)
    try:
        creee = f"Nouvelle base créée : {db.path}." if nouvelle else None
        annonce = " ".join(a for a in (restauree, creee, _seed_if_empty(db)) if a) or None
        from suivi_tui.ui.app import SuiviApp

        SuiviApp(db, today(), annonce=annonce).run()
    finally:
        db.close()
    avertissement = avertissement_sauvegarde(db)
    if avertissement:
        print(f"suivi : attention : {avertissement}", file=sys.stderr)
    return 0


def _verifier_lancement(args: argparse.Namespace) -> bool:
    """Refuse, before creating anything, what the app cannot honour; True when it will create a new base.

    Without a terminal (input or output redirected) the app could only hang and write escape codes.
    A base named by --db or $SUIVI_DB in a folder that does not exist is a typo far more often than
    a wish: only the default location is created silently.
    """
    from suivi_tui.paths import ENV_DB, resolve_db_path

    path = resolve_db_path(args.db)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        if path.exists():  # what is wrong with the base is worth more than « use a terminal »
            refuser_lecture_seule(path)
            open_db(args, readonly=True).close()  # a damaged base: its restore advice; nothing written
        raise Sortie(
            "l'application s'ouvre dans un terminal, or l'entrée ou la sortie est redirigée : "
            "lancez « suivi » dans un terminal, ou utilisez « suivi status » pour un état imprimable. "
            "Rien n'a été créé ni modifié."
        )
    if path.exists():
        return False
    if (args.db or os.environ.get(ENV_DB)) and not path.parent.is_dir():
        raise Sortie(
            f"Aucune base à {path}, et le dossier {path.parent} n'existe pas : rien n'a été créé. "
            f"Vérifiez le chemin, ou créez la base avec : suivi --db {path} seed"
        )
    return True


def _importer_ui() -> None:
    # Here only: the other commands never import Textual.
    import suivi_tui.ui.app  # noqa: F401


def _proposer_restauration(refus: BaseARestaurer) -> str:
    """Show the restore screen; the toast text once restored. Re-raises refus when it cannot be offered
    (no verified backup, no terminal to ask in) or the user quits: the base stays as it is."""

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
