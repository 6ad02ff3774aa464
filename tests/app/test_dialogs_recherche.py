"""The search screen on a real seeded database: results as you type, enter returns the one chosen."""

from __future__ import annotations

import datetime as dt
import functools
import threading
import unicodedata

import pytest
from sqlalchemy import text
from test_dialogs_hote import Hote, assert_tient
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from suivi_tui.db.database import Database
from suivi_tui.services import recherche
from suivi_tui.services.edition import ajouter_note, changer_pilote
from suivi_tui.services.recherche import Resultat
from suivi_tui.services.seances.journal import lister_comites
from suivi_tui.ui.dialogs.recherche import RechercheScreen

TODAY = dt.date(2021, 3, 15)


def sans_accents(texte: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", texte) if not unicodedata.combining(c)).casefold()


def ecran(seeded: tuple[Database, int], presentation: bool = False) -> tuple[Hote, RechercheScreen]:
    db, contrat_id = seeded
    chercher = functools.partial(recherche.rechercher, db, contrat_id, confidentielles=not presentation)
    dialogue = RechercheScreen(chercher)
    return Hote(dialogue), dialogue


async def chercher(pilot: Pilot[None], texte: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in texte))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def options(dialogue: RechercheScreen) -> list[str]:
    return [str(o.prompt) for o in dialogue.query_one(OptionList).options]


def compte(dialogue: RechercheScreen) -> str:
    return str(dialogue.query_one("#compte", Static).render())


async def test_educ_trouve_educatif_sans_accent_et_entree_renvoie_le_premier(seeded: tuple[Database, int]) -> None:
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "educ")
        assert any("educati" in sans_accents(texte) for texte in options(dialogue))
        assert "résultat" in compte(dialogue)
        premier = dialogue.resultats[0]
        await pilot.press("enter")
        assert app.resultats == [premier]
        assert isinstance(premier, Resultat) and "educ" in sans_accents(premier.titre)


async def test_coworking_trouve_l_engagement(seeded: tuple[Database, int]) -> None:
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "coworking")
        assert compte(dialogue).startswith("1 résultat")
        await pilot.press("enter")
        (trouve,) = app.resultats
        assert isinstance(trouve, Resultat) and trouve.genre == "engagement"
        assert "Créer un espace de coworking" in trouve.titre


async def test_fleches_passent_de_la_saisie_a_la_liste(seeded: tuple[Database, int]) -> None:
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "educ")
        assert len(dialogue.resultats) >= 2
        await pilot.press("down")
        assert dialogue.focused is dialogue.query_one(OptionList)
        await pilot.press("down", "enter")
        assert app.resultats == [dialogue.resultats[1]]


async def test_haut_en_tete_de_liste_revient_a_la_saisie_et_la_frappe_continue(seeded: tuple[Database, int]) -> None:
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "edu")
        await pilot.press("down", "up")
        assert dialogue.focused is dialogue.query_one(Input)
        await pilot.press("down")
        await chercher(pilot, "c")  # typed in the list: goes to the box
        assert dialogue.query_one(Input).value == "educ"
        assert dialogue.saisie_affichee == "educ"


async def test_un_pilote_trouve_montre_aussi_son_engagement(seeded: tuple[Database, int]) -> None:
    db, contrat_id = seeded
    engagement = recherche.rechercher(db, contrat_id, "coworking")[0]
    changer_pilote(db, engagement.id, "Agathe Zébulon")
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "zebul")
        (texte,) = options(dialogue)
        assert "Pilote : Agathe Zébulon" in texte
        assert "Créer un espace de coworking" in texte


async def test_aucun_resultat(seeded: tuple[Database, int]) -> None:
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "zzzqx")
        assert compte(dialogue) == "Aucun résultat pour « zzzqx »."
        await pilot.press("enter")
        assert app.ouvert and app.resultats == []


