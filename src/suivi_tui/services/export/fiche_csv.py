"""The fiche de suivi as CSV, for partners who work in other tools: the origin on its first line.

A CSV has no hidden sheet: the first line carries the origin (« suivi:fiche-de-suivi »,
« base=… », « export=… »: one cell each, kept by any tool that keeps rows), and the « Statut
actuel » column is the value at export the import compares with. Same dialect as the CSV export:
UTF-8 with BOM, `;`, CRLF, every text neutralised against formulas.
"""

from __future__ import annotations

import csv
from pathlib import Path

from suivi_tui.services.export.cellules import cellule
from suivi_tui.services.export.fiche import FicheDonnees
from suivi_tui.services.fiche import A_REMPLIR, COLONNES, MARQUEUR, identifiant
from suivi_tui.services.vocabulaire import libelle_statut


def ecrire(fiche: FicheDonnees, tmp: Path) -> None:
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([MARQUEUR, *(cellule(f"{cle}={valeur}") for cle, valeur in fiche.meta.valeurs().items())])
        writer.writerow(COLONNES)
        for ligne in fiche.lignes:
            lues = [
                identifiant(ligne.uuid),
                ligne.axe,
                ligne.partie,
                ligne.libelle,
                ligne.pilote,
                libelle_statut(ligne.statut),
                ligne.echeances,
                ligne.decision,
            ]
            writer.writerow([cellule(v) for v in lues] + [""] * len(A_REMPLIR))
