"""B: the bilan screen on a real base — the matrix, the curve, what is left, confidentiality, back to an engagement."""

from __future__ import annotations

from sqlalchemy import text
from tests.app.conftest import GRAND, PETIT, appuyer, calme, engagement_id, ouvrir
from tests.conftest import TODAY

from suivi_tui.db.database import Database
from suivi_tui.services.edition import ajouter_note, changer_statut
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.palette import COMMANDES
from suivi_tui.ui.screens.bilan import BilanVue
from suivi_tui.ui.screens.principal import EcranPrincipal

SECRET = "M. SENTINELLE-88, locataire"


def preparer(db: Database) -> int:
    """Two réalisés in 2020, a decision and a confidential one on the Ressourcerie (left to carry over)."""
    for debut, quand in (("Créer un espace de coworking", "2020-05-04"), ("Poursuivre le dispositif", "2020-09-01")):
        changement = changer_statut(db, engagement_id(db, debut), "realise")
        assert changement is not None
        with db.write() as session:
            session.execute(
                text("UPDATE historique SET le = :t WHERE id = :i"),
                {"t": f"{quand}T09:00:00Z", "i": changement.historique_id},
            )
    ressourcerie = engagement_id(db, "Développer le projet de Ressourcerie")
    with db.lire() as session:
        comite = session.execute("SELECT id FROM comite WHERE nom LIKE 'Insertion%'").scalar_one()
    ajouter_note(db, comite, "Chercher un local", type="decision", engagement_id=ressourcerie)
    ajouter_note(db, comite, SECRET, type="decision", engagement_id=ressourcerie, confidentielle=True)
    return ressourcerie


def texte(app: SuiviApp) -> str:
    vue = app.screen
    assert isinstance(vue, BilanVue)
    return "\n".join(vue.lignes())


async def test_B_shows_the_matrix_the_curve_and_what_is_left(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    preparer(db)
    app = SuiviApp(db, TODAY)
    async with ouvrir(app, GRAND) as pilot:
        await appuyer(pilot, "B")
        assert isinstance(app.screen, BilanVue)
        vu = texte(app)
        assert "Ville" in vu and "État" in vu and "Ensemble" in vu
        assert "Total" in vu and "2/37" in vu and "0/15" in vu and "2/52" in vu
        assert "Avancement mois par mois, du 31/01/2020 au 15/03/2021" in vu
        assert "┤" in vu and "█ réalisés (2)" in vu
        assert "À reporter — 50 engagements non réalisés" in vu
        assert "Ville : 2/37 réalisés · État : 0/15 réalisé" in str(app.screen.query_one("#vue-sous-titre").render())
        await appuyer(pilot, "escape")
        assert isinstance(app.screen, EcranPrincipal)


async def test_a_confidential_decision_shows_only_when_asked_and_never_in_presentation(
    seeded: tuple[Database, int],
) -> None:
    db, _ = seeded
    preparer(db)
    app = SuiviApp(db, TODAY)
    async with ouvrir(app, GRAND) as pilot:
        await appuyer(pilot, "B")
        assert SECRET not in texte(app) and "confidentielle, masquée" in texte(app)
        await appuyer(pilot, "tab", "space")  # the box « Montrer les décisions confidentielles »
        await calme(pilot)
        assert SECRET in texte(app)
        await appuyer(pilot, "P")
        assert SECRET not in texte(app) and "confidentielle, masquée" in texte(app)


async def test_enter_on_an_engagement_to_carry_over_shows_it_on_the_main_screen(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    app = SuiviApp(db, TODAY)
    async with ouvrir(app, PETIT) as pilot:
        await appuyer(pilot, "B")
        vue = app.screen
        assert isinstance(vue, BilanVue)
        await appuyer(pilot, "j", "enter")  # j: the first engagement to carry over
        assert isinstance(app.screen, EcranPrincipal)
        assert app.screen.engagement_id == engagement_id(db, "Accompagner les dispositifs pouvant aider")


def test_B_is_declared_with_its_description_and_in_the_palette() -> None:
    binding = next(b for b in EcranPrincipal.BINDINGS if getattr(b, "key", None) == "B")
    assert binding.description == "Bilan" and binding.tooltip and binding.id == "ecran.bilan"  # type: ignore[union-attr]
    assert any(c.action == "screen.bilan" and "touche B" in c.aide for c in COMMANDES)


async def test_the_help_lists_B(app: SuiviApp) -> None:
    from suivi_tui.ui.aide import sections_aide

    async with ouvrir(app) as _:
        lignes = [ligne for _, section in sections_aide() for ligne in section]
        assert any(touches == "B" and "Bilan du contrat" in quoi for touches, quoi in lignes)


async def test_B_on_a_quartiers_2030_contrat_rolls_the_tree_up_at_both_sizes(
    quartiers: tuple[Database, int],
) -> None:
    """An objective is indented under its orientation and enjeu; the enjeu counts it; the total counts it once."""
    db, _ = quartiers
    changer_statut(db, engagement_id(db, "Réserver un quart des places"), "realise")
    for taille in (GRAND, PETIT):
        app = SuiviApp(db, TODAY)
        async with ouvrir(app, taille) as pilot:
            await appuyer(pilot, "B")
            lignes = texte(app).split("\n")
            largeur = app.screen.largeur
            assert max(len(ligne) for ligne in lignes) <= largeur  # 12 signataires: blocks of parties, no overflow
            enjeu = next(ligne for ligne in lignes if ligne.startswith("1 Réussite"))
            objectif = next(ligne for ligne in lignes if ligne.startswith("  1.1.1 Ouvrir"))
            assert "1/15" in enjeu and "1/5" in objectif and "1/3" in objectif  # Ensemble, and Ville's column
            total = next(ligne for ligne in lignes if ligne.startswith("Total"))
            assert "1/39" in total  # each engagement once, not once per level
            vu = "\n".join(lignes)
            assert all(p in vu for p in ("Ville", "CAF", "Région", "CCI", "ARS"))  # every signataire somewhere
            sous_titre = app.screen.query_one("#vue-sous-titre")
            assert sous_titre.region.height <= 2  # twelve scores would take the table's room: said in one line
            assert "12 parties (leurs scores : dans le tableau) · Ensemble : 1/39 réalisé" in str(sous_titre.render())
