"""The séances of a contrat, as they are read: which is open, what each holds, which points it treated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.seances.journal import SEANCE_SQL, ComiteResume, SeanceInfo, lister_comites, seance_info
from suivi_tui.texte import sans_accents


@dataclass(frozen=True)
class SeanceResume:
    """One séance in a list: who, when, where, and what it holds."""

    id: int
    comite_id: int
    comite: str
    date: dt.date
    lieu: str
    participants: str
    notes: int
    decisions: int
    actions: int
    changements: int  # historique rows stamped with this séance
    ouverte: bool


@dataclass(frozen=True)
class PointARetirer:
    """An engagement on the agenda (« à discuter ») that the séance treated: its mark can go."""

    engagement_id: int
    libelle: str


def seance_ouverte_cle(contrat_id: int) -> str:
    """The reglage key naming the séance open in a contrat (one at a time per contrat)."""
    return f"seance_ouverte:{contrat_id}"


@lit
def seance_ouverte(lecture: Lecture, contrat_id: int) -> SeanceInfo | None:
    """The séance open in this contrat, or None (none open, or it was deleted since)."""
    valeur = lecture.execute(
        "SELECT valeur FROM reglage WHERE cle = :c", {"c": seance_ouverte_cle(contrat_id)}
    ).scalar()
    if valeur is None or not valeur.isdigit():
        return None
    row = lecture.execute(SEANCE_SQL + " WHERE s.id = :s", {"s": int(valeur)}).first()
    return seance_info(row) if row else None


_RESUME_SQL = """
    SELECT s.id, s.comite_id, co.nom, s.date, s.lieu, s.participants,
           (SELECT count(*) FROM note n WHERE n.seance_id = s.id),
           (SELECT count(*) FROM note n WHERE n.seance_id = s.id AND n.type = 'decision'),
           (SELECT count(*) FROM note n WHERE n.seance_id = s.id AND n.type = 'action'),
           (SELECT count(*) FROM historique h WHERE h.seance_id = s.id),
           EXISTS (SELECT 1 FROM reglage r WHERE r.cle = 'seance_ouverte:' || co.contrat_id
                   AND r.valeur = CAST(s.id AS TEXT))
    FROM seance s JOIN comite co ON co.id = s.comite_id"""


def _resume(r: tuple) -> SeanceResume:  # type: ignore[type-arg]
    return SeanceResume(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10]))


@lit
def resume_seance(lecture: Lecture, seance_id: int) -> SeanceResume | None:
    row = lecture.execute(_RESUME_SQL + " WHERE s.id = :s", {"s": seance_id}).first()
    return _resume(row) if row else None


@lit
def lister_seances(lecture: Lecture, contrat_id: int, *, comite_id: int | None = None) -> list[SeanceResume]:
    """The contrat's séances (or one comité's), newest first, with their note and change counts."""
    where = " WHERE co.contrat_id = :c" + (" AND co.id = :co" if comite_id is not None else "")
    rows = lecture.execute(
        _RESUME_SQL + where + " ORDER BY s.date DESC, co.nom, s.id", {"c": contrat_id, "co": comite_id}
    )
    return [_resume(r) for r in rows]


@lit
def trouver_seance(lecture: Lecture, comite_id: int, date: dt.date) -> SeanceInfo | None:
    """The comité's séance on that date, if there is one (to say « rouverte » before opening)."""
    row = lecture.execute(
        SEANCE_SQL + " WHERE s.comite_id = :c AND s.date = :d", {"c": comite_id, "d": date.isoformat()}
    ).first()
    return seance_info(row) if row else None


@lit
def seance_precedente(lecture: Lecture, comite_id: int, date: dt.date) -> SeanceInfo | None:
    """The comité's last séance strictly before that date."""
    sql = SEANCE_SQL + " WHERE s.comite_id = :c AND s.date < :d ORDER BY s.date DESC LIMIT 1"
    row = lecture.execute(sql, {"c": comite_id, "d": date.isoformat()}).first()
    return seance_info(row) if row else None


@lit
def trouver_comites(lecture: Lecture, contrat_id: int, recherche: str) -> list[ComiteResume]:
    """The comités whose name contains recherche (case and accents ignored); an exact name wins alone."""
    cle = sans_accents(recherche)
    if not cle:
        return []
    comites = lister_comites(lecture, contrat_id)
    exacts = [c for c in comites if sans_accents(c.nom) == cle]
    return exacts or [c for c in comites if cle in sans_accents(c.nom)]


@lit
def points_traites(lecture: Lecture, seance_id: int) -> frozenset[int]:
    """The engagements the séance has marked as treated (« point suivant »)."""
    sql = "SELECT engagement_id FROM point_traite WHERE seance_id = :s"
    return frozenset(lecture.execute(sql, {"s": seance_id}).scalars())


# Treated in the séance: marked so (« point suivant »), or a note or a change recorded in it. Not the
# « à discuter » toggle itself: a point put on the agenda during a séance is for the next one.
_A_RETIRER = """
    SELECT e.id, e.libelle FROM engagement e JOIN seance s ON s.id = :s
    WHERE e.a_discuter = 1 AND (e.a_discuter_comite_id IS NULL OR e.a_discuter_comite_id = s.comite_id)
      AND (EXISTS (SELECT 1 FROM point_traite t WHERE t.seance_id = s.id AND t.engagement_id = e.id)
           OR EXISTS (SELECT 1 FROM note n WHERE n.seance_id = s.id AND n.engagement_id = e.id)
           OR EXISTS (SELECT 1 FROM historique h WHERE h.seance_id = s.id AND h.engagement_id = e.id
                      AND h.champ <> 'a_discuter'))
    ORDER BY (SELECT a.ordre FROM axe a WHERE a.id = e.axe_id), e.ordre, e.id"""


@lit
def a_retirer_apres_seance(lecture: Lecture, seance_id: int) -> tuple[PointARetirer, ...]:
    """The points « à discuter » for this séance's comité that the séance treated."""
    return tuple(PointARetirer(r[0], r[1]) for r in lecture.execute(_A_RETIRER, {"s": seance_id}))
