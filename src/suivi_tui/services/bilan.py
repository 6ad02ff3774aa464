"""The bilan of a contrat: axes × parties, each partie's scorecard, what is left to carry over, progress over time.

Read in one transaction (a consistent snapshot); the screen, the command and the writers only format it.
A confidential decision's text is not even read unless asked for (inclure_confidentiel).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.arbre import cumuler, lire_arbre
from suivi_tui.services.engagements import EngagementVu
from suivi_tui.services.fragments_sql import EN_RETARD, JOUR_NOTE, NOTES_DU_JOURNAL
from suivi_tui.services.progression import Progression, lire_progression
from suivi_tui.texte import nombre


@dataclass(frozen=True)
class Compte:
    """Engagements of one cell of the bilan (an axe and a partie, a row, a column, or the whole contrat)."""

    engagements: int = 0
    realises: int = 0
    en_cours: int = 0
    en_retard: int = 0

    @property
    def part_realisee(self) -> float:
        return self.realises / self.engagements if self.engagements else 0.0

    def __add__(self, autre: Compte) -> Compte:
        return Compte(
            self.engagements + autre.engagements,
            self.realises + autre.realises,
            self.en_cours + autre.en_cours,
            self.en_retard + autre.en_retard,
        )


@dataclass(frozen=True)
class PartieBilan:
    id: int
    nom: str
    nom_court: str


@dataclass(frozen=True)
class LigneBilan:
    """A node of the tree (an axe of a protocole): its counts include those of every node below it."""

    axe_id: int
    numero: str
    titre: str
    par_partie: tuple[Compte, ...]  # in the order of Bilan.parties
    total: Compte
    parent_id: int | None = None
    profondeur: int = 0
    niveau: str = "Axe"

    @property
    def id(self) -> int:
        """The node's id (what a roll-up of the tree calls it)."""
        return self.axe_id


@dataclass(frozen=True)
class Decision:
    """The last note of type décision linked to an engagement; texte is None when confidential and not asked for."""

    date: dt.date
    comite: str
    texte: str | None
    confidentielle: bool


@dataclass(frozen=True)
class AReporter(EngagementVu):
    """An engagement not réalisé at the end: to carry over into the next contrat (or to close for good)."""

    ordre: int
    en_retard: bool
    decision: Decision | None


@dataclass(frozen=True)
class Bilan:
    contrat_id: int
    titre: str
    debut: dt.date | None
    fin: dt.date | None
    today: dt.date
    parties: tuple[PartieBilan, ...]
    lignes: tuple[LigneBilan, ...]
    par_partie: tuple[Compte, ...]  # column totals, in the order of parties
    total: Compte
    a_reporter: tuple[AReporter, ...]
    progression: Progression
    confidentiel_inclus: bool

    @property
    def decisions_masquees(self) -> int:
        return sum(1 for r in self.a_reporter if r.decision is not None and r.decision.texte is None)


def tableau_de_bord(bilan: Bilan) -> str:
    """« Ville : 14/37 réalisés · État : 5/15 réalisés »: each partie's scorecard on one line."""
    return " · ".join(
        f"{p.nom_court} : {nombre(c.realises)}/{nombre(c.engagements)} réalisé{'s' if c.realises > 1 else ''}"
        for p, c in zip(bilan.parties, bilan.par_partie, strict=True)
    )


@lit
def lire_bilan(lecture: Lecture, contrat_id: int, today: dt.date, *, inclure_confidentiel: bool = False) -> Bilan:
    """The bilan of one contrat as it stands today; LookupError if the contrat does not exist."""
    contrat = lecture.execute("SELECT titre, debut, fin FROM contrat WHERE id = :c", {"c": contrat_id}).first()
    if contrat is None:
        raise LookupError(f"contrat {contrat_id} introuvable")
    debut, fin = _date(contrat[1]), _date(contrat[2])
    parties = tuple(
        PartieBilan(*r)
        for r in lecture.execute(
            "SELECT id, nom, nom_court FROM partie WHERE contrat_id = :c ORDER BY ordre, id",
            {"c": contrat_id},
        )
    )
    lignes = _matrice(lecture, contrat_id, today, parties)
    a_reporter = _a_reporter(lecture, contrat_id, today, inclure_confidentiel)
    progression = lire_progression(lecture, contrat_id, debut, fin, today)
    # The roots only: a node's row already holds everything below it.
    racines = [ligne for ligne in lignes if ligne.parent_id is None]
    par_partie = tuple(sum((ligne.par_partie[i] for ligne in racines), Compte()) for i in range(len(parties)))
    return Bilan(
        contrat_id=contrat_id,
        titre=contrat[0],
        debut=debut,
        fin=fin,
        today=today,
        parties=parties,
        lignes=lignes,
        par_partie=par_partie,
        total=sum((ligne.total for ligne in racines), Compte()),
        a_reporter=a_reporter,
        progression=progression,
        confidentiel_inclus=inclure_confidentiel,
    )


