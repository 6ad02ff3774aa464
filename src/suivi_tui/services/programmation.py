"""The yearly programmation of credits: its actions (porteur, Dauphin file, CPO, objectives served) and their amounts.

Amounts are kept in centimes (exact sums); « demandé » and « accordé » per financeur (État crédits
spécifiques, ville, CAF…). What was funded per objective rolls up the tree like the counts do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.arbre import chemin, lire_arbre


@dataclass(frozen=True)
class FinancementInfo:
    financeur: str
    demande: int | None  # centimes
    accorde: int | None


@dataclass(frozen=True)
class ActionProgrammee:
    id: int
    annee: int
    porteur: str
    intitule: str
    dauphin: str
    cpo: str
    objectifs: tuple[str, ...]  # the numeros of the nodes it serves
    financements: tuple[FinancementInfo, ...] = field(default_factory=tuple)

    @property
    def demande(self) -> int:
        return sum(f.demande or 0 for f in self.financements)

    @property
    def accorde(self) -> int:
        return sum(f.accorde or 0 for f in self.financements)


@dataclass(frozen=True)
class Programmation:
    """One year's programmation: its actions, the totals per financeur, and what each node was granted."""

    annee: int
    actions: tuple[ActionProgrammee, ...]
    par_financeur: tuple[tuple[str, int, int], ...]  # (financeur, demandé, accordé) in centimes
    par_objectif: dict[str, tuple[int, int]]  # numero → (demandé, accordé), rolled up the tree

    @property
    def demande(self) -> int:
        return sum(a.demande for a in self.actions)

    @property
    def accorde(self) -> int:
        return sum(a.accorde for a in self.actions)


def euros(centimes: int | None) -> str:
    """« 12 500 € », « 1 234,50 € » ; « — » for an amount not given."""
    if centimes is None:
        return "—"
    entier, reste = divmod(abs(centimes), 100)
    texte = f"{entier:,}".replace(",", "\u202f") + (f",{reste:02d}" if reste else "")
    return f"{'-' if centimes < 0 else ''}{texte}\u00a0€"


@lit
def annees_programmees(lecture: Lecture, contrat_id: int) -> list[int]:
    sql = "SELECT DISTINCT annee FROM programmation WHERE contrat_id = :c ORDER BY annee"
    return [r[0] for r in lecture.execute(sql, {"c": contrat_id}).all()]


@lit
def lire_programmation(lecture: Lecture, contrat_id: int, annee: int) -> Programmation:
    """The actions of that year (by porteur, then title) with their objectives and amounts."""
    params = {"c": contrat_id, "an": annee}
    actions = lecture.execute(
        "SELECT id, annee, porteur, intitule, dauphin, cpo FROM programmation "
        "WHERE contrat_id = :c AND annee = :an ORDER BY porteur, intitule, id",
        params,
    ).all()
    ids = [r[0] for r in actions]
    objectifs: dict[int, list[tuple[str, int]]] = {}
    financements: dict[int, list[FinancementInfo]] = {}
    if ids:
        for pid, axe_id, numero in lecture.execute(
            "SELECT po.programmation_id, a.id, a.numero FROM programmation_objectif po JOIN axe a ON a.id = po.axe_id "
            "WHERE po.programmation_id IN :ids ORDER BY a.ordre",
            {"ids": ids},
        ).all():
            objectifs.setdefault(pid, []).append((numero, axe_id))
        for pid, financeur, demande, accorde in lecture.execute(
            "SELECT programmation_id, financeur, demande_centimes, accorde_centimes FROM financement "
            "WHERE programmation_id IN :ids ORDER BY id",
            {"ids": ids},
        ).all():
            financements.setdefault(pid, []).append(FinancementInfo(financeur, demande, accorde))
    lues = tuple(
        ActionProgrammee(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            tuple(n for n, _ in objectifs.get(r[0], [])),
            tuple(financements.get(r[0], [])),
        )
        for r in actions
    )
    return Programmation(annee, lues, _par_financeur(lues), _par_objectif(lecture, contrat_id, lues, objectifs))


def _par_financeur(actions: tuple[ActionProgrammee, ...]) -> tuple[tuple[str, int, int], ...]:
    totaux: dict[str, tuple[int, int]] = {}
    for action in actions:
        for f in action.financements:
            demande, accorde = totaux.get(f.financeur, (0, 0))
            totaux[f.financeur] = (demande + (f.demande or 0), accorde + (f.accorde or 0))
    return tuple((nom, d, a) for nom, (d, a) in totaux.items())


def _par_objectif(
    lecture: Lecture,
    contrat_id: int,
    actions: tuple[ActionProgrammee, ...],
    objectifs: dict[int, list[tuple[str, int]]],
) -> dict[str, tuple[int, int]]:
    """Amounts per node, rolled up: an action counts once in every node at or above the objectives it serves."""
    noeuds = lire_arbre(lecture, contrat_id)
    totaux: dict[int, tuple[int, int]] = {}
    for action in actions:
        touches = {n.id for _numero, axe_id in objectifs.get(action.id, []) for n in chemin(noeuds, axe_id)}
        for axe_id in touches:
            d, a = totaux.get(axe_id, (0, 0))
            totaux[axe_id] = (d + action.demande, a + action.accorde)
    return {n.numero: totaux[n.id] for n in noeuds if n.id in totaux}
