"""What each move reads and redraws: an axis only the table and the detail, a cursor move only the detail;
and a change followed at once by an axis switch still shows everything the change touched."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from tests.app.conftest import aller_axe, appuyer, calme, engagement_id, ouvrir
from tests.conftest import TODAY

from suivi_tui.db.database import Database
from suivi_tui.services.edition import ajouter_echeance, basculer_echeance_faite
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.messages import AxeChoisi, ChangementEnregistre
from suivi_tui.ui.panes.axes import AxesPane
from suivi_tui.ui.panes.detail import DetailPane
from suivi_tui.ui.panes.echeances import EcheancesPane
from suivi_tui.ui.panes.engagements import EngagementsPane
from suivi_tui.ui.panes.entete import EnTete
from suivi_tui.ui.panes.journal import JournalPane
from suivi_tui.ui.panes.pied import PiedDePage
from suivi_tui.ui.screens.principal import EcranPrincipal

VOLETS = (EnTete, AxesPane, EngagementsPane, DetailPane, EcheancesPane, JournalPane)


def compter_affichages(ecran: EcranPrincipal) -> Counter[str]:
    """How many times each pane is rebuilt from now on (its real `afficher`, counted)."""
    appels: Counter[str] = Counter()
    for volet in VOLETS:
        widget = ecran.query_one(volet)
        afficher = widget.afficher

        def compte(
            *args: Any, _nom: str = volet.__name__, _afficher: Callable[..., None] = afficher, **kwargs: Any
        ) -> None:
            appels[_nom] += 1
            _afficher(*args, **kwargs)

        widget.afficher = compte  # type: ignore[method-assign]
    return appels


async def test_an_axis_redraws_the_table_and_the_detail_only(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        ecran = app.screen
        assert isinstance(ecran, EcranPrincipal)
        avant = ecran.ecran
        await appuyer(pilot, "1")  # the axes unfold with the focus (their titles come back): not an axis change
        appels = compter_affichages(ecran)
        await aller_axe(pilot, "IV")
        table = ecran.query_one(EngagementsPane)
        assert {ligne.axe_numero for ligne in table.lignes} == {"IV"}
        assert table.border_title.startswith("Engagements · Axe IV")
        assert ecran.detail is not None and ecran.detail.id == table.lignes[0].id == ecran.engagement_id
        assert str(ecran.query_one(DetailPane).border_title).startswith("Détail · Axe IV")
        assert set(appels) == {"EngagementsPane", "DetailPane"}, appels
        assert avant is not None and ecran.ecran is not None
        assert ecran.ecran.synthese is avant.synthese and ecran.ecran.journal is avant.journal  # not read again


async def test_moving_in_the_table_redraws_the_detail_only(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        ecran = app.screen
        assert isinstance(ecran, EcranPrincipal)
        await appuyer(pilot, "2", "g")
        appels = compter_affichages(ecran)
        await appuyer(pilot, "j", "j")
        table = ecran.query_one(EngagementsPane)
        assert ecran.detail is not None and ecran.detail.id == table.lignes[2].id
        assert appels == Counter({"DetailPane": 2}), appels


async def test_a_change_then_an_axis_at_once_shows_everything_the_change_touched(seeded: tuple[Database, int]) -> None:
    """The full read a change asks for must not be overtaken, and dropped, by the axis' table-only read.

    Both messages are posted in one turn, as when the change's toast and an axis key come together:
    the full read is then certainly still on its way when the axis is chosen.
    """
    db, _ = seeded
    eid = engagement_id(db, "Créer un espace de coworking")
    ajouter_echeance(db, eid, dt.date(2021, 6, 30), "trimestre", "Ouverture")
    app = SuiviApp(db, TODAY)
    async with ouvrir(app) as pilot:
        ecran = app.screen
        assert isinstance(ecran, EcranPrincipal) and ecran.ecran is not None
        echeances = ecran.query_one(EcheancesPane)
        (ouverte,) = echeances.lignes
        axe_i = next(a.id for a in ecran.ecran.axes if a.numero == "I")
        changement = basculer_echeance_faite(db, ouverte.id, TODAY)  # written, as the app's writer would
        ecran.post_message(ChangementEnregistre(changement))
        ecran.post_message(AxeChoisi(axe_i))
        await calme(pilot)
        assert echeances.lignes == [] and echeances.border_title == "Échéances ouvertes · 0"
        table = ecran.query_one(EngagementsPane)
        assert {ligne.axe_numero for ligne in table.lignes} == {"I"} and ecran.filtre.axe_id == axe_i
        assert ecran.detail is not None and ecran.detail.id == ecran.engagement_id
        assert ecran._complet is None


async def test_the_footer_is_rebuilt_once_per_change_of_keys_and_not_otherwise(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        pied = app.screen.query_one(PiedDePage)
        reconstruire = pied.recompose
        fois = Counter[str]()

        async def compte() -> None:
            fois["pied"] += 1
            await reconstruire()

        pied.recompose = compte  # type: ignore[method-assign]
        await appuyer(pilot, "2", "j", "j", "k")  # the same keys apply: nothing to rebuild
        assert fois["pied"] == 0
        await appuyer(pilot, "3")  # no échéance in this base: the same keys, still nothing
        assert fois["pied"] == 0
        await appuyer(pilot, "4")  # the journal has its own keys (<, >, +)
        assert fois["pied"] == 1
        montrees = [str(getattr(k, "key", "")) for k in pied.children if not k.has_class("-command-palette")]
        attendues = [b.key for (_, b, _, _) in app.screen.active_bindings.values() if b.show]
        assert montrees[:2] == ["question_mark", "q"] and sorted(montrees) == sorted(attendues)
