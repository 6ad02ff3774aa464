"""The comités of a contrat and each comité's log: séances by date, notes in each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import bindparam, text

from suivi_tui.db.engine import Database
from suivi_tui.services.detail import NoteLigne, note_ligne


@dataclass(frozen=True)
class ComiteResume:
    id: int
    nom: str
    description: str
    seances: int
    derniere_seance: dt.date | None


@dataclass(frozen=True)
class SeanceInfo:
    id: int
    comite_id: int
    comite: str
    date: dt.date
    lieu: str
    participants: str


@dataclass(frozen=True)
class SeanceJournal:
    seance: SeanceInfo
    notes: tuple[NoteLigne, ...]


def lister_comites(db: Database, contrat_id: int) -> list[ComiteResume]:
    sql = text("""SELECT co.id, co.nom, co.description, count(s.id), max(s.date)
                  FROM comite co LEFT JOIN seance s ON s.comite_id = co.id
                  WHERE co.contrat_id = :c GROUP BY co.id ORDER BY co.nom""")
    with db.read() as session:
        rows = session.execute(sql, {"c": contrat_id}).all()
    return [ComiteResume(r[0], r[1], r[2], r[3], dt.date.fromisoformat(r[4]) if r[4] else None) for r in rows]


def seance_info(r: tuple) -> SeanceInfo:  # type: ignore[type-arg]
    return SeanceInfo(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), r[4], r[5])


SEANCE_SQL = """SELECT s.id, s.comite_id, co.nom, s.date, s.lieu, s.participants
                FROM seance s JOIN comite co ON co.id = s.comite_id"""


# NOTES_SQL's columns (what note_ligne reads), then the séance each note belongs to.
_NOTES_DES_SEANCES = """
    SELECT n.id, co.nom, s.date, n.type, n.texte, n.confidentielle, n.cree_le, n.engagement_id, n.seance_id
    FROM note n JOIN seance s ON s.id = n.seance_id JOIN comite co ON co.id = s.comite_id
    WHERE n.seance_id IN :ids ORDER BY n.id"""


def journal_comite(db: Database, comite_id: int, *, seances: int = 20) -> list[SeanceJournal]:
    """The comité's most recent séances (newest first), each with its notes in order of entry."""
    seance_sql = text(SEANCE_SQL + " WHERE s.comite_id = :c ORDER BY s.date DESC LIMIT :n")
    # All the shown séances' notes in one query: one query per séance costs a frame at 20 séances.
    notes_sql = text(_NOTES_DES_SEANCES).bindparams(bindparam("ids", expanding=True))
    with db.read() as session:
        rows = session.execute(seance_sql, {"c": comite_id, "n": seances}).all()
        notes = session.execute(notes_sql, {"ids": [r[0] for r in rows]}).all() if rows else []
    par_seance: dict[int, list[NoteLigne]] = {}
    for n in notes:
        par_seance.setdefault(n[8], []).append(note_ligne(tuple(n)))
    return [SeanceJournal(seance_info(tuple(r)), tuple(par_seance.get(r[0], ()))) for r in rows]
