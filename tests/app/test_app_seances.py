"""Séances from the keyboard: open (m), stamp, close, survive a restart; ordre du jour, depuis, à relancer, relevé."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import html5lib
import pytest
from tests.app.conftest import appuyer, choisir, engagement_id, messages, ouvrir, sql, taper
from tests.conftest import TODAY
from textual.pilot import Pilot

from suivi_tui.db.database import Database
from suivi_tui.services.edition import (
    ajouter_echeance,
    ajouter_note,
    basculer_a_discuter,
    changer_pilote,
    changer_statut,
)
from suivi_tui.services.seances.depuis import depuis_derniere_seance, rendre_depuis
from suivi_tui.services.seances.journal import lister_comites
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.releve import ReleveDialog
from suivi_tui.ui.dialogs.seance import SeanceDialog
from suivi_tui.ui.panes.bandeau import BandeauSeance
from suivi_tui.ui.panes.engagements import EngagementsPane
from suivi_tui.ui.screens.agenda import OrdreDuJour
from suivi_tui.ui.screens.depuis import DepuisVue
from suivi_tui.ui.screens.principal import EcranPrincipal
from suivi_tui.ui.screens.relancer import RelancerVue
from suivi_tui.ui.screens.vue import ListeVue

INSERTION = "Insertion socioprofessionnelle"
COWORKING = "Créer un espace de coworking"
RESSOURCERIE = "Développer le projet de Ressourcerie"
AVRIL = dt.date(2021, 4, 12)
SENTINELLE = "SENTINELLE-7q3z Mme Martin, 3 allée des Tilleuls"


@pytest.fixture
def jour() -> Iterator[Callable[[dt.date | None], None]]:
    """Pin today for what the services record (instants fall on that day, as with --today)."""
    from suivi_tui.today import set_today

    yield set_today
    set_today(None)


def comite(db: Database, nom: str) -> int:
    return next(c.id for c in lister_comites(db, 1) if c.nom == nom)


def bandeau(app: SuiviApp) -> str:
    return app.screen.query_one(BandeauSeance).texte()


async def ouvrir_au_clavier(pilot: Pilot[None], *, comite_tape: str = "", lieu: str = "") -> None:
    """m, the comité chosen by typing its first letters in the list, a place, enter; the agenda is closed."""
    await appuyer(pilot, "m")
    assert isinstance(pilot.app.screen, SeanceDialog)
    if comite_tape:
        await appuyer(pilot, "down")
        await taper(pilot, comite_tape)
        await appuyer(pilot, "enter")
    if lieu:
        await appuyer(pilot, "tab", "tab")
        await taper(pilot, lieu)
    await appuyer(pilot, "enter")
    assert isinstance(pilot.app.screen, OrdreDuJour)
    await appuyer(pilot, "escape")


async def reunion_du_15_mars(pilot: Pilot[None]) -> tuple[int, int]:
    """Two statuts changed, a decision and an action written, in the open séance (keyboard only)."""
    coworking = await choisir(pilot, COWORKING)
    await appuyer(pilot, "s", "2")
    ressourcerie = await choisir(pilot, RESSOURCERIE)
    await appuyer(pilot, "s", "5")
    await choisir(pilot, COWORKING)
    await appuyer(pilot, "n")
    await taper(pilot, "Lancer l'appel à projets")
    await appuyer(pilot, "alt+d", "ctrl+s")
    await choisir(pilot, RESSOURCERIE)
    await appuyer(pilot, "n")
    await taper(pilot, "Relancer le bailleur")
    await appuyer(pilot, "alt+a", "ctrl+s")
    return coworking, ressourcerie


async def test_m_opens_a_seance_stamps_everything_and_m_closes_it(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        assert bandeau(app) == ""
        await ouvrir_au_clavier(pilot, comite_tape="ins", lieu="Salle du conseil")
        ((seance_id, date, lieu),) = sql(
            app.db,
            "SELECT s.id, s.date, s.lieu FROM seance s JOIN comite c ON c.id = s.comite_id WHERE c.nom = :n",
            n=INSERTION,
        )
        assert (date, lieu) == ("2021-03-15", "Salle du conseil")
        assert sql(app.db, "SELECT valeur FROM reglage WHERE cle = 'seance_ouverte:1'") == [(str(seance_id),)]
        assert bandeau(app).startswith(f"● Séance : {INSERTION} · 15/03/2021 · Salle du conseil")
        assert "ouverte depuis" not in bandeau(app)
        assert messages(app)[-1] == f"Séance ouverte : {INSERTION} · 15/03/2021"

        coworking, ressourcerie = await reunion_du_15_mars(pilot)
        assert sql(app.db, "SELECT engagement_id, champ, nouveau, seance_id FROM historique ORDER BY id") == [
            (coworking, "statut", "en_cours", seance_id),
            (ressourcerie, "statut", "bloque", seance_id),
        ]
        assert sql(app.db, "SELECT engagement_id, type, seance_id FROM note ORDER BY id") == [
            (coworking, "decision", seance_id),
            (ressourcerie, "action", seance_id),
        ]

        await appuyer(pilot, "m")
        assert sql(app.db, "SELECT count(*) FROM reglage WHERE cle = 'seance_ouverte:1'") == [(0,)]
        assert messages(app)[-1].startswith("Séance close : 1 décision, 1 action, 2 changements.")
        assert isinstance(app.screen, ReleveDialog)  # the relevé is offered at once
        await appuyer(pilot, "escape")
        assert bandeau(app) == ""
        # Closed: what is done now belongs to no séance.
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "s", "3")
        assert sql(app.db, "SELECT seance_id FROM historique ORDER BY id DESC LIMIT 1") == [(None,)]


async def test_every_command_is_stamped_while_a_seance_is_open(app: SuiviApp) -> None:
    seance = ouvrir_seance(app.db, comite(app.db, INSERTION), TODAY)
    async with ouvrir(app) as pilot:
        eid = await choisir(pilot, COWORKING)
        await appuyer(pilot, "a", "d")
        await taper(pilot, "T2 2021")
        await appuyer(pilot, "enter", "3", "space", "2", "p")
        await taper(pilot, "Service Économie")
        await appuyer(pilot, "enter")
        assert sql(app.db, "SELECT champ, seance_id FROM historique WHERE engagement_id = :e ORDER BY id", e=eid) == [
            ("a_discuter", seance.id),
            ("echeance.ajout", seance.id),
            ("echeance.faite", seance.id),
            ("pilote", seance.id),
        ]


async def test_a_note_goes_into_the_open_seance_even_from_another_comite_log(app: SuiviApp) -> None:
    seance = ouvrir_seance(app.db, comite(app.db, INSERTION), TODAY)
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "4", "greater_than_sign")  # the journal now shows the GUSP
        assert app.screen.query_one("JournalPane").border_title.startswith("Journal · Gestion urbaine")
        eid = await choisir(pilot, COWORKING)
        await appuyer(pilot, "n")
        await taper(pilot, "Visite du local")
        await appuyer(pilot, "ctrl+s")
        assert sql(app.db, "SELECT seance_id, engagement_id FROM note") == [(seance.id, eid)]


async def test_the_open_seance_survives_a_restart_and_says_since_when(app: SuiviApp) -> None:
    seance = ouvrir_seance(app.db, comite(app.db, INSERTION), TODAY, lieu="Salle du conseil")
    async with ouvrir(app):
        assert bandeau(app).startswith(f"● Séance : {INSERTION} · 15/03/2021 · Salle du conseil")
    plus_tard = SuiviApp(app.db, AVRIL)
    async with ouvrir(plus_tard) as pilot:
        assert "ouverte depuis le 15/03/2021" in bandeau(plus_tard)
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "s", "2")
        assert sql(app.db, "SELECT seance_id FROM historique") == [(seance.id,)]
        await appuyer(pilot, "m", "escape")
        assert bandeau(plus_tard) == ""


async def test_the_same_comite_the_same_day_is_reopened_when_said_not_duplicated(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await ouvrir_au_clavier(pilot, comite_tape="ins", lieu="Salle A")
        await choisir(pilot, COWORKING)
        await appuyer(pilot, "s", "2", "m", "escape")
        await appuyer(pilot, "m")
        apercu = str(app.screen.query_one("#apercu").render())
        assert "ce comité a déjà tenu une séance ce jour-là, close : elle sera rouverte" in apercu
        await appuyer(pilot, "enter", "escape")
        assert messages(app)[-1] == f"Séance du 15/03/2021 rouverte ({INSERTION}) : ce qui suit s'ajoute à son relevé"
        assert sql(app.db, "SELECT count(*), lieu FROM seance") == [(1, "Salle A")]
        assert "Salle A" in bandeau(app)


async def test_an_empty_seance_closed_is_withdrawn(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await ouvrir_au_clavier(pilot, comite_tape="ins")
        assert sql(app.db, "SELECT count(*) FROM seance") == [(1,)]
        await appuyer(pilot, "m")
        assert sql(app.db, "SELECT count(*) FROM seance") == [(0,)]
        assert "elle était vide" in messages(app)[-1]
        assert isinstance(app.screen, EcranPrincipal)


async def test_a_day_that_is_not_a_day_is_refused_and_nothing_opens(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "m", "tab", "ctrl+u")
        await taper(pilot, "mars 2021")
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, SeanceDialog)
        assert "pas un jour" in str(app.screen.query_one("#apercu").render())
        assert sql(app.db, "SELECT count(*) FROM seance") == [(0,)]
        assert sql(app.db, "SELECT count(*) FROM reglage WHERE cle LIKE 'seance_ouverte:%'") == [(0,)]


async def test_plus_in_the_form_creates_the_comite_and_opens_its_seance(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "m", "plus")
        await taper(pilot, "CT Tranquillité publique")
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, SeanceDialog)
        await appuyer(pilot, "enter", "escape")
        assert sql(app.db, "SELECT c.nom, s.date FROM seance s JOIN comite c ON c.id = s.comite_id") == [
            ("CT Tranquillité publique", "2021-03-15")
        ]
        assert "CT Tranquillité publique" in bandeau(app)


async def test_depuis_shows_exactly_what_changed_since_the_previous_seance(
    seeded: tuple[Database, int], jour: Callable[[dt.date | None], None]
) -> None:
    db, _ = seeded
    jour(TODAY)
    mars = SuiviApp(db, TODAY)
    async with ouvrir(mars) as pilot:
        await ouvrir_au_clavier(pilot, comite_tape="ins")
        coworking, _ = await reunion_du_15_mars(pilot)
        await appuyer(pilot, "m", "escape")
    jour(dt.date(2021, 3, 20))
    ajouter_echeance(db, coworking, dt.date(2021, 4, 30), "jour", "Trouver un local")  # outside any séance
    jour(AVRIL)
    avril = SuiviApp(db, AVRIL)
    async with ouvrir(avril) as pilot:
        await ouvrir_au_clavier(pilot)  # the comité proposed is the last one used
        assert f"{INSERTION} · 12/04/2021" in bandeau(avril)
        await appuyer(pilot, "D")
        vue = avril.screen
        assert isinstance(vue, DepuisVue)
        assert str(vue.query_one("#vue-titre").render()) == (
            f"Depuis la dernière séance — {INSERTION} (séance du 15/03/2021)"
        )
        attendu = [
            "Axe I — Développement économique et emploi",
            "  Ville — Créer un espace de coworking",
            f"    15/03/2021 · Statut : À venir → En cours (séance {INSERTION})",
            f"    15/03/2021 · Décision : Lancer l'appel à projets (séance {INSERTION})",
            "    20/03/2021 · Échéance ajoutée : 30/04/2021 — Trouver un local",
            "  Ville — Développer le projet de Ressourcerie",
            f"    15/03/2021 · Statut : À venir → Bloqué (séance {INSERTION})",
            f"    15/03/2021 · Action : Relancer le bailleur (séance {INSERTION})",
        ]
        assert vue.lignes() == attendu
        service = depuis_derniere_seance(db, comite(db, INSERTION), AVRIL)
        assert service is not None and rendre_depuis(service) == attendu  # the same lines as `suivi changes`
        await appuyer(pilot, "tab")
        await taper(pilot, "01/04/2021")
        await appuyer(pilot, "enter")
        assert str(vue.query_one("#vue-titre").render()).startswith("Changements depuis le 01/04/2021")
        assert vue.lignes() == ["Aucun changement depuis le 01/04/2021."]
        await appuyer(pilot, "escape")
        assert isinstance(avril.screen, EcranPrincipal)


async def test_depuis_masks_pilotes_and_confidential_notes_in_presentation(
    app: SuiviApp, jour: Callable[[dt.date | None], None]
) -> None:
    jour(dt.date(2021, 3, 1))
    insertion = comite(app.db, INSERTION)
    ouvrir_seance(app.db, insertion, dt.date(2021, 3, 1))
    eid = engagement_id(app.db, COWORKING)
    changer_pilote(app.db, eid, "Mme Dupont")
    ajouter_note(app.db, insertion, SENTINELLE, engagement_id=eid, confidentielle=True)
    jour(TODAY)
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "D")
        texte = "\n".join(app.screen.lignes())  # type: ignore[attr-defined]
        assert "Pilote : Mme Dupont" in texte and SENTINELLE in texte
        await appuyer(pilot, "P")
        texte = "\n".join(app.screen.lignes())  # type: ignore[attr-defined]
        assert "Mme Dupont" not in texte and SENTINELLE not in texte
        assert "Pilote : •••" in texte and "Info confidentielle (masquée)" in texte
        assert "PRÉSENTATION" in str(app.screen.query_one("#vue-titre").render())


async def test_enter_in_the_ordre_du_jour_selects_the_engagement(app: SuiviApp) -> None:
    cible = engagement_id(app.db, "Poursuivre le dispositif de scolarisation")
    basculer_a_discuter(app.db, cible)
    ajouter_echeance(app.db, engagement_id(app.db, COWORKING), dt.date(2021, 1, 31), "jour", "Trouver un local")
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "A")
        vue = app.screen
        assert isinstance(vue, OrdreDuJour)
        lignes = vue.lignes()
        assert lignes.index("Points inscrits « à discuter » · 1") < lignes.index("En retard · 1")
        assert "    En retard — échéance 31/01/2021 : Trouver un local" in lignes
        liste = vue.query_one(ListeVue)
        assert liste.highlighted_option is not None  # the first point, under its heading
        assert (liste.highlighted_option.id or "").startswith(f"engagement-{cible}-")
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, EcranPrincipal)
        assert app.screen.engagement_id == cible
        assert app.screen.query_one(EngagementsPane).engagement_id == cible


async def test_the_ordre_du_jour_masks_pilotes_in_presentation(app: SuiviApp) -> None:
    eid = engagement_id(app.db, COWORKING)
    basculer_a_discuter(app.db, eid)
    changer_pilote(app.db, eid, "Mme Dupont")
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "A")
        vue = app.screen
        assert isinstance(vue, OrdreDuJour)
        assert "aucune séance ouverte : m pour l'ouvrir" in str(vue.query_one("#vue-sous-titre").render())
        assert vue.lignes()[1] == "Axe I · Ville — Créer un espace de coworking · À venir · Mme Dupont"
        await appuyer(pilot, "P")
        assert vue.lignes()[1] == "Axe I · Ville — Créer un espace de coworking · À venir · •••"
        assert "PRÉSENTATION" in str(vue.query_one("#vue-titre").render())


async def test_the_ordre_du_jour_after_a_seance_closed_today_prepares_the_next(app: SuiviApp) -> None:
    """Closed this morning: A shows the next séance, which follows up this morning's decisions."""
    eid = engagement_id(app.db, COWORKING)
    async with ouvrir(app) as pilot:
        comite_id = app.screen.comite_id  # type: ignore[attr-defined]
        seance = ouvrir_seance(app.db, comite_id, TODAY)
        ajouter_note(app.db, comite_id, "Signer le bail", type="decision", engagement_id=eid, seance_id=seance.id)
        fermer_seance(app.db, app.screen.contrat_id)  # type: ignore[attr-defined]
        await appuyer(pilot, "A")
        vue = app.screen
        assert isinstance(vue, OrdreDuJour)
        sous_titre = str(vue.query_one("#vue-sous-titre").render())
        assert f"séance précédente le {TODAY:%d/%m/%Y}" in sous_titre and "traité" not in sous_titre
        assert f"    Suite de la décision du {TODAY:%d/%m/%Y} : Signer le bail" in vue.lignes()


