"""`suivi bilan` as a file: the format (md, html, xlsx) and the target checked first, then written atomically."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from suivi_tui.atomic import staged_file
from suivi_tui.db.database import Database
from suivi_tui.services.bilan import Bilan, lire_bilan
from suivi_tui.services.export.demande import DemandeExport, format_document
from suivi_tui.today import now_local

FORMATS_BILAN = ("md", "html", "xlsx")


@dataclass(frozen=True)
class BilanEcrit:
    chemin: Path
    format: str
    octets: int
    bilan: Bilan


def format_bilan(chemin: Path | None, voulu: str | None) -> str:
    return format_document(
        chemin,
        voulu,
        FORMATS_BILAN,
        "Le bilan s'écrit en Markdown (.md), en HTML (.html) ou en classeur (.xlsx) : "
        "choisissez une de ces extensions ou précisez --format.",
    )


def ecrire_bilan(
    db: Database, contrat_id: int, chemin: Path, fmt: str, today: dt.date, *, force: bool, inclure_confidentiel: bool
) -> BilanEcrit:
    """Write the bilan to chemin (never over a file without force); the data are read once, then written."""
    from suivi_tui.services.export import verifier_demande

    _, cible = verifier_demande(db, DemandeExport(chemin, fmt, force, inclure_confidentiel, contrat_id))
    bilan = lire_bilan(db, contrat_id, today, inclure_confidentiel=inclure_confidentiel)
    with staged_file(cible, force=force) as tmp:
        if fmt == "xlsx":
            from suivi_tui.services.export import classeur
            from suivi_tui.services.export.classeur_bilan import feuilles_du_bilan
            from suivi_tui.services.export.donnees import charger

            donnees = charger(db, contrat_id, today, inclure_confidentiel=inclure_confidentiel)
            classeur.ecrire(donnees, tmp, feuilles=lambda wb, styles: feuilles_du_bilan(wb, styles, bilan))
        else:
            tmp.write_text(rendre_texte(bilan, fmt), encoding="utf-8", newline="\n")
        os.chmod(tmp, 0o600)
    return BilanEcrit(cible, fmt, cible.stat().st_size, bilan)


def rendre_texte(bilan: Bilan, fmt: str) -> str:
    """The bilan as Markdown or HTML text."""
    if fmt == "html":
        from suivi_tui.services.export.bilan_html import rendre as rendre_html

        return rendre_html(bilan, now_local())
    from suivi_tui.services.export.bilan_md import rendre as rendre_md

    return rendre_md(bilan)
