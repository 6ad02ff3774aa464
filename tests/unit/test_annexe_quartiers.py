"""Lecture d'un contrat « Engagements Quartiers 2030 » : l'arbre, les signataires, les fiches actions, les refus."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from tests.conftest import REPO

from suivi_tui.annexe import AnnexeIllisible, AnnexeLue, lire_annexe, lire_fichier_annexe

VAL_FLEURI = REPO / "seed" / "exemple-quartiers-2030-val-fleuri.md"


@pytest.fixture(scope="module")
def val_fleuri() -> AnnexeLue:
    return lire_fichier_annexe(VAL_FLEURI)


def test_the_tree_has_three_enjeux_six_orientations_and_twelve_objectives(val_fleuri: AnnexeLue) -> None:
    assert val_fleuri.forme == "quartiers-2030"
    assert Counter(a.niveau for a in val_fleuri.axes) == {"Enjeu": 3, "Orientation": 6, "Objectif opérationnel": 12}
    parents = {a.numero: a.parent for a in val_fleuri.axes}
    assert parents["1"] is None and parents["1.2"] == "1" and parents["1.2.1"] == "1.2" and parents["3.2.2"] == "3.2"
    assert [a.numero for a in val_fleuri.axes][:4] == ["1", "1.1", "1.1.1", "1.1.2"]
    # Engagements hang under the objectives here; the enjeux and orientations hold only their children.
    assert all(not a.engagements for a in val_fleuri.axes if a.niveau != "Objectif opérationnel")
    assert sum(len(a.engagements) for a in val_fleuri.axes) == 39
    assert val_fleuri.axes[2].titre == "Ouvrir l'accueil des tout-petits aux familles des quartiers"


def test_the_contrat_and_twelve_signataires_with_every_spelling_of_the_state_as_one(val_fleuri: AnnexeLue) -> None:
    assert (val_fleuri.titre, val_fleuri.territoire) == ("Contrat de ville de Val-Fleuri 2024-2030", "Val-Fleuri")
    assert (val_fleuri.debut.isoformat(), val_fleuri.fin.isoformat()) == ("2024-01-01", "2030-12-31")  # type: ignore[union-attr]
    assert len(val_fleuri.parties) == 12
    etat = next(p for p in val_fleuri.parties if p.nom_court == "État")
    # « L'État », « Etat » and « Les services de l'État » all commit as the one partie.
    par_etat = [e.libelle for a in val_fleuri.axes for e in a.engagements if e.partie_ordre == etat.ordre]
    assert any(x.startswith("Mobiliser les crédits") for x in par_etat)
    assert any(x.startswith("Réserver des places de service civique") for x in par_etat)
    assert any(x.startswith("Fixer aux structures d'insertion") for x in par_etat)
    courts = {p.nom_court for p in val_fleuri.parties}
    assert {"Ville", "CAF", "Éducation nationale", "France Travail", "ARS", "CCI", "Département"} <= courts


def test_a_fiche_action_keeps_its_pilote_partners_calendar_and_indicators(val_fleuri: AnnexeLue) -> None:
    fiche = next(e for a in val_fleuri.axes for e in a.engagements if e.libelle == "Bus de l'emploi")
    partie = next(p for p in val_fleuri.parties if p.ordre == fiche.partie_ordre)
    assert partie.nom_court == "France Travail" and fiche.pilote == "France Travail"
    assert fiche.partenaires == "Mission locale, PLIE Cœur de Brie, ville de Val-Fleuri"
    assert fiche.calendrier == "T1 2025"
    recus, part = fiche.indicateurs
    assert (recus.libelle, recus.unite, recus.reference, recus.reference_annee) == (
        "Personnes reçues au bus de l'emploi",
        "personnes",
        0,
        2024,
    )
    assert (recus.cible, recus.cible_annee, recus.source) == (400, 2027, "France Travail")
    assert (part.unite, part.reference, part.cible, part.source) == ("%", 18, 30, "")
    # The pilote « Ville de Val-Fleuri (direction de la petite enfance) » is the city, not a new partie.
    laep = next(e for a in val_fleuri.axes for e in a.engagements if e.libelle.startswith("Lieu d'accueil"))
    assert next(p for p in val_fleuri.parties if p.ordre == laep.partie_ordre).nom_court == "Ville"


def test_an_objective_keeps_its_own_indicators(val_fleuri: AnnexeLue) -> None:
    objectif = next(a for a in val_fleuri.axes if a.numero == "2.2.1")
    (entreprises,) = objectif.indicateurs
    assert (entreprises.libelle, entreprises.reference, entreprises.cible, entreprises.cible_annee) == (
        "Entreprises créées par des habitants des quartiers",
        62,
        90,
        2029,
    )
    assert entreprises.source == "INSEE, base SIRENE"


def test_the_2020_2022_annex_is_still_a_flat_protocole() -> None:
    antony = lire_fichier_annexe(REPO / "seed" / "annexe-contrat-de-ville-antony-2020-2022.md")
    assert antony.forme == "protocole" and len(antony.axes) == 6
    assert all(a.parent is None and a.niveau == "Axe" and not a.indicateurs for a in antony.axes)


NUMEROS_SEULS = """# Contrat de ville de Bourg-Neuf 2024-2030

