"""The axes pane as a tree (a contrat « Quartiers 2030 »): fold and unfold with ←/→, roll-up counts, both sizes."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.app.conftest import PETIT, appuyer, ouvrir
from tests.conftest import TODAY

from suivi_tui.db.database import Database
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.panes.axes import AxesPane
from suivi_tui.ui.panes.engagements import EngagementsPane


@pytest.fixture
def app_quartiers(quartiers: tuple[Database, int]) -> SuiviApp:
    from suivi_tui.today import set_today

    set_today(TODAY)
    return SuiviApp(quartiers[0], TODAY)


def _lignes(axes: AxesPane) -> list[str]:
    return [str(axes.get_option_at_index(i).prompt).split("\n")[0].strip() for i in range(axes.option_count)]


async def _aller(pilot, numero: str) -> None:  # type: ignore[no-untyped-def]
    axes = pilot.app.screen.query_one(AxesPane)
    await appuyer(pilot, "1", "g")
    for _ in range(axes.option_count):
        if axes.highlighted_option.id != "tous" and next(a for a in axes._axes if a.id == axes.axe_id).numero == numero:
            return
        await appuyer(pilot, "j")
    raise AssertionError(numero)


@pytest.mark.parametrize("taille", [(140, 45), PETIT], ids=["140x45", "80x24"])
async def test_right_unfolds_left_folds_and_counts_roll_up(app_quartiers: SuiviApp, taille: tuple[int, int]) -> None:
    async with ouvrir(app_quartiers, taille) as pilot:
        axes = app_quartiers.screen.query_one(AxesPane)
        table = app_quartiers.screen.query_one(EngagementsPane)
        # Opened: « Tous », the enjeux and their orientations; the objectives wait behind ▸.
        assert len(_lignes(axes)) == 1 + 3 + 6
        await _aller(pilot, "1")
        assert table.border_title == "Engagements · Enjeu 1 · 15 engagements"
        assert {ligne.axe_numero for ligne in table.lignes} == {"1.1.1", "1.1.2", "1.2.1", "1.2.2"}
        await appuyer(pilot, "j")  # Orientation 1.1, folded
        assert table.border_title.startswith("Engagements · Orientation 1.1 · 9 engagements")
        await appuyer(pilot, "right")
        assert len(_lignes(axes)) == 1 + 3 + 6 + 2
        assert any(ligne.startswith(("▾1.1", "  ▾1.1", "1.1")) for ligne in _lignes(axes))
        await appuyer(pilot, "right")  # already open: down to its first objective
        assert table.border_title == "Engagements · Objectif opérationnel 1.1.1 · 5 engagements"
        await appuyer(pilot, "left")  # a leaf: up to its parent
        assert table.border_title.startswith("Engagements · Orientation 1.1")
        await appuyer(pilot, "left")  # open: folds it
        assert len(_lignes(axes)) == 1 + 3 + 6
        await appuyer(pilot, "left", "left")  # up to Enjeu 1, then folds it: its orientations go
        assert len(_lignes(axes)) == 1 + 3 + 4
        assert table.border_title == "Engagements · Enjeu 1 · 15 engagements"


async def test_the_counts_of_a_node_include_everything_below_it(app_quartiers: SuiviApp) -> None:
    async with ouvrir(app_quartiers) as pilot:
        axes = app_quartiers.screen.query_one(AxesPane)
        par_numero = {a.numero: a for a in axes._axes}
        assert (par_numero["1"].total, par_numero["1.1"].total, par_numero["1.1.1"].total) == (15, 9, 5)
        # Out of focus: numbers and counts only; focused (1): the tree marks, titles and counts.
        assert [str(axes.get_option_at_index(i).prompt) for i in range(3)] == ["Tous  0/39", "1     0/15", "1.1    0/9"]
        await appuyer(pilot, "1")
        textes = [str(axes.get_option_at_index(i).prompt) for i in range(axes.option_count)]
        assert any("▾1" in t and "0/15" in t for t in textes), textes[:3]
        assert any("▸1.1" in t and "0/9" in t for t in textes), textes[:3]
        await appuyer(pilot, "2")
        assert axes.has_class("-replie")


async def test_v_records_a_mesure_shows_its_trend_and_ctrl_z_takes_it_back(app_quartiers: SuiviApp) -> None:
    from tests.app.conftest import choisir, messages, sql, taper

    from suivi_tui.ui.dialogs.mesure import MesureDialog
    from suivi_tui.ui.panes.detail import DetailPane

    async with ouvrir(app_quartiers) as pilot:
        await choisir(pilot, "Bus de l'emploi")
        await appuyer(pilot, "v")
        dialogue = app_quartiers.screen
        assert isinstance(dialogue, MesureDialog) and len(dialogue.indicateurs) == 2
        await appuyer(pilot, "tab")  # from the indicator (the first one) to the value
        await taper(pilot, "deux cents")
        await appuyer(pilot, "enter")
        assert isinstance(app_quartiers.screen, MesureDialog)  # refused, said in French, kept open
        erreur = str(app_quartiers.screen.query_one(".dialogue-erreur").render())
        assert "n'est pas un nombre" in erreur
        await appuyer(pilot, "ctrl+u")
        await taper(pilot, "212")
        await appuyer(pilot, "enter")
        assert not isinstance(app_quartiers.screen, MesureDialog)
        db = app_quartiers.db
        assert sql(db, "SELECT m.date, m.valeur FROM mesure m JOIN indicateur i ON i.id = m.indicateur_id") == [
            ("2021-03-15", 212.0)
        ]
        assert "Mesure enregistrée : Personnes reçues au bus de l'emploi = 212 personnes au 15/03/2021" in messages(
            app_quartiers
        )
        detail = str(app_quartiers.screen.query_one(DetailPane).query_one("#detail-texte").render())
        assert "Indicateurs (2)" in detail and "212 personnes au 15/03/2021" in detail
        assert "53 % du chemin" in detail and "vers la cible" in detail
        await appuyer(pilot, "ctrl+z")
        assert sql(db, "SELECT count(*) FROM mesure") == [(0,)]


async def test_v_on_an_engagement_without_indicator_says_so(app_quartiers: SuiviApp) -> None:
    from tests.app.conftest import choisir, messages

    from suivi_tui.ui.dialogs.mesure import MesureDialog

    async with ouvrir(app_quartiers) as pilot:
        await choisir(pilot, "Tenir une permanence hebdomadaire")
        await appuyer(pilot, "v")
        assert not isinstance(app_quartiers.screen, MesureDialog)
        assert any("n'a pas d'indicateur" in m for m in messages(app_quartiers))


@pytest.mark.parametrize("taille", [(140, 45), PETIT])
async def test_an_objective_number_is_never_cut_in_the_table_nor_in_the_echeances(
    app_quartiers: SuiviApp, taille: tuple[int, int]
) -> None:
    """« 1.1.1 » is five characters: the Axe columns fit it (a protocole's « IV » kept its narrow column)."""
    from suivi_tui.services.edition import ajouter_echeance
    from suivi_tui.ui.panes.echeances import EcheancesPane

    db = app_quartiers.db
    with db.lire() as lecture:
        premier = lecture.execute("SELECT min(id) FROM engagement").scalar_one()
    ajouter_echeance(db, premier, dt.date(2021, 9, 30), "trimestre", "Ouverture")
    async with ouvrir(app_quartiers, taille):
        table = app_quartiers.screen.query_one(EngagementsPane)
        largeur = next(iter(table.columns.values())).width
        assert str(table.get_row_at(0)[0]).strip() == "1.1.1" and largeur >= len(" 1.1.1")
        echeances = app_quartiers.screen.query_one(EcheancesPane)
        textes = [str(c) for c in echeances.get_row_at(0)]
        colonnes = {str(c.label).strip(): c.width for c in echeances.columns.values()}
        if "Axe" in colonnes:  # wide: a column of its own
            assert colonnes["Axe"] >= len(" 1.1.1") and any(t.strip() == "1.1.1" for t in textes)
        else:  # narrow: before the engagement's text
            assert any(t.strip().startswith("1.1.1 ·") for t in textes)
