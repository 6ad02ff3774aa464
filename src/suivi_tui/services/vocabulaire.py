"""The domain's enumerations and their French labels (the codes are the schema's)."""

from __future__ import annotations

import datetime as dt

from suivi_tui.dates import format_date
from suivi_tui.texte import accord, pluriel

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


# The statuts that agree in number (« 3 réalisés »); « à venir », « en cours », « en pause » do not.
_STATUTS_PLURIEL: dict[str, str] = {"realise": "réalisés", "bloque": "bloqués", "abandonne": "abandonnés"}


def libelle_statut(code: str) -> str:
    return STATUTS.get(code, code)


def accord_statut(n: int, code: str) -> str:
    """« réalisé », « réalisés », « en cours »: a statut's label, lowercase, agreed with a count of engagements."""
    singulier = libelle_statut(code).lower()
    return accord(n, singulier, _STATUTS_PLURIEL.get(code, singulier))


def confidentielles_de_cote(n: int) -> str:
    """« 1 note confidentielle laissée de côté »: what an export or a relevé left out, in the CLI and the app."""
    return pluriel(n, "note confidentielle laissée de côté", "notes confidentielles laissées de côté")


def echeance_en_clair(quand: str, libelle: str | None) -> str:
    """« T3 2021 — Signature de la convention », or « T3 2021 » alone: an échéance in one line of text."""
    libelle = (libelle or "").strip()
    return f"{quand} — {libelle}" if libelle else quand


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
