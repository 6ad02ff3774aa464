"""The tables shared by the XLSX sheets and the CSV export: columns (with their kind) and rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from suivi_tui.services.export.demande import TABLES_CSV
from suivi_tui.services.export.donnees import Donnees, EcheanceExport
from suivi_tui.services.export.mise_en_forme import champ_historique, quand
from suivi_tui.services.vocabulaire import TYPES_NOTE, valeur_historique

# In sheet order (after Synthèse); the CSV export writes one of them (--table).
TABLES = TABLES_CSV


@dataclass(frozen=True)
class Colonne:
    titre: str
    largeur: float
    genre: str = "texte"  # texte, long, date, instant, nombre, decimal, part, statut, alerte


def colonnes(table: str, donnees: Donnees) -> tuple[Colonne, ...]:
    if table == "notes":
        return _colonnes_journal(donnees)
    return {
        "engagements": _COLONNES_ENGAGEMENTS,
        "echeances": _COLONNES_ECHEANCES,
        "historique": _COLONNES_HISTORIQUE,
        "indicateurs": _COLONNES_INDICATEURS,
    }[table]


def lignes(table: str, donnees: Donnees) -> Iterable[list[Any]]:
    """The rows of a table, one value per column: str, int, date, datetime (UTC), bool or None."""
    lecteurs = {
        "engagements": _engagements,
        "echeances": _echeances,
        "notes": _journal,
        "historique": _historique,
        "indicateurs": _indicateurs,
    }
    return lecteurs[table](donnees)


# A fuzzy échéance (« juin 2021 », « T3 2021 ») is stored at the last day of its period: the date
# cell (sortable, filterable) says « au plus tard le », the text beside it what was entered.
_COLONNES_ENGAGEMENTS = (
    Colonne("Axe", 6),
    Colonne("Partie", 12),
    Colonne("N°", 5, "nombre"),
    Colonne("Libellé", 60, "long"),
    Colonne("Statut", 12, "statut"),
    Colonne("Pilote", 22, "long"),
    Colonne("Prochaine échéance (au plus tard le)", 13, "date"),
    Colonne("Prochaine échéance (telle que saisie)", 13),
    Colonne("En retard", 10, "alerte"),
    Colonne("À discuter", 10),
    Colonne("Dernière note (séance)", 13, "date"),
    Colonne("Dernière note", 60, "long"),
)


def _engagements(d: Donnees) -> Iterable[list[Any]]:
    for e in d.engagements:
        notes = d.notes_de(e.id)
        derniere = notes[0] if notes else None
        prochaine = _prochaine(d, e.id)
        yield [
            d.axe(e.axe_id).numero,
            d.partie(e.partie_id).nom_court,
            e.ordre,
            e.libelle,
            e.statut,
            e.pilote,
            e.prochaine_echeance,
            quand(prochaine) if prochaine else None,
            e.en_retard,
            "Oui" if e.a_discuter else "",
            derniere.seance_date if derniere else None,
            derniere.texte if derniere else None,
        ]


def _prochaine(d: Donnees, engagement_id: int) -> EcheanceExport | None:
    """The open échéance the engagement's « prochaine échéance » date comes from (its earliest)."""
    ouvertes = [x for x in d.echeances_de(engagement_id) if x.ouverte]
    return min(ouvertes, key=lambda x: (x.date, x.id)) if ouvertes else None


_COLONNES_ECHEANCES = (
    Colonne("Axe", 6),
    Colonne("Partie", 12),
    Colonne("Engagement", 50, "long"),
    Colonne("Libellé de l'échéance", 40, "long"),
    Colonne("Au plus tard le", 12, "date"),
    Colonne("Échéance (telle que saisie)", 13),
    Colonne("Faite le", 12, "date"),
    Colonne("Statut", 12, "statut"),
    Colonne("Pilote", 22, "long"),
    Colonne("En retard", 10, "alerte"),
)


def _echeances(d: Donnees) -> Iterable[list[Any]]:
    for x in d.echeances:
        e = d.engagement(x.engagement_id)
        yield [
            d.axe(e.axe_id).numero,
            d.partie(e.partie_id).nom_court,
            e.libelle,
            x.libelle,
            x.date,
            quand(x),
            x.faite_le,
            e.statut,
            e.pilote,
            x.en_retard,
        ]


def _colonnes_journal(d: Donnees) -> tuple[Colonne, ...]:
    colonnes = (
        Colonne("Comité", 28, "long"),
        Colonne("Séance", 12, "date"),
        Colonne("Type", 10),
        Colonne("Axe", 6),
        Colonne("Engagement", 45, "long"),
        Colonne("Note", 70, "long"),
    )
    return (*colonnes, Colonne("Confidentielle", 14)) if d.confidentiel_inclus else colonnes


def _journal(d: Donnees) -> Iterable[list[Any]]:
    for n in d.notes:
        e = d.engagement(n.engagement_id) if n.engagement_id is not None else None
        ligne = [
            n.comite,
            n.seance_date,
            TYPES_NOTE.get(n.type, n.type),
            d.axe(e.axe_id).numero if e else None,
            e.libelle if e else None,
            n.texte,
        ]
        yield [*ligne, "Oui" if n.confidentielle else ""] if d.confidentiel_inclus else ligne


_COLONNES_HISTORIQUE = (
    Colonne("Le", 16, "instant"),
    Colonne("Axe", 6),
    Colonne("Engagement", 50, "long"),
    Colonne("Changement", 18),
    Colonne("Avant", 24, "long"),
    Colonne("Après", 24, "long"),
    Colonne("Séance", 30, "long"),
)


def _historique(d: Donnees) -> Iterable[list[Any]]:
    for h in d.historique:
        e = d.engagement(h.engagement_id)
        yield [
            h.le,
            d.axe(e.axe_id).numero,
            e.libelle,
            champ_historique(h.champ),
            valeur_historique(h.champ, h.ancien),
            valeur_historique(h.champ, h.nouveau),
            h.seance,
        ]


# An indicator where the tree places it (its node, or its engagement's node), what it measures, toward
# what, and where it stands: the « bilan d'indicateurs » of the yearly meeting, one row each.
_COLONNES_INDICATEURS = (
    Colonne("Axe", 7),
    Colonne("Rattaché à", 40, "long"),
    Colonne("Indicateur", 45, "long"),
    Colonne("Unité", 12),
    Colonne("Référence", 11, "decimal"),
    Colonne("Année de référence", 11, "nombre"),
    Colonne("Cible", 11, "decimal"),
    Colonne("Année cible", 10, "nombre"),
    Colonne("Source", 22, "long"),
    Colonne("Dernière valeur", 11, "decimal"),
    Colonne("Mesurée le", 12, "date"),
    Colonne("Part du chemin vers la cible", 12, "part"),
    Colonne("Tendance", 20),
)


def _indicateurs(d: Donnees) -> Iterable[list[Any]]:
    for i in d.indicateurs:
        info = i.info
        derniere = info.derniere
        yield [
            i.axe_numero,
            f"Engagement : {i.engagement}" if i.engagement is not None else info.porteur,
            info.libelle,
            info.unite,
            info.reference,
            info.reference_annee,
            info.cible,
            info.cible_annee,
            info.source,
            derniere.valeur if derniere else None,
            derniere.date if derniere else None,
            info.avancement,
            info.tendance,
        ]
