"""`suivi backups`: the database's backups, newest first, each checked (date, size, verified or not)."""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from suivi_tui.cli.commands.common import add_command
from suivi_tui.texte import taille


def register(commands: Any) -> None:
    add_command(
        commands,
        "backups",
        "lister les sauvegardes de la base : date, taille, vérifiée ou non",
        "suivi --db antony.db backups",
        run_backups,
    )


def run_backups(args: argparse.Namespace) -> int:
    # The database is not opened: the listing must work when it is damaged, to choose what to restore.
    from suivi_tui.db.recovery import is_good_backup
    from suivi_tui.db.rolling import KEEP, list_backups
    from suivi_tui.paths import backups_dir, resolve_db_path

    path = resolve_db_path(args.db)
    folder = backups_dir(path)
    backups = list_backups(path)
    if not backups:
        print(f"Aucune sauvegarde de {path} dans {folder}.")
        print("suivi en fait une automatiquement, au plus toutes les 12 heures, quand il modifie la base.")
        return 0
    print(f"Sauvegardes de {path}, dans {folder} :")
    print(f"  {'n°':>3}  {'prise le':<16}  {'taille':>7}  {'genre':<20}  {'état':<11}  fichier")
    for rang, backup in enumerate(backups, start=1):
        quand = backup.taken_at.astimezone().strftime("%d/%m/%Y %H:%M")
        etat = "vérifiée" if is_good_backup(backup.path) else "ENDOMMAGÉE"
        print(f"  {rang:>3}  {quand:<16}  {taille(backup.size):>7}  {backup.kind:<20}  {etat:<11}  {backup.path.name}")
    db = shlex.quote(str(path))
    print(f"\nLes {KEEP} plus récentes sauvegardes automatiques sont gardées ; celles d'avant migration, toutes.")
    print(f"Restaurer la plus récente vérifiée : suivi --db {db} restore ; une autre : suivi --db {db} restore N°")
    return 0
