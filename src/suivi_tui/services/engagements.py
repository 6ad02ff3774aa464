"""Engagements as lists show them: axes with their counts, an axis's engagements with filters, one page at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.arbre import SOUS_ARBRE, cumuler, lire_arbre
from suivi_tui.services.fragments_sql import DELAI, EN_RETARD, PROCHAINE_ECHEANCE

PAGE = 200


@dataclass(frozen=True)
class AxeResume:
    """An axe (a node of the tree) with its counts, its descendants' included."""

    id: int
    numero: str
    ordre: int
    titre: str
    total: int
    realises: int
    en_retard: int
    niveau: str = "Axe"
    parent_id: int | None = None
    profondeur: int = 0
    enfants: int = 0  # how many nodes sit directly below it


@dataclass(frozen=True)
class Filtre:
    """What the engagements pane shows; None means no restriction."""

    axe_id: int | None = None
    partie_id: int | None = None
    statuts: frozenset[str] = field(default_factory=frozenset)
    en_retard: bool = False
    a_discuter: bool = False

    @property
    def actif(self) -> bool:
        return bool(self.partie_id or self.statuts or self.en_retard or self.a_discuter)


@dataclass(frozen=True)
class EngagementVu:
    """An engagement as every list shows it: the table, the agenda, what to chase, what to carry over."""

    engagement_id: int
    axe_numero: str
    partie: str
    libelle: str
    statut: str
    pilote: str | None


@dataclass(frozen=True)
class EngagementLigne(EngagementVu):
    """A row of the engagements table."""

    ordre: int
    a_discuter: bool
    prochaine_echeance: dt.date | None
    delai: dt.date | None
    en_retard: bool

    @property
    def id(self) -> int:
        return self.engagement_id


@dataclass(frozen=True)
class PageEngagements:
    lignes: tuple[EngagementLigne, ...]
    total: int  # how many match the filter, for « N sur M »


@dataclass(frozen=True)
class PartieResume:
    id: int
    nom: str
    nom_court: str


@lit
def lister_axes(lecture: Lecture, contrat_id: int, today: dt.date) -> list[AxeResume]:
    """Every node of the contrat's tree, depth first, with total, réalisés and en retard rolled up."""
    sql = f"""
        SELECT e.axe_id, count(*), coalesce(sum(e.statut = 'realise'), 0), coalesce(sum({EN_RETARD}), 0)
        FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN contrat c ON c.id = a.contrat_id
        WHERE a.contrat_id = :contrat GROUP BY e.axe_id"""
    rows = lecture.execute(sql, {"contrat": contrat_id, "today": today.isoformat()}).all()
    propres = {r[0]: (r[1], r[2], r[3]) for r in rows}
    noeuds = lire_arbre(lecture, contrat_id)
    totaux = cumuler(noeuds, propres, lambda: (0, 0, 0), lambda a, b: (a[0] + b[0], a[1] + b[1], a[2] + b[2]))
    enfants: dict[int, int] = {}
    for n in noeuds:
        if n.parent_id is not None:
            enfants[n.parent_id] = enfants.get(n.parent_id, 0) + 1
    return [
        AxeResume(
            n.id, n.numero, n.ordre, n.titre, *totaux[n.id], n.niveau, n.parent_id, n.profondeur, enfants.get(n.id, 0)
        )
        for n in noeuds
    ]


@lit
def lister_parties(lecture: Lecture, contrat_id: int) -> list[PartieResume]:
    sql = "SELECT id, nom, nom_court FROM partie WHERE contrat_id = :c ORDER BY ordre"
    return [PartieResume(*r) for r in lecture.execute(sql, {"c": contrat_id}).all()]


def _where(filtre: Filtre) -> tuple[str, dict[str, object]]:
    clauses: list[str] = ["a.contrat_id = :contrat"]
    params: dict[str, object] = {}
    if filtre.axe_id is not None:  # the node and everything below it
        clauses.append(f"e.axe_id IN {SOUS_ARBRE}")
        params["axe"] = filtre.axe_id
    if filtre.partie_id is not None:
        clauses.append("e.partie_id = :partie")
        params["partie"] = filtre.partie_id
    if filtre.statuts:
        names = [f":statut{i}" for i in range(len(filtre.statuts))]
        clauses.append(f"e.statut IN ({', '.join(names)})")
        params.update({n[1:]: s for n, s in zip(names, sorted(filtre.statuts), strict=True)})
    if filtre.en_retard:
        clauses.append(EN_RETARD)
    if filtre.a_discuter:
        clauses.append("e.a_discuter = 1")
    return " AND ".join(clauses), params


@lit
def lister_engagements(
    lecture: Lecture, contrat_id: int, filtre: Filtre, today: dt.date, *, limit: int = PAGE, offset: int = 0
) -> PageEngagements:
    """One page of the engagements matching filtre, in document order, with the match count."""
    where, params = _where(filtre)
    params.update({"contrat": contrat_id, "today": today.isoformat(), "limit": limit, "offset": offset})
    base = (
        "FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id "
        f"JOIN contrat c ON c.id = a.contrat_id WHERE {where}"
    )
    rows_sql = f"""
        SELECT e.id, a.numero, p.nom_court, e.ordre, e.libelle, e.statut, e.pilote, e.a_discuter,
               {PROCHAINE_ECHEANCE}, {DELAI}, {EN_RETARD}
        {base} ORDER BY a.ordre, e.ordre, e.id LIMIT :limit OFFSET :offset"""
    rows = lecture.execute(rows_sql, params).all()
    total = lecture.execute(f"SELECT count(*) {base}", params).scalar_one()
    return PageEngagements(tuple(_ligne(r) for r in rows), total)


def _ligne(r: tuple) -> EngagementLigne:  # type: ignore[type-arg]
    return EngagementLigne(
        engagement_id=r[0],
        axe_numero=r[1],
        partie=r[2],
        ordre=r[3],
        libelle=r[4],
        statut=r[5],
        pilote=r[6],
        a_discuter=bool(r[7]),
        prochaine_echeance=dt.date.fromisoformat(r[8]) if r[8] else None,
        delai=dt.date.fromisoformat(r[9]) if r[9] else None,
        en_retard=bool(r[10]),
    )


@lit
def engagement_ligne(lecture: Lecture, engagement_id: int, today: dt.date) -> EngagementLigne | None:
    """One row as the table shows it (to refresh a single row after an edit)."""
    sql = f"""
        SELECT e.id, a.numero, p.nom_court, e.ordre, e.libelle, e.statut, e.pilote, e.a_discuter,
               {PROCHAINE_ECHEANCE}, {DELAI}, {EN_RETARD}
        FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
        JOIN contrat c ON c.id = a.contrat_id WHERE e.id = :id"""
    row = lecture.execute(sql, {"id": engagement_id, "today": today.isoformat()}).first()
    return _ligne(tuple(row)) if row else None
