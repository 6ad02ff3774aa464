"""The new-comité form: a name is required and must not already exist (case-insensitively)."""

from __future__ import annotations

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.pilot import Pilot
from textual.widgets import Input

from suivi_tui.ui.dialogs.comite import ComiteDialog, ComiteSaisie

EXISTANTS = ["Gestion urbaine et sociale de proximité (GUSP)", "Insertion socioprofessionnelle"]


async def taper(pilot: Pilot[None], texte: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in texte))


async def test_nom_et_description_renvoyes() -> None:
    app = Hote(ComiteDialog(EXISTANTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, " CT  Tranquillité ")
        await pilot.press("tab")
        await taper(pilot, "Police, bailleurs")
        await pilot.press("enter")
        assert app.resultats == [ComiteSaisie("CT Tranquillité", "Police, bailleurs")]


async def test_nom_vide_refuse() -> None:
    app = Hote(ComiteDialog(EXISTANTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "enter")
        assert app.ouvert and app.resultats == []
        assert "Le nom du comité est obligatoire." in textes(app.screen)


async def test_nom_existant_refuse_sans_tenir_compte_de_la_casse() -> None:
    app = Hote(ComiteDialog(EXISTANTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "insertion  SOCIOPROFESSIONNELLE")
        await pilot.press("tab", "enter")
        assert app.ouvert and app.resultats == []
        assert "Le comité « Insertion socioprofessionnelle » existe déjà" in textes(app.screen)
        assert app.screen.focused is app.screen.query_one("#nom", Input)


async def test_erreur_effacee_une_fois_corrigee() -> None:
    app = Hote(ComiteDialog(EXISTANTS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert "obligatoire" in textes(app.screen)
        await taper(pilot, "GUSP bis")
        await pilot.press("enter")
        assert app.resultats == [ComiteSaisie("GUSP bis", "")]


async def test_echap_annule() -> None:
    app = Hote(ComiteDialog([]))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "CT")
        await pilot.press("escape")
        assert app.resultats == [None]


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(taille: tuple[int, int]) -> None:
    app = Hote(ComiteDialog(EXISTANTS))
    async with app.run_test(size=taille) as pilot:
        await taper(pilot, "GUSP")
        assert textes(app.screen)
        assert_tient(app.screen, *taille)
