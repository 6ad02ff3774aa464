"""The contrats held by a database, and the totals the header line shows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.fragments_sql import EN_RETARD
from suivi_tui.texte import sans_accents


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


# Articles a city's name may start with: « Les Mureaux » is found under M, as in a French index.
_ARTICLE = re.compile(r"^(?:le|la|les|l')\s*", re.IGNORECASE)


def cle_de_tri(contrat: ContratResume) -> tuple[str, str]:
    """By city, accents, case and leading article ignored (« de Bagneux » before « d'Épinay »), then title."""
    ville = _ARTICLE.sub("", " ".join(contrat.territoire.replace("’", "'").split()))
    return sans_accents(ville), sans_accents(contrat.titre)


@lit
def lister_contrats(lecture: Lecture) -> list[ContratResume]:
    """Every contrat of the base, in the order a coordinator looks for a city (see cle_de_tri)."""
    rows = lecture.execute(_CONTRATS).all()
    return sorted((_resume(r) for r in rows), key=cle_de_tri)


def _contrat(lecture: Lecture, contrat_id: int) -> ContratResume | None:
    # One contrat only: counting every contrat's engagements takes milliseconds at national scale.
    row = lecture.execute(_CONTRATS + " WHERE c.id = :id", {"id": contrat_id}).first()
    return _resume(row) if row else None


@lit
def contrat_par_id(lecture: Lecture, contrat_id: int) -> ContratResume | None:
    return _contrat(lecture, contrat_id)


@lit
def synthese(lecture: Lecture, contrat_id: int, today: dt.date) -> Synthese:
    counts = f"""
        SELECT e.statut, count(*), sum({EN_RETARD}), sum(e.a_discuter)
        FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN contrat c ON c.id = a.contrat_id
        WHERE c.id = :contrat GROUP BY e.statut"""
    prochaine = """
        SELECT x.date, x.libelle, e.id, e.libelle
        FROM echeance x JOIN engagement e ON e.id = x.engagement_id JOIN axe a ON a.id = e.axe_id
        WHERE a.contrat_id = :contrat AND x.faite_le IS NULL AND x.date >= :today
        ORDER BY x.date, e.id LIMIT 1"""
    params = {"contrat": contrat_id, "today": today.isoformat()}
    rows = lecture.execute(counts, params).all()
    nxt = lecture.execute(prochaine, params).first()
    resume = _contrat(lecture, contrat_id)
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