async def test_relancer_lists_the_late_with_their_pilote_masked_in_presentation(app: SuiviApp) -> None:
    eid = engagement_id(app.db, COWORKING)
    ajouter_echeance(app.db, eid, dt.date(2021, 1, 31), "jour", "Trouver un local")
    changer_pilote(app.db, eid, "Mme Dupont")
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "R")
        vue = app.screen
        assert isinstance(vue, RelancerVue)
        lignes = vue.lignes()
        assert lignes[0] == "Mme Dupont · 1"
        assert lignes[1].startswith("Axe I · Ville — Créer un espace de coworking · À venir")
        assert lignes[2] == "    En retard de 43 jours — échéance 31/01/2021 : Trouver un local"
        await appuyer(pilot, "P")
        assert not any("Mme Dupont" in ligne for ligne in vue.lignes())
        assert vue.lignes()[0] == "••• · 1"
        await appuyer(pilot, "tab", "ctrl+u")
        await taper(pilot, "0")
        assert "de 1 à 520" in str(vue.query_one(".vue-apercu").render())
        assert vue.semaines == 8
        await appuyer(pilot, "backspace")
        await taper(pilot, "1")
        assert vue.semaines == 1
        await appuyer(pilot, "enter", "enter")
        assert isinstance(app.screen, EcranPrincipal) and app.screen.engagement_id == eid


