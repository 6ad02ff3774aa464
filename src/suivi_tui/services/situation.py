"""The quick status check: per axis counts per statut, en retard, next échéance; the next échéances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.arbre import cumuler, lire_arbre
from suivi_tui.services.echeances import EcheanceLigne, lister_echeances
from suivi_tui.services.fragments_sql import EN_RETARD


@dataclass(frozen=True)
class EtatAxe:
    numero: str
    titre: str
    par_statut: dict[str, int]
    en_retard: int
    prochaine: dt.date | None
    profondeur: int = 0  # 0: a root of the tree (the totals add these up)

    @property
    def total(self) -> int:
        return sum(self.par_statut.values())


@lit
def etat_par_axe(lecture: Lecture, contrat_id: int, today: dt.date) -> list[EtatAxe]:
    """Each node of the tree with its descendants' engagements counted in (depth first)."""
    sql = f"""
        SELECT a.id, e.statut, count(e.id), coalesce(sum({EN_RETARD}), 0),
               (SELECT min(x.date) FROM echeance x JOIN engagement y ON y.id = x.engagement_id
                WHERE y.axe_id = a.id AND x.faite_le IS NULL AND x.date >= :today)
        FROM axe a JOIN contrat c ON c.id = a.contrat_id LEFT JOIN engagement e ON e.axe_id = a.id
        WHERE a.contrat_id = :contrat GROUP BY a.id, e.statut"""
    rows = lecture.execute(sql, {"contrat": contrat_id, "today": today.isoformat()}).all()
    propres: dict[int, tuple[dict[str, int], int, str | None]] = {}
    for axe_id, statut, nombre, retard, prochaine in rows:
        par_statut, en_retard, _ = propres.get(axe_id, ({}, 0, prochaine))
        if statut is not None:
            par_statut[statut] = nombre
        propres[axe_id] = (par_statut, en_retard + retard, prochaine)
    noeuds = lire_arbre(lecture, contrat_id)
    totaux = cumuler(noeuds, propres, lambda: ({}, 0, None), _additionner)
    return [EtatAxe(n.numero, n.titre, *_etat(totaux[n.id]), profondeur=n.profondeur) for n in noeuds]


def _additionner(
    a: tuple[dict[str, int], int, str | None], b: tuple[dict[str, int], int, str | None]
) -> tuple[dict[str, int], int, str | None]:
    statuts = dict(a[0])
    for statut, n in b[0].items():
        statuts[statut] = statuts.get(statut, 0) + n
    dates = [d for d in (a[2], b[2]) if d]
    return statuts, a[1] + b[1], min(dates) if dates else None


def _etat(total: tuple[dict[str, int], int, str | None]) -> tuple[dict[str, int], int, dt.date | None]:
    return total[0], total[1], dt.date.fromisoformat(total[2]) if total[2] else None


@lit
def prochaines_echeances(lecture: Lecture, contrat_id: int, today: dt.date, n: int = 10) -> list[EcheanceLigne]:
    """The n next open échéances from today on (late ones are counted per axis, not listed here)."""
    return list(lister_echeances(lecture, contrat_id, today, limit=n, a_venir_seulement=True).lignes)
