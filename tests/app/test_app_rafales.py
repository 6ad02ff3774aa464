"""Keys typed in one burst (a paste, a macro, a slow SSH link): each acts on the row under the cursor when handled."""

from __future__ import annotations

import pytest
from tests.app.conftest import calme, choisir, ouvrir, sql, terminal
from textual.widgets import Input, Static, TextArea

from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.echeance import EcheanceDialog
from suivi_tui.ui.dialogs.note import NoteDialog
from suivi_tui.ui.dialogs.pilote import PiloteDialog
from suivi_tui.ui.dialogs.statut import StatutDialog
from suivi_tui.ui.panes.engagements import EngagementsPane

COWORKING = "Créer un espace de coworking"


def suivante(app: SuiviApp) -> tuple[int, str]:
    """The engagement one row below the cursor: the one `j` goes to."""
    table = app.screen.query_one(EngagementsPane)
    ligne = table.lignes[table.cursor_row + 1]
    return ligne.id, ligne.libelle


def libelle_du_dialogue(app: SuiviApp) -> str:
    return " ".join(str(app.screen.query_one(".dialogue-libelle", Static).render()).split())


async def test_j_s_in_one_burst_sets_the_statut_of_the_new_row(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        avant = await choisir(pilot, COWORKING)
        eid, libelle = suivante(app)
        await terminal(pilot, "js")
        assert isinstance(app.screen, StatutDialog)
        assert libelle[:30] in libelle_du_dialogue(app)
        await terminal(pilot, "3")
        assert sql(app.db, "SELECT id FROM engagement WHERE statut = 'realise'") == [(eid,)]
        assert sql(app.db, "SELECT statut FROM engagement WHERE id = :e", e=avant) == [("a_venir",)]


async def test_j_s_3_in_one_burst_too(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        eid, _ = suivante(app)
        await terminal(pilot, "js3")
        assert sql(app.db, "SELECT id FROM engagement WHERE statut = 'realise'") == [(eid,)]


async def test_j_n_in_one_burst_links_the_note_to_the_new_row(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        eid, libelle = suivante(app)
        await terminal(pilot, "jn")
        assert isinstance(app.screen, NoteDialog)
        assert libelle[:30] in libelle_du_dialogue(app)
        await terminal(pilot, "Vu en séance")
        await terminal(pilot, "\x13")  # ctrl+s
        await calme(pilot)
        assert sql(app.db, "SELECT engagement_id, texte FROM note") == [(eid, "Vu en séance")]


async def test_j_d_in_one_burst_puts_the_echeance_on_the_new_row(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        eid, libelle = suivante(app)
        await terminal(pilot, "jd")
        assert isinstance(app.screen, EcheanceDialog)
        assert libelle[:30] in libelle_du_dialogue(app)
        await terminal(pilot, "T4 2020\r")
        assert sql(app.db, "SELECT engagement_id, date FROM echeance") == [(eid, "2020-12-31")]


async def test_tab_in_a_burst_moves_to_the_next_field_before_the_text_that_follows(app: SuiviApp) -> None:
    # Textual hands every key of a read to the widget focused when the app takes it, and tab moves the
    # focus only once it has come back up: « date⇥libellé » would all land in the date.
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, COWORKING)
        await terminal(pilot, "d")
        await terminal(pilot, "T4 2020\tbilan au comité\r")
        assert sql(app.db, "SELECT engagement_id, date, libelle FROM echeance") == [
            (eid, "2020-12-31", "bilan au comité")
        ]


async def test_j_p_in_one_burst_names_the_pilote_of_the_new_row(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        _, libelle = suivante(app)
        await terminal(pilot, "jp")
        assert isinstance(app.screen, PiloteDialog)
        assert libelle[:30] in libelle_du_dialogue(app)


async def test_j_j_k_a_in_one_burst_marks_the_row_under_the_cursor(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        eid, _ = suivante(app)
        await terminal(pilot, "jjka")
        assert sql(app.db, "SELECT id FROM engagement WHERE a_discuter = 1") == [(eid,)]


@pytest.mark.parametrize(
    ("octets", "attendu"),
    [("\x15AB", "AB"), ("AB\x7fC", "AC"), ("AB\x1b[DC", "ACB"), ("xy\x15AB\r", "AB")],
    ids=["ctrl+u puis texte", "retour arrière", "flèche gauche", "effacer, taper, valider"],
)
async def test_editing_keys_in_a_burst_act_in_the_order_typed(app: SuiviApp, octets: str, attendu: str) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, COWORKING)
        await terminal(pilot, "p")
        assert isinstance(app.screen, PiloteDialog)
        await terminal(pilot, octets)
        if octets.endswith("\r"):
            assert sql(app.db, "SELECT pilote FROM engagement WHERE id = :e", e=eid) == [(attendu,)]
        else:
            assert app.screen.query_one(Input).value == attendu


async def test_editing_keys_in_a_burst_in_the_note_text_too(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        await terminal(pilot, "n")
        assert isinstance(app.screen, NoteDialog)
        await terminal(pilot, "Locak\x7fl trouvé")
        assert app.screen.query_one(TextArea).text == "Local trouvé"


async def test_text_typed_in_the_same_burst_as_n_goes_into_the_note(app: SuiviApp) -> None:
    """« n » and the note's text in one read: the text lands in the note, nothing on the main screen."""
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        await terminal(pilot, "nMme X relogée")
        assert isinstance(app.screen, NoteDialog)
        await calme(pilot)
        assert app.screen.query_one(TextArea).text == "Mme X relogée"
        assert sql(app.db, "SELECT count(*) FROM seance") == [(0,)]  # « m » of « Mme » opened no séance
