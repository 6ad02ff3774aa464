"""Undo: revert what a command did, and remove the historique row it wrote."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from suivi_tui.db.engine import Database
from suivi_tui.db.models import Comite, Echeance, Engagement, Historique, Note, Seance
from suivi_tui.services.commandes import Changement, SaisieInvalide

_CHAMPS = ("statut", "pilote", "a_discuter")


def annuler(db: Database, changement: Changement) -> str:
    """Revert changement; returns the toast text. Refuses (SaisieInvalide) if it changed since."""
    with db.write() as session:
        if changement.genre in _CHAMPS:
            engagement = session.get(Engagement, changement.engagement_id)
            if engagement is None:
                raise SaisieInvalide("L'engagement n'existe plus : rien à annuler.")
            actuel = getattr(engagement, changement.genre)
            if (str(actuel) if actuel is not None else None) != changement.nouveau:
                raise SaisieInvalide("La valeur a changé depuis : annulation impossible.")
            ancien = changement.ancien
            valeur = int(ancien) if changement.genre == "a_discuter" and ancien else ancien
            setattr(engagement, changement.genre, valeur)
            engagement.modifie_le = changement.modifie_le_avant or engagement.modifie_le
        elif changement.genre == "echeance.ajout":
            session.execute(delete(Echeance).where(Echeance.id == changement.cible_id))
        elif changement.genre in ("echeance.faite", "echeance.rouverte"):
            echeance = session.get(Echeance, changement.cible_id)
            if echeance is None:
                raise SaisieInvalide("L'échéance n'existe plus : rien à annuler.")
            echeance.faite_le = changement.ancien
        elif changement.genre == "echeance.suppression":
            libelle, date, precision, faite_le = changement.donnees
            session.add(
                Echeance(
                    id=changement.cible_id,
                    engagement_id=changement.engagement_id,
                    libelle=libelle or "",
                    date=date,
                    precision=precision,
                    faite_le=faite_le,
                )
            )
        elif changement.genre == "note":
            session.execute(delete(Note).where(Note.id == changement.cible_id))
            _supprimer_seance_vide(session, changement.seance_creee)
        elif changement.genre == "retour":
            from suivi_tui.services.retour.application import annuler_retour

            annuler_retour(session, changement)
        elif changement.genre == "comite":
            if session.scalar(select(func.count()).select_from(Seance).where(Seance.comite_id == changement.cible_id)):
                raise SaisieInvalide("Le comité a déjà des séances : annulation impossible.")
            session.execute(delete(Comite).where(Comite.id == changement.cible_id))
        else:
            raise SaisieInvalide(f"Rien à annuler pour « {changement.genre} ».")
        if changement.historique_id is not None:
            session.execute(delete(Historique).where(Historique.id == changement.historique_id))
    return f"Annulé : {changement.message}"


def _supprimer_seance_vide(session: Session, seance_id: int | None) -> None:
    """A séance that the undone note created, and that holds nothing else, goes with it."""
    if seance_id is None:
        return
    if not session.scalar(select(func.count()).select_from(Note).where(Note.seance_id == seance_id)):
        session.execute(delete(Seance).where(Seance.id == seance_id))
