"""Undo: revert what a command did, and remove the historique row it wrote."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from suivi_tui.db.database import Database
from suivi_tui.db.models import Comite, Echeance, Engagement, Historique, Mesure, Note, Seance
from suivi_tui.services.changement import Changement
from suivi_tui.services.saisie import SaisieInvalide

_CHAMPS = ("statut", "pilote", "a_discuter")


def annuler(db: Database, changement: Changement) -> str:
    """Revert changement (a lot as a whole); returns the toast text. Refuses (SaisieInvalide) if it changed since."""
    with db.write() as session:
        _annuler(session, changement)
    return f"Annulé : {changement.message}"


def _annuler(session: Session, changement: Changement) -> None:
    if changement.genre == "lot":
        for partie in reversed(changement.lot):  # one transaction: all of the lot or nothing
            _annuler(session, partie)
        return
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
        if changement.genre == "a_discuter":  # the comité that had asked for the point, if any
            avant = changement.donnees[0] if changement.donnees else None
            engagement.a_discuter_comite_id = int(avant) if avant else None
        engagement.modifie_le = changement.modifie_le_avant or engagement.modifie_le
    elif changement.genre == "echeance.ajout":
        session.execute(delete(Echeance).where(Echeance.id == changement.cible_id))
    elif changement.genre in ("echeance.faite", "echeance.rouverte"):
        echeance = session.get(Echeance, changement.cible_id)
        if echeance is None:
            raise SaisieInvalide("L'échéance n'existe plus : rien à annuler.")
        echeance.faite_le = changement.ancien
    elif changement.genre == "echeance.suppression":
        libelle, date, precision, faite_le, uuid = changement.donnees
        session.add(  # with its identity: a calendar that had it still finds it
            Echeance(
                id=changement.cible_id,
                engagement_id=changement.engagement_id,
                libelle=libelle or "",
                date=date,
                precision=precision,
                faite_le=faite_le,
                uuid=uuid,
            )
        )
    elif changement.genre == "note":
        session.execute(delete(Note).where(Note.id == changement.cible_id))
    elif changement.genre == "retour":
        from suivi_tui.services.retour.application import annuler_retour

        annuler_retour(session, changement)
    elif changement.genre == "mesure":
        _annuler_mesure(session, changement)
    elif changement.genre == "programmation":
        from suivi_tui.services.programmation_saisie import annuler_action

        annuler_action(session, changement)
    elif changement.genre == "comite":
        if session.scalar(select(func.count()).select_from(Seance).where(Seance.comite_id == changement.cible_id)):
            raise SaisieInvalide("Le comité a déjà des séances : annulation impossible.")
        session.execute(delete(Comite).where(Comite.id == changement.cible_id))
    else:
        raise SaisieInvalide(f"Rien à annuler pour « {changement.genre} ».")
    if changement.historique_id is not None:
        session.execute(delete(Historique).where(Historique.id == changement.historique_id))


def _annuler_mesure(session: Session, changement: Changement) -> None:
    """A new mesure goes; a corrected one gets its former value back (unless it changed since)."""
    mesure = session.get(Mesure, changement.cible_id)
    if mesure is None:
        raise SaisieInvalide("La mesure n'existe plus : rien à annuler.")
    if repr(mesure.valeur) != changement.nouveau:
        raise SaisieInvalide("La valeur a changé depuis : annulation impossible.")
    if changement.ancien is None:
        session.delete(mesure)
        return
    mesure.valeur = float(changement.ancien)
    mesure.commentaire, mesure.saisie_le = changement.donnees[0] or "", changement.donnees[1] or mesure.saisie_le
