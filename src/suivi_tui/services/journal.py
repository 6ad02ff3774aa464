"""The comités of a contrat and each comité's log: séances by date, notes in each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import text

from suivi_tui.db.engine import Database
from suivi_tui.services.detail import NOTES_SQL, NoteLigne, note_ligne


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


def journal_comite(db: Database, comite_id: int, *, seances: int = 20) -> list[SeanceJournal]:
    """The comité's most recent séances (newest first), each with its notes in order of entry."""
    seance_sql = text(SEANCE_SQL + " WHERE s.comite_id = :c ORDER BY s.date DESC LIMIT :n")
    notes_sql = text(NOTES_SQL + " WHERE n.seance_id = :s ORDER BY n.id")
    with db.read() as session:
        rows = session.execute(seance_sql, {"c": comite_id, "n": seances}).all()
        result = []
        for r in rows:
            notes = session.execute(notes_sql, {"s": r[0]}).all()
            result.append(SeanceJournal(seance_info(tuple(r)), tuple(note_ligne(tuple(n)) for n in notes)))
    return result
