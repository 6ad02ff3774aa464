"""Séances: open, continue and close a comité's meeting; the open one survives a restart of the app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from suivi_tui.db.engine import Database
from suivi_tui.db.models import Comite, Historique, Note, Reglage, Seance
from suivi_tui.services.commandes import SaisieInvalide
from suivi_tui.services.journal import SEANCE_SQL, ComiteResume, SeanceInfo, lister_comites, seance_info
from suivi_tui.services.reglages import dernier_comite_cle
from suivi_tui.texte import sans_accents

LIEU_MAX = 200
PARTICIPANTS_MAX = 2000


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


def seance_ouverte_cle(contrat_id: int) -> str:
    """The reglage key naming the séance open in a contrat (one at a time per contrat)."""
    return f"seance_ouverte:{contrat_id}"


def _propre(valeur: str, maximum: int, quoi: str) -> str:
    propre = " ".join(valeur.split())
    if len(propre) > maximum:
        raise SaisieInvalide(f"{quoi} est trop long ({maximum} caractères au plus).")
    return propre


def seance_du_jour(session: Session, comite_id: int, date: dt.date) -> tuple[int, bool]:
    """The comité's séance on that date, created if needed: (id, created)."""
    existing = session.scalar(select(Seance.id).where(Seance.comite_id == comite_id, Seance.date == date.isoformat()))
    if existing is not None:
        return existing, False
    if session.get(Comite, comite_id) is None:
        raise SaisieInvalide(f"Le comité n°{comite_id} n'existe pas.")
    seance = Seance(comite_id=comite_id, date=date.isoformat(), lieu="", participants="")
    session.add(seance)
    session.flush()
    return seance.id, True


def ouvrir_seance(db: Database, comite_id: int, date: dt.date, lieu: str = "", participants: str = "") -> SeanceInfo:
    """Open the comité's séance of that date (created if needed) and make it the contrat's open séance.

    Reopening a séance that already exists continues it: a non-empty lieu or participants replaces
    the one recorded, an empty one keeps it. Another séance open in the same contrat is closed.
    """
    lieu_propre = _propre(lieu, LIEU_MAX, "Le lieu")
    participants_propres = _propre(participants, PARTICIPANTS_MAX, "La liste des participants")
    with db.write() as session:
        comite = session.get(Comite, comite_id)
        if comite is None:
            raise SaisieInvalide(f"Le comité n°{comite_id} n'existe pas (supprimé entre-temps ?).")
        seance_id, _ = seance_du_jour(session, comite_id, date)
        seance = session.get(Seance, seance_id)
        assert seance is not None
        if lieu_propre:
            seance.lieu = lieu_propre
        if participants_propres:
            seance.participants = participants_propres
        session.merge(Reglage(cle=seance_ouverte_cle(comite.contrat_id), valeur=str(seance_id)))
        # The comité in session is the one whose log the coordinator wants to see next time.
        session.merge(Reglage(cle=dernier_comite_cle(comite.contrat_id), valeur=str(comite_id)))
        session.flush()
        return _info(session, seance_id)


def _info(session: Session, seance_id: int) -> SeanceInfo:
    row = session.execute(text(SEANCE_SQL + " WHERE s.id = :s"), {"s": seance_id}).one()
    return seance_info(tuple(row))


def seance_ouverte(db: Database, contrat_id: int) -> SeanceInfo | None:
    """The séance open in this contrat, or None (none open, or it was deleted since)."""
    with db.read() as session:
        valeur = session.scalar(select(Reglage.valeur).where(Reglage.cle == seance_ouverte_cle(contrat_id)))
        if valeur is None or not valeur.isdigit():
            return None
        row = session.execute(text(SEANCE_SQL + " WHERE s.id = :s"), {"s": int(valeur)}).first()
    return seance_info(tuple(row)) if row else None


def fermer_seance(db: Database, contrat_id: int) -> SeanceResume | None:
    """Close the contrat's open séance; returns what it holds (for the toast), None if none was open."""
    ouverte = seance_ouverte(db, contrat_id)
    with db.write() as session:
        session.execute(delete(Reglage).where(Reglage.cle == seance_ouverte_cle(contrat_id)))
    if ouverte is None:
        return None
    return resume_seance(db, ouverte.id)


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


def resume_seance(db: Database, seance_id: int) -> SeanceResume | None:
    with db.read() as session:
        row = session.execute(text(_RESUME_SQL + " WHERE s.id = :s"), {"s": seance_id}).first()
    return _resume(tuple(row)) if row else None


def lister_seances(db: Database, contrat_id: int, *, comite_id: int | None = None) -> list[SeanceResume]:
    """The contrat's séances (or one comité's), newest first, with their note and change counts."""
    where = " WHERE co.contrat_id = :c" + (" AND co.id = :co" if comite_id is not None else "")
    sql = text(_RESUME_SQL + where + " ORDER BY s.date DESC, co.nom, s.id")
    with db.read() as session:
        rows = session.execute(sql, {"c": contrat_id, "co": comite_id}).all()
    return [_resume(tuple(r)) for r in rows]


def trouver_seance(db: Database, comite_id: int, date: dt.date) -> SeanceInfo | None:
    """The comité's séance on that date, if there is one (to say « continuer » before opening)."""
    sql = text(SEANCE_SQL + " WHERE s.comite_id = :c AND s.date = :d")
    with db.read() as session:
        row = session.execute(sql, {"c": comite_id, "d": date.isoformat()}).first()
    return seance_info(tuple(row)) if row else None


def seance_precedente(db: Database, comite_id: int, date: dt.date) -> SeanceInfo | None:
    """The comité's last séance strictly before that date."""
    sql = text(SEANCE_SQL + " WHERE s.comite_id = :c AND s.date < :d ORDER BY s.date DESC LIMIT 1")
    with db.read() as session:
        row = session.execute(sql, {"c": comite_id, "d": date.isoformat()}).first()
    return seance_info(tuple(row)) if row else None


def supprimer_seance_vide(db: Database, seance_id: int) -> None:
    """Remove a séance opened by mistake; refused once it holds a note or a stamped change."""
    with db.write() as session:
        seance = session.get(Seance, seance_id)
        if seance is None:
            raise SaisieInvalide(f"La séance n°{seance_id} n'existe pas.")
        notes = session.scalar(select(func.count()).select_from(Note).where(Note.seance_id == seance_id))
        changes = session.scalar(select(func.count()).select_from(Historique).where(Historique.seance_id == seance_id))
        if notes or changes:
            raise SaisieInvalide("Cette séance contient déjà des notes ou des changements : elle est conservée.")
        session.execute(delete(Reglage).where(Reglage.cle.like("seance_ouverte:%"), Reglage.valeur == str(seance_id)))
        session.delete(seance)


def trouver_comites(db: Database, contrat_id: int, recherche: str) -> list[ComiteResume]:
    """The comités whose name contains recherche (case and accents ignored); an exact name wins alone."""
    cle = sans_accents(recherche)
    if not cle:
        return []
    comites = lister_comites(db, contrat_id)
    exacts = [c for c in comites if sans_accents(c.nom) == cle]
    return exacts or [c for c in comites if cle in sans_accents(c.nom)]
