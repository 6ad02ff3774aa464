"""Y: the yearly review written from the app (a contrat « Quartiers 2030 »), Markdown and HTML in the Documents."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from tests.app.conftest import GRAND, PETIT, appuyer, messages, ouvrir, taper
from tests.conftest import TODAY

from suivi_tui.db.database import Database
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.revue import RevueDialog


@pytest.fixture
def documents(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    dossier = tmp_path / "Documents"
    dossier.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(dossier))
    return dossier


def _erreur(app: SuiviApp) -> str:
    return str(app.screen.query_one("#erreur").render())


@pytest.mark.parametrize("taille", [GRAND, PETIT])
async def test_Y_asks_the_year_and_writes_the_review_in_markdown_and_html(
    quartiers: tuple[Database, int], documents: Path, taille: tuple[int, int]
) -> None:
    db, _ = quartiers
    app = SuiviApp(db, TODAY)
    async with ouvrir(app, taille) as pilot:
        await appuyer(pilot, "Y")
        dialogue = app.screen
        assert isinstance(dialogue, RevueDialog)
        assert dialogue.query_one("#annee").value == str(TODAY.year)  # type: ignore[attr-defined]
        assert "revue-2021-val-fleuri.md et revue-2021-val-fleuri.html" in str(dialogue.query_one("#fichiers").render())
        cadre = dialogue.query_one("#dialogue").region
        assert cadre.bottom <= taille[1] and cadre.right <= taille[0]  # the whole form shows, at 80x24 too
        await appuyer(pilot, "ctrl+u")
        await taper(pilot, "2025")
        await appuyer(pilot, "enter")
        assert not isinstance(app.screen, RevueDialog)
        markdown, html = documents / "revue-2025-val-fleuri.md", documents / "revue-2025-val-fleuri.html"
        assert markdown.read_text(encoding="utf-8").startswith("# Revue annuelle 2025 — Contrat de ville de Val-Fleuri")
        arbre = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html.read_text(encoding="utf-8"))
        assert "Revue annuelle 2025" in "".join(arbre.find(".//h1").itertext())
        assert oct(markdown.stat().st_mode & 0o777) == "0o600"
        toast = messages(app)[-1]
        assert str(markdown) in toast and str(html) in toast and "0 action programmée en 2025" in toast
        # Again: the files already there are kept, the next name is proposed.
        await appuyer(pilot, "Y", "ctrl+u")
        await taper(pilot, "2025")
        assert "revue-2025-val-fleuri-2.md" in str(app.screen.query_one("#fichiers").render())
        await appuyer(pilot, "enter")
        assert (documents / "revue-2025-val-fleuri-2.html").exists()


async def test_a_year_that_is_not_one_or_a_missing_folder_is_refused_in_french_and_nothing_is_written(
    quartiers: tuple[Database, int], documents: Path
) -> None:
    db, _ = quartiers
    app = SuiviApp(db, TODAY)
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "Y", "ctrl+u")
        await taper(pilot, "20x5")
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, RevueDialog)
        assert "« 20x5 » n'est pas une année : écrivez-la en entier (ex. : 2025)." in _erreur(app)
        await appuyer(pilot, "ctrl+u")
        await taper(pilot, "1850")
        await appuyer(pilot, "enter")
        assert "n'est pas une année" in _erreur(app)
        await appuyer(pilot, "ctrl+u")
        await taper(pilot, "2025")
        await appuyer(pilot, "tab", "ctrl+u")
        await taper(pilot, str(documents / "absent"))
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, RevueDialog) and "n'existe pas" in _erreur(app)
        await appuyer(pilot, "escape")
    assert list(documents.iterdir()) == []


async def test_a_file_that_appeared_meanwhile_is_not_overwritten(
    quartiers: tuple[Database, int], documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program wrote the file after the form chose its name: the review says so, writes nothing over it."""
    db, _ = quartiers
    deja = documents / "revue-2021-val-fleuri.md"
    demander = RevueDialog.demande

    def puis_un_autre_ecrit(dialogue: RevueDialog) -> object:
        demande = demander(dialogue)
        deja.write_text("à garder", encoding="utf-8")
        return demande

    monkeypatch.setattr(RevueDialog, "demande", puis_un_autre_ecrit)
    app = SuiviApp(db, TODAY)
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "Y", "enter")
        assert "existe déjà : rien n'a été écrit" in messages(app)[-1]
    assert deja.read_text(encoding="utf-8") == "à garder" and not (documents / "revue-2021-val-fleuri.html").exists()
