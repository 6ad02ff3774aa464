"""The contrats held by a database, and the totals the header line shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from suivi_tui.db.engine import Database
from suivi_tui.services.retard import EN_RETARD


@dataclass(frozen=True)
class ContratResume:
    id: int
    titre: str
    territoire: str
    debut: dt.date | None
    fin: dt.date | None
    engagements: int


@dataclass(frozen=True)
class ProchaineEcheance:
    date: dt.date
    libelle: str
    engagement_id: int


@dataclass(frozen=True)
class Synthese:
    """One contrat's totals: the header line and the top of `suivi status`."""

    contrat: ContratResume
    par_statut: dict[str, int]
    en_retard: int
    a_discuter: int
    prochaine: ProchaineEcheance | None

    @property
    def total(self) -> int:
        return sum(self.par_statut.values())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_CONTRATS = """
    SELECT c.id, c.titre, c.territoire, c.debut, c.fin,
           (SELECT count(*) FROM engagement e JOIN axe a ON a.id = e.axe_id WHERE a.contrat_id = c.id)
    FROM contrat c"""


def _resume(r: Sequence[Any]) -> ContratResume:
    return ContratResume(r[0], r[1], r[2], _date(r[3]), _date(r[4]), r[5])


def lister_contrats(db: Database) -> list[ContratResume]:
    with db.read() as session:
        rows = session.execute(text(_CONTRATS + " ORDER BY c.titre")).all()
    return [_resume(r) for r in rows]


def _contrat(session: Session, contrat_id: int) -> ContratResume | None:
    # One contrat only: counting every contrat's engagements takes milliseconds at national scale.
    row = session.execute(text(_CONTRATS + " WHERE c.id = :id"), {"id": contrat_id}).first()
    return _resume(row) if row else None


def contrat_par_id(db: Database, contrat_id: int) -> ContratResume | None:
    with db.read() as session:
        return _contrat(session, contrat_id)


def synthese(db: Database, contrat_id: int, today: dt.date) -> Synthese:
    counts = text(f"""
        SELECT e.statut, count(*), sum({EN_RETARD}), sum(e.a_discuter)
        FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN contrat c ON c.id = a.contrat_id
        WHERE c.id = :contrat GROUP BY e.statut""")
    prochaine = text("""
        SELECT x.date, x.libelle, e.id, e.libelle
        FROM echeance x JOIN engagement e ON e.id = x.engagement_id JOIN axe a ON a.id = e.axe_id
        WHERE a.contrat_id = :contrat AND x.faite_le IS NULL AND x.date >= :today
        ORDER BY x.date, e.id LIMIT 1""")
    params = {"contrat": contrat_id, "today": today.isoformat()}
    with db.read() as session:
        rows = session.execute(counts, params).all()
        nxt = session.execute(prochaine, params).first()
        resume = _contrat(session, contrat_id)
    if resume is None:
        raise LookupError(f"contrat {contrat_id} introuvable")
    par_statut = {r[0]: r[1] for r in rows}
    return Synthese(
        contrat=resume,
        par_statut=par_statut,
        en_retard=sum(r[2] or 0 for r in rows),
        a_discuter=sum(r[3] or 0 for r in rows),
        prochaine=ProchaineEcheance(dt.date.fromisoformat(nxt[0]), nxt[1] or nxt[3], nxt[2]) if nxt else None,
    )
