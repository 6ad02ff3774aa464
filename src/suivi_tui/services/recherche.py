"""Search engagements, pilotes and notes (FTS5: accent- and case-insensitive, by prefix)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.fragments_sql import JOUR_NOTE

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Resultat:
    genre: str  # « engagement » or « note »
    id: int
    engagement_id: int | None
    titre: str  # the engagement's text, or the note's text
    contexte: str  # « Axe IV · Ville » or « CT Insertion · 15/03/2021 »
    extrait: str  # the matching passage, with [ ] around the hits
    confidentielle: bool = False
    comite_id: int | None = None


def fts_query(saisie: str) -> str | None:
    """Each typed word becomes a quoted prefix term, all required: « educ priorit » → "educ"* "priorit"*."""
    words = _WORD.findall(saisie)
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)


def portee(contrat_id: int, query: str, colonnes: str) -> str:
    """query limited to one contrat and to the text columns (the index holds each row's contrat token)."""
    return f"contrat : c{int(contrat_id)} AND {colonnes} : ({query})"


_ENGAGEMENTS = """
    SELECT e.id, e.libelle, a.numero, p.nom_court,
           snippet(engagement_fts, 0, '[', ']', '…', 12), snippet(engagement_fts, 1, '[', ']', '…', 12)
    FROM engagement_fts f JOIN engagement e ON e.id = f.rowid JOIN axe a ON a.id = e.axe_id
    JOIN partie p ON p.id = e.partie_id
    WHERE engagement_fts MATCH :q AND a.contrat_id = :c ORDER BY f.rank LIMIT :limit"""
_NOTES = f"""
    SELECT n.id, n.engagement_id, n.texte, co.nom, {JOUR_NOTE}, n.confidentielle, co.id,
           snippet(note_fts, 0, '[', ']', '…', 12)
    FROM note_fts f JOIN note n ON n.id = f.rowid JOIN comite co ON co.id = n.comite_id
    LEFT JOIN seance s ON s.id = n.seance_id
    WHERE note_fts MATCH :q AND co.contrat_id = :c AND (:confidentielles OR n.confidentielle = 0)
    ORDER BY {JOUR_NOTE} DESC, n.id DESC LIMIT :limit"""


@lit
def rechercher(
    lecture: Lecture, contrat_id: int, saisie: str, *, limit: int = 30, confidentielles: bool = True
) -> list[Resultat]:
    """Engagements first (best match first), then notes (newest first).

    `confidentielles=False` (presentation mode) leaves confidential notes out of the results and
    of their count: even a masked line would tell the room that one matches the name typed.
    """
    query = fts_query(saisie)
    if query is None:
        return []
    # Scoped in the MATCH itself: the index then reads only this contrat's rows, whatever the
    # size of the base (filtering after the MATCH would read every contrat's matches first).
    engagements = {"q": portee(contrat_id, query, "{libelle pilote}"), "c": contrat_id, "limit": limit}
    notes = {
        "q": portee(contrat_id, query, "texte"),
        "c": contrat_id,
        "limit": limit,
        "confidentielles": confidentielles,
    }
    found = [
        Resultat("engagement", r[0], r[0], r[1], f"Axe {r[2]} · {r[3]}", _extrait(r[4], r[5]))
        for r in lecture.execute(_ENGAGEMENTS, engagements).all()
    ]
    found += [
        Resultat(
            "note",
            r[0],
            r[1],
            r[2],
            f"{r[3]} · {dt.date.fromisoformat(r[4]):%d/%m/%Y}",
            r[7],
            confidentielle=bool(r[5]),
            comite_id=r[6],
        )
        for r in lecture.execute(_NOTES, notes).all()
    ]
    return found[:limit]


def _extrait(libelle: str, pilote: str | None) -> str:
    """The libellé's passage, or the pilote's when only the pilote matched."""
    return pilote if "[" not in libelle and pilote and "[" in pilote else libelle
