"""Remembered choices (last contrat, last comité), stored in the database they refer to."""

from __future__ import annotations

from sqlalchemy import select

from suivi_tui.db.engine import Database
from suivi_tui.db.models import Reglage

DERNIER_CONTRAT = "dernier_contrat"


def dernier_comite_cle(contrat_id: int) -> str:
    return f"dernier_comite:{contrat_id}"


def lire_reglage(db: Database, cle: str) -> str | None:
    with db.read() as session:
        return session.scalar(select(Reglage.valeur).where(Reglage.cle == cle))


def ecrire_reglage(db: Database, cle: str, valeur: str) -> None:
    with db.write() as session:
        session.merge(Reglage(cle=cle, valeur=valeur))
