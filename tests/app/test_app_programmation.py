"""$ and F: an action of the programmation entered from the keyboard, corrected from the view, undone with ctrl+z."""

from __future__ import annotations

import pytest
from tests.app.conftest import GRAND, PETIT, appuyer, calme, messages, ouvrir, sql, taper
from tests.conftest import TODAY
from textual.pilot import Pilot

from suivi_tui.db.database import Database
from suivi_tui.services.programmation import ActionSaisie, FinancementInfo
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.programmation import ProgrammationDialog
from suivi_tui.ui.screens.principal import EcranPrincipal
from suivi_tui.ui.screens.programmation import ProgrammationVue


@pytest.fixture
def app(quartiers: tuple[Database, int]) -> SuiviApp:
    from suivi_tui.today import set_today

    set_today(TODAY)
    return SuiviApp(quartiers[0], TODAY)


def _actions(db: Database) -> list[tuple[object, ...]]:
    return sql(
        db,
        """SELECT p.annee, p.porteur, p.intitule, p.dauphin, group_concat(a.numero)
           FROM programmation p LEFT JOIN programmation_objectif po ON po.programmation_id = p.id
           LEFT JOIN axe a ON a.id = po.axe_id GROUP BY p.id ORDER BY p.id""",
    )


def _montants(db: Database) -> list[tuple[object, ...]]:
    return sql(db, "SELECT financeur, demande_centimes, accorde_centimes FROM financement ORDER BY id")


def _erreur(app: SuiviApp) -> str:
    return str(app.screen.query_one(".dialogue-erreur").render())


async def _cocher(pilot: Pilot[None], numero: str) -> None:
    """In the objectives' list (focused): down to the node, then space."""
    dialogue = pilot.app.screen
    assert isinstance(dialogue, ProgrammationDialog)
    rang = next(i for i, n in enumerate(dialogue.noeuds) if n.numero == numero)
    await appuyer(pilot, "home", *["down"] * rang, "space")


async def _remplir(pilot: Pilot[None], demande: str, accorde: str) -> None:
    """Porteur, intitulé, objective 1.1.2, then the State's amounts (the first line of amounts)."""
    await taper(pilot, "Association Trait d'union")
    await appuyer(pilot, "tab", "tab")  # the year (kept), then the title
    await taper(pilot, "Accueil des collégiens exclus")
    await appuyer(pilot, "tab")
    await _cocher(pilot, "1.1.2")
    await appuyer(pilot, "tab", "tab")  # past the State's name, to its « Demandé »
    await taper(pilot, demande)
    await appuyer(pilot, "tab")
    await taper(pilot, accorde)


@pytest.mark.parametrize("taille", [GRAND, PETIT])
async def test_dollar_enters_an_action_in_french_amounts_and_ctrl_z_takes_it_back(
    app: SuiviApp, taille: tuple[int, int]
) -> None:
    db = app.db
    async with ouvrir(app, taille) as pilot:
        await appuyer(pilot, "dollar_sign")
        dialogue = app.screen
        assert isinstance(dialogue, ProgrammationDialog)
        cadre = dialogue.query_one("#dialogue").region
        assert cadre.bottom <= taille[1] and cadre.right <= taille[0]  # the whole form, at 80x24 too
        await _remplir(pilot, "12 500", "10 000,50 €")
        assert "Total : 12\u202f500\u00a0€ demandés, 10\u202f000,50\u00a0€ accordés" in str(
            dialogue.query_one("#total").render()
        )
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, EcranPrincipal)
        assert _actions(db) == [(2021, "Association Trait d'union", "Accueil des collégiens exclus", "", "1.1.2")]
        assert _montants(db) == [("État (crédits politique de la ville)", 1250000, 1000050)]
        assert messages(app)[-1].startswith("Action programmée (2021) : Association Trait d'union")
        await appuyer(pilot, "ctrl+z")
        assert _actions(db) == [] and _montants(db) == []


