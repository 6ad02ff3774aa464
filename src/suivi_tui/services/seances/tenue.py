"""Holding a séance: open it (or reopen it), close it, withdraw an empty one, mark its points treated."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from suivi_tui.db.database import Database
from suivi_tui.db.models import Comite, Engagement, Historique, Note, PointTraite, Reglage, Seance
from suivi_tui.services.changement import Changement
from suivi_tui.services.edition import historiser
from suivi_tui.services.reglages import dernier_comite_cle
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.services.seances.journal import SEANCE_SQL, SeanceInfo, seance_info
from suivi_tui.services.seances.registre import SeanceResume, resume_seance, seance_ouverte, seance_ouverte_cle
from suivi_tui.today import now_utc

LIEU_MAX = 200
PARTICIPANTS_MAX = 2000


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
        row = session.execute(text(SEANCE_SQL + " WHERE s.id = :s"), {"s": seance_id}).one()
        return seance_info(tuple(row))


def fermer_seance(db: Database, contrat_id: int) -> SeanceResume | None:
    """Close the contrat's open séance; returns what it holds (for the toast), None if none was open."""
    ouverte = seance_ouverte(db, contrat_id)
    with db.write() as session:
        session.execute(delete(Reglage).where(Reglage.cle == seance_ouverte_cle(contrat_id)))
    if ouverte is None:
        return None
    return resume_seance(db, ouverte.id)


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


def marquer_traite(db: Database, seance_id: int, engagement_id: int) -> bool:
    """Record that the séance treated this point; False when it already was."""
    with db.write() as session:
        if session.get(Seance, seance_id) is None:
            raise SaisieInvalide("La séance n'existe plus : rouvrez-la avec m.")
        if session.get(PointTraite, (seance_id, engagement_id)) is not None:
            return False
        session.add(PointTraite(seance_id=seance_id, engagement_id=engagement_id, traite_le=now_utc()))
    return True


def retirer_a_discuter(db: Database, seance_id: int, engagement_ids: list[int]) -> Changement | None:
    """Take these engagements off the agenda, stamped with the séance that treated them: one undoable step."""
    lot = []
    with db.write() as session:
        for engagement_id in engagement_ids:
            engagement = session.get(Engagement, engagement_id)
            if engagement is None or not engagement.a_discuter:
                continue
            comite_avant, avant = engagement.a_discuter_comite_id, engagement.modifie_le
            engagement.a_discuter, engagement.a_discuter_comite_id = 0, None
            engagement.modifie_le = now_utc()
            hid = historiser(session, engagement_id, "a_discuter", "1", "0", seance_id=seance_id)
            comite = str(comite_avant) if comite_avant is not None else None
            lot.append(
                Changement(
                    "a_discuter", "Retiré de l'ordre du jour", engagement_id, hid, None, "1", "0", avant, (comite,)
                )
            )
    if not lot:
        return None
    quoi = "1 point retiré" if len(lot) == 1 else f"{len(lot)} points retirés"
    return Changement("lot", f"{quoi} de l'ordre du jour (traités en séance)", lot=tuple(lot))
