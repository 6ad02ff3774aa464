"""Editing from the keyboard: s, p, a, d, n, the échéances pane, and ctrl+z — checked in SQLite and on screen."""

from __future__ import annotations

import datetime as dt

from tests.app.conftest import aller_axe, appuyer, calme, choisir, engagement_id, messages, ouvrir, sql, taper
from textual.widgets import Static

from suivi_tui.services.commandes import ajouter_echeance
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.echeance import EcheanceDialog
from suivi_tui.ui.panes.detail import DetailPane
from suivi_tui.ui.panes.echeances import EcheancesPane
from suivi_tui.ui.panes.engagements import EngagementsPane
from suivi_tui.ui.panes.entete import EnTete
from suivi_tui.ui.panes.journal import JournalPane

SCOLARISATION = "Poursuivre le dispositif de scolarisation des enfants de moins de 3 ans"


def ligne_affichee(app: SuiviApp, eid: int) -> str:
    table = app.screen.query_one(EngagementsPane)
    index = [ligne.id for ligne in table.lignes].index(eid)
    return " ".join(cell.plain for cell in table.get_row_at(index))


def detail_affiche(app: SuiviApp) -> str:
    """The detail's text, lines joined (it wraps to the pane's width)."""
    return " ".join(str(app.screen.query_one("#detail-texte", Static).render()).split())


async def test_s_sets_the_statut_and_ctrl_z_puts_it_back(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await aller_axe(pilot, "IV")
        eid = await choisir(pilot, SCOLARISATION)
        assert app.screen.query_one(EngagementsPane).border_title.startswith("Engagements · Axe IV")
        await appuyer(pilot, "s", "3")
        assert sql(app.db, "SELECT statut FROM engagement WHERE id = :e", e=eid) == [("realise",)]
        assert sql(app.db, "SELECT champ, ancien, nouveau FROM historique WHERE engagement_id = :e", e=eid) == [
            ("statut", "a_venir", "realise")
        ]
        assert "Réalisé" in ligne_affichee(app, eid)
        assert "Statut : À venir → Réalisé" in messages(app)
        assert "1 réalisé" in app.screen.query_one(EnTete).texte()
        assert "Statut : À venir → Réalisé" in detail_affiche(app)

        await appuyer(pilot, "ctrl+z")
        assert sql(app.db, "SELECT statut FROM engagement WHERE id = :e", e=eid) == [("a_venir",)]
        assert sql(app.db, "SELECT count(*) FROM historique WHERE engagement_id = :e", e=eid) == [(0,)]
        assert "À venir" in ligne_affichee(app, eid)
        assert messages(app)[-1] == "Annulé : Statut : À venir → Réalisé"


async def test_ctrl_z_undoes_several_steps_newest_first(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, "Créer un espace de coworking")
        await appuyer(pilot, "s", "2", "a")
        assert sql(app.db, "SELECT statut, a_discuter FROM engagement WHERE id = :e", e=eid) == [("en_cours", 1)]
        assert ligne_affichee(app, eid).endswith("◆")
        await appuyer(pilot, "ctrl+z")
        assert sql(app.db, "SELECT statut, a_discuter FROM engagement WHERE id = :e", e=eid) == [("en_cours", 0)]
        await appuyer(pilot, "ctrl+z")
        assert sql(app.db, "SELECT statut, a_discuter FROM engagement WHERE id = :e", e=eid) == [("a_venir", 0)]
        await appuyer(pilot, "ctrl+z")
        assert messages(app)[-1] == "Rien à annuler."


async def test_d_adds_a_french_dated_echeance(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, "Créer un espace de coworking")
        await appuyer(pilot, "d")
        await taper(pilot, "T2 2021")
        assert "→ 30/06/2021 (T2 2021)" in str(app.screen.query_one("#apercu", Static).render())
        await appuyer(pilot, "enter")
        assert sql(app.db, "SELECT date, precision, faite_le FROM echeance WHERE engagement_id = :e", e=eid) == [
            ("2021-06-30", "trimestre", None)
        ]
        assert "T2 2021" in ligne_affichee(app, eid)
        echeances = app.screen.query_one(EcheancesPane)
        assert [e.engagement_id for e in echeances.lignes] == [eid]
        assert "dans 107 j" in " ".join(c.plain for c in echeances.get_row_at(0))
        assert "Échéance ajoutée : T2 2021" in messages(app)


async def test_an_invalid_date_keeps_the_form_open_and_writes_nothing(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, "Créer un espace de coworking")
        await appuyer(pilot, "d")
        await taper(pilot, "31/02/2021")
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, EcheanceDialog)
        apercu = str(app.screen.query_one("#apercu", Static).render())
        assert "31/02/2021" in apercu or "février" in apercu
        assert sql(app.db, "SELECT count(*) FROM echeance") == [(0,)]
        assert sql(app.db, "SELECT count(*) FROM historique WHERE engagement_id = :e", e=eid) == [(0,)]
        await appuyer(pilot, "escape")
        assert app.screen is app.principal
        assert sql(app.db, "SELECT count(*) FROM echeance") == [(0,)]


