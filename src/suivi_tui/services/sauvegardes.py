"""Backups as the app offers them on a damaged base: what kind each is, and putting one back in French.

The app reaches db.recovery and db.rolling only through here (an import-linter contract says so).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from suivi_tui.atomic import FichierExistant
from suivi_tui.db.errors import BaseInutilisable
from suivi_tui.db.recovery import CORRUPT, Restauration, restore
from suivi_tui.db.rolling import ROLLING, Backup
from suivi_tui.erreurs import ErreurSuivi

__all__ = ["Backup", "Restauration", "RestaurationImpossible", "genre", "nom_garde", "restaurer"]


class RestaurationImpossible(ErreurSuivi):
    """The restore did not happen (or failed midway); message says what, and what to do."""


def genre(sauvegarde: Backup) -> str:
    """« sauvegarde automatique » or « sauvegarde d'avant migration »."""
    return "sauvegarde automatique" if sauvegarde.kind == ROLLING else "sauvegarde d'avant migration"


def nom_garde(base: Path) -> str:
    """The name the damaged file is kept under, beside the restored base (the date is the restore's)."""
    return f"{base.name}.{CORRUPT}-<date>"


def restaurer(base: Path, sauvegarde: Backup) -> Restauration:
    """Put the backup back in place of base; RestaurationImpossible with the French reason otherwise."""
    try:
        return restore(base, sauvegarde.path)
    except (BaseInutilisable, FichierExistant) as exc:  # SauvegardeInvalide, BaseOccupee: nothing changed
        message = str(exc)
        raise RestaurationImpossible(
            message if "Rien n'a été modifié" in message else f"{message} Rien n'a été modifié."
        ) from exc
    except (OSError, sqlite3.Error) as exc:
        raison = getattr(exc, "strerror", None) or exc
        raise RestaurationImpossible(
            f"La restauration a échoué ({raison}) ; vérifiez l'état avec : suivi --db {base} check"
        ) from exc
