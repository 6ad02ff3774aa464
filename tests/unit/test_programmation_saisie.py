"""An action of the programmation entered from the keyboard: French amounts, refusals, one transaction, undo."""

from __future__ import annotations

import pytest

from suivi_tui.db.database import Database
from suivi_tui.services.annulation import annuler
from suivi_tui.services.programmation import (
    ActionSaisie,
    FinancementInfo,
    connus,
    lire_action,
    lire_montant,
    lire_programmation,
    verifier_action,
)
from suivi_tui.services.programmation_saisie import enregistrer_action
from suivi_tui.services.saisie import SaisieInvalide


@pytest.mark.parametrize(
    ("texte", "centimes"),
    [
        ("12 500", 1250000),
        ("12\u202f500,50\u00a0€", 1250050),
        ("12 500,50 €", 1250050),
        ("1.234,50", 123450),
        ("10 000 euros", 1000000),
        ("0", 0),
        ("", None),
        ("   ", None),
        (8500.5, 850050),
    ],
)
def test_amounts_are_read_as_they_are_typed_in_french(texte: object, centimes: int | None) -> None:
    assert lire_montant(texte) == centimes


@pytest.mark.parametrize("texte", ["douze mille", "12,5,0", "-500", "12 500,505", "1e6", -3])
def test_what_is_not_an_amount_is_refused_in_french(texte: object) -> None:
    with pytest.raises(SaisieInvalide) as refus:
        lire_montant(texte)
    assert "montant" in refus.value.message


def _objectif(db: Database, numero: str) -> int:
    with db.lire() as lecture:
        return int(lecture.execute("SELECT id FROM axe WHERE numero = :n", {"n": numero}).scalar_one())


def _saisie(db: Database, **autres: object) -> ActionSaisie:
    valeurs: dict[str, object] = {
        "annee": 2025,
        "porteur": "  Association   Trait d'union ",
        "intitule": "Accueil des collégiens exclus",
        "dauphin": "00012345",
        "cpo": "",
        "objectifs": (_objectif(db, "1.1.2"),),
        "financements": (
            FinancementInfo("État (crédits politique de la ville)", 1200000, 1000050),
            FinancementInfo("Ville", 500000, None),
            FinancementInfo("CAF", None, None),  # offered by the form, left empty: not part of the action
        ),
    }
    valeurs.update(autres)
    return ActionSaisie(**valeurs)  # type: ignore[arg-type]


def _comptes(db: Database) -> tuple[int, ...]:
    with db.lire() as lecture:
        return tuple(
            lecture.execute(f"SELECT count(*) FROM {t}").scalar_one()
            for t in ("programmation", "programmation_objectif", "financement")
        )


