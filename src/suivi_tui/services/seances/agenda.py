"""The agenda of a séance: what the comité should look at, one line per engagement with its reasons.

Order, as a French meeting runs: first the follow-up of the comité's last decisions and actions
(« suites du dernier comité »), then the points put on the agenda (« à discuter »), then what is
late (the oldest deadline first), then the échéances due before the next séance (the soonest first).
An engagement that fits several of these appears once, at its first place, with every reason.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from dataclasses import dataclass
from typing import Any

from suivi_tui.dates import format_date, format_echeance
from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.engagements import EngagementVu
from suivi_tui.services.fragments_sql import DELAI
from suivi_tui.services.vocabulaire import STATUTS_CLOS
from suivi_tui.texte import court

# Without at least two séances to measure the comité's rhythm, look this far ahead.
HORIZON_PAR_DEFAUT = 60
MOTIFS = ("suite", "a_discuter", "en_retard", "echeance")


@dataclass(frozen=True)
class PointAgenda(EngagementVu):
    """One engagement to look at; motifs are codes (MOTIFS order), raisons the same in French."""

    motifs: tuple[str, ...]
    raisons: tuple[str, ...]

    @property
    def raison(self) -> str:
        return " · ".join(self.raisons)


@dataclass(frozen=True)
class Agenda:
    comite_id: int
    comite: str
    date: dt.date
    seance_precedente: dt.date | None
    prochaine_seance: dt.date | None  # estimated from the median gap between the comité's séances
    limite: dt.date  # échéances up to this day (included) are « à venir » for this séance
    points: tuple[PointAgenda, ...]
    traites: frozenset[int] = frozenset()  # engagements the séance (if it exists) has marked as treated

    def point_suivant(self, apres: int | None) -> PointAgenda | None:
        """The first untreated point after the engagement apres (from the top if it is not a point)."""
        ids = [p.engagement_id for p in self.points]
        debut = ids.index(apres) + 1 if apres in ids else 0
        ordre = self.points[debut:] + self.points[:debut]
        return next((p for p in ordre if p.engagement_id not in self.traites and p.engagement_id != apres), None)


@dataclass
class _Engagement:
    id: int
    axe_numero: str
    rang_document: tuple[int, int]
    partie: str
    libelle: str
    statut: str
    pilote: str | None
    a_discuter: bool
    demande_par: int | None  # the comité that put it on the agenda (None: no comité in particular)
    delai: str | None
    motifs: dict[str, tuple[str, dt.date]]


def prochaine_seance_estimee(dates: list[dt.date], date: dt.date) -> dt.date | None:
    """date + the median gap between the comité's séances up to date (None with fewer than two)."""
    jours = sorted({d for d in dates if d <= date} | {date})
    if len(jours) < 2:
        return None
    ecarts = [(b - a).days for a, b in itertools.pairwise(jours)]
    return date + dt.timedelta(days=statistics.median_low(ecarts))


def _quand(iso: str, precision: str, libelle: str) -> str:
    quand = format_echeance(dt.date.fromisoformat(iso), precision)
    return f"{quand} : {libelle}" if libelle else quand


def _engagements(lecture: Lecture, contrat_id: int) -> dict[int, _Engagement]:
    sql = f"""
        SELECT e.id, a.numero, a.ordre, e.ordre, p.nom_court, e.libelle, e.statut, e.pilote, e.a_discuter,
               e.a_discuter_comite_id, {DELAI}
        FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
        JOIN contrat c ON c.id = a.contrat_id WHERE c.id = :c"""
    return {
        r[0]: _Engagement(r[0], r[1], (r[2], r[3]), r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], {})
        for r in lecture.execute(sql, {"c": contrat_id}).all()
    }


def _retards_et_echeances(
    lecture: Lecture, engagements: dict[int, _Engagement], contrat_id: int, date: dt.date, limite: dt.date
) -> None:
    sql = """
        SELECT x.engagement_id, x.date, x.precision, x.libelle FROM echeance x
        JOIN engagement e ON e.id = x.engagement_id JOIN axe a ON a.id = e.axe_id
        WHERE a.contrat_id = :c AND x.faite_le IS NULL AND x.date <= :limite ORDER BY x.date, x.id"""
    par_engagement: dict[int, list[Any]] = {}
    for r in lecture.execute(sql, {"c": contrat_id, "limite": limite.isoformat()}).all():
        par_engagement.setdefault(r[0], []).append(r)
    for e in engagements.values():
        if e.statut in STATUTS_CLOS:
            continue
        echeances = par_engagement.get(e.id, [])
        if e.delai and e.delai < date.isoformat():
            premiere = echeances[0] if echeances else None
            quoi = (
                f"échéance {_quand(premiere[1], premiere[2], premiere[3])}"
                if premiere
                else f"fin du contrat {format_date(dt.date.fromisoformat(e.delai))}"
            )
            e.motifs["en_retard"] = (f"En retard — {quoi}", dt.date.fromisoformat(e.delai))
        a_venir = [x for x in echeances if x[1] >= date.isoformat()]
        if a_venir:
            autres = len(a_venir) - 1
            suite = f" (et {autres} autre{'s' if autres > 1 else ''})" if autres else ""
            e.motifs["echeance"] = (
                f"Échéance {_quand(a_venir[0][1], a_venir[0][2], a_venir[0][3])}{suite}",
                dt.date.fromisoformat(a_venir[0][1]),
            )


