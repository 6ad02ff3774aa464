"""The contrat picker: the open contrat marked and highlighted, enter returns the id chosen."""

from __future__ import annotations

import datetime as dt

import pytest
from test_dialogs_hote import Hote, assert_tient
from textual.widgets import OptionList

from suivi_tui.services.contrats import ContratResume, lister_contrats
from suivi_tui.ui.dialogs.contrat import ContratDialog

CONTRATS = [
    ContratResume(3, "Contrat de ville d'Antony 2020-2022", "Antony", dt.date(2020, 1, 1), dt.date(2022, 12, 31), 52),
    ContratResume(8, "Contrat de ville de Bagneux 2020-2022", "Bagneux", None, None, 1),
    ContratResume(9, "Contrat de ville de Clamart 2020-2022", "Clamart", None, None, 40),
]


async def test_le_contrat_ouvert_est_marque_et_en_surbrillance() -> None:
    app = Hote(ContratDialog(CONTRATS, 8))
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 1
        prompts = [str(o.prompt) for o in options.options]
        assert "ouvert" in prompts[1] and "ouvert" not in prompts[0]
        assert "Antony · 52 engagements · du 01/01/2020 au 31/12/2022" in prompts[0]
        assert "Bagneux · 1 engagement" in prompts[1]
        await pilot.press("enter")
        assert app.resultats == [8]


async def test_fleches_puis_entree_renvoient_l_id() -> None:
    app = Hote(ContratDialog(CONTRATS, 3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "enter")
        assert app.resultats == [9]


async def test_avec_la_base_reelle(seeded: tuple[object, int]) -> None:
    db, contrat_id = seeded
    app = Hote(ContratDialog(lister_contrats(db), contrat_id))  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Antony" in str(app.screen.query_one(OptionList).options[0].prompt)
        await pilot.press("enter")
        assert app.resultats == [contrat_id]


async def test_echap_annule() -> None:
    app = Hote(ContratDialog(CONTRATS, 3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "escape")
        assert app.resultats == [None]


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran_meme_avec_beaucoup_de_contrats(taille: tuple[int, int]) -> None:
    nombreux = [ContratResume(i, f"Contrat de ville n°{i}", f"Ville {i}", None, None, i) for i in range(1, 60)]
    app = Hote(ContratDialog(nombreux, 50))
    async with app.run_test(size=taille) as pilot:
        assert_tient(app.screen, *taille)
        await pilot.press("enter")
        assert app.resultats == [50]
