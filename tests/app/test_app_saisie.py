"""What is typed or pasted in a dialog is never lost nor scrambled: drafts kept by escape, pastes taken as text."""

from __future__ import annotations

from tests.app.conftest import appuyer, calme, choisir, messages, ouvrir, sql, taper, terminal
from textual.widgets import Checkbox, Input, Static, TextArea

from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.echeance import EcheanceDialog
from suivi_tui.ui.dialogs.note import NoteDialog
from suivi_tui.ui.dialogs.pilote import PiloteDialog

COWORKING = "Créer un espace de coworking"
DEBUT, FIN = "\x1b[200~", "\x1b[201~"


def texte_note(app: SuiviApp) -> str:
    assert isinstance(app.screen, NoteDialog)
    return app.screen.query_one(TextArea).text


async def test_escape_keeps_the_note_draft_and_n_gives_it_back(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "n")
        await taper(pilot, "Relancer la DDETS")
        await appuyer(pilot, "alt+c", "escape")
        assert not isinstance(app.screen, NoteDialog)
        assert "Brouillon gardé : rouvrez ce dialogue pour le reprendre." in messages(app)
        await appuyer(pilot, "n")
        assert texte_note(app) == "Relancer la DDETS"
        assert app.screen.query_one(Checkbox).value, "the confidential mark comes back with the text"
        await appuyer(pilot, "ctrl+s")
        assert sql(app.db, "SELECT texte, confidentielle FROM note") == [("Relancer la DDETS", 1)]
        await appuyer(pilot, "n")
        assert texte_note(app) == "", "a saved note leaves no draft"


async def test_a_draft_belongs_to_its_engagement(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "n")
        await taper(pilot, "Pour le coworking")
        await appuyer(pilot, "escape", "j", "n")
        assert texte_note(app) == ""
        await appuyer(pilot, "escape", "k", "n")
        assert texte_note(app) == "Pour le coworking"


async def test_escape_on_an_untouched_dialog_keeps_no_draft(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "p", "escape")
        assert not any("Brouillon" in m for m in messages(app))


async def test_a_paste_holding_a_colour_sequence_is_taken_as_text(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, COWORKING)
        await appuyer(pilot, "p")
        await appuyer(pilot, "ctrl+u")
        await terminal(pilot, f"{DEBUT}AB\x1b[31mCD{FIN}")
        assert isinstance(app.screen, PiloteDialog)
        assert app.screen.query_one(Input).value == "ABCD"
        await terminal(pilot, "\r")
        assert sql(app.db, "SELECT pilote FROM engagement WHERE id = :e", e=eid) == [("ABCD",)]


async def test_an_enter_inside_a_paste_does_not_submit_and_the_lines_are_joined_with_a_word(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "d", "tab")
        await terminal(pilot, f"{DEBUT}X\x1b[31mY\rZ{FIN}")
        assert isinstance(app.screen, EcheanceDialog), "the paste must not submit the form"
        assert app.screen.query_one("#libelle", Input).value == "XY Z"
        assert any("tenait sur 2 lignes" in m for m in messages(app))
        assert sql(app.db, "SELECT count(*) FROM echeance") == [(0,)]


async def test_a_note_keeps_the_lines_of_a_paste(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "n")
        await terminal(pilot, f"{DEBUT}Présents :\r\n- la DDETS\x1b[1m\r\n- le bailleur\x07{FIN}")
        assert texte_note(app) == "Présents :\n- la DDETS\n- le bailleur"


async def test_a_pilote_too_long_is_refused_in_the_dialog_and_the_text_stays(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, COWORKING)
        await appuyer(pilot, "p", "ctrl+u")
        await terminal(pilot, f"{DEBUT}{'x' * 250}{FIN}")
        await terminal(pilot, "\r")
        await calme(pilot)
        assert isinstance(app.screen, PiloteDialog)
        assert app.screen.query_one(Input).value == "x" * 250
        erreur = str(app.screen.query_one(".dialogue-erreur", Static).render())
        assert "trop long (250 caractères, 200 au plus)" in erreur
        assert sql(app.db, "SELECT pilote FROM engagement WHERE id = :e", e=eid) == [(None,)]


async def test_in_presentation_mode_the_search_does_not_count_a_confidential_note(app: SuiviApp) -> None:
    from suivi_tui.services.edition import ajouter_note
    from suivi_tui.services.seances.journal import lister_comites
    from suivi_tui.ui.dialogs.recherche import RechercheScreen

    contrat = sql(app.db, "SELECT id FROM contrat")[0][0]
    comite = lister_comites(app.db, contrat)[0]  # type: ignore[arg-type]
    ajouter_note(app.db, comite.id, "Mme Zorglub demande un logement", confidentielle=True)
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "P", "slash")
        await taper(pilot, "Zorglub")
        await calme(pilot)
        assert isinstance(app.screen, RechercheScreen)
        assert app.screen.resultats == []
        assert "note" not in str(app.screen.query_one("#compte", Static).render())
