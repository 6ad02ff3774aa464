"""The séance from the main screen: N for the next point, points cleared at close, closed échéances; ! and 80x24."""

from __future__ import annotations

import datetime as dt

from tests.app.conftest import PETIT, appuyer, choisir, engagement_id, messages, ouvrir, sql, taper, terminal
from textual.widgets import Footer

from suivi_tui.services.edition import ajouter_echeance, basculer_a_discuter
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.contrat import ContratDialog
from suivi_tui.ui.dialogs.question import QuestionDialog
from suivi_tui.ui.dialogs.releve import ReleveDialog
from suivi_tui.ui.panes.engagements import EngagementsPane
from suivi_tui.ui.panes.entete import EnTete
from suivi_tui.ui.screens.agenda import OrdreDuJour
from suivi_tui.ui.screens.principal import EcranPrincipal

COWORKING = "Créer un espace de coworking"
RESSOURCERIE = "Développer le projet de Ressourcerie"
SCOLARISATION = "Poursuivre le dispositif de scolarisation"


def _table(app: SuiviApp) -> EngagementsPane:
    return app.screen.query_one(EngagementsPane)


async def _ouvrir_seance_insertion(pilot) -> None:  # type: ignore[no-untyped-def]
    await appuyer(pilot, "m", "down")
    await taper(pilot, "ins")
    await appuyer(pilot, "enter", "enter")
    assert isinstance(pilot.app.screen, OrdreDuJour)
    await appuyer(pilot, "escape")


async def test_n_walks_the_agenda_on_the_main_screen_and_marks_each_point_treated(app: SuiviApp) -> None:
    ids = [engagement_id(app.db, debut) for debut in (COWORKING, RESSOURCERIE, SCOLARISATION)]
    for eid in ids:
        basculer_a_discuter(app.db, eid)
    async with ouvrir(app) as pilot:
        assert not app.screen.check_action("point_suivant", ())  # no séance open: N does nothing
        await _ouvrir_seance_insertion(pilot)
        vus = []
        for _ in ids:
            await terminal(pilot, "N")  # as a terminal sends it: the table shows the next point at once
            vus.append(_table(app).engagement_id)
        assert sorted(vus) == sorted(ids)  # each point once, shown in the table (and its detail)
        assert messages(app)[-1].startswith("À discuter")
        await terminal(pilot, "N")
        assert "Tous les points de l'ordre du jour ont été traités (3/3)" in messages(app)[-1]
        assert sorted(r[0] for r in sql(app.db, "SELECT engagement_id FROM point_traite")) == sorted(ids)
        await appuyer(pilot, "A")
        assert isinstance(app.screen, OrdreDuJour)
        assert "3 traités ✓" in str(app.screen.query_one("#vue-sous-titre").render())
        assert sum(ligne.startswith("✓ Axe") for ligne in app.screen.lignes()) == 3


async def test_closing_a_seance_offers_to_clear_the_points_it_treated(app: SuiviApp) -> None:
    coworking, ressourcerie = engagement_id(app.db, COWORKING), engagement_id(app.db, RESSOURCERIE)
    basculer_a_discuter(app.db, coworking)
    basculer_a_discuter(app.db, ressourcerie)
    async with ouvrir(app) as pilot:
        await _ouvrir_seance_insertion(pilot)
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "s", "2", "m")
        assert isinstance(app.screen, QuestionDialog)
        assert "1 point « à discuter » a été traité dans cette séance" in app.screen.question
        await appuyer(pilot, "o")
        assert isinstance(app.screen, ReleveDialog)  # then the relevé, as before
        await appuyer(pilot, "escape")
        assert sql(app.db, "SELECT id FROM engagement WHERE a_discuter = 1") == [(ressourcerie,)]
        await appuyer(pilot, "ctrl+z")  # one step gives the mark back
        assert sorted(sql(app.db, "SELECT id FROM engagement WHERE a_discuter = 1")) == sorted(
            [(coworking,), (ressourcerie,)]
        )