def _date(valeur: str | None) -> dt.date | None:
    return dt.date.fromisoformat(valeur) if valeur else None


def _matrice(
    lecture: Lecture, contrat_id: int, today: dt.date, parties: tuple[PartieBilan, ...]
) -> tuple[LigneBilan, ...]:
    params = {"contrat": contrat_id, "today": today.isoformat()}
    noeuds = lire_arbre(lecture, contrat_id)
    comptes: dict[tuple[int, int], Compte] = {
        (r[0], r[1]): Compte(r[2], r[3] or 0, r[4] or 0, r[5] or 0)
        for r in lecture.execute(
            f"""
            SELECT e.axe_id, e.partie_id, count(*), sum(e.statut = 'realise'), sum(e.statut = 'en_cours'),
                   sum({EN_RETARD})
            FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN contrat c ON c.id = a.contrat_id
            WHERE a.contrat_id = :contrat GROUP BY e.axe_id, e.partie_id""",
            params,
        )
    }
    propres = {n.id: tuple(comptes.get((n.id, p.id), Compte()) for p in parties) for n in noeuds}
    cumules = cumuler(
        noeuds,
        propres,
        lambda: tuple(Compte() for _ in parties),
        lambda a, b: tuple(x + y for x, y in zip(a, b, strict=True)),
    )
    return tuple(
        LigneBilan(
            n.id, n.numero, n.titre, cumules[n.id], sum(cumules[n.id], Compte()), n.parent_id, n.profondeur, n.niveau
        )
        for n in noeuds
    )


# The last décision of an engagement: by the day of its séance (its writing day when outside a séance).
_DERNIERE_DECISION = f"""
    (SELECT n.id FROM note n LEFT JOIN seance s ON s.id = n.seance_id
     WHERE n.engagement_id = e.id AND n.type = 'decision'
     ORDER BY {JOUR_NOTE} DESC, n.cree_le DESC, n.id DESC LIMIT 1)"""


def _a_reporter(lecture: Lecture, contrat_id: int, today: dt.date, inclure_confidentiel: bool) -> tuple[AReporter, ...]:
    rows = lecture.execute(
        f"""
        SELECT e.id, a.numero, p.nom_court, e.ordre, e.libelle, e.statut, e.pilote, {EN_RETARD}, {_DERNIERE_DECISION}
        FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
        JOIN contrat c ON c.id = a.contrat_id
        WHERE a.contrat_id = :contrat AND e.statut <> 'realise'
        ORDER BY a.ordre, p.ordre, e.ordre, e.id""",
        {"contrat": contrat_id, "today": today.isoformat()},
    ).all()
    decisions = _decisions(lecture, [r[8] for r in rows if r[8] is not None], inclure_confidentiel)
    return tuple(
        AReporter(r[0], r[1], r[2], r[4], r[5], r[6], r[3], bool(r[7]), decisions.get(r[8]) if r[8] else None)
        for r in rows
    )


def _decisions(lecture: Lecture, ids: list[int], inclure_confidentiel: bool) -> dict[int, Decision]:
    if not ids:
        return {}
    # The text of a confidential note is left in the base, not masked afterwards: it never reaches memory.
    sql = f"""
        SELECT n.id, {JOUR_NOTE}, co.nom,
               CASE WHEN n.confidentielle = 1 AND NOT :inclure THEN NULL ELSE n.texte END, n.confidentielle
        FROM {NOTES_DU_JOURNAL}
        WHERE n.id IN :ids"""
    return {
        r[0]: Decision(dt.date.fromisoformat(r[1]), r[2], r[3], bool(r[4]))
        for r in lecture.execute(sql, {"ids": ids, "inclure": inclure_confidentiel})
    }
