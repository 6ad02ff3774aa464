"""The pilote form: prefilled, completed from existing pilotes, empty removes, escape cancels."""

from __future__ import annotations

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.widgets import Input

from suivi_tui.ui.dialogs.pilote import PiloteDialog

LIBELLE = "Recentrer les actions du PLIE sur les habitants des quartiers prioritaires"


async def test_prerempli_avec_le_pilote_actuel() -> None:
    app = Hote(PiloteDialog("Service jeunesse", [], LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one(Input).value == "Service jeunesse"
        await pilot.press("enter")
        assert app.resultats == ["Service jeunesse"]


async def test_suggestion_sans_tenir_compte_de_la_casse() -> None:
    app = Hote(PiloteDialog(None, ["DSU", "Marie Dupont"], LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "a", "r")
        await pilot.pause()
        assert app.screen.query_one(Input)._suggestion == "Marie Dupont"
        await pilot.press("right", "enter")
        assert app.resultats == ["Marie Dupont"]


async def test_champ_vide_retire_le_pilote() -> None:
    app = Hote(PiloteDialog("DSU", ["DSU"], LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "backspace", "backspace", "backspace", "space", "enter")
        assert app.resultats == [""]


async def test_espaces_superflus_retires() -> None:
    app = Hote(PiloteDialog(None, [], LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "D", "S", "U", "space", "space", "7", "space", "enter")
        assert app.resultats == ["DSU 7"]


async def test_echap_annule_sans_rien_renvoyer() -> None:
    app = Hote(PiloteDialog("DSU", [], LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", "escape")
        assert app.resultats == [None]
        assert not app.ouvert


async def test_titre_engagement_et_aide_visibles() -> None:
    app = Hote(PiloteDialog(None, [], LIBELLE))
    async with app.run_test(size=(80, 24)):
        affiche = textes(app.screen)
        assert "Pilote de l'engagement" in affiche
        assert "Recentrer les actions du PLIE" in affiche
        assert "vide = retirer" in affiche


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(taille: tuple[int, int]) -> None:
    app = Hote(PiloteDialog("DSU", ["DSU"], LIBELLE))
    async with app.run_test(size=taille):
        assert_tient(app.screen, *taille)
