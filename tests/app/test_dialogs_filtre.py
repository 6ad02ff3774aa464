"""The filter: partie, statuts, en retard, à discuter; enter applies, r clears, escape cancels."""

from __future__ import annotations

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.widgets import Checkbox, Select

from suivi_tui.services.engagements import Filtre, PartieResume
from suivi_tui.ui.dialogs.filtre import FiltreDialog

PARTIES = [PartieResume(1, "Ville d'Antony", "Ville"), PartieResume(2, "État", "État")]
ACTUEL = Filtre(axe_id=3, statuts=frozenset({"en_cours"}))


async def test_en_retard_coche_renvoie_le_filtre_avec_le_meme_axe() -> None:
    app = Hote(FiltreDialog(ACTUEL, PARTIES))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#en-retard", Checkbox).focus()
        await pilot.press("space", "enter")
        assert app.resultats == [Filtre(axe_id=3, statuts=frozenset({"en_cours"}), en_retard=True)]


async def test_le_formulaire_reprend_le_filtre_actuel() -> None:
    actuel = Filtre(axe_id=None, partie_id=2, statuts=frozenset({"bloque", "en_pause"}), a_discuter=True)
    app = Hote(FiltreDialog(actuel, PARTIES))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one(Select).value == 2
        assert app.screen.query_one("#statut-bloque", Checkbox).value
        assert not app.screen.query_one("#statut-realise", Checkbox).value
        assert app.screen.query_one("#a-discuter", Checkbox).value
        await pilot.press("enter")
        assert app.resultats == [actuel]


async def test_entree_sur_une_case_applique_sans_la_cocher() -> None:
    app = Hote(FiltreDialog(ACTUEL, PARTIES))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#statut-realise", Checkbox).focus()
        await pilot.press("enter")
        assert app.resultats == [ACTUEL]


async def test_statuts_et_partie_choisis_au_clavier() -> None:
    app = Hote(FiltreDialog(Filtre(axe_id=5), PARTIES))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.focused is app.screen.query_one(Select)
        await pilot.press("space", "down", "down", "enter")  # open the list, « État », choose it
        assert app.screen.query_one(Select).value == 2
        await pilot.press("tab", "space", "tab", "tab", "space", "enter")
        assert app.resultats == [Filtre(axe_id=5, partie_id=2, statuts=frozenset({"a_venir", "realise"}))]


async def test_toutes_les_parties_remet_partie_a_none() -> None:
    app = Hote(FiltreDialog(Filtre(axe_id=1, partie_id=1), PARTIES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "up", "enter", "enter")
        assert app.resultats == [Filtre(axe_id=1)]


@pytest.mark.parametrize("touches", [("r",), ("shift+tab", "enter")])
async def test_tout_effacer_garde_seulement_l_axe(touches: tuple[str, ...]) -> None:
    actuel = Filtre(axe_id=3, partie_id=1, statuts=frozenset({"realise"}), en_retard=True, a_discuter=True)
    app = Hote(FiltreDialog(actuel, PARTIES))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*touches)
        assert app.resultats == [Filtre(axe_id=3)]


async def test_bouton_appliquer() -> None:
    app = Hote(FiltreDialog(ACTUEL, PARTIES))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#a-discuter", Checkbox).value = True
        await pilot.click("#appliquer")
        assert app.resultats == [Filtre(axe_id=3, statuts=frozenset({"en_cours"}), a_discuter=True)]


async def test_echap_annule() -> None:
    app = Hote(FiltreDialog(ACTUEL, PARTIES))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#en-retard", Checkbox).focus()
        await pilot.press("space", "escape")
        assert app.resultats == [None]


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(taille: tuple[int, int]) -> None:
    app = Hote(FiltreDialog(ACTUEL, PARTIES))
    async with app.run_test(size=taille):
        affiche = textes(app.screen)
        assert "Filtrer les engagements" in affiche and "aucun coché : tous" in affiche
        assert_tient(app.screen, *taille)