@pytest.mark.parametrize(
    ("changes", "raison"),
    [
        ({"porteur": "  "}, "Nommez le porteur"),
        ({"intitule": ""}, "Donnez l'intitulé"),
        ({"objectifs": ()}, "Cochez au moins un objectif"),
        ({"financements": (FinancementInfo("CAF", None, None),)}, "au moins un montant"),
        ({"financements": (FinancementInfo("", 100, None),)}, "Un montant sans financeur"),
        ({"financements": (FinancementInfo("Ville", 100, None), FinancementInfo("ville", 5, 5))}, "saisi deux fois"),
        ({"financements": (FinancementInfo("12 500", 100, None),)}, "est un montant, pas un financeur"),
        ({"annee": 1850}, "n'est pas une année"),
        ({"porteur": "x" * 301}, "trop long"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_written(
    quartiers: tuple[Database, int], changes: dict[str, object], raison: str
) -> None:
    db, contrat = quartiers
    with pytest.raises(SaisieInvalide) as refus:
        enregistrer_action(db, contrat, _saisie(db, **changes))
    assert raison in refus.value.message
    assert _comptes(db) == (0, 0, 0)


def test_an_action_is_written_with_its_objectives_and_amounts_then_undone(quartiers: tuple[Database, int]) -> None:
    db, contrat = quartiers
    changement = enregistrer_action(db, contrat, _saisie(db))
    assert changement is not None and changement.ancien is None
    assert changement.message == (
        "Action programmée (2025) : Association Trait d'union — Accueil des collégiens exclus, "
        "10\u202f000,50\u00a0€ accordés sur 17\u202f000\u00a0€ demandés"
    )
    p = lire_programmation(db, contrat, 2025)
    (action,) = p.actions
    assert (action.porteur, action.objectifs, action.dauphin) == ("Association Trait d'union", ("1.1.2",), "00012345")
    assert [(f.financeur, f.demande, f.accorde) for f in action.financements] == [
        ("État (crédits politique de la ville)", 1200000, 1000050),
        ("Ville", 500000, None),
    ]
    assert p.par_objectif["1"] == (1700000, 1000050)  # rolled up to the enjeu
    assert connus(db, contrat).porteurs == ("Association Trait d'union",)
    annuler(db, changement)
    assert _comptes(db) == (0, 0, 0)


def test_the_same_action_twice_in_a_year_is_refused(quartiers: tuple[Database, int]) -> None:
    db, contrat = quartiers
    enregistrer_action(db, contrat, _saisie(db))
    with pytest.raises(SaisieInvalide) as refus:
        enregistrer_action(db, contrat, _saisie(db, dauphin="autre"))
    assert "a déjà l'action « Accueil des collégiens exclus » en 2025" in refus.value.message
    assert enregistrer_action(db, contrat, _saisie(db, annee=2026)) is not None  # another year: another action
    assert _comptes(db)[0] == 2


def test_a_correction_replaces_objectives_and_amounts_and_undo_gives_them_back(quartiers: tuple[Database, int]) -> None:
    db, contrat = quartiers
    premiere = enregistrer_action(db, contrat, _saisie(db))
    assert premiere is not None and premiere.cible_id is not None
    action_id = premiere.cible_id
    avant = lire_action(db, contrat, action_id)
    assert enregistrer_action(db, contrat, avant, action_id) is None  # nothing changed: nothing written  # type: ignore[arg-type]
    correction = _saisie(
        db,
        objectifs=(_objectif(db, "1.1.2"), _objectif(db, "1.2.1")),
        financements=(FinancementInfo("État (crédits politique de la ville)", 1200000, 1100000),),
    )
    changement = enregistrer_action(db, contrat, correction, action_id)
    assert changement is not None and changement.message.startswith("Action modifiée (2025)")
    apres = lire_action(db, contrat, action_id)
    assert apres is not None and len(apres.objectifs) == 2 and len(apres.financements) == 1
    annuler(db, changement)
    assert lire_action(db, contrat, action_id) == avant
    annuler(db, premiere)
    assert _comptes(db) == (0, 0, 0)


def test_undo_is_refused_when_the_action_changed_since(quartiers: tuple[Database, int]) -> None:
    db, contrat = quartiers
    premiere = enregistrer_action(db, contrat, _saisie(db))
    assert premiere is not None
    enregistrer_action(db, contrat, _saisie(db, dauphin="00099999"), premiere.cible_id)
    with pytest.raises(SaisieInvalide) as refus:
        annuler(db, premiere)
    assert "a changé depuis" in refus.value.message
    assert _comptes(db)[0] == 1


def test_an_objective_of_another_contrat_is_refused(quartiers: tuple[Database, int]) -> None:
    db, contrat = quartiers
    with pytest.raises(SaisieInvalide) as refus:
        enregistrer_action(db, contrat, _saisie(db, objectifs=(99999,)))
    assert "n'existe plus dans ce contrat" in refus.value.message
    assert _comptes(db) == (0, 0, 0)


def test_verifier_action_cleans_the_texts_and_keeps_the_objectives_once(quartiers: tuple[Database, int]) -> None:
    db, _ = quartiers
    o = _objectif(db, "1.1.2")
    propre = verifier_action(_saisie(db, objectifs=(o, o), cpo=" CPO\u200e 2024-2026 "))
    assert (propre.porteur, propre.cpo, propre.objectifs) == ("Association Trait d'union", "CPO 2024-2026", (o,))
    assert len(propre.financements) == 2
