"""Search, filters, several contrats, presentation mode and the comités' logs, from the keyboard."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import appuyer, calme, choisir, engagement_id, messages, ouvrir, sql, taper
from tests.conftest import TODAY
from textual.widgets import Static

from suivi_tui.db.database import Database
from suivi_tui.services.edition import ajouter_note, changer_pilote, changer_statut
from suivi_tui.services.reglages import DERNIER_CONTRAT, lire_reglage
from suivi_tui.services.seances.journal import lister_comites
from suivi_tui.services.seed import lire_source, seed
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.filtre import FiltreDialog
from suivi_tui.ui.panes.axes import AxesPane
from suivi_tui.ui.panes.detail import DetailPane
from suivi_tui.ui.panes.engagements import EngagementsPane
from suivi_tui.ui.panes.entete import EnTete
from suivi_tui.ui.panes.journal import JournalPane, NotesJournal

BAGNEUX = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "annexes" / "parties-multiples.md"


def seed_bagneux(db: Database) -> int:
    annexe, sha = lire_source(BAGNEUX)
    rapport = seed(db, annexe, BAGNEUX.name, sha)
    assert rapport.contrat_id is not None
    return rapport.contrat_id


def entete(app: SuiviApp) -> str:
    return app.screen.query_one(EnTete).texte()


def journal_affiche(app: SuiviApp) -> str:
    return " ".join(str(o.prompt) for o in app.screen.query_one(NotesJournal).options)


async def test_slash_finds_coworking_and_enter_selects_it(app: SuiviApp) -> None:
    seed_bagneux(app.db)  # its coworking must not show up in Antony's search
    eid = engagement_id(app.db, "Créer un espace de coworking")
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "slash")
        await taper(pilot, "coworking")
        await pilot.pause(0.2)
        assert [r.id for r in app.screen.resultats] == [eid]  # type: ignore[attr-defined]
        await appuyer(pilot, "enter")
        table = app.screen.query_one(EngagementsPane)
        assert app.screen.engagement_id == eid and table.engagement_id == eid  # type: ignore[attr-defined]
        assert app.focused is table
        axes = app.screen.query_one(AxesPane)
        assert axes.highlighted_option is not None and axes.highlighted_option.id != "tous"
        assert table.border_title.startswith("Engagements · Axe I")
        assert "Créer un espace de coworking" in str(app.screen.query_one("#detail-texte", Static).render())


async def test_a_note_found_opens_its_comite_log(app: SuiviApp) -> None:
    comites = {c.nom: c.id for c in lister_comites(app.db, 1)}
    eid = engagement_id(app.db, "Créer un espace de coworking")
    ajouter_note(app.db, comites["Insertion socioprofessionnelle"], "Bail signé pour la pépinière", engagement_id=eid)
    async with ouvrir(app) as pilot:
        assert app.screen.query_one(JournalPane).border_title.startswith("Journal · Gestion urbaine")
        await appuyer(pilot, "slash")
        await taper(pilot, "pepiniere")
        await pilot.pause(0.2)
        await appuyer(pilot, "enter")
        journal = app.screen.query_one(JournalPane)
        assert journal.border_title == "Journal · Insertion socioprofessionnelle"
        notes = app.screen.query_one(NotesJournal)
        assert app.focused is notes and notes.highlighted_option is not None
        assert notes.highlighted_option.id.startswith("note-")
        assert app.screen.engagement_id == eid  # type: ignore[attr-defined]


async def test_f_filters_by_statut_and_the_title_says_so(app: SuiviApp) -> None:
    changer_statut(app.db, engagement_id(app.db, "Créer un espace de coworking"), "en_cours")
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "f")
        assert isinstance(app.screen, FiltreDialog)
        await appuyer(pilot, "tab", "tab")
        assert app.focused is not None and app.focused.id == "statut-en_cours"
        await appuyer(pilot, "space", "enter")
        table = app.screen.query_one(EngagementsPane)
        assert [ligne.libelle for ligne in table.lignes] == ["Créer un espace de coworking"]
        assert table.border_title == "Engagements · Tous les axes · filtre : En cours · 1 engagement"
        await appuyer(pilot, "f", "r")
        assert len(table.lignes) == 52


async def test_c_with_one_contrat_says_so(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "c")
        assert messages(app)[-1] == "Un seul contrat dans cette base."


async def test_c_switches_contrat_and_the_app_reopens_on_it(app: SuiviApp) -> None:
    bagneux = seed_bagneux(app.db)
    async with ouvrir(app) as pilot:
        assert "Contrat de ville d'Antony" in entete(app)
        await appuyer(pilot, "c")
        await appuyer(pilot, "down" if app.screen.query_one("OptionList").highlighted == 0 else "up", "enter")
        assert "Bagneux" in entete(app)
        assert app.principal is not None and app.principal.contrat_id == bagneux
        table = app.screen.query_one(EngagementsPane)
        libelles = [ligne.libelle for ligne in table.lignes]
        assert "Créer un espace de coworking" not in libelles
        assert any(libelle.startswith("Ouvrir un espace de coworking") for libelle in libelles)
    assert lire_reglage(app.db, DERNIER_CONTRAT) == str(bagneux)
    again = SuiviApp(app.db, TODAY)
    async with ouvrir(again):
        assert "Bagneux" in entete(again)


async def test_P_masks_pilotes_and_confidential_notes_everywhere(app: SuiviApp) -> None:
    eid = engagement_id(app.db, "Accroître son action")  # the first row: shown in the detail
    changer_pilote(app.db, eid, "Mme Dupont")
    comite = next(c.id for c in lister_comites(app.db, 1) if c.nom.startswith("Gestion urbaine"))
    ajouter_note(app.db, comite, "M. X, 12 rue des Lilas, signale un squat", engagement_id=eid, confidentielle=True)
    async with ouvrir(app) as pilot:
        detail = app.screen.query_one("#detail-texte", Static)
        assert "Mme Dupont" in str(detail.render()) and "rue des Lilas" in journal_affiche(app)
        await appuyer(pilot, "P")
        assert "PRÉSENTATION" in entete(app)
        assert "Mme Dupont" not in str(detail.render()) and "•••" in str(detail.render())
        assert "rue des Lilas" not in str(detail.render())
        assert "rue des Lilas" not in journal_affiche(app) and "masquée" in journal_affiche(app)
        table = app.screen.query_one(EngagementsPane)
        assert "Mme Dupont" not in " ".join(c.plain for c in table.get_row_at(0))
        await appuyer(pilot, "p")
        assert "masqués en mode présentation" in messages(app)[-1]
        await appuyer(pilot, "P")
        assert "PRÉSENTATION" not in entete(app) and "Mme Dupont" in str(detail.render())


async def test_journal_changes_comite_remembers_it_and_plus_creates_one(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        journal = app.screen.query_one(JournalPane)
        premier = journal.comite_id
        await appuyer(pilot, "4", "greater_than_sign")
        assert journal.comite_id != premier
        assert sql(app.db, "SELECT valeur FROM reglage WHERE cle = 'dernier_comite:1'") == [(str(journal.comite_id),)]
        await appuyer(pilot, "plus")
        await taper(pilot, "CT Tranquillité publique")
        await appuyer(pilot, "enter")
        assert sql(app.db, "SELECT count(*) FROM comite WHERE nom = 'CT Tranquillité publique'") == [(1,)]
        assert journal.border_title == "Journal · CT Tranquillité publique"
        await appuyer(pilot, "ctrl+z")
        assert sql(app.db, "SELECT count(*) FROM comite WHERE nom = 'CT Tranquillité publique'") == [(0,)]
        assert journal.border_title != "Journal · CT Tranquillité publique"


async def test_the_last_comite_is_shown_again_on_reopening(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "4", "greater_than_sign")
        choisi = app.screen.query_one(JournalPane).comite_id
    again = SuiviApp(app.db, TODAY)
    async with ouvrir(again):
        assert again.screen.query_one(JournalPane).comite_id == choisi


async def test_enter_on_a_note_shows_its_engagement(app: SuiviApp) -> None:
    eid = engagement_id(app.db, "Développer des activités sportives")
    comite = next(c.id for c in lister_comites(app.db, 1) if c.nom.startswith("Gestion urbaine"))
    ajouter_note(app.db, comite, "Gymnase rouvert", engagement_id=eid)
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "4", "j", "enter")
        assert app.screen.engagement_id == eid  # type: ignore[attr-defined]
        assert app.screen.query_one(DetailPane).engagement_id == eid
        await choisir(pilot, "Développer des activités sportives")
        await calme(pilot)


async def test_ctrl_z_only_undoes_the_contrat_on_screen(app: SuiviApp) -> None:
    seed_bagneux(app.db)
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, "Créer un espace de coworking")
        await appuyer(pilot, "a")
        await appuyer(pilot, "c")
        await appuyer(pilot, "down" if app.screen.query_one("OptionList").highlighted == 0 else "up", "enter")
        assert "Bagneux" in entete(app)
        await appuyer(pilot, "ctrl+z")
        assert messages(app)[-1] == "Rien à annuler."
        assert sql(app.db, "SELECT a_discuter FROM engagement WHERE id = :e", e=eid) == [(1,)]
        await appuyer(pilot, "c")
        await appuyer(pilot, "down" if app.screen.query_one("OptionList").highlighted == 0 else "up", "enter")
        assert "Antony" in entete(app)
        await appuyer(pilot, "ctrl+z")
        assert sql(app.db, "SELECT a_discuter FROM engagement WHERE id = :e", e=eid) == [(0,)]