async def test_realise_offers_to_close_the_open_echeances_and_no_says_no(app: SuiviApp) -> None:
    eid = engagement_id(app.db, COWORKING)
    ajouter_echeance(app.db, eid, dt.date(2021, 1, 31), "jour", "Premier bilan")
    ajouter_echeance(app.db, eid, dt.date(2021, 9, 30), "trimestre", "Inauguration")
    async with ouvrir(app) as pilot:
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "s", "3")
        assert isinstance(app.screen, QuestionDialog)
        assert "marquer ses 2 échéances ouvertes comme faites" in app.screen.question
        await appuyer(pilot, "n")
        assert sql(app.db, "SELECT count(*) FROM echeance WHERE faite_le IS NULL") == [(2,)]
        await appuyer(pilot, "s", "6")  # abandoned: asked again
        assert isinstance(app.screen, QuestionDialog)
        await appuyer(pilot, "o")
        assert sql(app.db, "SELECT faite_le FROM echeance") == [("2021-03-15",), ("2021-03-15",)]
        assert messages(app)[-1] == "2 échéances faites"
        await appuyer(pilot, "ctrl+z")
        assert sql(app.db, "SELECT count(*) FROM echeance WHERE faite_le IS NULL") == [(2,)]


async def test_exclamation_mark_shows_only_the_late_then_everything(app: SuiviApp) -> None:
    eid = engagement_id(app.db, COWORKING)
    ajouter_echeance(app.db, eid, dt.date(2021, 1, 31), "jour", "Premier bilan")
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "2", "exclamation_mark")
        assert [ligne.id for ligne in _table(app).lignes] == [eid]
        assert "filtre : en retard" in str(_table(app).border_title)
        await appuyer(pilot, "exclamation_mark")
        assert len(_table(app).lignes) == 52


async def test_at_80x24_the_header_is_one_line_and_no_footer_key_is_cut(app: SuiviApp) -> None:
    async with ouvrir(app, PETIT) as pilot:
        entete = app.screen.query_one(EnTete)
        assert entete.size.height == 1
        assert entete.texte().startswith("Antony · 52 engagements")
        footer = app.screen.query_one(Footer)
        cles = [w for w in footer.children if hasattr(w, "key_display")]
        assert cles and sum(w.size.width for w in cles) <= footer.size.width
        assert [getattr(w, "key", None) for w in cles][:2] == ["question_mark", "q"]
        assert "◆ à discuter · ! en retard" in str(_table(app).border_subtitle)
        await pilot.resize_terminal(140, 45)
        await appuyer(pilot, "escape")
        assert entete.texte().startswith("Contrat de ville d'Antony 2020-2022 · 52 engagements")


async def test_typing_in_the_contrat_list_narrows_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import TODAY

    from suivi_tui.db.opening import open_database
    from suivi_tui.services.demo.generateur import generer

    db = open_database(tmp_path / "demo.db")
    try:
        generer(db, 6, seed=3)
        app = SuiviApp(db, TODAY)
        async with ouvrir(app) as pilot:
            await appuyer(pilot, "c")
            assert isinstance(app.screen, ContratDialog)
            villes = [c.territoire for c in app.screen.contrats]
            cible = villes[-1]
            await taper(pilot, cible[:4].lower())
            await appuyer(pilot, "enter")
            assert isinstance(app.screen, EcranPrincipal)
            assert cible in app.screen.query_one(EnTete).texte()
    finally:
        db.close()


async def test_keys_typed_in_one_burst_after_n_act_on_the_point_it_shows(app: SuiviApp) -> None:
    """« N s 2 » as a terminal sends it: the statut goes to the point N shows, never to the row it leaves."""
    ids = [engagement_id(app.db, debut) for debut in (COWORKING, RESSOURCERIE)]
    for eid in ids:
        basculer_a_discuter(app.db, eid)
    async with ouvrir(app) as pilot:
        await _ouvrir_seance_insertion(pilot)
        depart = _table(app).engagement_id
        assert depart not in ids
        await terminal(pilot, "Ns2")
        montre = _table(app).engagement_id
        assert montre in ids
        assert sql(app.db, "SELECT id FROM engagement WHERE statut = 'en_cours'") == [(montre,)]
        await terminal(pilot, "Ns3")  # the next point, treated the same way
        autre = _table(app).engagement_id
        assert autre in ids and autre != montre
        assert sql(app.db, "SELECT statut FROM engagement WHERE id = :e", e=autre) == [("realise",)]
        assert app.focused is _table(app)  # « 3 » chose the statut, and did not also go to the third pane
        assert sql(app.db, "SELECT statut FROM engagement WHERE id = :e", e=depart) == [("a_venir",)]
