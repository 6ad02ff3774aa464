"""`i` « Importer une annexe » : chemin complété, aperçu de l'arbre, entrée importe, échap annule, refus en français."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.app.conftest import PETIT, appuyer, calme, messages, ouvrir, sql, taper, terminal
from textual.widgets import Input, Static

from suivi_tui.ui.aide import sections_aide
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.import_annexe import ImportDialog, completer
from suivi_tui.ui.palette import COMMANDES

FORMATS = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "formats"


async def _ouvrir_dialogue(pilot, chemin: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    await appuyer(pilot, "i")
    dialogue = pilot.app.screen
    assert isinstance(dialogue, ImportDialog)
    dialogue.query_one("#chemin", Input).value = ""
    await taper(pilot, str(chemin))
    return dialogue


def _apercu(dialogue: ImportDialog) -> str:
    return str(dialogue.query_one("#apercu", Static).render())


async def test_apercu_puis_import_d_un_nouveau_contrat(app: SuiviApp, tmp_path: Path) -> None:
    source = tmp_path / "stains.pdf"
    shutil.copy(FORMATS / "bizarreries-word.pdf", source)
    async with ouvrir(app) as pilot:
        ancien = app.principal.contrat_id  # type: ignore[union-attr]
        dialogue = await _ouvrir_dialogue(pilot, source)
        await appuyer(pilot, "enter")  # lire et montrer
        assert app.screen is dialogue
        texte = _apercu(dialogue)
        assert "Contrat de ville de Stains 2020-2022 — Stains, du 01/01/2020 au 31/12/2022" in texte
        assert "Lu dans stains.pdf (PDF, 2 pages) : 2 axes, 2 parties, 4 engagements" in texte
        assert "I. Emploi et insertion — 3 engagements" in texte
        assert "     2. Développer les flux de stages" in texte
        assert "page 1, ligne 12 (numéro de page) : Page 1" in texte
        assert "Contrat serait créé : 2 axes, 2 parties, 4 engagements" in texte
        assert sql(app.db, "SELECT count(*) FROM contrat") == [(1,)]  # rien d'écrit par l'aperçu
        await appuyer(pilot, "enter")  # importer
        await calme(pilot)
        assert app.screen is app.principal
        assert app.principal is not None and app.principal.contrat_id != ancien
        assert app.sub_title == "Contrat de ville de Stains 2020-2022"
    assert sql(app.db, "SELECT titre, source_nom FROM contrat ORDER BY id") == [
        ("Contrat de ville d'Antony 2020-2022", "annexe-contrat-de-ville-antony-2020-2022.md"),
        ("Contrat de ville de Stains 2020-2022", "stains.pdf"),
    ]
    assert any("Contrat importé" in m or "4 engagements" in m for m in messages(app))


async def test_reimport_du_meme_contrat_dit_ce_qui_change(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        dialogue = await _ouvrir_dialogue(pilot, FORMATS / "antony-libreoffice.docx")
        await appuyer(pilot, "enter")
        texte = _apercu(dialogue)
        assert "Lu dans antony-libreoffice.docx (Word (.docx)) : 6 axes, 2 parties, 52 engagements" in texte
        assert "L'import changerait 1 élément :" in texte and "contrat mis à jour (source_nom, source_sha256)" in texte
        await appuyer(pilot, "enter")
        await calme(pilot)
    assert sql(app.db, "SELECT count(*), max(source_nom) FROM contrat") == [(1, "antony-libreoffice.docx")]
    assert sql(app.db, "SELECT count(*) FROM engagement") == [(52,)]


async def test_un_fichier_refuse_le_dit_et_n_importe_rien(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        dialogue = await _ouvrir_dialogue(pilot, FORMATS / "numerise.pdf")
        await appuyer(pilot, "enter", "enter")
        assert app.screen is dialogue
        erreur = str(dialogue.query_one("#erreur", Static).render())
        assert erreur.startswith("Annexe refusée : numerise.pdf : ce PDF ne contient aucun texte")
        assert "OCR" in erreur
        await appuyer(pilot, "escape")
        assert app.screen is app.principal
    assert sql(app.db, "SELECT count(*), max(source_nom) FROM contrat") == [
        (1, "annexe-contrat-de-ville-antony-2020-2022.md")
    ]


async def test_echap_apres_l_apercu_n_ecrit_rien(app: SuiviApp) -> None:
    avant = sql(app.db, "SELECT * FROM contrat")
    async with ouvrir(app, PETIT) as pilot:
        dialogue = await _ouvrir_dialogue(pilot, FORMATS / "deux-colonnes.pdf")
        await appuyer(pilot, "enter")
        assert "II. Habitat et cadre de vie" in _apercu(dialogue)
        await appuyer(pilot, "escape")
        assert app.screen is app.principal
    assert sql(app.db, "SELECT * FROM contrat") == avant


async def test_un_autre_chemin_efface_l_apercu(app: SuiviApp) -> None:
    async with ouvrir(app) as pilot:
        dialogue = await _ouvrir_dialogue(pilot, FORMATS / "deux-colonnes.pdf")
        await appuyer(pilot, "enter")
        assert _apercu(dialogue)
        await appuyer(pilot, "backspace")
        assert _apercu(dialogue) == ""
        assert dialogue.apercu is None  # entrée ne peut plus importer un aperçu d'un autre fichier


async def test_tab_complete_le_chemin(app: SuiviApp, tmp_path: Path) -> None:
    (tmp_path / "annexes").mkdir()
    shutil.copy(FORMATS / "deux-colonnes.pdf", tmp_path / "annexes" / "stains-2020.pdf")
    (tmp_path / "annexes" / "notes.xlsx").write_bytes(b"")
    assert completer(f"{tmp_path}/ann") == f"{tmp_path}/annexes/"
    assert completer(f"{tmp_path}/annexes/") == f"{tmp_path}/annexes/stains-2020.pdf"
    assert completer(f"{tmp_path}/annexes/no") is None  # un classeur n'est pas une annexe
    async with ouvrir(app) as pilot:
        dialogue = await _ouvrir_dialogue(pilot, tmp_path / "ann")
        await pilot.pause(0.1)
        await appuyer(pilot, "tab")
        await pilot.pause(0.1)
        await appuyer(pilot, "tab")
        assert dialogue.query_one("#chemin", Input).value == f"{tmp_path}/annexes/stains-2020.pdf"
        await appuyer(pilot, "enter")
        assert "Stains" in _apercu(dialogue)


async def test_tab_dans_la_meme_rafale_que_les_lettres_complete_aussi(app: SuiviApp, tmp_path: Path) -> None:
    # The suggestion shown is computed in the background: tab must not wait for it.
    (tmp_path / "annexes").mkdir()
    shutil.copy(FORMATS / "deux-colonnes.pdf", tmp_path / "annexes" / "stains-2020.pdf")
    async with ouvrir(app) as pilot:
        dialogue = await _ouvrir_dialogue(pilot, tmp_path)
        await terminal(pilot, "/ann\tst\t")
        assert dialogue.query_one("#chemin", Input).value == f"{tmp_path}/annexes/stains-2020.pdf"


@pytest.mark.parametrize("taille", [(140, 45), PETIT])
async def test_le_dialogue_tient_dans_l_ecran(app: SuiviApp, taille: tuple[int, int]) -> None:
    async with ouvrir(app, taille) as pilot:
        dialogue = await _ouvrir_dialogue(pilot, FORMATS / "antony-libreoffice.odt")
        await appuyer(pilot, "enter")
        cadre = dialogue.query_one("#dialogue")
        assert cadre.region.bottom <= taille[1] and cadre.region.right <= taille[0]
        assert dialogue.query_one("#chemin").region.height > 0


async def test_i_est_dans_l_aide_et_la_palette(app: SuiviApp) -> None:
    async with ouvrir(app):
        lignes = [ligne for _, section in sections_aide() for ligne in section]
        assert ("i", "Importer une annexe (PDF, Word, OpenDocument, Markdown) : aperçu, puis import") in lignes
    assert any(c.action == "screen.importer" and "touche i" in c.aide for c in COMMANDES)
