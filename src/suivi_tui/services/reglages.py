"""Remembered choices (last contrat, last comité), stored in the database they refer to."""

from __future__ import annotations

from suivi_tui.db.database import Database, Lecture, lit

DERNIER_CONTRAT = "dernier_contrat"


def dernier_comite_cle(contrat_id: int) -> str:
    return f"dernier_comite:{contrat_id}"


@lit
def lire_reglage(lecture: Lecture, cle: str) -> str | None:
    valeur: str | None = lecture.execute("SELECT valeur FROM reglage WHERE cle = :c", {"c": cle}).scalar()
    return valeur


def ecrire_reglage(db: Database, cle: str, valeur: str) -> None:
    from suivi_tui.db.models import Reglage  # a write: the ORM is loaded by then, or now

    with db.write() as session:
        session.merge(Reglage(cle=cle, valeur=valeur))
