"""The domain's enumerations and their French labels (the codes are the schema's)."""

from __future__ import annotations

import datetime as dt

from suivi_tui.dates import format_date

STATUTS: dict[str, str] = {
    "a_venir": "À venir",
    "en_cours": "En cours",
    "realise": "Réalisé",
    "en_pause": "En pause",
    "bloque": "Bloqué",
    "abandonne": "Abandonné",
}
# A statut that closes an engagement: it can no longer be late.
STATUTS_CLOS = ("realise", "abandonne")

TYPES_NOTE: dict[str, str] = {"info": "Info", "decision": "Décision", "action": "Action"}

CHAMPS: dict[str, str] = {
    "statut": "Statut",
    "pilote": "Pilote",
    "a_discuter": "À discuter",
    "libelle": "Libellé",
    "echeance.ajout": "Échéance ajoutée",
    "echeance.faite": "Échéance faite",
    "echeance.rouverte": "Échéance rouverte",
    "echeance.date": "Échéance déplacée",
    "echeance.suppression": "Échéance supprimée",
}


def libelle_statut(code: str) -> str:
    return STATUTS.get(code, code)


def libelle_champ(code: str) -> str:
    return CHAMPS.get(code, code)


def valeur_historique(champ: str, valeur: str | None) -> str:
    """An old or new value of a historique row in words (statut labels, Oui/Non, French dates)."""
    if valeur is None or valeur == "":
        return "—"
    if champ == "statut" and valeur in STATUTS:
        return libelle_statut(valeur)
    if champ == "a_discuter":
        return "Oui" if valeur == "1" else "Non"
    if champ in ("echeance.faite", "echeance.rouverte"):
        try:
            return format_date(dt.date.fromisoformat(valeur))
        except ValueError:
            return valeur
    return valeur