def _suites(lecture: Lecture, engagements: dict[int, _Engagement], comite_id: int, avant: dt.date) -> dt.date | None:
    """Mark the engagements named by the decisions and actions of the last séance before avant that has some."""
    derniere = lecture.execute(
        """
        SELECT s.id, s.date FROM seance s JOIN note n ON n.seance_id = s.id
        WHERE s.comite_id = :co AND s.date < :d AND n.type IN ('decision', 'action') AND n.engagement_id IS NOT NULL
        ORDER BY s.date DESC LIMIT 1""",
        {"co": comite_id, "d": avant.isoformat()},
    ).first()
    if derniere is None:
        return None
    notes = lecture.execute(
        """
        SELECT engagement_id, type, texte, confidentielle FROM note
        WHERE seance_id = :s AND type IN ('decision', 'action') AND engagement_id IS NOT NULL ORDER BY id""",
        {"s": derniere[0]},
    ).all()
    quand = format_date(dt.date.fromisoformat(derniere[1]))
    for eid, type_note, texte, confidentielle in notes:
        e = engagements.get(eid)
        if e is None or "suite" in e.motifs:
            continue
        de = "de la décision" if type_note == "decision" else "de l'action"
        # A confidential note may name a resident: the agenda (often projected) does not quote it.
        extrait = "" if confidentielle else f" : {court(texte, 60)}"
        e.motifs["suite"] = (f"Suite {de} du {quand}{extrait}", dt.date.max)
    return dt.date.fromisoformat(derniere[1])


def _point(e: _Engagement) -> PointAgenda:
    motifs = tuple(m for m in MOTIFS if m in e.motifs)
    return PointAgenda(
        e.id, e.axe_numero, e.partie, e.libelle, e.statut, e.pilote, motifs, tuple(e.motifs[m][0] for m in motifs)
    )


def _cle(e: _Engagement) -> tuple[int, dt.date, tuple[int, int], int]:
    premier = next(m for m in MOTIFS if m in e.motifs)
    return MOTIFS.index(premier), e.motifs[premier][1], e.rang_document, e.id


@lit
def agenda_seance(
    lecture: Lecture, comite_id: int, date: dt.date, *, horizon: int = HORIZON_PAR_DEFAUT, a_preparer: bool = False
) -> Agenda:
    """The agenda of the comité's séance on date (it need not exist yet: the agenda prepares it).

    a_preparer: the séance to come, when none is open. A séance held earlier that day is then behind
    it: its decisions are followed up, nothing is treated yet (A right after closing a séance).
    """
    comite = lecture.execute("SELECT nom, contrat_id FROM comite WHERE id = :c", {"c": comite_id}).first()
    if comite is None:
        raise LookupError(f"Le comité n°{comite_id} n'existe pas.")
    dates = [
        dt.date.fromisoformat(r[0])
        for r in lecture.execute("SELECT date FROM seance WHERE comite_id = :c ORDER BY date", {"c": comite_id}).all()
    ]
    prochaine = prochaine_seance_estimee(dates, date)
    limite = prochaine or date + dt.timedelta(days=horizon)
    engagements = _engagements(lecture, comite[1])
    _retards_et_echeances(lecture, engagements, comite[1], date, limite)
    avant = date + dt.timedelta(days=1) if a_preparer else date  # the séances held before this one
    _suites(lecture, engagements, comite_id, avant)
    traites = (
        frozenset()
        if a_preparer
        else frozenset(
            r[0]
            for r in lecture.execute(
                """SELECT t.engagement_id FROM point_traite t JOIN seance s ON s.id = t.seance_id
                    WHERE s.comite_id = :c AND s.date = :d""",
                {"c": comite_id, "d": date.isoformat()},
            ).all()
        )
    )
    for e in engagements.values():
        # A point another comité asked for is on that comité's agenda, not on this one's.
        if e.a_discuter and e.demande_par in (None, comite_id):
            qui = f" — demandé par {comite[0]}" if e.demande_par else ""
            e.motifs["a_discuter"] = (f"À discuter{qui}", dt.date.max)
    retenus = sorted((e for e in engagements.values() if e.motifs), key=_cle)
    precedente = max((d for d in dates if d < avant), default=None)
    points = tuple(_point(e) for e in retenus)
    return Agenda(comite_id, comite[0], date, precedente, prochaine, limite, points, traites)
