"""The échéance form: the date is read live, an invalid date is shown and never returned."""

from __future__ import annotations

import datetime as dt

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.pilot import Pilot
from textual.widgets import Input, Static

from suivi_tui.dates import Precision
from suivi_tui.ui.dialogs.echeance import EcheanceDialog, EcheanceSaisie

TODAY = dt.date(2021, 3, 15)
LIBELLE = "Poursuivre le dispositif de scolarisation des enfants de moins de 3 ans"


async def taper(pilot: Pilot[None], texte: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in texte))


def apercu(app: Hote) -> Static:
    return app.screen.query_one("#apercu", Static)


async def test_trimestre_lu_en_direct_puis_enregistre() -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "T3 2021")
        montre = str(apercu(app).render())
        assert "30/09/2021" in montre and "T3 2021" in montre
        assert apercu(app).has_class("-valide")
        await pilot.press("enter")
        assert app.resultats == [EcheanceSaisie(dt.date(2021, 9, 30), Precision.TRIMESTRE, "")]


async def test_apercu_change_a_chaque_touche() -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "T3")
        assert apercu(app).has_class("-invalide")
        assert "Il manque l'année" in str(apercu(app).render())
        await taper(pilot, " 2021")
        assert apercu(app).has_class("-valide")


async def test_date_impossible_refusee_le_dialogue_reste_ouvert() -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "31/02/2021")
        await pilot.press("enter")
        assert app.ouvert
        assert app.resultats == []
        assert "Le jour 31 n'existe pas en février 2021" in textes(app.screen)
        assert apercu(app).has_class("-invalide")


async def test_entree_depuis_le_libelle_avec_date_invalide_ramene_a_la_date() -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "12/13/2022")
        await pilot.press("tab")
        await taper(pilot, "Bilan")
        assert app.screen.focused is app.screen.query_one("#libelle", Input)
        await pilot.press("enter")
        assert app.ouvert and app.resultats == []
        assert app.screen.focused is app.screen.query_one("#date", Input)
        assert "Le mois 13 n'existe pas" in textes(app.screen)


async def test_date_vide_refusee() -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        assert not apercu(app).has_class("-invalide")  # nothing typed yet: no red
        await pilot.press("enter")
        assert app.ouvert and app.resultats == []
        assert "Aucune date saisie" in textes(app.screen)


async def test_libelle_et_precision_annee() -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "fin 2022")
        await pilot.press("tab")
        await taper(pilot, "Bilan  final")
        await pilot.press("enter")
        assert app.resultats == [EcheanceSaisie(dt.date(2022, 12, 31), Precision.ANNEE, "Bilan final")]


async def test_date_relative_lue_par_rapport_au_jour_donne() -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "dans 2 semaines")
        assert "29/03/2021" in str(apercu(app).render())
        await pilot.press("enter")
        assert app.resultats == [EcheanceSaisie(dt.date(2021, 3, 29), Precision.JOUR, "")]


async def test_exemples_dans_le_champ_et_echap_annule() -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "T3 2021" in str(app.screen.query_one("#date", Input).placeholder)
        await taper(pilot, "T3 2021")
        await pilot.press("escape")
        assert app.resultats == [None]


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
@pytest.mark.parametrize("saisie", ["mardi 15 mars 2021", "n'importe quoi de bien long"])
async def test_tient_dans_l_ecran_meme_avec_une_longue_erreur(taille: tuple[int, int], saisie: str) -> None:
    app = Hote(EcheanceDialog(LIBELLE, TODAY))
    async with app.run_test(size=taille) as pilot:
        await taper(pilot, saisie)
        await pilot.press("enter")
        assert app.ouvert
        assert_tient(app.screen, *taille)
