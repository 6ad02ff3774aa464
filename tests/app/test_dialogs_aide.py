"""The help screen: every key by context, in two columns; ?, q and escape close it."""

from __future__ import annotations

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.containers import VerticalScroll

from suivi_tui.ui.dialogs.aide import AideScreen

SECTIONS = [
    ("Partout", [("?", "Aide"), ("/", "Rechercher partout"), ("q, ctrl+q", "Quitter")]),
    (
        "Engagements",
        [
            ("s", "Changer le statut"),
            ("p", "Pilote"),
            ("d", "Ajouter une échéance"),
            ("n", "Ajouter une note au journal du comité, liée à l'engagement sélectionné"),
        ],
    ),
]


@pytest.mark.parametrize("touche", ["question_mark", "q", "escape"])
async def test_fermee_par_point_d_interrogation_q_ou_echap(touche: str) -> None:
    app = Hote(AideScreen(SECTIONS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(touche)
        assert not app.ouvert
        assert app.resultats == [None]


async def test_chaque_section_et_chaque_touche_affichees() -> None:
    app = Hote(AideScreen(SECTIONS))
    async with app.run_test(size=(80, 24)):
        affiche = textes(app.screen)
        for titre, touches in SECTIONS:
            assert titre in affiche
            for touche, description in touches:
                assert touche in affiche and description in affiche


async def test_les_descriptions_sont_alignees_en_colonne() -> None:
    app = Hote(AideScreen(SECTIONS))
    async with app.run_test(size=(80, 24)):
        colonnes = {w.region.x for w in app.screen.query(".description")}
        assert len(colonnes) == 1
        assert min(w.region.x for w in app.screen.query(".touche")) < colonnes.pop()


async def test_defile_quand_la_liste_est_longue() -> None:
    longues = [(f"Contexte {i}", [(f"ctrl+{c}", f"Action {i}{c}") for c in "abcdef"]) for i in range(8)]
    app = Hote(AideScreen(longues))
    async with app.run_test(size=(80, 24)) as pilot:
        defilement = app.screen.query_one(VerticalScroll)
        assert defilement.max_scroll_y > 0
        await pilot.press("end")
        assert defilement.scroll_y == defilement.max_scroll_y
        assert_tient(app.screen, 80, 24)


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(taille: tuple[int, int]) -> None:
    app = Hote(AideScreen(SECTIONS))
    async with app.run_test(size=taille):
        assert_tient(app.screen, *taille)
