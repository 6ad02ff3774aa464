"""The « Point d'étape » report's content, built once from the data and rendered as Markdown or HTML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.dates import format_date
from suivi_tui.services.arbre import cumuler
from suivi_tui.services.export.donnees import (
    AxeInfo,
    Donnees,
    EcheanceExport,
    EngagementExport,
    NoteExport,
    PartieInfo,
)
from suivi_tui.services.export.mise_en_forme import quand
from suivi_tui.services.vocabulaire import STATUTS
from suivi_tui.texte import pluriel

NOTES_PAR_ENGAGEMENT = 3


@dataclass(frozen=True)
class LigneAxe:
    """One row of the per-axis table (or the total row, with numero « Total »).

    A node of a tree counts the engagements of every node below it too (its own come first in none:
    an enjeu often has none of its own).
    """

    numero: str
    titre: str
    par_statut: dict[str, int]
    en_retard: int
    niveau: str = "Axe"
    profondeur: int = 0
    sous_niveaux: bool = False  # the node has nodes below it: its counts include theirs

    @property
    def total(self) -> int:
        return sum(self.par_statut.values())

    @property
    def realises(self) -> int:
        return self.par_statut.get("realise", 0)

    @property
    def part_realisee(self) -> float:
        return self.realises / self.total if self.total else 0.0


@dataclass(frozen=True)
class Fiche:
    """An engagement as the report shows it: statut, its échéances, its last notes."""

    engagement: EngagementExport
    echeances: tuple[EcheanceExport, ...]  # open ones first, by date
    notes: tuple[NoteExport, ...]  # newest first, at most NOTES_PAR_ENGAGEMENT

    @property
    def prochaine(self) -> EcheanceExport | None:
        """Its earliest open échéance: the engagement's deadline (else the contrat's end)."""
        return self.echeances[0] if self.echeances and self.echeances[0].ouverte else None


@dataclass(frozen=True)
class GroupePartie:
    partie: PartieInfo
    fiches: tuple[Fiche, ...]


@dataclass(frozen=True)
class SectionAxe:
    axe: AxeInfo
    ligne: LigneAxe
    parties: tuple[GroupePartie, ...]


@dataclass(frozen=True)
class Rapport:
    donnees: Donnees
    lignes: tuple[LigneAxe, ...]
    total: LigneAxe
    sections: tuple[SectionAxe, ...]

    @property
    def en_retard(self) -> tuple[Fiche, ...]:
        return tuple(f for s in self.sections for g in s.parties for f in g.fiches if f.engagement.en_retard)


def synthese_axes(donnees: Donnees) -> tuple[tuple[LigneAxe, ...], LigneAxe]:
    """Per node of the tree (per axis): engagements per statut and en retard, rolled up; and the total row."""
    propres: dict[int, list[EngagementExport]] = {}
    for e in donnees.engagements:
        propres.setdefault(e.axe_id, []).append(e)
    cumules = cumuler(donnees.axes, propres, list, lambda a, b: [*a, *b])
    parents = {a.parent_id for a in donnees.axes}
    lignes = [
        _ligne(axe.numero, axe.titre, cumules[axe.id], axe.niveau, axe.profondeur, axe.id in parents)
        for axe in donnees.axes
    ]
    return tuple(lignes), _ligne("Total", "", list(donnees.engagements))


def _ligne(
    numero: str,
    titre: str,
    engagements: list[EngagementExport],
    niveau: str = "Axe",
    profondeur: int = 0,
    sous_niveaux: bool = False,
) -> LigneAxe:
    par_statut = {code: sum(1 for e in engagements if e.statut == code) for code in STATUTS}
    return LigneAxe(
        numero, titre, par_statut, sum(1 for e in engagements if e.en_retard), niveau, profondeur, sous_niveaux
    )


def construire(donnees: Donnees) -> Rapport:
    lignes, total = synthese_axes(donnees)
    sections = []
    for axe, ligne in zip(donnees.axes, lignes, strict=True):
        groupes = []
        for partie in donnees.parties:
            fiches = tuple(
                _fiche(donnees, e) for e in donnees.engagements if e.axe_id == axe.id and e.partie_id == partie.id
            )
            if fiches:
                groupes.append(GroupePartie(partie, fiches))
        sections.append(SectionAxe(axe, ligne, tuple(groupes)))
    return Rapport(donnees, lignes, total, tuple(sections))


def _fiche(donnees: Donnees, engagement: EngagementExport) -> Fiche:
    echeances = sorted(donnees.echeances_de(engagement.id), key=lambda x: (not x.ouverte, x.date, x.id))
    return Fiche(engagement, tuple(echeances), tuple(donnees.notes_de(engagement.id)[:NOTES_PAR_ENGAGEMENT]))


def raison_du_retard(fiche: Fiche, today: dt.date) -> str:
    """« échéance T3 2021 (Forum de l'emploi), dépassée de 45 jours »: why a late engagement is late."""
    e, x = fiche.engagement, fiche.prochaine
    if x is not None:
        quoi = f"échéance {quand(x)}" + (f" ({x.libelle})" if x.libelle else "")
    else:
        quoi = f"fin du contrat ({format_date(e.delai)})" if e.delai else "fin du contrat"
    return f"{quoi}, dépassée de {pluriel((today - e.delai).days, 'jour')}" if e.delai else quoi
