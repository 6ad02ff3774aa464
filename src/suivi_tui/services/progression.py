"""Progress over time: réalisés and en cours at each month's end, rebuilt from the statut changes of historique.

The statut of an engagement at a date is the `nouveau` of its last statut change on or before that
date; before its first change it is that change's `ancien`; with no change at all, its current
statut. Every engagement of the contrat counts from the contrat's first month: they were signed
with it (their `cree_le` is when the annexe was imported, often long after).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.arbre import Branche, lire_arbre, racines

MOIS_MAX = 240  # twenty years of months: a bad `debut` must not build an endless series


@dataclass(frozen=True)
class Serie:
    """Counts at each month's end (same length as Progression.mois), out of `total` engagements."""

    realises: tuple[int, ...]
    en_cours: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class SerieAxe:
    axe_id: int
    numero: str
    titre: str
    serie: Serie


@dataclass(frozen=True)
class Progression:
    mois: tuple[dt.date, ...]  # the instant of each point: a month's last day (today for the current month)
    ensemble: Serie
    par_axe: tuple[SerieAxe, ...]


@dataclass(frozen=True)
class EngagementSuivi:
    """What the rebuild needs of an engagement."""

    id: int
    axe_id: int
    statut: str  # now


@dataclass(frozen=True)
class ChangementStatut:
    engagement_id: int
    ancien: str | None
    nouveau: str | None
    le: str  # ISO UTC instant, as stored


def fin_de_mois(jour: dt.date) -> dt.date:
    return jour.replace(day=calendar.monthrange(jour.year, jour.month)[1])


def mois_du_contrat(
    debut: dt.date | None, fin: dt.date | None, today: dt.date, dernier: dt.date | None
) -> list[dt.date]:
    """Month ends from the contrat's first month to today's, or to its end when today is past it.

    A change made after the end (a late réalisation) extends the series to that change's month.
    """
    depart = debut or dernier or today
    arrivee = today if fin is None or today <= fin else max(fin, min(dernier or fin, today))
    if arrivee < depart:
        arrivee = depart
    points: list[dt.date] = []
    jour = depart.replace(day=1)
    while jour <= arrivee and len(points) < MOIS_MAX:
        points.append(min(fin_de_mois(jour), today) if jour <= today else fin_de_mois(jour))
        jour = (fin_de_mois(jour) + dt.timedelta(days=1)).replace(day=1)
    return points


def statuts_aux_dates(
    engagement: EngagementSuivi, changements: Sequence[ChangementStatut], dates: Sequence[dt.date]
) -> list[str]:
    """The engagement's statut at each date (dates ascending; changements in the order they were made)."""
    statut = (changements[0].ancien or "a_venir") if changements else engagement.statut
    resultat, i = [], 0
    for date in dates:
        limite = date.isoformat()
        # The UTC day of the change: a change typed at 00:30 in Paris counts for the day before.
        while i < len(changements) and changements[i].le[:10] <= limite:
            statut = changements[i].nouveau or statut
            i += 1
        resultat.append(statut)
    return resultat


def reconstruire(
    axes: Sequence[tuple[int, str, str]],
    engagements: Sequence[EngagementSuivi],
    changements: Iterable[ChangementStatut],
    mois: Sequence[dt.date],
) -> Progression:
    """Progression from plain rows: axes (id, numero, titre) in order, engagements, their statut changes."""
    par_engagement: dict[int, list[ChangementStatut]] = {}
    for c in changements:
        par_engagement.setdefault(c.engagement_id, []).append(c)
    n = len(mois)
    realises = {axe_id: [0] * n for axe_id, _, _ in axes}
    en_cours = {axe_id: [0] * n for axe_id, _, _ in axes}
    totaux = dict.fromkeys(realises, 0)
    for e in engagements:
        if e.axe_id not in totaux:
            continue
        totaux[e.axe_id] += 1
        for i, statut in enumerate(statuts_aux_dates(e, par_engagement.get(e.id, []), mois)):
            if statut == "realise":
                realises[e.axe_id][i] += 1
            elif statut == "en_cours":
                en_cours[e.axe_id][i] += 1
    par_axe = tuple(
        SerieAxe(axe_id, numero, titre, Serie(tuple(realises[axe_id]), tuple(en_cours[axe_id]), totaux[axe_id]))
        for axe_id, numero, titre in axes
    )
    ensemble = Serie(
        tuple(sum(s.serie.realises[i] for s in par_axe) for i in range(n)),
        tuple(sum(s.serie.en_cours[i] for s in par_axe) for i in range(n)),
        sum(totaux.values()),
    )
    return Progression(tuple(mois), ensemble, par_axe)


class NoeudNomme(Branche, Protocol):
    """A node as the progression names its series: its number and title."""

    @property
    def numero(self) -> str: ...
    @property
    def titre(self) -> str: ...


def par_racine(
    noeuds: Sequence[NoeudNomme], engagements: Iterable[EngagementSuivi]
) -> tuple[list[tuple[int, str, str]], list[EngagementSuivi]]:
    """One series per root of the tree (per enjeu; per axe for a protocole): each engagement counted in its root's."""
    racine = racines(noeuds)
    axes = [(n.id, n.numero, n.titre) for n in noeuds if racine[n.id] == n.id]
    return axes, [EngagementSuivi(e.id, racine.get(e.axe_id, e.axe_id), e.statut) for e in engagements]


@lit
def lire_progression(
    lecture: Lecture, contrat_id: int, debut: dt.date | None, fin: dt.date | None, today: dt.date
) -> Progression:
    """The contrat's progression, read in the caller's transaction (three indexed queries)."""
    params: dict[str, object] = {"contrat": contrat_id}
    axes, engagements = par_racine(
        lire_arbre(lecture, contrat_id),
        [
            EngagementSuivi(r[0], r[1], r[2])
            for r in lecture.execute(
                """SELECT e.id, e.axe_id, e.statut FROM engagement e JOIN axe a ON a.id = e.axe_id
                    WHERE a.contrat_id = :contrat""",
                params,
            )
        ],
    )
    # Changes dated after today (a clock set wrong, a --today in the past) are not history yet.
    changements = [
        ChangementStatut(r[0], r[1], r[2], r[3])
        for r in lecture.execute(
            """SELECT h.engagement_id, h.ancien, h.nouveau, h.le
                    FROM historique h JOIN engagement e ON e.id = h.engagement_id JOIN axe a ON a.id = e.axe_id
                    WHERE a.contrat_id = :contrat AND h.champ = 'statut'
                    ORDER BY h.engagement_id, h.le, h.id""",
            params,
        )
    ]
    dernier = max((c.le[:10] for c in changements if c.le[:10] <= today.isoformat()), default=None)
    mois = mois_du_contrat(debut, fin, today, dt.date.fromisoformat(dernier) if dernier else None)
    return reconstruire(axes, engagements, changements, mois)
