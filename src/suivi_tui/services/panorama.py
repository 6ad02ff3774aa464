"""A contrat at a glance, read in one snapshot: header totals, axes, engagements, échéances, a comité's log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.contrats import Synthese, synthese
from suivi_tui.services.detail import EngagementDetail, detail_engagement
from suivi_tui.services.echeances import PageEcheances, lister_echeances
from suivi_tui.services.engagements import (
    PAGE,
    AxeResume,
    Filtre,
    PageEngagements,
    PartieResume,
    lister_axes,
    lister_engagements,
    lister_parties,
)
from suivi_tui.services.reglages import dernier_comite_cle, lire_reglage
from suivi_tui.services.seances.journal import ComiteResume, SeanceJournal, journal_comite, lister_comites

# The log pane shows this many séances of the comité, newest first.
SEANCES_AFFICHEES = 20


@dataclass(frozen=True)
class Panorama:
    """One consistent picture of a contrat for the main screen."""

    synthese: Synthese
    axes: tuple[AxeResume, ...]
    engagements: PageEngagements
    precisions: dict[int, str]  # engagement id -> precision of its next open échéance
    echeances: PageEcheances
    comites: tuple[ComiteResume, ...]
    comite_id: int | None  # the comité whose log is shown
    journal: tuple[SeanceJournal, ...]
    parties: tuple[PartieResume, ...]


@lit
def precisions_prochaines(lecture: Lecture, engagement_ids: Sequence[int]) -> dict[int, str]:
    """The precision of each engagement's earliest open échéance (« T3 2021 » rather than 30/09/2021)."""
    if not engagement_ids:
        return {}
    sql = """
        SELECT x.engagement_id, x.precision FROM echeance x
        WHERE x.engagement_id IN :ids AND x.faite_le IS NULL
          AND x.id = (SELECT y.id FROM echeance y WHERE y.engagement_id = x.engagement_id
                      AND y.faite_le IS NULL ORDER BY y.date, y.id LIMIT 1)"""
    return {r[0]: r[1] for r in lecture.execute(sql, {"ids": list(engagement_ids)}).all()}


@lit
def comite_a_afficher(
    lecture: Lecture, contrat_id: int, comites: Sequence[ComiteResume], voulu: int | None
) -> int | None:
    """The comité asked for if it exists, else the last one used in this contrat, else the first."""
    ids = [c.id for c in comites]
    if voulu in ids:
        return voulu
    dernier = lire_reglage(lecture, dernier_comite_cle(contrat_id))
    if dernier and dernier.isdigit() and int(dernier) in ids:
        return int(dernier)
    return ids[0] if ids else None


@lit
def lire_panorama(
    lecture: Lecture,
    contrat_id: int,
    filtre: Filtre,
    today: dt.date,
    *,
    comite_id: int | None = None,
    limit: int = PAGE,
) -> Panorama:
    """The header totals, the axes, one page of engagements, the open échéances and one comité's log."""
    page = lister_engagements(lecture, contrat_id, filtre, today, limit=limit)
    comites = tuple(lister_comites(lecture, contrat_id))
    choisi = comite_a_afficher(lecture, contrat_id, comites, comite_id)
    return Panorama(
        synthese=synthese(lecture, contrat_id, today),
        axes=tuple(lister_axes(lecture, contrat_id, today)),
        engagements=page,
        precisions=precisions_prochaines(lecture, [ligne.id for ligne in page.lignes]),
        echeances=lister_echeances(lecture, contrat_id, today, limit=limit),
        comites=comites,
        comite_id=choisi,
        journal=tuple(journal_comite(lecture, choisi, seances=SEANCES_AFFICHEES)) if choisi is not None else (),
        parties=tuple(lister_parties(lecture, contrat_id)),
    )


@dataclass(frozen=True)
class Table:
    """What a change of axis changes: one page of the engagements table, and the detail of the row it selects."""

    engagements: PageEngagements
    precisions: dict[int, str]
    detail: EngagementDetail | None


@lit
def detail_a_montrer(
    lecture: Lecture, page: PageEngagements, garder: int | None, today: dt.date
) -> EngagementDetail | None:
    """The detail of the row the table will select once shown: garder if listed, else the first one."""
    ids = [ligne.id for ligne in page.lignes]
    cible = garder if garder in ids else (ids[0] if ids else None)
    return detail_engagement(lecture, cible, today) if cible is not None else None


@lit
def lire_table(
    lecture: Lecture, contrat_id: int, filtre: Filtre, today: dt.date, *, garder: int | None, limit: int = PAGE
) -> Table:
    """The engagements table alone (the header, axes, échéances and log do not depend on the axis)."""
    page = lister_engagements(lecture, contrat_id, filtre, today, limit=limit)
    return Table(
        page,
        precisions_prochaines(lecture, [ligne.id for ligne in page.lignes]),
        detail_a_montrer(lecture, page, garder, today),
    )


@lit
def page_suivante(
    lecture: Lecture, contrat_id: int, filtre: Filtre, today: dt.date, offset: int, *, limit: int = PAGE
) -> tuple[PageEngagements, dict[int, str]]:
    """The next page of the engagements table, with the precisions of their échéances."""
    page = lister_engagements(lecture, contrat_id, filtre, today, limit=limit, offset=offset)
    return page, precisions_prochaines(lecture, [ligne.id for ligne in page.lignes])


@lit
def pilotes_connus(lecture: Lecture, contrat_id: int, *, limit: int = 200) -> list[str]:
    """The pilotes already named in the contrat, most used first (the pilote form's completions)."""
    sql = """SELECT e.pilote FROM engagement e JOIN axe a ON a.id = e.axe_id
                  WHERE a.contrat_id = :c AND e.pilote IS NOT NULL AND trim(e.pilote) != ''
                  GROUP BY e.pilote ORDER BY count(*) DESC, e.pilote LIMIT :n"""
    return [r[0] for r in lecture.execute(sql, {"c": contrat_id, "n": limit}).all()]


@lit
def axe_engagement(lecture: Lecture, engagement_id: int) -> int | None:
    """The axe an engagement belongs to (to show it after a search), None if it no longer exists."""
    axe: int | None = lecture.execute("SELECT axe_id FROM engagement WHERE id = :id", {"id": engagement_id}).scalar()
    return axe
