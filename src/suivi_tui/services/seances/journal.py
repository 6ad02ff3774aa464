"""The comités of a contrat and each comité's log: séances by date, notes in each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.detail import NOTE_COLONNES, NoteLigne, note_ligne
from suivi_tui.services.fragments_sql import JOUR_ECRIT, JOUR_NOTE, NOTES_DU_JOURNAL


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
    """One group of a comité's log: a séance and its notes, or the notes written « hors séance » on one day."""

    seance: SeanceInfo | None  # None: notes written outside any séance, on that date
    date: dt.date
    notes: tuple[NoteLigne, ...]


@lit
def lister_comites(lecture: Lecture, contrat_id: int) -> list[ComiteResume]:
    sql = """SELECT co.id, co.nom, co.description, count(s.id), max(s.date)
                  FROM comite co LEFT JOIN seance s ON s.comite_id = co.id
                  WHERE co.contrat_id = :c GROUP BY co.id ORDER BY co.nom"""
    rows = lecture.execute(sql, {"c": contrat_id}).all()
    return [ComiteResume(r[0], r[1], r[2], r[3], dt.date.fromisoformat(r[4]) if r[4] else None) for r in rows]


def seance_info(r: tuple) -> SeanceInfo:  # type: ignore[type-arg]
    return SeanceInfo(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), r[4], r[5])


SEANCE_SQL = """SELECT s.id, s.comite_id, co.nom, s.date, s.lieu, s.participants
                FROM seance s JOIN comite co ON co.id = s.comite_id"""


# The log's groups, newest first: the séances, and the days on which notes were written outside any séance.
_GROUPES = f"""
    SELECT id, jour FROM (
        SELECT s.id AS id, s.date AS jour FROM seance s WHERE s.comite_id = :c
        UNION ALL
        SELECT DISTINCT NULL, {JOUR_ECRIT} FROM note n WHERE n.comite_id = :c AND n.seance_id IS NULL)
    ORDER BY jour DESC, id IS NULL LIMIT :n"""
# The notes of the groups shown, with the linked engagement's libellé (the journal names it) and the séance.
_NOTES_DES_GROUPES = f"""
    SELECT {NOTE_COLONNES}, e.libelle, n.seance_id
    FROM {NOTES_DU_JOURNAL} LEFT JOIN engagement e ON e.id = n.engagement_id
    WHERE n.comite_id = :c AND (n.seance_id IN :ids OR (n.seance_id IS NULL AND {JOUR_NOTE} >= :depuis))
    ORDER BY n.id"""


@lit
def journal_comite(lecture: Lecture, comite_id: int, *, seances: int = 20) -> list[SeanceJournal]:
    """The comité's most recent groups of notes (séances, and days « hors séance »), newest first."""
    seances_sql = SEANCE_SQL + " WHERE s.id IN :ids"
    # All the shown groups' notes in one query: one query per séance costs a frame at 20 séances.
    notes_sql = _NOTES_DES_GROUPES
    groupes = [(r[0], r[1]) for r in lecture.execute(_GROUPES, {"c": comite_id, "n": seances}).all()]
    if not groupes:
        return []
    ids = [sid for sid, _ in groupes if sid is not None]
    infos = {r[0]: seance_info(tuple(r)) for r in lecture.execute(seances_sql, {"ids": ids}).all()}
    depuis = min(jour for _, jour in groupes)
    notes = lecture.execute(notes_sql, {"c": comite_id, "ids": ids, "depuis": depuis}).all()
    par_groupe: dict[tuple[int | None, str], list[NoteLigne]] = {}
    for n in notes:
        ligne = note_ligne(tuple(n))
        cle = (None, ligne.seance_date.isoformat()) if ligne.hors_seance else (n[10], "")
        par_groupe.setdefault(cle, []).append(ligne)
    return [
        SeanceJournal(
            infos[sid] if sid is not None else None,
            dt.date.fromisoformat(jour),
            tuple(par_groupe.get((sid, "" if sid is not None else jour), ())),
        )
        for sid, jour in groupes
    ]
