"""The note form: comité, type, confidential flag and text; ctrl+s saves; an empty note is refused."""

from __future__ import annotations

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.pilot import Pilot
from textual.widgets import Checkbox, RadioSet, Select, TextArea

from suivi_tui.services.seances.journal import ComiteResume
from suivi_tui.ui.dialogs.note import NoteDialog, NoteSaisie

COMITES = [
    ComiteResume(4, "Gestion urbaine et sociale de proximité (GUSP)", "", 2, None),
    ComiteResume(7, "Insertion socioprofessionnelle", "", 0, None),
]
LIBELLE = "Recentrer les actions du PLIE sur les habitants des quartiers prioritaires"


async def taper(pilot: Pilot[None], texte: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in texte))


async def test_ctrl_s_renvoie_la_note_avec_comite_type_et_confidentialite() -> None:
    app = Hote(NoteDialog(COMITES, 7, LIBELLE, "Insertion socioprofessionnelle · 15/03/2021"))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "Relancer M. X")
        await pilot.press("alt+d", "alt+c")
        assert app.screen.query_one(Checkbox).value
        await pilot.press("ctrl+s")
        assert app.resultats == [NoteSaisie(7, "decision", "Relancer M. X", True)]
        assert not app.ouvert


async def test_valeurs_par_defaut_premier_comite_info_non_confidentielle() -> None:
    app = Hote(NoteDialog(COMITES, None, None))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one(Select).value == 4
        assert app.screen.focused is app.screen.query_one(TextArea)
        await taper(pilot, "Point d'étape")
        await pilot.press("ctrl+s")
        assert app.resultats == [NoteSaisie(4, "info", "Point d'étape", False)]


async def test_comite_par_defaut_inconnu_prend_le_premier() -> None:
    app = Hote(NoteDialog(COMITES, 999, LIBELLE))
    async with app.run_test(size=(80, 24)):
        assert app.screen.query_one(Select).value == 4


async def test_entree_dans_le_texte_est_un_retour_a_la_ligne() -> None:
    app = Hote(NoteDialog(COMITES, 4, LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "enter", "b")
        assert app.ouvert
        await pilot.press("alt+a", "ctrl+s")
        assert app.resultats == [NoteSaisie(4, "action", "a\nb", False)]


async def test_texte_vide_refuse_le_dialogue_reste_ouvert() -> None:
    app = Hote(NoteDialog(COMITES, 4, LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "enter", "ctrl+s")
        assert app.ouvert and app.resultats == []
        assert "La note est vide" in textes(app.screen)
        assert app.screen.focused is app.screen.query_one(TextArea)


async def test_choisir_un_autre_comite_et_le_type_avec_la_liste() -> None:
    app = Hote(NoteDialog(COMITES, 4, LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "Compte rendu")
        app.screen.query_one(Select).focus()
        await pilot.press("enter", "down", "enter")
        assert app.screen.query_one(Select).value == 7
        app.screen.query_one(RadioSet).focus()
        await pilot.press("right", "right", "enter")
        await pilot.click("#enregistrer")
        assert app.resultats == [NoteSaisie(7, "action", "Compte rendu", False)]


async def test_liee_a_l_engagement_et_seance_affichees() -> None:
    app = Hote(NoteDialog(COMITES, 4, LIBELLE, "GUSP · 15/03/2021"))
    async with app.run_test(size=(80, 24)):
        affiche = textes(app.screen)
        assert "Liée à : Recentrer les actions du PLIE" in affiche
        assert "Séance : GUSP · 15/03/2021" in affiche
        assert "Confidentielle (nomme un habitant)" in str(app.screen.query_one(Checkbox).label)


async def test_note_generale_sans_seance() -> None:
    app = Hote(NoteDialog(COMITES, 4, None))
    async with app.run_test(size=(80, 24)):
        affiche = textes(app.screen)
        assert "Note générale" in affiche
        assert "Séance" not in affiche


async def test_sans_comite_seul_echap_fonctionne() -> None:
    app = Hote(NoteDialog([], None, LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "créez d'abord un comité depuis le volet Journal (touche « + »)" in textes(app.screen)
        assert not app.screen.query(TextArea)
        await pilot.press("ctrl+s", "alt+d", "enter")
        assert app.ouvert and app.resultats == []
        await pilot.press("escape")
        assert app.resultats == [None]


async def test_echap_annule() -> None:
    app = Hote(NoteDialog(COMITES, 4, LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "brouillon")
        await pilot.press("escape")
        assert app.resultats == [None]


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(taille: tuple[int, int]) -> None:
    app = Hote(NoteDialog(COMITES, 4, LIBELLE, "GUSP · 15/03/2021"))
    async with app.run_test(size=taille) as pilot:
        await pilot.press("ctrl+s")  # shows the error line too
        assert_tient(app.screen, *taille)
        assert app.screen.query_one(TextArea).size.height >= 3


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_sans_comite_tient_dans_l_ecran(taille: tuple[int, int]) -> None:
    app = Hote(NoteDialog([], None, None))
    async with app.run_test(size=taille):
        assert_tient(app.screen, *taille)


async def test_alt_keys_from_a_real_terminal_change_the_type_not_the_text() -> None:
    """A terminal sends alt+d with its character « d »: the text area must not swallow it."""
    from textual import events

    app = Hote(NoteDialog(COMITES, 7, LIBELLE))
    async with app.run_test(size=(80, 24)) as pilot:
        await taper(pilot, "Point")
        for key in ("alt+d", "alt+c"):
            event = events.Key(key, key[-1])
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]
            await pilot.pause()
        assert app.screen.query_one(TextArea).text == "Point"
        assert app.screen.query_one(Checkbox).value
        await pilot.press("ctrl+s")
        assert app.resultats == [NoteSaisie(7, "decision", "Point", True)]
