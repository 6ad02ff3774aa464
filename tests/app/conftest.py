"""Helpers for the app tests: a seeded base, the app on it, and waiting until the screen shows the base."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from tests.conftest import TODAY
from textual.pilot import Pilot

from suivi_tui.db.database import Database
from suivi_tui.ui.app import SuiviApp

GRAND = (140, 45)
PETIT = (80, 24)


async def calme(pilot: Pilot[None]) -> None:
    """Wait until every worker (reads, writes) is done and their messages have been handled."""
    for _ in range(5):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def appuyer(pilot: Pilot[None], *touches: str) -> None:
    """Press keys, letting the app settle after each one (a dialog opening is a settled state too)."""
    for touche in touches:
        await pilot.press(touche)
        await calme(pilot)


async def taper(pilot: Pilot[None], texte: str) -> None:
    await pilot.press(*texte)
    await calme(pilot)


@asynccontextmanager
async def ouvrir(app: SuiviApp, taille: tuple[int, int] = GRAND) -> AsyncIterator[Pilot[None]]:
    async with app.run_test(size=taille) as pilot:
        await calme(pilot)
        yield pilot


def sql(db: Database, requete: str, **params: object) -> list[tuple[object, ...]]:
    with db.lire() as session:
        return [tuple(r) for r in session.execute(requete, params).all()]


def engagement_id(db: Database, debut: str) -> int:
    (ligne,) = sql(db, "SELECT id FROM engagement WHERE libelle LIKE :l", l=debut + "%")
    return int(ligne[0])  # type: ignore[call-overload]


def messages(app: SuiviApp) -> list[str]:
    """The toasts shown so far (newest last)."""
    return [str(n.message) for n in app._notifications]


@pytest.fixture
def app(seeded: tuple[Database, int]) -> SuiviApp:
    """The app on the seeded base, its today pinned as `--today` pins it (instants recorded fall on that day)."""
    from suivi_tui.today import set_today

    db, _ = seeded
    set_today(TODAY)  # the autouse fixture unpins it before the next test
    return SuiviApp(db, TODAY)


async def aller_axe(pilot: Pilot[None], numero: str) -> None:
    """Keyboard only: focus the axes (1), go to the top (g), then down (j) to axis `numero`."""
    from suivi_tui.ui.panes.axes import AxesPane

    await appuyer(pilot, "1", "g")
    axes = pilot.app.screen.query_one(AxesPane)
    cible = next(a.id for a in axes._axes if a.numero == numero)
    for _ in range(len(axes._axes)):
        if axes.axe_id == cible:
            return
        await appuyer(pilot, "j")
    assert axes.axe_id == cible


async def choisir(pilot: Pilot[None], debut: str) -> int:
    """Keyboard only: focus the table (2), top (g), then down (j) to the engagement whose text starts so."""
    from suivi_tui.ui.panes.engagements import EngagementsPane

    await appuyer(pilot, "2", "g")
    table = pilot.app.screen.query_one(EngagementsPane)
    for _ in range(len(table.lignes)):
        ligne = table.lignes[table.cursor_row]
        if ligne.libelle.startswith(debut):
            return ligne.id
        await appuyer(pilot, "j")
    raise AssertionError(f"« {debut} » n'est pas dans le tableau")


async def terminal(pilot: Pilot[None], octets: str) -> None:
    """What a terminal sends in one read (a paste, a macro, `tmux send-keys j s`), then let the app settle.

    The bytes go through the app's own parser and driver, all queued before the first is handled:
    `pilot.press` waits after each key, which hides what a burst does.
    """
    from suivi_tui.ui.collage import ParseurCollage

    driver = pilot.app._driver
    assert driver is not None
    for evenement in ParseurCollage().feed(octets):
        driver.process_message(evenement)
    await calme(pilot)
