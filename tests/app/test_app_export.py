"""`x` exports in a worker: the file is written, a toast names it; a refused export says why in French."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from tests.app.conftest import appuyer, messages, ouvrir, taper
from textual.widgets import Input

from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.export import ExportDialog
from suivi_tui.ui.panes.progression import Progression


async def _vers(pilot, chemin: Path) -> None:  # type: ignore[no-untyped-def]
    await appuyer(pilot, "x")
    assert isinstance(pilot.app.screen, ExportDialog)
    pilot.app.screen.query_one("#chemin", Input).value = ""
    await appuyer(pilot, "tab")
    await taper(pilot, str(chemin))


async def test_x_writes_the_spreadsheet_and_names_it(app: SuiviApp, tmp_path: Path) -> None:
    cible = tmp_path / "antony.xlsx"
    async with ouvrir(app) as pilot:
        await _vers(pilot, cible)
        await appuyer(pilot, "enter")
        assert isinstance(app.screen.query_one(Progression), Progression)
        assert not app.screen.query_one(Progression).has_class("-visible")
    assert cible.exists()
    classeur = load_workbook(cible, read_only=True)
    assert classeur.sheetnames
    assert any(str(cible) in m for m in messages(app))


async def test_an_export_the_service_refuses_is_an_error_toast(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        await _vers(pilot, Path(app.db.path))
        await appuyer(pilot, "tab", "tab", "space", "enter")  # « Remplacer » checked: the service decides
        assert app.screen is app.principal
    assert any("base ouverte" in m for m in messages(app))
    assert Path(app.db.path).exists()


async def test_a_long_export_shows_its_progress_above_the_footer(app: SuiviApp) -> None:
    from textual.widgets import ProgressBar

    async with ouvrir(app) as pilot:
        barre = app.screen.query_one(Progression)
        assert not barre.display
        app._montrer_progression()  # what the 0.3 s timer does when the export is still running
        app._avancer(0.5)
        await pilot.pause()
        assert barre.display and barre.query_one(ProgressBar).progress == 50
        app._fin_export(None, "Le disque est plein : l'export n'a pas été écrit.")
        await pilot.pause()
        assert not barre.display
        assert messages(app)[-1] == "Le disque est plein : l'export n'a pas été écrit."