async def test_the_releve_written_from_the_journal_leaves_confidential_notes_out(app: SuiviApp) -> None:
    insertion = comite(app.db, INSERTION)
    seance = ouvrir_seance(app.db, insertion, TODAY, lieu="Salle du conseil")
    eid = engagement_id(app.db, COWORKING)
    changer_statut(app.db, eid, "en_cours", seance_id=seance.id)
    ajouter_note(
        app.db,
        insertion,
        "Lancer l'appel à projets",
        type="decision",
        engagement_id=eid,
        seance_id=seance.id,
    )
    ajouter_note(app.db, insertion, SENTINELLE, engagement_id=eid, confidentielle=True, seance_id=seance.id)
    documents = Path.home() / "Documents"
    documents.mkdir()
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "4", "r")
        assert isinstance(app.screen, ReleveDialog)
        await appuyer(pilot, "enter")
        markdown = documents / "releve-insertion-socioprofessionnelle-2021-03-15.md"
        html = markdown.with_suffix(".html")
        assert str(markdown) in messages(app)[-1] and "1 note confidentielle laissée de côté" in messages(app)[-1]
        texte = markdown.read_text(encoding="utf-8")
        assert f"# Relevé de décisions — {INSERTION}" in texte and "1. Lancer l'appel à projets" in texte
        assert "Statut : À venir → En cours" in texte and "SENTINELLE" not in texte
        page = html.read_text(encoding="utf-8")
        arbre = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
        assert "Lancer l'appel à projets" in "".join(arbre.itertext())
        assert "SENTINELLE" not in page
        assert oct(markdown.stat().st_mode & 0o777) == "0o600"

        await appuyer(pilot, "r")  # a second time: the files are there, a new name is proposed
        assert "le nom habituel est déjà pris" in str(app.screen.query_one("#fichiers").render())
        await appuyer(pilot, "enter")
        assert (documents / "releve-insertion-socioprofessionnelle-2021-03-15-2.md").exists()
        assert (documents / "releve-insertion-socioprofessionnelle-2021-03-15-2.html").exists()
        assert markdown.read_text(encoding="utf-8") == texte


async def test_the_keys_are_in_the_help_and_the_palette(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "question_mark")
        sections = dict(app.screen.sections)  # type: ignore[attr-defined]
        principal = dict(sections["Écran principal (engagement sélectionné)"])
        assert {"m", "A", "D", "R"} <= set(principal)
        assert principal["m"].startswith("Ouvrir une séance")
        assert "r" in dict(sections["Volet Journal (4)"])
        vues = dict(sections["Ordre du jour (A), Depuis la dernière séance (D), À relancer (R), Bilan (B)"])
        assert {"entrée", "échap", "j / ↓", "k / ↑"} <= set(vues)
        await appuyer(pilot, "escape", "ctrl+p")
        await taper(pilot, "relancer")
        await pilot.pause(0.3)
        await appuyer(pilot, "enter")
        await pilot.pause(0.2)
        await appuyer(pilot)
        assert isinstance(app.screen, RelancerVue)
