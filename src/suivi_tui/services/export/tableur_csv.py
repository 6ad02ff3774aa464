"""The CSV export: one table as French Excel opens it on a double-click (UTF-8 with BOM, `;`, CRLF)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from suivi_tui.dates import format_date
from suivi_tui.services.export.cellules import cellule
from suivi_tui.services.export.donnees import Donnees
from suivi_tui.services.export.mise_en_forme import au_format_local
from suivi_tui.services.export.tables import colonnes, lignes
from suivi_tui.services.vocabulaire import libelle_statut


def ecrire(donnees: Donnees, tmp: Path, *, table: str = "engagements") -> int:
    """Write the table to tmp; returns the number of data rows."""
    cols = colonnes(table, donnees)
    n = 0
    # utf-8-sig writes the BOM that tells Excel the file is UTF-8 (else it reads it as cp1252).
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([c.titre for c in cols])
        for ligne in lignes(table, donnees):
            writer.writerow([_texte(c.genre, v) for c, v in zip(cols, ligne, strict=True)])
            n += 1
    return n


def _texte(genre: str, valeur: Any) -> str:
    if valeur is None or valeur is False:
        return ""
    if genre == "date":
        return format_date(valeur)
    if genre == "instant":
        assert isinstance(valeur, dt.datetime)
        return f"{au_format_local(valeur):%d/%m/%Y %H:%M}"
    if genre == "nombre":
        return str(valeur)
    if genre == "decimal":  # as French Excel reads a number: a decimal comma, no thousands separator
        return f"{valeur:f}".rstrip("0").rstrip(".").replace(".", ",")
    if genre == "part":
        return f"{round(valeur * 100)} %"
    if genre == "statut":
        return libelle_statut(valeur)
    if genre == "alerte":
        return "Oui"
    return cellule(str(valeur))
