"""The engagements table shows the engagements: how much of each libellé a row really draws, at 140x45 and 80x24."""

from __future__ import annotations

import pytest
from tests.app.conftest import GRAND, PETIT, appuyer, ouvrir

from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.panes.axes import AxesPane
from suivi_tui.ui.panes.engagements import EngagementsPane, colonnes, sur_deux_lignes


def libelles_dessines(table: EngagementsPane) -> list[tuple[str, str]]:
    """(libellé, what the screen shows of it) for every row drawn, read from the table's rendered lines."""
    cols = table._cols
    debut = cols.axe + cols.partie  # the libellé column starts after Axe and Partie
    hauteur = cols.hauteur
    dessines = []
    for rang in range(table.scrollable_content_region.height // hauteur - 1):
        lignes = [table.render_line(1 + rang * hauteur + i).text for i in range(hauteur)]
        morceaux = [ligne[debut : debut + cols.libelle].strip() for ligne in lignes]
        dessines.append((table.lignes[rang].libelle, " ".join(m for m in morceaux if m)))
    return dessines


def lisible(libelle: str, dessine: str) -> int:
    """How many characters of the libellé the row shows, checking that they are its beginning."""
    propre = " ".join(libelle.split())
    montre = dessine.removesuffix("…")
    assert propre.startswith(montre), (propre, dessine)
    return len(montre)


@pytest.mark.parametrize(("taille", "au_moins"), [(GRAND, 50), (PETIT, 30)], ids=["140x45", "80x24"])
async def test_each_row_shows_enough_of_its_libelle(app: SuiviApp, taille: tuple[int, int], au_moins: int) -> None:
    async with ouvrir(app, taille) as pilot:
        table = app.screen.query_one(EngagementsPane)
        dessines = libelles_dessines(table)
        assert len(dessines) >= 8, "the table shows at least eight engagements"
        for libelle, dessine in dessines:
            assert lisible(libelle, dessine) >= min(au_moins, len(" ".join(libelle.split()))), (libelle, dessine)
        # Rows that start alike (« Accompagner les… ») are told apart before the cut.
        montres = [d for _, d in dessines]
        assert len(set(montres)) == len(montres)
        await appuyer(pilot, "1", "2")  # the axes unfold and fold again: the table is laid out anew
        assert all(lisible(lib, d) >= min(au_moins, len(lib)) for lib, d in libelles_dessines(table))


async def test_the_axes_fold_to_their_counts_out_of_focus_and_unfold_with_it(app: SuiviApp) -> None:
    async with ouvrir(app, GRAND) as pilot:
        axes = app.screen.query_one(AxesPane)
        table = app.screen.query_one(EngagementsPane)
        assert axes.has_class("-replie") and axes.outer_size.width == 16
        largeur_repliee = table.outer_size.width
        await appuyer(pilot, "1")
        assert not axes.has_class("-replie") and axes.outer_size.width == 30
        assert "Développement" in str(axes.get_option_at_index(1).prompt)  # the titles are back
        assert table.outer_size.width == largeur_repliee - 14
        await appuyer(pilot, "2")
        assert axes.outer_size.width == 16 and table.outer_size.width == largeur_repliee


def test_the_layout_prefers_one_long_line_then_two_then_drops_the_echeance() -> None:
    # A wide pane: one line, and the pilote when there is room beyond the libellé.
    large = colonnes(120, [], avec_axe=True)
    assert (large.hauteur, large.pilote, large.echeance) == (1, 11, 11) and large.visible >= 50
    # 140x45 with the axes folded: two lines, the échéance kept.
    moyen = colonnes(85, [], avec_axe=True)
    assert (moyen.hauteur, moyen.pilote, moyen.echeance) == (2, 0, 11) and moyen.visible >= 50
    # 80x24: one line without the échéance (it is in the detail and the Échéances pane).
    etroit = colonnes(61, [], avec_axe=True)
    assert (etroit.hauteur, etroit.echeance) == (1, 0) and etroit.visible >= 30


def test_two_lines_cut_at_a_word_and_end_with_an_ellipsis() -> None:
    assert sur_deux_lignes("Créer un espace", 20) == "Créer un espace"
    assert sur_deux_lignes("Accompagner les dispositifs pouvant aider les jeunes", 20) == (
        "Accompagner les\ndispositifs pouvant…"
    )
