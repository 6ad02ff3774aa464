"""`suivi revue` as a file: the format (md, html) and the target checked first, then written atomically."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from suivi_tui.atomic import staged_file
from suivi_tui.db.database import Database
from suivi_tui.services.export.demande import DemandeExport, format_document
from suivi_tui.services.revue import Revue, lire_revue
from suivi_tui.texte import sans_accents
from suivi_tui.today import now_local

FORMATS_REVUE = ("md", "html")


@dataclass(frozen=True)
class RevueEcrite:
    chemin: Path
    format: str
    octets: int
    revue: Revue


def format_revue(chemin: Path | None, voulu: str | None) -> str:
    return format_document(
        chemin,
        voulu,
        FORMATS_REVUE,
        "La revue annuelle s'écrit en Markdown (.md) ou en HTML (.html) : choisissez une de ces extensions "
        "ou précisez --format.",
    )


def rendre_revue(revue: Revue, fmt: str) -> str:
    if fmt == "html":
        from suivi_tui.services.export.revue_html import rendre as rendre_html

        return rendre_html(revue, now_local())
    from suivi_tui.services.export.revue_md import rendre as rendre_md

    return rendre_md(revue)


def nom_fichier_revue(territoire: str, annee: int, extension: str) -> str:
    """« revue-2025-val-fleuri.html »: a safe default file name."""
    nom = re.sub(r"[^a-z0-9]+", "-", sans_accents(territoire).lower()).strip("-")[:60] or "contrat"
    return f"revue-{annee}-{nom}.{extension}"


def ecrire_revue(
    db: Database,
    contrat_id: int,
    annee: int,
    chemin: Path,
    fmt: str,
    today: dt.date,
    *,
    force: bool,
    inclure_confidentiel: bool,
) -> RevueEcrite:
    """Write the review to chemin (never over a file without force): read once, then written whole or not at all."""
    (ecrite,) = ecrire_revues(
        db, contrat_id, annee, [(fmt, chemin)], today, force=force, inclure_confidentiel=inclure_confidentiel
    )
    return ecrite


def ecrire_revues(
    db: Database,
    contrat_id: int,
    annee: int,
    cibles: Sequence[tuple[str, Path]],
    today: dt.date,
    *,
    force: bool,
    inclure_confidentiel: bool,
) -> tuple[RevueEcrite, ...]:
    """The review in each (format, file) — the app writes the Markdown and the HTML — from ONE read of the base.

    Every target is checked before anything is read or written (a file already there without force,
    a missing folder): then each file is written whole, atomically.
    """
    from suivi_tui.services.export import verifier_demande

    verifiees = [
        (fmt, verifier_demande(db, DemandeExport(chemin, fmt, force, inclure_confidentiel, contrat_id))[1])
        for fmt, chemin in cibles
    ]
    revue = lire_revue(db, contrat_id, annee, today, inclure_confidentiel=inclure_confidentiel)
    ecrites = []
    for fmt, cible in verifiees:
        with staged_file(cible, force=force) as tmp:
            tmp.write_text(rendre_revue(revue, fmt), encoding="utf-8", newline="\n")
            os.chmod(tmp, 0o600)
        ecrites.append(RevueEcrite(cible, fmt, cible.stat().st_size, revue))
    return tuple(ecrites)