async def test_un_resultat_perime_est_ignore(seeded: tuple[Database, int]) -> None:
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "coworking")
        attendu = list(dialogue.resultats)
        # An older search (« co ») answering late must not replace the current results.
        dialogue.post_message(RechercheScreen.ResultatsTrouves("co", []))
        await pilot.pause()
        assert dialogue.resultats == attendu
        assert len(options(dialogue)) == len(attendu)


async def test_entree_plus_rapide_que_la_recherche(seeded: tuple[Database, int]) -> None:
    db, contrat_id = seeded
    libere = threading.Event()

    def recherche_lente(saisie: str) -> list[Resultat]:
        # The background search is held back, as on a slow disk; the UI thread's is not.
        if threading.current_thread() is not threading.main_thread():
            libere.wait(5)
        return recherche.rechercher(db, contrat_id, saisie)

    app = Hote(RechercheScreen(recherche_lente))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "o", "w", "o", "r", "k", "enter")
            (trouve,) = app.resultats
            assert isinstance(trouve, Resultat) and "coworking" in trouve.titre
    finally:
        libere.set()


async def test_saisie_effacee_vide_la_liste(seeded: tuple[Database, int]) -> None:
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "co")
        await pilot.press("backspace", "backspace")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert options(dialogue) == [] and "Tapez un mot" in compte(dialogue)


def deux_notes_coworking(seeded: tuple[Database, int]) -> str:
    from suivi_tui.today import set_today

    db, contrat_id = seeded
    comite = lister_comites(db, contrat_id)[0]
    set_today(TODAY)  # written « hors séance » on the 15th (the autouse fixture unpins it after the test)
    ajouter_note(db, comite.id, "Coworking : Mme Martin demande un bureau", confidentielle=True)
    ajouter_note(db, comite.id, "Coworking : visite du local prévue")
    return comite.nom


async def test_notes_apres_les_engagements_confidentielles_marquees(seeded: tuple[Database, int]) -> None:
    nom = deux_notes_coworking(seeded)
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "coworking")
        genres = [r.genre for r in dialogue.resultats]
        assert genres == ["engagement", "note", "note"]
        textes = options(dialogue)
        assert f"{nom} · 15/03/2021" in textes[1]
        paires = list(zip(textes, dialogue.resultats, strict=True))
        confidentielle = next(t for t, r in paires if r.confidentielle)
        publique = next(t for t, r in paires if r.genre == "note" and not r.confidentielle)
        assert "🔒" in confidentielle and "🔒" not in publique
        assert "Martin" in confidentielle
        assert "visite du local" in publique
        assert compte(dialogue).startswith("3 résultats : 1 engagement, 2 notes")


async def test_en_presentation_une_note_confidentielle_n_est_pas_un_resultat(seeded: tuple[Database, int]) -> None:
    deux_notes_coworking(seeded)
    app, dialogue = ecran(seeded, presentation=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "Martin")
        assert dialogue.resultats == [] and options(dialogue) == []
        assert "note" not in compte(dialogue) and "🔒" not in compte(dialogue)
        await pilot.press(*["backspace"] * 6)
        await chercher(pilot, "coworking")
        assert [r.confidentielle for r in dialogue.resultats if r.genre == "note"] == [False]
        assert not any("🔒" in t or "confidentielle" in t for t in options(dialogue))
        assert compte(dialogue).startswith("2 résultats : 1 engagement, 1 note")


async def test_echap_ferme_sans_resultat(seeded: tuple[Database, int]) -> None:
    app, _ = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "educ")
        await pilot.press("escape")
        assert app.resultats == [None]


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(seeded: tuple[Database, int], taille: tuple[int, int]) -> None:
    app, dialogue = ecran(seeded)
    async with app.run_test(size=taille) as pilot:
        await chercher(pilot, "e")
        assert dialogue.resultats
        assert_tient(app.screen, *taille)


async def test_une_recherche_qui_echoue_est_signalee_sans_fermer_l_application(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    with db.write() as session:  # a damaged search index: the query itself fails
        session.execute(text("DROP TABLE engagement_fts"))
    app, dialogue = ecran(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await chercher(pilot, "educ")
        assert app.ouvert
        assert "La recherche a échoué" in compte(dialogue)
