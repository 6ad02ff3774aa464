"""Open échéances across a contrat: late ones first, then upcoming."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit


@dataclass(frozen=True)
class EcheanceLigne:
    id: int
    engagement_id: int
    axe_numero: str
    partie: str
    engagement_libelle: str
    libelle: str
    date: dt.date
    precision: str
    pilote: str | None
    statut: str
    jours: int  # days from today: negative when late

    @property
    def en_retard(self) -> bool:
        return self.jours < 0 and self.statut not in ("realise", "abandonne")


@dataclass(frozen=True)
class PageEcheances:
    lignes: tuple[EcheanceLigne, ...]
    total: int


@lit
def lister_echeances(
    lecture: Lecture,
    contrat_id: int,
    today: dt.date,
    *,
    limit: int = 200,
    offset: int = 0,
    a_venir_seulement: bool = False,
) -> PageEcheances:
    """Open échéances of engagements still running: the late ones first (oldest first), then upcoming."""
    depuis = " AND x.date >= :today" if a_venir_seulement else ""
    base = f"""FROM echeance x JOIN engagement e ON e.id = x.engagement_id JOIN axe a ON a.id = e.axe_id
              JOIN partie p ON p.id = e.partie_id
              WHERE a.contrat_id = :contrat AND x.faite_le IS NULL
                AND e.statut NOT IN ('realise', 'abandonne'){depuis}"""
    sql = f"""SELECT x.id, e.id, a.numero, p.nom_court, e.libelle, x.libelle, x.date, x.precision,
                          e.pilote, e.statut
                   {base} ORDER BY x.date, a.ordre, e.ordre, x.id LIMIT :limit OFFSET :offset"""
    params = {"contrat": contrat_id, "limit": limit, "offset": offset, "today": today.isoformat()}
    rows = lecture.execute(sql, params).all()
    total = lecture.execute(f"SELECT count(*) {base}", params).scalar_one()
    lignes = []
    for r in rows:
        date = dt.date.fromisoformat(r[6])
        lignes.append(EcheanceLigne(r[0], r[1], r[2], r[3], r[4], r[5], date, r[7], r[8], r[9], (date - today).days))
    return PageEcheances(tuple(lignes), total)
