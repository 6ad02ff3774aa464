"""Moving around: panes 1-4 and tab, j/k/g/G, the detail at both sizes, help, palette, quitting, paging."""

from __future__ import annotations

import pytest
from tests.app.conftest import PETIT, aller_axe, appuyer, calme, messages, ouvrir, taper
from textual.widgets import Footer

from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.aide import AideScreen
from suivi_tui.ui.dialogs.statut import StatutDialog
from suivi_tui.ui.panes.axes import AxesPane
from suivi_tui.ui.panes.detail import DetailPane
from suivi_tui.ui.panes.echeances import EcheancesPane
from suivi_tui.ui.panes.engagements import EngagementsPane
from suivi_tui.ui.panes.journal import NotesJournal
from suivi_tui.ui.screens.principal import EcranPrincipal


def touches_du_pied(app: SuiviApp) -> list[str]:
    return [b.key for (_, b, enabled, _) in app.screen.active_bindings.values() if b.show and enabled]


async def test_number_keys_and_tab_move_between_panes(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        assert isinstance(app.focused, EngagementsPane)
        for touche, pane in (("1", AxesPane), ("3", EcheancesPane), ("4", NotesJournal), ("2", EngagementsPane)):
            await appuyer(pilot, touche)
            assert isinstance(app.focused, pane)
        await appuyer(pilot, "tab")
        assert isinstance(app.focused, DetailPane)
        await appuyer(pilot, "shift+tab")
        assert isinstance(app.focused, EngagementsPane)


async def test_axes_drive_the_table_and_g_G_j_k_move(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        table = app.screen.query_one(EngagementsPane)
        assert len(table.lignes) == 52 and table.border_title == "Engagements · Tous les axes · 52 engagements"
        await aller_axe(pilot, "III")
        assert {ligne.axe_numero for ligne in table.lignes} == {"III"}
        assert table.border_title == "Engagements · Axe III · 3 engagements"
        await appuyer(pilot, "G")
        assert app.screen.query_one(AxesPane).highlighted_option.id != "tous"  # type: ignore[union-attr]
        assert {ligne.axe_numero for ligne in table.lignes} == {"VI"}
        await appuyer(pilot, "2", "G")
        assert table.cursor_row == len(table.lignes) - 1
        await appuyer(pilot, "k")
        assert table.cursor_row == len(table.lignes) - 2
        await appuyer(pilot, "g")
        assert table.cursor_row == 0 and app.screen.engagement_id == table.lignes[0].id
        await appuyer(pilot, "1", "g")
        assert len(table.lignes) == 52


async def test_enter_in_a_narrow_terminal_opens_the_detail_and_escape_closes_it(app: SuiviApp) -> None:
    async with ouvrir(app, PETIT) as pilot:
        detail = app.screen.query_one(DetailPane)
        assert app.screen.has_class("-etroit") and not detail.display
        await appuyer(pilot, "enter")
        assert detail.display and app.focused is detail
        assert not app.screen.query_one(EngagementsPane).display
        await appuyer(pilot, "escape")
        assert not detail.display and isinstance(app.focused, EngagementsPane)


async def test_at_140_columns_everything_is_visible_and_enter_focuses_the_detail(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        for pane in (AxesPane, EngagementsPane, DetailPane, EcheancesPane, NotesJournal):
            widget = app.screen.query_one(pane)
            assert widget.display and widget.region.area > 0
        await appuyer(pilot, "enter")
        assert isinstance(app.focused, DetailPane)
        await appuyer(pilot, "escape")
        assert isinstance(app.focused, EngagementsPane)


@pytest.mark.parametrize("taille", [(140, 45), (80, 24)])
async def test_the_footer_shows_help_quit_and_the_editing_keys(app: SuiviApp, taille: tuple[int, int]) -> None:
    async with ouvrir(app, taille):
        cles = touches_du_pied(app)
        for cle in ("s", "n", "d", "f", "slash", "ctrl+z", "question_mark", "q"):
            assert cle in cles
        visibles = cles_visibles(app, taille[0])
        for cle in ("question_mark", "q", "s", "n", "d"):
            assert cle in visibles


def cles_visibles(app: SuiviApp, largeur: int) -> set[str]:
    """The keys the Footer shows whole, inside the terminal."""
    footer = app.screen.query_one(Footer)
    return {k.key for k in footer.children if k.region.width and k.region.right <= largeur}  # type: ignore[attr-defined]


@pytest.mark.parametrize("taille", [(140, 45), (80, 24)])
async def test_in_every_pane_help_and_quit_stay_in_sight(app: SuiviApp, taille: tuple[int, int]) -> None:
    import datetime as dt

    from tests.app.conftest import engagement_id

    from suivi_tui.services.edition import ajouter_echeance

    ajouter_echeance(app.db, engagement_id(app.db, "Créer un espace"), dt.date(2021, 6, 30), "trimestre")
    async with ouvrir(app, taille) as pilot:
        # (keys, a key of that pane, the binding it must reach there, whether the footer shows it): the
        # Axes pane shows none of its keys (j, k, g, G, entrée are in the help), but they are the ones in force.
        for touches, cle, liaison, montree in (
            (("1",), "j", "axes.suivant", False),
            (("3",), "space", "echeances.faite", True),
            (("4",), "less_than_sign", "journal.comite_precedent", True),
            (("2", "enter"), "escape", "detail.fermer", True),
        ):
            await appuyer(pilot, *touches)
            visibles = cles_visibles(app, taille[0])
            assert {"question_mark", "q"} <= visibles, touches
            active = app.screen.active_bindings.get(cle)
            assert active is not None and active.binding.id == liaison and active.enabled, (touches, active)
            assert (cle in touches_du_pied(app)) is montree, touches
            await appuyer(pilot, "escape") if touches[-1] == "enter" else None


async def test_editing_keys_hide_when_no_engagement_is_listed(app: SuiviApp) -> None:
    from dataclasses import replace

    async with ouvrir(app) as pilot:
        ecran = app.screen
        assert isinstance(ecran, EcranPrincipal)
        ecran.filtre = replace(ecran.filtre, partie_id=-1)  # matches nothing
        ecran.recharger()
        await calme(pilot)
        assert ecran.engagement_id is None
        assert "s" not in touches_du_pied(app) and "d" not in touches_du_pied(app)
        await appuyer(pilot, "s")
        assert app.screen is ecran


async def test_question_mark_lists_every_key_by_context(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "question_mark")
        assert isinstance(app.screen, AideScreen)
        sections = dict(app.screen.sections)
        assert {
            "Partout",
            "Volet Axes (1)",
            "Volet Engagements (2)",
            "Volet Échéances (3)",
            "Volet Journal (4)",
        } <= set(sections)
        partout = dict(sections["Partout"])
        assert partout["q / ^q"].startswith("Quitter") and "^z" in partout and "P" in partout
        principal = dict(sections["Écran principal (engagement sélectionné)"])
        assert {"s", "n", "d", "p", "a", "f", "/", "1", "2", "3", "4"} <= set(principal)
        echeances = dict(sections["Volet Échéances (3)"])
        assert echeances["espace"].startswith("Marquer") and echeances["entrée"].startswith("Montrer")
        assert {"<", ">", "+"} <= set(dict(sections["Volet Journal (4)"]))
        await appuyer(pilot, "escape")
        assert isinstance(app.screen, EcranPrincipal)


async def test_the_palette_offers_the_actions_by_their_french_names(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "ctrl+p")
        await taper(pilot, "statut")
        await pilot.pause(0.3)
        await appuyer(pilot, "enter")
        await pilot.pause(0.2)
        await calme(pilot)
        assert isinstance(app.screen, StatutDialog)


@pytest.mark.parametrize("touche", ["q", "ctrl+q"])
async def test_q_and_ctrl_q_quit(app: SuiviApp, touche: str) -> None:
    async with ouvrir(app) as pilot:
        await pilot.press(touche)
        await pilot.pause()
        assert app._exit and app.return_code == 0


async def test_the_first_run_announces_the_annexe_import(seeded) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import TODAY

    db, _ = seeded
    app = SuiviApp(db, TODAY, annonce="Annexe importée : Contrat de ville d'Antony 2020-2022 (52 engagements).")
    async with ouvrir(app):
        assert messages(app) == ["Annexe importée : Contrat de ville d'Antony 2020-2022 (52 engagements)."]


async def test_a_long_table_is_paged_and_says_n_sur_m(app: SuiviApp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EcranPrincipal, "TAILLE_PAGE", 20)
    async with ouvrir(app) as pilot:
        table = app.screen.query_one(EngagementsPane)
        assert len(table.lignes) == 20 and table.border_title.endswith("20 sur 52")
        await appuyer(pilot, "G")
        assert len(table.lignes) == 40 and table.border_title.endswith("40 sur 52")
        await appuyer(pilot, "G")
        assert len(table.lignes) == 52 and table.border_title.endswith("52 engagements")
        assert len({ligne.id for ligne in table.lignes}) == 52


async def test_a_failed_read_is_said_in_french_and_the_app_goes_on(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        with app.db.write() as session:  # a base broken behind the app's back
            from sqlalchemy import text

            session.execute(text("ALTER TABLE seance RENAME TO seance_cachee"))
        await appuyer(pilot, "1", "j")
        assert "Lecture de la base impossible : no such table: seance" in messages(app)
        assert app.is_running and isinstance(app.screen, EcranPrincipal)
        with app.db.write() as session:
            session.execute(text("ALTER TABLE seance_cachee RENAME TO seance"))
        await appuyer(pilot, "j")
        assert app.screen.query_one(EngagementsPane).border_title.startswith("Engagements · Axe II")
