"""`suivi restore [SAUVEGARDE]`: put a verified backup back in place; the current file is kept aside."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from suivi_tui.cli.commands.common import add_command
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.sortie import EXIT_FAILURE, Sortie


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "restore",
        "restaurer une sauvegarde vérifiée (le fichier actuel est gardé à côté, jamais effacé)",
        "suivi --db antony.db restore   (ou : restore 2, restore antony-20210315-093000.db)",
        run_restore,
    )
    parser.add_argument(
        "sauvegarde",
        nargs="?",
        metavar="SAUVEGARDE",
        type=chemin_option,
        help="le n° affiché par « suivi backups », un nom de fichier de backups/ ou un chemin "
        "(défaut : la plus récente qui passe le contrôle d'intégrité)",
    )


def run_restore(args: argparse.Namespace) -> int:
    # The database is not opened: restoring is what one does when it cannot be.
    from suivi_tui.db.errors import BaseOccupee, SauvegardeInvalide
    from suivi_tui.db.recovery import restore
    from suivi_tui.paths import resolve_db_path

    path = resolve_db_path(args.db)
    backup = _choose(path, args.sauvegarde)
    try:
        fait = restore(path, backup)
    except SauvegardeInvalide as exc:
        raise Sortie(f"{exc.message} Rien n'a été modifié.") from None
    except BaseOccupee as exc:
        raise Sortie(exc.message, EXIT_FAILURE) from None
    except OSError as exc:
        raise Sortie(
            f"La restauration a échoué ({exc.strerror or exc}) ; vérifiez l'état avec : suivi --db {path} check",
            EXIT_FAILURE,
        ) from None
    print(f"Base {path} restaurée depuis {_describe(path, backup)}.")
    if fait.ancienne is not None:
        etat = "endommagé, " if fait.ancienne_endommagee else ""
        print(f"L'ancien fichier ({etat}intact) est gardé à côté : {fait.ancienne}")
    return 0


def _choose(path: Path, wanted: str | None) -> Path:
    from suivi_tui.db.recovery import newest_good_backup
    from suivi_tui.db.rolling import list_backups
    from suivi_tui.paths import backups_dir

    if wanted is None:
        found = newest_good_backup(path)
        if found is None:
            raise Sortie(
                f"Aucune sauvegarde vérifiée de {path} dans {backups_dir(path)} : rien n'a été restauré.", EXIT_FAILURE
            )
        return found
    if wanted.isdigit():
        backups = list_backups(path)
        if not 1 <= int(wanted) <= len(backups):
            raise Sortie(
                f"Pas de sauvegarde n°{wanted} : « suivi --db {path} backups » les liste ({len(backups)} en tout)."
            )
        return backups[int(wanted) - 1].path
    for candidate in (Path(wanted).expanduser(), backups_dir(path) / wanted):
        if candidate.is_file():
            return candidate
    raise Sortie(f"Sauvegarde introuvable : {wanted} (ni un fichier, ni un nom de {backups_dir(path)}).")


def _describe(path: Path, backup: Path) -> str:
    from suivi_tui.db.rolling import list_backups

    for listed in list_backups(path):
        if listed.path.resolve() == backup.resolve():
            quand = listed.taken_at.astimezone().strftime("%d/%m/%Y à %H:%M")
            return f"{backup.name} (sauvegarde du {quand})"
    return str(backup)
