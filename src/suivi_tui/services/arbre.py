"""The tree of axes (enjeu → orientation → objectif opérationnel): its order, descendants and roll-ups.

A 2020-2022 protocole is a tree of depth one: every axe is a root and rolls up only itself, so
everything below reads both shapes alike. The tree of a contrat is small (tens of nodes): it is
read once and rolled up in Python; the engagements of a node and its descendants are selected in
SQL with SOUS_ARBRE (a recursive CTE, measured in benchmarks/bench_queries.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from suivi_tui.db.database import Lecture, lit

# The ids of the axe :axe and of every node below it (expects :axe bound by the caller).
SOUS_ARBRE = (
    "(WITH RECURSIVE sous(id) AS (SELECT :axe UNION ALL "
    "SELECT x.id FROM axe x JOIN sous ON x.parent_id = sous.id) SELECT id FROM sous)"
)

C = TypeVar("C")


class Branche(Protocol):
    """What a roll-up needs of a node: its id and its parent's (a Noeud, an exported axe, a row of the bilan)."""

    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...


@dataclass(frozen=True)
class Noeud:
    """An axe in its tree: its level's name as the document gives it, its parent and its depth (0: a root)."""

    id: int
    numero: str
    titre: str
    niveau: str
    parent_id: int | None
    profondeur: int
    ordre: int


@lit
def lire_arbre(lecture: Lecture, contrat_id: int) -> list[Noeud]:
    """The axes of a contrat, each parent followed by its children (depth first, in document order)."""
    rows = lecture.execute(
        "SELECT id, numero, titre, niveau, parent_id, ordre FROM axe WHERE contrat_id = :c ORDER BY ordre, id",
        {"c": contrat_id},
    ).all()
    return en_profondeur(rows)


def en_profondeur(rows: Sequence[tuple[int, str, str, str, int | None, int]]) -> list[Noeud]:
    """(id, numero, titre, niveau, parent_id, ordre) rows, ordered depth first; a node whose parent is
    missing (another contrat's, a broken base) is shown as a root rather than lost."""
    ids = {r[0] for r in rows}
    enfants: dict[int | None, list[tuple[int, str, str, str, int | None, int]]] = {}
    for r in rows:
        enfants.setdefault(r[4] if r[4] in ids else None, []).append(r)
    ordre: list[Noeud] = []
    pile = [(r, 0) for r in reversed(enfants.get(None, []))]
    vus: set[int] = set()
    while pile:
        r, profondeur = pile.pop()
        if r[0] in vus:
            continue
        vus.add(r[0])
        ordre.append(Noeud(r[0], r[1], r[2], r[3], r[4] if r[4] in ids else None, profondeur, r[5]))
        pile.extend((e, profondeur + 1) for e in reversed(enfants.get(r[0], [])))
    return ordre


def descendants(noeuds: Iterable[Noeud], axe_id: int) -> set[int]:
    """axe_id and every node below it."""
    enfants: dict[int | None, list[int]] = {}
    for n in noeuds:
        enfants.setdefault(n.parent_id, []).append(n.id)
    trouves, pile = set(), [axe_id]
    while pile:
        courant = pile.pop()
        if courant not in trouves:
            trouves.add(courant)
            pile.extend(enfants.get(courant, []))
    return trouves


def cumuler(
    noeuds: Sequence[Branche], propres: dict[int, C], zero: Callable[[], C], ajouter: Callable[[C, C], C]
) -> dict[int, C]:
    """Each node's own figures plus those of all its descendants (noeuds in depth-first order)."""
    totaux = {n.id: propres.get(n.id, zero()) for n in noeuds}
    for n in reversed(noeuds):  # children come after their parent: add them up from the bottom
        if n.parent_id is not None and n.parent_id in totaux:
            totaux[n.parent_id] = ajouter(totaux[n.parent_id], totaux[n.id])
    return totaux


def racines(noeuds: Sequence[Branche]) -> dict[int, int]:
    """Each node's root (itself for a root): a 2020-2022 protocole maps every axe to itself."""
    parents = {n.id: n.parent_id for n in noeuds}
    trouvees: dict[int, int] = {}
    for n in noeuds:
        courant, vus = n.id, {n.id}
        parent = parents.get(courant)
        while parent is not None and parent in parents and parent not in vus:  # a cycle stops where it loops
            courant = parent
            vus.add(courant)
            parent = parents.get(courant)
        trouvees[n.id] = courant
    return trouvees


def enfants_directs(noeuds: Sequence[Branche]) -> dict[int, list[int]]:
    """The ids of each node's children, in the order given (depth first: document order)."""
    ids = {n.id for n in noeuds}
    enfants: dict[int, list[int]] = {n.id: [] for n in noeuds}
    for n in noeuds:
        if n.parent_id is not None and n.parent_id in ids:
            enfants[n.parent_id].append(n.id)
    return enfants


def chemin(noeuds: Sequence[Noeud], axe_id: int) -> list[Noeud]:
    """The node and its ancestors, from the root down."""
    par_id = {n.id: n for n in noeuds}
    suite: list[Noeud] = []
    courant = par_id.get(axe_id)
    while courant is not None and courant not in suite:
        suite.append(courant)
        courant = par_id.get(courant.parent_id) if courant.parent_id is not None else None
    return list(reversed(suite))


def nom_du_noeud(niveau: str, numero: str) -> str:
    """« Axe IV », « Enjeu 1 », « Objectif opérationnel 1.2.3 »."""
    return f"{niveau} {numero}"