Signé avec la ville de Bourg-Neuf.

## 1. Habiter mieux

### 1.1 Des logements rénovés

#### 1.1.1 Réhabiliter les tours du Moulin

La ville de Bourg-Neuf s'engage à :

- Réunir les locataires avant chaque tranche de travaux

Etat :

- Financer l'étude de relogement

## 2. Travailler

### 2.1 Aller vers l'emploi

#### 2.1.1 Un forum par an

**Les services de l'État**

- Tenir un forum de l'emploi chaque automne
"""


def test_numbering_alone_makes_the_tree_and_names_the_levels_by_depth() -> None:
    lue = lire_annexe(NUMEROS_SEULS.replace("**Les services de l'État**", "**Les services de l'État** :"))
    assert [(a.numero, a.niveau, a.parent) for a in lue.axes] == [
        ("1", "Enjeu", None),
        ("1.1", "Orientation", "1"),
        ("1.1.1", "Objectif opérationnel", "1.1"),
        ("2", "Enjeu", None),
        ("2.1", "Orientation", "2"),
        ("2.1.1", "Objectif opérationnel", "2.1"),
    ]
    assert [p.nom_court for p in lue.parties] == ["Ville", "État"]
    assert [e.libelle for e in lue.axes[5].engagements] == ["Tenir un forum de l'emploi chaque automne"]


def _refus(texte: str) -> AnnexeIllisible:
    with pytest.raises(AnnexeIllisible) as erreur:
        lire_annexe(texte, "contrat.md")
    return erreur.value


def _ligne(texte: str, debut: str) -> int:
    return next(n for n, ligne in enumerate(texte.split("\n"), start=1) if ligne.startswith(debut))


@pytest.mark.parametrize(
    ("remplacer", "par", "ligne_fautive", "message"),
    [
        # a signataire's header without its colon: its bullet is a bullet before any signataire
        ("**Les services de l'État** :", "**Les services de l'État**", "- Tenir un forum", "puce hors de toute partie"),
        ("### 2.1 Aller vers l'emploi", "### 3.1 Aller vers l'emploi", "### 3.1", "ne prolonge pas"),
        ("## 1. Habiter mieux", "## Habiter mieux", "### 1.1", "rangé sous aucun"),
        (
            "## 2. Travailler",
            "#### 1.1.1 Encore\n\nEtat :\n\n- X\n\n## 2. Travailler",
            "#### 1.1.1 Encore",
            "en double",
        ),
        ("- Financer l'étude de relogement", "", "Etat :", "aucun engagement"),
        (
            "- Réunir les locataires",
            "Réunir sans puce\n\n- Réunir les locataires",
            "Réunir sans puce",
            "texte sans puce",
        ),
    ],
)
def test_a_structure_it_cannot_read_is_refused_with_its_line(
    remplacer: str, par: str, ligne_fautive: str, message: str
) -> None:
    texte = NUMEROS_SEULS.replace("**Les services de l'État**", "**Les services de l'État** :").replace(remplacer, par)
    erreur = _refus(texte)
    assert message in str(erreur)
    assert erreur.ligne == _ligne(texte, ligne_fautive), str(erreur)
    assert str(erreur).startswith(f"contrat.md, ligne {erreur.ligne} : ")


def test_a_fiche_without_pilote_or_with_an_unreadable_indicator_is_refused() -> None:
    base = VAL_FLEURI.read_text(encoding="utf-8")
    sans_pilote = base.replace("- Pilote : France Travail\n", "")
    erreur = _refus(sans_pilote)
    assert "sans « Pilote : »" in str(erreur) and erreur.ligne == _ligne(sans_pilote, "##### Fiche action 2.1.1-A")
    illisible = base.replace("cible 400 en 2027", "cible : beaucoup")
    erreur = _refus(illisible)
    assert "« cible : beaucoup » n'est ni une référence" in str(erreur)
    assert erreur.ligne == _ligne(illisible, "  - Personnes reçues au bus")


def test_a_bullet_level_with_the_signataires_without_its_colon_is_refused() -> None:
    texte = VAL_FLEURI.read_text(encoding="utf-8").replace(
        "- **La caisse d'allocations familiales** :", "- Une puce égarée\n- **La caisse d'allocations familiales** :", 1
    )
    erreur = _refus(texte)
    assert "au niveau des signataires" in str(erreur) and erreur.ligne == _ligne(texte, "- Une puce égarée")


def test_an_objective_with_nothing_under_it_is_refused() -> None:
    texte = NUMEROS_SEULS.replace("**Les services de l'État**", "**Les services de l'État** :") + (
        "\n#### 2.1.2 Un objectif oublié\n\nRien n'est encore écrit.\n"
    )
    erreur = _refus(texte)
    assert re.search(r"2\.1\.2.*n'a ni sous-niveau, ni engagement", str(erreur))
    assert erreur.ligne == _ligne(texte, "#### 2.1.2")


@pytest.mark.parametrize(
    ("remplacer", "par"),
    [
        # a folded line of an indicator under « Indicateurs : » in a fiche
        ("référence 0 en 2024 ; cible 400", "référence 0 en\n    2024 ; cible 400"),
        # the rest of the indicator as a paragraph of its bullet (deeper, after a blank line): a PDF's wrapped line
        ("référence 0 en 2024 ; cible 400", "référence 0 en\n\n    2024 ; cible 400"),
        # a folded field
        (
            "- Partenaires : Mission locale, PLIE Cœur de Brie, ville",
            "- Partenaires : Mission locale, PLIE Cœur de Brie,\n  ville",
        ),
    ],
    ids=["folded indicator", "indicator's paragraph", "folded field"],
)
def test_a_folded_line_in_a_fiche_goes_on_with_its_field_or_indicator(remplacer: str, par: str) -> None:
    texte = VAL_FLEURI.read_text(encoding="utf-8").replace(remplacer, par)
    assert texte != VAL_FLEURI.read_text(encoding="utf-8")
    fiche = next(e for a in lire_annexe(texte).axes for e in a.engagements if e.libelle == "Bus de l'emploi")
    assert fiche.partenaires == "Mission locale, PLIE Cœur de Brie, ville de Val-Fleuri"
    recus = fiche.indicateurs[0]
    assert (recus.reference, recus.reference_annee, recus.cible, recus.cible_annee, recus.source) == (
        0,
        2024,
        400,
        2027,
        "France Travail",
    )


def test_a_paragraph_at_the_fields_level_after_a_blank_line_describes_the_fiche() -> None:
    texte = VAL_FLEURI.read_text(encoding="utf-8").replace(
        "cible 30 % en 2027\n", "cible 30 % en 2027\n\n  Le bus passe chaque semaine dans les trois quartiers.\n", 1
    )
    fiche = next(e for a in lire_annexe(texte).axes for e in a.engagements if e.libelle == "Bus de l'emploi")
    assert [(i.libelle, i.cible, i.cible_annee, i.source) for i in fiche.indicateurs] == [
        ("Personnes reçues au bus de l'emploi", 400, 2027, "France Travail"),
        ("Part des personnes reçues en emploi six mois après", 30, 2027, ""),
    ]


def test_an_objectives_indicator_goes_on_in_a_deeper_paragraph() -> None:
    texte = VAL_FLEURI.read_text(encoding="utf-8").replace(
        "référence 48 en 2023 ; cible 90", "référence 48 en 2023 ;\n\n  cible 90", 1
    )
    (creche,) = next(a for a in lire_annexe(texte).axes if a.numero == "1.1.1").indicateurs
    assert (creche.reference, creche.cible, creche.cible_annee, creche.source) == (48, 90, 2028, "CAF")
