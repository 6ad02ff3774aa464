"""Exports for colleagues (SQLite, XLSX, CSV, report, calendar): one entry point, safe by default.

Kept import-light: `suivi` parses its arguments with this module loaded, so the writers (and
XlsxWriter, icalendar, SQLAlchemy) are imported only when an export actually runs.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from suivi_tui.atomic import CibleSpeciale, FichierExistant, refuse_special_target, staged_file
from suivi_tui.dates import apercu
from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.services.export.demande import (
    EXTENSIONS,
    FORMATS,
    NOMS_FORMATS,
    TABLES_CSV,
    UNITES,
    DemandeExport,
    ExportImpossible,
    ExportInvalide,
    Progression,
    ResultatExport,
    format_demande,
    format_depuis_extension,
)

if TYPE_CHECKING:
    from suivi_tui.db.database import Database

# The package is the entry point: callers import from it, the writers from .demande.
__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "NOMS_FORMATS",
    "TABLES_CSV",
    "UNITES",
    "DemandeExport",
    "ExportImpossible",
    "ExportInvalide",
    "Progression",
    "ResultatExport",
    "decrire_echec",
    "exporter",
    "format_demande",
    "format_depuis_extension",
    "verifier_demande",
]


def verifier_demande(db: Database, demande: DemandeExport) -> tuple[str, Path]:
    """Check everything that does not need the data: format, table, folder, target. Nothing is written."""
    fmt = format_demande(demande)
    if demande.table not in TABLES_CSV:
        raise ExportInvalide(f"Table « {demande.table} » inconnue ; tables possibles : {', '.join(TABLES_CSV)}.")
    if demande.table != "engagements" and fmt != "csv":
        raise ExportInvalide("Le choix d'une table (--table) ne vaut que pour l'export CSV.")
    if demande.pour is not None:
        _verifier_fiche(demande, fmt)
    try:
        chemin = Path(demande.chemin).expanduser().absolute()
        _verifier_cible(db, chemin, demande.force)
    except (OSError, ValueError) as exc:  # a name too long, a NUL in it: the system refuses the path itself
        if isinstance(exc, (FichierExistant, ExportInvalide)):
            raise
        raise ExportInvalide(
            f"Le chemin « {apercu(str(demande.chemin))} » est inutilisable ({_raison(exc)}) : choisissez un autre nom."
        ) from None
    return fmt, chemin


def _verifier_fiche(demande: DemandeExport, fmt: str) -> None:
    if fmt not in ("xlsx", "csv"):
        raise ExportInvalide(
            f"Une fiche de suivi (--pour) s'écrit en classeur .xlsx ou en .csv, pas en {fmt} : "
            "changez l'extension du fichier."
        )
    if demande.inclure_confidentiel:
        raise ExportInvalide(
            "Une fiche de suivi part chez un partenaire : elle ne contient jamais de note confidentielle "
            "(retirez --include-confidential)."
        )
    if demande.table != "engagements":
        raise ExportInvalide("Une fiche de suivi (--pour) a ses propres colonnes : --table ne s'y applique pas.")


def _raison(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        return "nom trop long"
    if isinstance(exc, ValueError):
        return "caractère nul"
    return getattr(exc, "strerror", None) or str(exc)


def _verifier_cible(db: Database, chemin: Path, force: bool) -> None:
    dossier = chemin.parent
    if not dossier.exists():
        raise ExportInvalide(f"Le dossier {dossier} n'existe pas : créez-le ou choisissez-en un autre.")
    if not dossier.is_dir():
        raise ExportInvalide(f"{dossier} n'est pas un dossier : choisissez un autre emplacement.")
    if not os.access(dossier, os.W_OK | os.X_OK):
        raise ExportInvalide(f"Le dossier {dossier} n'est pas accessible en écriture : choisissez-en un autre.")
    try:
        refuse_special_target(chemin)
    except CibleSpeciale as exc:
        raise ExportInvalide(exc.message) from None
    if chemin.is_dir():
        raise ExportInvalide(
            f"{chemin} est un dossier : donnez un nom de fichier, par exemple {chemin / 'suivi.xlsx'}."
        )
    if _meme_fichier(chemin, Path(db.path)):
        raise ExportInvalide(f"{chemin} est la base ouverte elle-même : choisissez un autre nom pour l'export.")
    if chemin.exists() and not force:
        raise FichierExistant(chemin)


def _meme_fichier(chemin: Path, base: Path) -> bool:
    base = base.expanduser().absolute()
    voisins = {base, base.with_name(base.name + "-wal"), base.with_name(base.name + "-shm")}
    if chemin in voisins or chemin.resolve() in {v.resolve() for v in voisins}:
        return True
    try:
        return chemin.exists() and os.path.samefile(chemin, base)
    except OSError:
        return False


def exporter(
    db: Database, demande: DemandeExport, today: date, progression: Progression | None = None
) -> ResultatExport:
    """Write the export the request asks for; ExportInvalide, FichierExistant or ExportImpossible otherwise."""
    avancer = progression or (lambda _fraction: None)
    fmt, chemin = verifier_demande(db, demande)
    avancer(0.0)
    try:
        if demande.pour is not None:
            return _exporter_fiche(db, demande, fmt, chemin, today, avancer)
        if fmt == "sqlite":
            lignes, exclues, contrats = _exporter_sqlite(db, demande, chemin, avancer)
        else:
            lignes, exclues, contrats = _exporter_donnees(db, demande, fmt, chemin, today, avancer)
    except ErreurSuivi:  # already a French refusal or failure (a target that exists, a bad request...)
        raise
    except (OSError, sqlite3.Error) as exc:
        raise ExportImpossible(decrire_echec(exc, chemin)) from exc
    except Exception as exc:
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):
            raise ExportImpossible(decrire_echec(exc, chemin)) from exc
        raise
    avancer(1.0)
    return ResultatExport(chemin, fmt, chemin.stat().st_size, lignes, demande.inclure_confidentiel, exclues, contrats)


def _exporter_sqlite(
    db: Database, demande: DemandeExport, chemin: Path, avancer: Progression
) -> tuple[int, int, tuple[str, ...]]:
    from suivi_tui.services.export import snapshot

    with staged_file(chemin, force=demande.force) as tmp:
        resultat = snapshot.ecrire(
            db, tmp, contrat_id=demande.contrat_id, inclure_confidentiel=demande.inclure_confidentiel, avancer=avancer
        )
        os.chmod(tmp, 0o600)
    return resultat


_ECRIVAINS = {"xlsx": "classeur", "csv": "tableur_csv", "md": "rapport_md", "html": "rapport_html", "ics": "calendrier"}


def _exporter_donnees(
    db: Database, demande: DemandeExport, fmt: str, chemin: Path, today: date, avancer: Progression
) -> tuple[int, int, tuple[str, ...]]:
    from suivi_tui.services.export.donnees import charger

    donnees = charger(db, demande.contrat_id, today, inclure_confidentiel=demande.inclure_confidentiel)
    avancer(0.3)
    module = import_module(f"suivi_tui.services.export.{_ECRIVAINS[fmt]}")
    with staged_file(chemin, force=demande.force) as tmp:
        lignes: int = module.ecrire(donnees, tmp, table=demande.table)
        os.chmod(tmp, 0o600)
        avancer(0.9)
    return lignes, donnees.notes_exclues, (donnees.contrat.titre,)


def _exporter_fiche(
    db: Database, demande: DemandeExport, fmt: str, chemin: Path, today: date, avancer: Progression
) -> ResultatExport:
    from suivi_tui.services.export import fiche

    assert demande.pour is not None
    donnees = fiche.preparer(db, demande.contrat_id, demande.pour, today)
    if not donnees.lignes:
        raise ExportInvalide(f"Aucun engagement pour {donnees.destinataire} : la fiche serait vide.")
    avancer(0.3)
    with staged_file(chemin, force=demande.force) as tmp:
        lignes = fiche.ecrire(donnees, fmt, tmp)
        os.chmod(tmp, 0o600)
    avancer(1.0)
    return ResultatExport(
        chemin, fmt, chemin.stat().st_size, lignes, False, 0, (donnees.meta.contrat_titre,), str(donnees.destinataire)
    )


def decrire_echec(exc: BaseException, chemin: Path) -> str:
    """A French sentence for a failed write, saying that nothing was left behind."""
    fin = "l'export n'a pas été écrit et aucun fichier partiel n'est resté."
    code = getattr(exc, "errno", None)
    texte = str(getattr(exc, "orig", None) or exc).lower()
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) or "disk is full" in texte or "too large" in texte:
        return (
            f"Le disque est plein (ou le fichier dépasse la taille permise) : {fin} "
            "Libérez de la place puis recommencez."
        )
    if "disk i/o error" in texte:
        return f"Erreur d'écriture sur le disque (disque plein ou support défaillant) : {fin}"
    if code in (errno.EACCES, errno.EPERM):
        return f"Accès refusé dans le dossier {chemin.parent} : {fin} Choisissez un autre dossier."
    if code == errno.EROFS:
        return f"Le dossier {chemin.parent} est en lecture seule : {fin}"
    if code in (errno.ENOENT, errno.ENOTDIR):
        return f"Le dossier {chemin.parent} a disparu pendant l'export : {fin}"
    raison = getattr(exc, "strerror", None) or str(exc)
    return f"Écriture impossible de {chemin} ({raison}) : {fin}"
