"""Entering a mesure of an indicator: one transaction, a value entered again the same day corrects it, undoable."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from suivi_tui.db.database import Database
from suivi_tui.db.models import Indicateur, Mesure
from suivi_tui.services.changement import Changement
from suivi_tui.services.indicateurs import avec_unite
from suivi_tui.services.saisie import SaisieInvalide, nettoyer_saisie
from suivi_tui.today import now_utc


def enregistrer_mesure(
    db: Database,
    indicateur_id: int,
    date: dt.date,
    valeur: float,
    commentaire: str = "",
    *,
    seance_id: int | None = None,
) -> Changement | None:
    """Record valeur on date; None when that very value was already recorded that day (nothing written)."""
    commentaire = " ".join(nettoyer_saisie(commentaire).split())
    with db.write() as session:
        indicateur = session.get(Indicateur, indicateur_id)
        if indicateur is None:
            raise SaisieInvalide(f"L'indicateur n°{indicateur_id} n'existe pas (supprimé entre-temps ?).")
        existante = session.scalar(
            select(Mesure).where(Mesure.indicateur_id == indicateur_id, Mesure.date == date.isoformat())
        )
        ancien: str | None = None
        if existante is not None:
            if existante.valeur == valeur and existante.commentaire == commentaire:
                return None
            ancien = repr(existante.valeur)
            donnees: tuple[str | None, ...] = (existante.commentaire, existante.saisie_le)
            existante.valeur, existante.commentaire = valeur, commentaire
            existante.seance_id, existante.saisie_le = seance_id, now_utc()
            mesure = existante
        else:
            donnees = ()
            mesure = Mesure(
                indicateur_id=indicateur_id,
                date=date.isoformat(),
                valeur=valeur,
                commentaire=commentaire,
                seance_id=seance_id,
                saisie_le=now_utc(),
            )
            session.add(mesure)
        session.flush()
        quoi = "corrigée" if ancien is not None else "enregistrée"
        message = f"Mesure {quoi} : {indicateur.libelle} = {avec_unite(valeur, indicateur.unite)} au {date:%d/%m/%Y}"
        return Changement(
            "mesure",
            message,
            engagement_id=indicateur.engagement_id,
            cible_id=mesure.id,
            ancien=ancien,
            nouveau=repr(valeur),
            donnees=donnees,
        )
