"""Presentation shared by the export formats: statut colours, short labels, French values of historique."""

from __future__ import annotations

import datetime as dt

from suivi_tui.dates import format_date, format_echeance
from suivi_tui.services.export.donnees import Donnees, EcheanceExport, EngagementExport
from suivi_tui.services.vocabulaire import libelle_champ

# (background, text) per statut, the app's palette: grey to come, blue running, green done,
# amber paused, red blocked, dark grey abandoned.
COULEURS_STATUT: dict[str, tuple[str, str]] = {
    "a_venir": ("#E7E9EC", "#3C4043"),
    "en_cours": ("#D6E6FA", "#0B4F9C"),
    "realise": ("#D8F0DC", "#1E6B2F"),
    "en_pause": ("#FCEBC7", "#7A5200"),
    "bloque": ("#F8D4D1", "#A1221A"),
    "abandonne": ("#D5D5D5", "#4A4A4A"),
}
COULEUR_RETARD = ("#FDE2E0", "#B3261E")


def reference(donnees: Donnees, engagement: EngagementExport) -> str:
    """« Axe IV · Ville »: where an engagement sits, as the calendar and the journal show it."""
    return f"Axe {donnees.axe(engagement.axe_id).numero} · {donnees.partie(engagement.partie_id).nom_court}"


def quand(echeance: EcheanceExport) -> str:
    """« 15/03/2021 », « T3 2021 », « 2022 »: the date at the precision it was given."""
    return format_echeance(echeance.date, echeance.precision)


def etat_echeance(echeance: EcheanceExport, today: dt.date) -> str:
    """« faite le 01/02/2021 », « en retard », « à venir », or « passée, non marquée faite » (engagement closed)."""
    if echeance.faite_le:
        return f"faite le {format_date(echeance.faite_le)}"
    if echeance.en_retard:
        return "en retard"
    return "passée, non marquée faite" if echeance.date < today else "à venir"


def oui(valeur: bool) -> str:
    return "Oui" if valeur else ""


def champ_historique(champ: str) -> str:
    return libelle_champ(champ)


def exporte_le(instant: dt.datetime) -> str:
    """« le 15/06/2021 à 20:52 »: when an export was made, in the laptop's time (see today.now_local)."""
    local = instant.astimezone()
    return f"le {format_date(local.date())} à {local:%H:%M}"


def pourcent(part: float) -> str:
    """0.25 -> « 25 % » (French spacing)."""
    return f"{part * 100:.0f}\u00a0%"


def au_format_local(instant: dt.datetime) -> dt.datetime:
    """A UTC instant as the laptop's wall-clock time, without tzinfo (spreadsheets have none)."""
    return instant.astimezone().replace(tzinfo=None)
