"""« Depuis la dernière séance »: a scripted sequence across two séances, read back line by line."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from suivi_tui.db.database import Database
from suivi_tui.services.changement import Changement
from suivi_tui.services.edition import ajouter_echeance, ajouter_note, changer_pilote, changer_statut
from suivi_tui.services.seances.depuis import (
    Depuis,
    changements_depuis,
    depuis_derniere_seance,
    rendre_depuis,
    texte_historique,
)
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance

MARS, AVRIL = dt.date(2021, 3, 15), dt.date(2021, 4, 12)
SENTINELLE = "Mme SENTINELLE-42 habite au 3e"
INSERTION = "(séance Insertion socioprofessionnelle)"


def _id(db: Database, table: str, colonne: str, debut: str) -> int:
    with db.lire() as session:
        return session.execute(f"SELECT id FROM {table} WHERE {colonne} LIKE :l", {"l": debut + "%"}).scalar_one()


def _le(db: Database, changement: Changement | None, instant: str) -> None:
    """Pin when a change was recorded (the commands use the real clock, the scenario is in 2021)."""
    assert changement is not None
    with db.write() as session:
        if changement.genre == "note":
            session.execute(
                text("UPDATE note SET cree_le = :t WHERE id = :i"), {"t": instant, "i": changement.cible_id}
            )
        else:
            session.execute(
                text("UPDATE historique SET le = :t WHERE id = :i"), {"t": instant, "i": changement.historique_id}
            )


@pytest.fixture
def scenario(seeded: tuple[Database, int]) -> Iterator[tuple[Database, int, dict[str, int]]]:
    """Séance of 15/03 (two statuts, a decision, an action, an échéance), changes on 20/03, GUSP on 01/04."""
    db, contrat = seeded
    ids = {
        "insertion": _id(db, "comite", "nom", "Insertion"),
        "gusp": _id(db, "comite", "nom", "Gestion urbaine"),
        "coworking": _id(db, "engagement", "libelle", "Créer un espace de coworking"),
        "ressourcerie": _id(db, "engagement", "libelle", "Développer le projet de Ressourcerie"),
        "scolarisation": _id(db, "engagement", "libelle", "Poursuivre le dispositif de scolarisation"),
        "habitants": _id(db, "engagement", "libelle", "Accompagner les habitants dans leur projet"),
    }
    _le(db, changer_pilote(db, ids["habitants"], "M. Avant"), "2021-03-10T10:00:00Z")
    s1 = ouvrir_seance(db, ids["insertion"], MARS, "Salle du conseil", "Mme Martin, M. Durand")
    note = {"seance_id": s1.id}
    _le(db, changer_statut(db, ids["coworking"], "en_cours", seance_id=s1.id), "2021-03-15T09:01:00Z")
    _le(db, changer_statut(db, ids["scolarisation"], "realise", seance_id=s1.id), "2021-03-15T09:02:00Z")
    _le(
        db,
        ajouter_note(
            db, ids["insertion"], "Lancer l'appel à projets", type="decision", engagement_id=ids["coworking"], **note
        ),
        "2021-03-15T09:03:00Z",
    )  # type: ignore[arg-type]
    _le(
        db,
        ajouter_note(
            db,
            ids["insertion"],
            "Présenter le bilan au prochain comité",
            type="action",
            engagement_id=ids["scolarisation"],
            **note,
        ),
        "2021-03-15T09:04:00Z",
    )  # type: ignore[arg-type]
    _le(
        db,
        ajouter_note(db, ids["insertion"], SENTINELLE, engagement_id=ids["coworking"], confidentielle=True, **note),
        "2021-03-15T09:05:00Z",
    )  # type: ignore[arg-type]
    _le(
        db,
        ajouter_echeance(db, ids["coworking"], dt.date(2021, 4, 30), "jour", "Trouver un local", seance_id=s1.id),
        "2021-03-15T09:06:00Z",
    )
    _le(db, ajouter_note(db, ids["insertion"], "Prochain comité le 12/04", **note), "2021-03-15T09:07:00Z")  # type: ignore[arg-type]
    fermer_seance(db, contrat)
    _le(db, changer_statut(db, ids["ressourcerie"], "bloque"), "2021-03-20T10:00:00Z")
    _le(db, changer_pilote(db, ids["ressourcerie"], "Mme Martin"), "2021-03-20T10:05:00Z")
    gusp = ouvrir_seance(db, ids["gusp"], dt.date(2021, 4, 1))
    _le(
        db,
        ajouter_note(db, ids["gusp"], "Diagnostic en marchant le 15/04", seance_id=gusp.id),
        "2021-04-01T14:00:00Z",
    )
    fermer_seance(db, contrat)
    ouvrir_seance(db, ids["insertion"], AVRIL)
    yield db, contrat, ids


AXE_I = [
    "Axe I — Développement économique et emploi",
    "  Ville — Créer un espace de coworking",
    f"    15/03/2021 · Statut : À venir → En cours {INSERTION}",
    f"    15/03/2021 · Décision : Lancer l'appel à projets {INSERTION}",
    f"    15/03/2021 · Info confidentielle (masquée) {INSERTION}",
    f"    15/03/2021 · Échéance ajoutée : 30/04/2021 — Trouver un local {INSERTION}",
    "  Ville — Développer le projet de Ressourcerie",
    "    20/03/2021 · Statut : À venir → Bloqué",
    "    20/03/2021 · Pilote : Mme Martin",
]
AXE_IV = [
    "Axe IV — Jeunesse – Education – Formation – Insertion",
    "  Ville — Poursuivre le dispositif de scolarisation des enfants de moins de 3 ans",
    f"    15/03/2021 · Statut : À venir → Réalisé {INSERTION}",
    f"    15/03/2021 · Action : Présenter le bilan au prochain comité {INSERTION}",
]


def test_since_the_last_seance_exact_lines(scenario: tuple[Database, int, dict[str, int]]) -> None:
    db, _, ids = scenario
    depuis = depuis_derniere_seance(db, ids["insertion"], AVRIL)
    assert isinstance(depuis, Depuis)
    assert (depuis.depuis, depuis.comite, depuis.seance_precedente.date, depuis.total) == (  # type: ignore[union-attr]
        MARS,
        "Insertion socioprofessionnelle",
        MARS,
        9,
    )
    assert rendre_depuis(depuis) == [
        *AXE_I,
        "",
        *AXE_IV,
        "",
        "Notes générales",
        f"    15/03/2021 · Info : Prochain comité le 12/04 {INSERTION}",
    ]
    assert [a.numero for a in depuis.axes] == ["I", "IV"]
    assert [e.id for e in depuis.axes[0].engagements] == [ids["coworking"], ids["ressourcerie"]]
    assert depuis.axes[0].engagements[0].lignes[2].confidentielle


def test_confidential_text_only_when_asked(scenario: tuple[Database, int, dict[str, int]]) -> None:
    db, _, ids = scenario
    masque = "\n".join(rendre_depuis(depuis_derniere_seance(db, ids["insertion"], AVRIL)))  # type: ignore[arg-type]
    assert "SENTINELLE" not in masque
    visible = depuis_derniere_seance(db, ids["insertion"], AVRIL, inclure_confidentiel=True)
    assert visible is not None
    assert visible.axes[0].engagements[0].lignes[2].ligne == (
        f"15/03/2021 · Info (confidentielle) : {SENTINELLE} {INSERTION}"
    )


def test_since_a_date_over_the_whole_contrat(scenario: tuple[Database, int, dict[str, int]]) -> None:
    db, contrat, _ = scenario
    depuis = changements_depuis(db, contrat, dt.date(2021, 3, 16))
    assert depuis.comite is None and depuis.seance_precedente is None
    assert rendre_depuis(depuis) == [
        *AXE_I[:1],
        *AXE_I[6:],
        "",
        "Notes générales",
        "    01/04/2021 · Info : Diagnostic en marchant le 15/04"
        " (séance Gestion urbaine et sociale de proximité (GUSP))",
    ]
    jusqu_au = changements_depuis(db, contrat, dt.date(2021, 3, 16), jusqua=dt.date(2021, 3, 31))
    assert rendre_depuis(jusqu_au) == [*AXE_I[:1], *AXE_I[6:]]
    tout = changements_depuis(db, contrat, dt.date(2021, 3, 1))
    assert "    10/03/2021 · Pilote : M. Avant" in rendre_depuis(tout)


def test_a_comite_sees_only_its_own_notes(scenario: tuple[Database, int, dict[str, int]]) -> None:
    db, contrat, ids = scenario
    depuis = changements_depuis(db, contrat, dt.date(2021, 3, 16), comite_id=ids["insertion"])
    assert rendre_depuis(depuis) == [*AXE_I[:1], *AXE_I[6:]]


def test_no_previous_seance(scenario: tuple[Database, int, dict[str, int]]) -> None:
    db, _, ids = scenario
    assert depuis_derniere_seance(db, ids["insertion"], MARS) is None
    assert depuis_derniere_seance(db, ids["gusp"], dt.date(2021, 4, 1)) is None


def test_nothing_since(scenario: tuple[Database, int, dict[str, int]]) -> None:
    db, contrat, _ = scenario
    vide = changements_depuis(db, contrat, dt.date(2021, 4, 2))
    assert (vide.total, rendre_depuis(vide)) == (0, [])


@pytest.fixture
def paris() -> Iterator[None]:
    ancien = os.environ.get("TZ")
    os.environ["TZ"] = "CET-1CEST,M3.5.0,M10.5.0/3"
    time.tzset()
    yield
    if ancien is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = ancien
    time.tzset()


def test_an_unstamped_change_belongs_to_the_local_day(seeded: tuple[Database, int], paris: None) -> None:
    db, contrat = seeded
    eid = _id(db, "engagement", "libelle", "Créer un espace de coworking")
    _le(db, changer_statut(db, eid, "en_cours"), "2021-03-14T23:30:00Z")  # 00:30 on the 15th in Paris
    (ligne,) = changements_depuis(db, contrat, MARS).axes[0].engagements[0].lignes
    assert ligne.ligne == "15/03/2021 · Statut : À venir → En cours"


@pytest.mark.parametrize(
    ("champ", "ancien", "nouveau", "echeance", "attendu"),
    [
        ("statut", "en_cours", "bloque", "", "Statut : En cours → Bloqué"),
        ("pilote", None, "Mme Martin", "", "Pilote : Mme Martin"),
        ("pilote", "Mme Martin", "M. Durand", "", "Pilote : Mme Martin → M. Durand"),
        ("pilote", "Mme Martin", None, "", "Pilote retiré (Mme Martin)"),
        ("a_discuter", "0", "1", "", "Mis à l'ordre du jour (à discuter)"),
        ("a_discuter", "1", "0", "", "Retiré de l'ordre du jour"),
        ("libelle", "avant", "après", "", "Libellé modifié"),
        ("echeance.ajout", None, "T3 2021 Bilan", "", "Échéance ajoutée : T3 2021 Bilan"),
        ("echeance.faite", None, "2021-03-20", "T3 2021 Bilan", "Échéance faite : T3 2021 Bilan"),
        ("echeance.faite", None, "2021-03-20", "", "Échéance faite"),
        ("echeance.rouverte", "2021-03-20", None, "T3 2021 Bilan", "Échéance rouverte : T3 2021 Bilan"),
        ("echeance.suppression", "T3 2021 Bilan", None, "", "Échéance supprimée : T3 2021 Bilan"),
        (
            "echeance.date",
            "2021-06-30",
            "2021-09-30",
            "T3 2021 Bilan",
            "Échéance déplacée : 30/06/2021 → 30/09/2021 (T3 2021 Bilan)",
        ),
    ],
)
def test_every_kind_of_change_in_words(
    champ: str, ancien: str | None, nouveau: str | None, echeance: str, attendu: str
) -> None:
    assert texte_historique(champ, ancien, nouveau, echeance) == attendu
