"""« À relancer »: the engagements to chase before a meeting — late, or untouched for N weeks — with their pilote.

An engagement's last activity is its latest change (statut, pilote, échéance…) or note, whichever
is newer; closed engagements (réalisé, abandonné) are never chased. Most urgent first: the late
ones by days of delay, then the untouched ones, the longest forgotten first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.dates import format_date, format_echeance
from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.engagements import EngagementVu
from suivi_tui.services.fragments_sql import DELAI, EN_RETARD
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.texte import pluriel

SEMAINES_PAR_DEFAUT = 8
SEMAINES_MAX = 520


@dataclass(frozen=True)
class Relance(EngagementVu):
    """An engagement to chase: late, or unchanged for weeks; raisons says why in French."""

    en_retard: bool
    jours_de_retard: int  # 0 when not late
    delai: dt.date | None
    derniere_activite: dt.date
    semaines_sans_changement: int
    raisons: tuple[str, ...]

    @property
    def raison(self) -> str:
        return " · ".join(self.raisons)


_PREMIERE = """(SELECT x.{col} FROM echeance x WHERE x.engagement_id = e.id AND x.faite_le IS NULL
                ORDER BY x.date, x.id LIMIT 1)"""
_SQL = f"""
    SELECT e.id, a.numero, p.nom_court, e.libelle, e.statut, e.pilote, {DELAI}, {EN_RETARD},
           max(e.modifie_le,
               coalesce((SELECT max(h.le) FROM historique h WHERE h.engagement_id = e.id), ''),
               coalesce((SELECT max(n.cree_le) FROM note n WHERE n.engagement_id = e.id), '')),
           {_PREMIERE.format(col="precision")}, {_PREMIERE.format(col="libelle")}, {_PREMIERE.format(col="date")},
           a.ordre, e.ordre
    FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
    JOIN contrat c ON c.id = a.contrat_id
    WHERE c.id = :contrat AND e.statut NOT IN ('realise', 'abandonne')"""


def _jour_local(instant: str) -> dt.date:
    """The laptop's calendar day of an ISO UTC instant (« 2021-03-14T23:30:00Z » is the 15th in Paris)."""
    moment = dt.datetime.strptime(instant, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    return moment.astimezone().date()


def _raison_retard(jours: int, delai: dt.date, precision: str | None, libelle: str | None, date: str | None) -> str:
    if date is not None and precision is not None:
        quand = format_echeance(dt.date.fromisoformat(date), precision)
        quoi = f"échéance {quand} : {libelle}" if libelle else f"échéance {quand}"
    else:
        quoi = f"fin du contrat {format_date(delai)}"
    return f"En retard de {pluriel(jours, 'jour')} — {quoi}"


@lit
def a_relancer(
    lecture: Lecture, contrat_id: int, today: dt.date, *, semaines: int = SEMAINES_PAR_DEFAUT
) -> list[Relance]:
    """The engagements late on today, or with no change for `semaines` weeks, most urgent first."""
    if not isinstance(semaines, int) or not 1 <= semaines <= SEMAINES_MAX:
        raise SaisieInvalide(f"Le nombre de semaines doit être un entier de 1 à {SEMAINES_MAX}.")
    rows = lecture.execute(_SQL, {"contrat": contrat_id, "today": today.isoformat()}).all()
    retenues: list[tuple[tuple[int, int, dt.date, int, int], Relance]] = []
    for (
        eid,
        numero,
        partie,
        libelle,
        statut,
        pilote,
        delai_iso,
        en_retard,
        derniere,
        precision,
        x_libelle,
        x_date,
        axe_ordre,
        ordre,
    ) in rows:
        delai = dt.date.fromisoformat(delai_iso) if delai_iso else None
        activite = _jour_local(derniere)
        jours_calmes = (today - activite).days
        raisons = []
        jours_retard = (today - delai).days if en_retard and delai else 0
        if jours_retard:
            raisons.append(_raison_retard(jours_retard, delai, precision, x_libelle, x_date))  # type: ignore[arg-type]
        if jours_calmes >= semaines * 7:
            raisons.append(
                f"Sans changement depuis {pluriel(jours_calmes // 7, 'semaine')} (dernier le {format_date(activite)})"
            )
        if not raisons:
            continue
        relance = Relance(
            eid,
            numero,
            partie,
            libelle,
            statut,
            pilote,
            bool(jours_retard),
            jours_retard,
            delai,
            activite,
            max(jours_calmes, 0) // 7,
            tuple(raisons),
        )
        retenues.append(((0 if jours_retard else 1, -jours_retard, activite, axe_ordre, ordre), relance))
    return [relance for _, relance in sorted(retenues, key=lambda item: item[0])]


def grouper_par_pilote(relances: list[Relance]) -> list[tuple[str | None, tuple[Relance, ...]]]:
    """The same list per pilote (None: no pilote yet), each group placed at its most urgent engagement."""
    groupes: dict[str | None, list[Relance]] = {}
    for relance in relances:
        groupes.setdefault(relance.pilote, []).append(relance)
    return [(pilote, tuple(liste)) for pilote, liste in groupes.items()]
