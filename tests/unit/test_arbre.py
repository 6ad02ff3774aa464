"""The tree of axes: depth-first order, roll-up of counts and delays, the engagements of a node and below."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from suivi_tui.db.database import Database
from suivi_tui.services.arbre import Noeud, chemin, cumuler, descendants, en_profondeur
from suivi_tui.services.engagements import Filtre, lister_axes, lister_engagements
from suivi_tui.services.situation import etat_par_axe

TODAY = dt.date(2025, 6, 1)


def _par_numero(db: Database, contrat: int) -> dict[str, tuple[int, int, int]]:
    return {a.numero: (a.total, a.realises, a.en_retard) for a in lister_axes(db, contrat, TODAY)}


def test_counts_and_delays_roll_up_to_the_orientation_and_the_enjeu(quartiers: tuple[Database, int]) -> None:
    db, contrat = quartiers
    assert _par_numero(db, contrat)["1"] == (15, 0, 0)
    with db.write() as s:
        ids = (
            s.execute(
                text(
                    "SELECT e.id FROM engagement e JOIN axe a ON a.id = e.axe_id "
                    "WHERE a.numero = '1.1.1' AND a.contrat_id = :c ORDER BY e.ordre"
                ),
                {"c": contrat},
            )
            .scalars()
            .all()
        )
        s.execute(text("UPDATE engagement SET statut = 'realise' WHERE id = :i"), {"i": ids[0]})
        s.execute(text("INSERT INTO echeance (engagement_id, date) VALUES (:i, '2025-01-31')"), {"i": ids[1]})
    comptes = _par_numero(db, contrat)
    assert comptes["1.1.1"] == (5, 1, 1) and comptes["1.1"] == (9, 1, 1) and comptes["1"] == (15, 1, 1)
    assert comptes["1.2"] == (6, 0, 0) and comptes["2"] == (11, 0, 0)
    # The status command rolls up the same way, and adds up only the roots.
    etat = {a.numero: a for a in etat_par_axe(db, contrat, TODAY)}
    assert etat["1"].par_statut == {"a_venir": 14, "realise": 1} and etat["1"].en_retard == 1
    assert etat["1"].prochaine is None and etat["1.1.1"].profondeur == 2


def test_the_tree_comes_depth_first_with_its_levels(quartiers: tuple[Database, int]) -> None:
    db, contrat = quartiers
    axes = lister_axes(db, contrat, TODAY)
    assert [(a.numero, a.profondeur, a.enfants) for a in axes[:5]] == [
        ("1", 0, 2),
        ("1.1", 1, 2),
        ("1.1.1", 2, 0),
        ("1.1.2", 2, 0),
        ("1.2", 1, 2),
    ]
    assert {a.niveau for a in axes} == {"Enjeu", "Orientation", "Objectif opérationnel"}


def test_choosing_a_node_lists_its_engagements_and_those_below_it(quartiers: tuple[Database, int]) -> None:
    db, contrat = quartiers
    axes = {a.numero: a.id for a in lister_axes(db, contrat, TODAY)}
    enjeu = lister_engagements(db, contrat, Filtre(axe_id=axes["1"]), TODAY)
    assert enjeu.total == 15 and {ligne.axe_numero for ligne in enjeu.lignes} == {"1.1.1", "1.1.2", "1.2.1", "1.2.2"}
    objectif = lister_engagements(db, contrat, Filtre(axe_id=axes["1.1.2"]), TODAY)
    assert objectif.total == 4 and {ligne.axe_numero for ligne in objectif.lignes} == {"1.1.2"}
    # Other filters still apply inside the node.
    etat = lister_engagements(db, contrat, Filtre(axe_id=axes["1"], statuts=frozenset({"realise"})), TODAY)
    assert etat.total == 0


def test_a_flat_protocole_is_a_tree_of_depth_one(seeded: tuple[Database, int]) -> None:
    db, contrat = seeded
    axes = lister_axes(db, contrat, TODAY)
    assert [(a.numero, a.profondeur, a.niveau, a.enfants) for a in axes][:2] == [
        ("I", 0, "Axe", 0),
        ("II", 0, "Axe", 0),
    ]
    assert sum(a.total for a in axes) == 52


def test_pure_tree_helpers() -> None:
    rows = [(1, "1", "a", "Enjeu", None, 1), (3, "1.1.1", "c", "Objectif", 2, 3), (2, "1.1", "b", "Orientation", 1, 2)]
    rows.append((9, "x", "orphelin", "Axe", 77, 9))  # a parent that is not there: shown as a root, not lost
    noeuds = en_profondeur(sorted(rows, key=lambda r: r[5]))
    assert [(n.id, n.profondeur) for n in noeuds] == [(1, 0), (2, 1), (3, 2), (9, 0)]
    assert descendants(noeuds, 2) == {2, 3} and descendants(noeuds, 1) == {1, 2, 3}
    assert [n.numero for n in chemin(noeuds, 3)] == ["1", "1.1", "1.1.1"]
    totaux = cumuler(noeuds, {3: 5, 2: 1}, lambda: 0, lambda a, b: a + b)
    assert totaux == {1: 6, 2: 6, 3: 5, 9: 0}
    assert isinstance(noeuds[0], Noeud)
