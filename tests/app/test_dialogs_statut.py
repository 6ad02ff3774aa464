"""The statut picker: digits choose at once, arrows or j/k + enter, escape cancels."""

from __future__ import annotations

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.widgets import OptionList

from suivi_tui.ui.dialogs.statut import StatutDialog

LIBELLE = "Poursuivre le dispositif de scolarisation des enfants de moins de 3 ans dans les écoles du quartier"


async def test_un_chiffre_choisit_aussitot() -> None:
    app = Hote(StatutDialog("a_venir", LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        assert app.resultats == ["realise"]
        assert not app.ouvert


async def test_le_statut_actuel_est_en_surbrillance_et_marque() -> None:
    app = Hote(StatutDialog("en_pause", LIBELLE))
    async with app.run_test(size=(80, 24)):
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 3
        assert "actuel" in str(options.get_option_at_index(3).prompt)
        assert "actuel" not in str(options.get_option_at_index(0).prompt)


@pytest.mark.parametrize("touches", [("down", "down", "enter"), ("j", "j", "enter"), ("j", "j", "j", "k", "enter")])
async def test_fleches_ou_j_k_puis_entree(touches: tuple[str, ...]) -> None:
    app = Hote(StatutDialog("a_venir", LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*touches)
        assert app.resultats == ["realise"]


async def test_echap_annule() -> None:
    app = Hote(StatutDialog("en_cours", LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        assert app.resultats == [None]
        assert not app.ouvert


async def test_titre_libelle_tronque_et_aide_visibles() -> None:
    app = Hote(StatutDialog("en_cours", LIBELLE))
    async with app.run_test(size=(80, 24)):
        affiche = textes(app.screen)
        assert "Changer le statut" in affiche
        assert "Poursuivre le dispositif" in affiche
        assert "Échap" in affiche
        for libelle in ("À venir", "En cours", "Réalisé", "En pause", "Bloqué", "Abandonné"):
            assert libelle in "\n".join(str(o.prompt) for o in app.screen.query_one(OptionList).options)


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(taille: tuple[int, int]) -> None:
    app = Hote(StatutDialog("en_cours", LIBELLE))
    async with app.run_test(size=taille):
        assert_tient(app.screen, *taille)