async def test_p_names_the_pilote_and_an_empty_name_removes_it(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, "Créer un espace de coworking")
        await appuyer(pilot, "p")
        await taper(pilot, "Service Développement économique")
        await appuyer(pilot, "enter")
        assert sql(app.db, "SELECT pilote FROM engagement WHERE id = :e", e=eid) == [
            ("Service Développement économique",)
        ]
        assert "Service D…" in ligne_affichee(app, eid)
        assert "Service Développement économique" in detail_affiche(app)
        await appuyer(pilot, "p", "ctrl+u", "enter")
        assert sql(app.db, "SELECT pilote FROM engagement WHERE id = :e", e=eid) == [(None,)]
        assert messages(app)[-1] == "Pilote retiré"


async def test_a_toggles_a_discuter_shown_in_the_row_header_and_detail(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, "Créer un espace de coworking")
        await appuyer(pilot, "a")
        assert sql(app.db, "SELECT a_discuter FROM engagement WHERE id = :e", e=eid) == [(1,)]
        assert ligne_affichee(app, eid).endswith("◆")
        assert "oui ◆" in detail_affiche(app)
        await appuyer(pilot, "a")
        assert sql(app.db, "SELECT a_discuter FROM engagement WHERE id = :e", e=eid) == [(0,)]


async def test_n_writes_a_decision_in_the_comite_log_linked_to_the_engagement(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        journal = app.screen.query_one(JournalPane)
        await appuyer(pilot, "4")
        while journal.border_title != "Journal · Insertion socioprofessionnelle":
            await appuyer(pilot, "greater_than_sign")
        eid = await choisir(pilot, "Créer un espace de coworking")
        await appuyer(pilot, "n")
        await taper(pilot, "Local rue Mounié retenu")
        await appuyer(pilot, "alt+d", "ctrl+s")
        assert sql(
            app.db,
            """SELECT co.nom, s.date, n.type, n.texte, n.engagement_id, n.confidentielle
                              FROM note n JOIN seance s ON s.id = n.seance_id JOIN comite co ON co.id = s.comite_id
                           """,
        ) == [("Insertion socioprofessionnelle", "2021-03-15", "decision", "Local rue Mounié retenu", eid, 0)]
        notes = app.screen.query_one("#journal-notes")
        textes = " ".join(str(o.prompt) for o in notes.options)  # type: ignore[attr-defined]
        assert "Séance du 15/03/2021" in textes and "Local rue Mounié retenu" in textes and "Décision" in textes
        assert "Local rue Mounié retenu" in detail_affiche(app)
        assert sql(app.db, "SELECT valeur FROM reglage WHERE cle LIKE 'dernier_comite:%'") == [
            (str(journal.comite_id),)
        ]


async def test_a_note_written_from_the_journal_is_general(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "4", "n")
        await taper(pilot, "Point d'étape général")
        await appuyer(pilot, "ctrl+s")
        assert sql(app.db, "SELECT engagement_id, type FROM note") == [(None, "info")]


async def test_space_in_the_echeances_pane_marks_it_done_and_ctrl_z_reopens_it(app: SuiviApp) -> None:
    touche = "space"
    eid = engagement_id(app.db, "Créer un espace de coworking")
    ajouter_echeance(app.db, eid, dt.date(2021, 3, 1), "jour", "Trouver un local")
    async with ouvrir(app) as pilot:
        echeances = app.screen.query_one(EcheancesPane)
        assert "en retard de 14 j" in " ".join(c.plain for c in echeances.get_row_at(0))
        assert "1 en retard" in app.screen.query_one(EnTete).texte()
        await appuyer(pilot, "3", touche)
        assert sql(app.db, "SELECT faite_le FROM echeance") == [("2021-03-15",)]
        assert echeances.lignes == []
        assert "0 en retard" in app.screen.query_one(EnTete).texte()
        await appuyer(pilot, "ctrl+z")
        assert sql(app.db, "SELECT faite_le FROM echeance") == [(None,)]
        assert len(echeances.lignes) == 1


async def test_enter_in_the_echeances_pane_shows_the_engagement_and_writes_nothing(app: SuiviApp) -> None:
    eid = engagement_id(app.db, "Créer un espace de coworking")
    ajouter_echeance(app.db, eid, dt.date(2021, 3, 1), "jour", "Trouver un local")
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "3", "enter")
        assert sql(app.db, "SELECT faite_le FROM echeance") == [(None,)]
        table = app.screen.query_one(EngagementsPane)
        assert app.screen.focused is table and table.engagement_id == eid
        assert app.screen.query_one(DetailPane).engagement_id == eid


async def test_a_failed_write_says_why_and_changes_nothing(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, "Créer un espace de coworking")
        with app.db.write() as session:  # another window deletes it meanwhile
            from sqlalchemy import text

            session.execute(text("DELETE FROM engagement WHERE id = :e"), {"e": eid})
        await appuyer(pilot, "s", "3")
        assert any("n'existe pas" in m for m in messages(app))
        assert sql(app.db, "SELECT count(*) FROM historique") == [(0,)]
        assert app.annulations == []


async def test_the_detail_shows_echeances_history_newest_first(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await choisir(pilot, "Créer un espace de coworking")
        await appuyer(pilot, "s", "2", "s", "3")
        texte = detail_affiche(app)
        assert texte.index("Statut : En cours → Réalisé") < texte.index("Statut : À venir → En cours")
        assert app.screen.query_one(DetailPane).border_title == "Détail · Axe I · Ville"
        await calme(pilot)