async def test_a_bad_amount_or_no_objective_is_refused_in_the_form_and_nothing_is_written(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "dollar_sign")
        await _remplir(pilot, "douze mille", "")
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, ProgrammationDialog)
        assert _erreur(app) == (
            "Financements, ligne 1 : « douze mille » n'est pas un montant en euros (ex. : 12 500 ou 1 234,50)"
        )
        await appuyer(pilot, "shift+tab", "ctrl+u")
        await taper(pilot, "12 000")
        await appuyer(pilot, "shift+tab", "shift+tab")  # back to the objectives
        await _cocher(pilot, "1.1.2")  # ticked again: unticked
        await appuyer(pilot, "enter")
        assert "Cochez au moins un objectif" in _erreur(app)
        await appuyer(pilot, "escape")
    assert _actions(app.db) == []


async def test_F_shows_per_objective_and_year_and_entree_corrects_an_action_undone_by_ctrl_z(
    app: SuiviApp, quartiers: tuple[Database, int]
) -> None:
    from suivi_tui.services.programmation_saisie import enregistrer_action

    db, contrat = quartiers
    with db.lire() as lecture:
        objectif = lecture.execute("SELECT id FROM axe WHERE numero = '1.1.2'").scalar_one()
    for annee, accorde in ((2020, 800000), (2021, 1000000)):
        enregistrer_action(
            db,
            contrat,
            ActionSaisie(
                annee,
                "Association Trait d'union",
                "Accueil des collégiens exclus",
                "000123",
                "",
                (objectif,),
                (FinancementInfo("État", 1200000, accorde),),
            ),
        )
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "F")
        vue = app.screen
        assert isinstance(vue, ProgrammationVue)
        lignes = vue.lignes()
        assert "Programmation 2021 — 1 action : 10 000\u00a0€ accordés sur 12 000\u00a0€ demandés" in str(
            vue.query_one("#vue-titre").render()
        )
        annees = next(ligne for ligne in lignes if ligne.rstrip().endswith("2020         2021"))
        assert annees
        enjeu = next(ligne for ligne in lignes if ligne.startswith("1 Réussite"))
        assert enjeu.endswith("8 000\u00a0€     10 000\u00a0€")  # rolled up from 1.1.2, per year
        assert any(ligne.startswith("    1.1.2 Prévenir") for ligne in lignes)
        assert "État : 10 000 € accordés / 12 000 € demandés" in "\n".join(lignes)
        await appuyer(pilot, "less_than_sign")
        assert "Programmation 2020" in str(vue.query_one("#vue-titre").render())
        await appuyer(pilot, "greater_than_sign", "G", "enter")  # the last line: the 2021 action
        dialogue = app.screen
        assert isinstance(dialogue, ProgrammationDialog) and dialogue.action is not None
        assert dialogue.query_one("#accorde-0").value == "10 000"  # type: ignore[attr-defined]
        await appuyer(pilot, "tab", "tab", "tab", "tab", "ctrl+u")  # intitulé → objectives → État → Demandé → Accordé
        await taper(pilot, "11 000")
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, ProgrammationVue)
        await calme(pilot)
        assert sql(db, "SELECT accorde_centimes FROM financement ORDER BY id") == [(800000,), (1100000,)]
        assert "État : 11 000 € accordés / 12 000 € demandés" in "\n".join(vue.lignes())  # the view follows
        await appuyer(pilot, "ctrl+z")
        assert sql(db, "SELECT accorde_centimes FROM financement ORDER BY id") == [(800000,), (1000000,)]
        assert "État : 10 000 € accordés / 12 000 € demandés" in "\n".join(vue.lignes())
        await appuyer(pilot, "dollar_sign")  # a new action from the view: the year shown is the form's
        assert isinstance(app.screen, ProgrammationDialog) and app.screen.query_one("#annee").value == "2021"  # type: ignore[attr-defined]


async def test_the_view_fits_80x24_and_says_when_nothing_is_programmed(app: SuiviApp) -> None:
    async with ouvrir(app, PETIT) as pilot:
        await appuyer(pilot, "F")
        vue = app.screen
        assert isinstance(vue, ProgrammationVue)
        assert "Aucune action programmée" in "\n".join(vue.lignes())
        assert [ligne for ligne in vue.lignes() if len(ligne) > vue.largeur] == []
        await appuyer(pilot, "escape")
        assert isinstance(app.screen, EcranPrincipal)
