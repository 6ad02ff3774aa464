"""The yearly review of a contrat: per enjeu and objective, engagements by statut, indicators against target,
the year's decisions, and the year's programmation; read in one snapshot for the Markdown and HTML writers.

A confidential decision is never read unless asked for (it may name a resident): it is counted, not shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.arbre import cumuler, lire_arbre
from suivi_tui.services.fragments_sql import EN_RETARD, JOUR_NOTE, NOTES_DU_JOURNAL
from suivi_tui.services.indicateurs import IndicateurContrat, IndicateurInfo, MesureInfo, indicateurs_contrat
from suivi_tui.services.programmation import Programmation, lire_programmation

Compte = tuple[dict[str, int], int]  # engagements per statut, en retard


@dataclass(frozen=True)
class DecisionRevue:
    date: dt.date
    comite: str
    texte: str  # empty when confidential and not asked for
    engagement: str | None
    confidentielle: bool


@dataclass(frozen=True)
class NoeudRevue:
    """A node of the tree with everything below it counted in; its own indicators and decisions."""

    numero: str
    niveau: str
    titre: str
    profondeur: int
    par_statut: dict[str, int]
    en_retard: int
    indicateurs: tuple[IndicateurContrat, ...]
    decisions: tuple[DecisionRevue, ...]

    @property
    def total(self) -> int:
        return sum(self.par_statut.values())


@dataclass(frozen=True)
class Revue:
    titre: str
    territoire: str
    annee: int
    au: dt.date  # the last day looked at: 31/12 of the year, or today within the year
    noeuds: tuple[NoeudRevue, ...]
    decisions_generales: tuple[DecisionRevue, ...]  # decisions linked to no engagement
    decisions_masquees: int
    programmation: Programmation

    @property
    def par_statut(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for n in self.noeuds:
            if n.profondeur == 0:
                for statut, nombre in n.par_statut.items():
                    total[statut] = total.get(statut, 0) + nombre
        return total


def a_la_fin(info: IndicateurInfo, au: dt.date) -> IndicateurInfo:
    """The indicator as it stood on that day: only the mesures taken by then."""
    mesures: tuple[MesureInfo, ...] = tuple(m for m in info.mesures if m.date <= au)
    return IndicateurInfo(**{**info.__dict__, "mesures": mesures})


@lit
def lire_revue(
    lecture: Lecture, contrat_id: int, annee: int, today: dt.date, *, inclure_confidentiel: bool = False
) -> Revue:
    titre, territoire = lecture.execute("SELECT titre, territoire FROM contrat WHERE id = :c", {"c": contrat_id}).one()
    au = min(dt.date(annee, 12, 31), max(today, dt.date(annee, 1, 1)))
    noeuds = lire_arbre(lecture, contrat_id)
    rows = lecture.execute(
        f"""SELECT e.axe_id, e.statut, count(*), coalesce(sum({EN_RETARD}), 0)
            FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN contrat c ON c.id = a.contrat_id
            WHERE a.contrat_id = :c GROUP BY e.axe_id, e.statut""",
        {"c": contrat_id, "today": au.isoformat()},
    ).all()
    propres: dict[int, Compte] = {}
    for axe_id, statut, nombre, retard in rows:
        par_statut, en_retard = propres.get(axe_id, ({}, 0))
        propres[axe_id] = ({**par_statut, statut: nombre}, en_retard + retard)
    totaux = cumuler(noeuds, propres, lambda: ({}, 0), _additionner)
    indicateurs: dict[int, list[IndicateurContrat]] = {}
    for i in indicateurs_contrat(lecture, contrat_id):
        indicateurs.setdefault(i.axe_id, []).append(
            IndicateurContrat(i.axe_id, i.axe_numero, i.engagement, a_la_fin(i.info, au))
        )
    decisions, generales, masquees = _decisions(lecture, contrat_id, annee, inclure_confidentiel)
    return Revue(
        titre,
        territoire,
        annee,
        au,
        tuple(
            NoeudRevue(
                n.numero,
                n.niveau,
                n.titre,
                n.profondeur,
                totaux[n.id][0],
                totaux[n.id][1],
                tuple(indicateurs.get(n.id, [])),
                tuple(decisions.get(n.id, [])),
            )
            for n in noeuds
        ),
        tuple(generales),
        masquees,
        lire_programmation(lecture, contrat_id, annee),
    )


def _additionner(a: Compte, b: Compte) -> Compte:
    statuts = dict(a[0])
    for statut, n in b[0].items():
        statuts[statut] = statuts.get(statut, 0) + n
    return statuts, a[1] + b[1]


def _decisions(
    lecture: Lecture, contrat_id: int, annee: int, inclure_confidentiel: bool
) -> tuple[dict[int, list[DecisionRevue]], list[DecisionRevue], int]:
    """The year's decisions by the node of their engagement; the general ones; how many were left out."""
    # The confidential texts are not even read unless asked for.
    texte = "n.texte" if inclure_confidentiel else "CASE WHEN n.confidentielle THEN '' ELSE n.texte END"
    rows = lecture.execute(
        f"""SELECT e.axe_id, {JOUR_NOTE}, co.nom, {texte}, e.libelle, n.confidentielle
            FROM {NOTES_DU_JOURNAL} LEFT JOIN engagement e ON e.id = n.engagement_id
            WHERE co.contrat_id = :c AND n.type = 'decision' AND substr({JOUR_NOTE}, 1, 4) = :an
            ORDER BY {JOUR_NOTE}, n.id""",
        {"c": contrat_id, "an": str(annee)},
    ).all()
    par_axe: dict[int, list[DecisionRevue]] = {}
    generales: list[DecisionRevue] = []
    masquees = 0
    for axe_id, jour, comite, contenu, engagement, confidentielle in rows:
        masquees += bool(confidentielle) and not inclure_confidentiel
        decision = DecisionRevue(dt.date.fromisoformat(jour), comite, contenu, engagement, bool(confidentielle))
        (par_axe.setdefault(axe_id, []) if axe_id is not None else generales).append(decision)
    return par_axe, generales, masquees
