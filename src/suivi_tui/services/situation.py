"""The quick status check: per axis counts per statut, en retard, next échéance; the next échéances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.echeances import EcheanceLigne, lister_echeances
from suivi_tui.services.fragments_sql import EN_RETARD


@dataclass(frozen=True)
class EtatAxe:
    numero: str
    titre: str
    par_statut: dict[str, int]
    en_retard: int
    prochaine: dt.date | None

    @property
    def total(self) -> int:
        return sum(self.par_statut.values())


@lit
def etat_par_axe(lecture: Lecture, contrat_id: int, today: dt.date) -> list[EtatAxe]:
    sql = f"""
        SELECT a.id, a.numero, a.titre, e.statut, count(e.id), coalesce(sum({EN_RETARD}), 0),
               (SELECT min(x.date) FROM echeance x JOIN engagement y ON y.id = x.engagement_id
                WHERE y.axe_id = a.id AND x.faite_le IS NULL AND x.date >= :today)
        FROM axe a JOIN contrat c ON c.id = a.contrat_id LEFT JOIN engagement e ON e.axe_id = a.id
        WHERE a.contrat_id = :contrat GROUP BY a.id, e.statut ORDER BY a.ordre"""
    rows = lecture.execute(sql, {"contrat": contrat_id, "today": today.isoformat()}).all()
    axes: dict[int, EtatAxe] = {}
    for axe_id, numero, titre, statut, nombre, retard, prochaine in rows:
        date = dt.date.fromisoformat(prochaine) if prochaine else None
        etat = axes.setdefault(axe_id, EtatAxe(numero, titre, {}, 0, date))
        if statut is not None:
            etat.par_statut[statut] = nombre
        axes[axe_id] = EtatAxe(etat.numero, etat.titre, etat.par_statut, etat.en_retard + retard, etat.prochaine)
    return list(axes.values())


@lit
def prochaines_echeances(lecture: Lecture, contrat_id: int, today: dt.date, n: int = 10) -> list[EcheanceLigne]:
    """The n next open échéances from today on (late ones are counted per axis, not listed here)."""
    return list(lister_echeances(lecture, contrat_id, today, limit=n, a_venir_seulement=True).lignes)
