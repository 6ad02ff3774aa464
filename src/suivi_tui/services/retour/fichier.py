"""Opening a returned fiche: the file checked (a regular file, not empty, not huge), its format found, read.

The file is read once, into memory, and never written: a re-save by openpyxl would drop what
Excel keeps in its extensions (the statut drop-down among them).
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import replace
from pathlib import Path

from suivi_tui.services.retour.lecture import FicheIllisible, FicheLue

TAILLE_MAX = 20 * 1024 * 1024  # a fiche is a few dozen KB; a bigger file is not one


def lire_fiche(chemin: Path) -> FicheLue:
    """Read a returned fiche; FicheIllisible (French, whole file refused) when it is not one."""
    donnees = _octets(chemin)
    nom = chemin.name
    suffixe = chemin.suffix.lower()
    if suffixe in (".ods", ".xls"):
        genre = "OpenDocument (.ods)" if suffixe == ".ods" else "Excel 97-2003 (.xls)"
        raise FicheIllisible(
            f"{nom} est au format {genre} : ouvrez-le et enregistrez-le au format Excel (.xlsx), puis importez ce "
            "fichier-là."
        )
    if donnees.startswith(b"PK\x03\x04"):
        from suivi_tui.services.retour import lecture_xlsx

        fiche = lecture_xlsx.lire(donnees, nom)
    elif suffixe in (".xlsx", ".xlsm"):
        raise FicheIllisible(f"{nom} n'est pas un classeur Excel lisible (fichier abîmé, ou d'un autre format).")
    else:
        from suivi_tui.services.retour import lecture_csv

        fiche = lecture_csv.lire(donnees, nom)
    return replace(fiche, sha256=hashlib.sha256(donnees).hexdigest())


def _octets(chemin: Path) -> bytes:
    try:
        etat = chemin.stat()
    except FileNotFoundError:
        raise FicheIllisible(f"Le fichier {chemin} n'existe pas.") from None
    except OSError as exc:
        raise FicheIllisible(f"Le fichier {chemin} est illisible ({exc.strerror}).") from None
    if not stat.S_ISREG(etat.st_mode):
        quoi = "un dossier" if stat.S_ISDIR(etat.st_mode) else "un fichier spécial"
        raise FicheIllisible(f"{chemin} est {quoi}, pas une fiche de suivi.")
    if etat.st_size == 0:
        raise FicheIllisible(f"{chemin.name} est vide (0 octet) : ce n'est pas une fiche de suivi.")
    if etat.st_size > TAILLE_MAX:
        raise FicheIllisible(f"{chemin.name} est trop gros pour une fiche de suivi ({etat.st_size // 1_048_576} Mo).")
    try:
        return chemin.read_bytes()
    except OSError as exc:
        raise FicheIllisible(f"Le fichier {chemin} est illisible ({exc.strerror}).") from None
