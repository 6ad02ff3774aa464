"""The export dialog: a dated default name that follows the format, the two switches, enter and escape."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.widgets import Checkbox, Input, Select

from suivi_tui.services.export import NOMS_FORMATS, DemandeExport
from suivi_tui.ui.dialogs.export import ExportDialog, dossier_documents, slug

TODAY = datetime.date(2021, 3, 15)
TITRE = "Contrat de ville d'Antony 2020-2022"


def dialogue(dossier: Path, **kw: int) -> ExportDialog:
    return ExportDialog(dossier, TODAY, TITRE, **kw)


def test_slug() -> None:
    assert slug(TITRE) == "antony-2020-2022"
    assert slug("Contrat de ville de Saint-Étienne 2015") == "saint-etienne-2015"
    assert slug("???") == "contrat"


def test_dossier_documents(tmp_path: Path) -> None:
    home = Path.home()
    assert dossier_documents() == home  # the tests' Documents folder does not exist yet
    (home / "Documents").mkdir()
    assert dossier_documents() == home / "Documents"


async def test_valeurs_par_defaut_et_entree(tmp_path: Path) -> None:
    app = Hote(dialogue(tmp_path, contrat_id=7))
    async with app.run_test(size=(80, 24)) as pilot:
        ecran = app.screen
        assert ecran.query_one("#format", Select).value == "xlsx"
        assert ecran.query_one("#chemin", Input).value == str(tmp_path / "suivi-antony-2020-2022-2021-03-15.xlsx")
        assert not ecran.query_one("#confidentiel", Checkbox).value
        assert not ecran.query_one("#remplacer", Checkbox).value
        await pilot.press("enter")
    assert app.resultats == [
        DemandeExport(tmp_path / "suivi-antony-2020-2022-2021-03-15.xlsx", format="xlsx", contrat_id=7)
    ]


async def test_les_noms_des_formats_en_francais(tmp_path: Path) -> None:
    app = Hote(dialogue(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # opens the list
        await pilot.pause()
        liste = app.screen.query_one("SelectOverlay")
        assert liste.has_focus
        assert [str(o.prompt) for o in liste.options] == list(NOMS_FORMATS.values())  # type: ignore[attr-defined]
        await pilot.press("down", "down", "enter")  # enter picks in the open list, it does not export
        assert app.ouvert
        assert app.screen.query_one("#format", Select).value == "md"


async def test_le_nom_suit_le_format(tmp_path: Path) -> None:
    app = Hote(dialogue(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#format", Select).value = "html"
        await pilot.pause()
        assert app.screen.query_one("#chemin", Input).value.endswith("-2021-03-15.html")
        app.screen.query_one("#format", Select).value = "sqlite"
        await pilot.pause()
        assert app.screen.query_one("#chemin", Input).value.endswith("-2021-03-15.sqlite")
        await pilot.press("enter")
    assert app.resultats[0].format == "sqlite"  # type: ignore[union-attr]


async def test_un_nom_saisi_n_est_plus_change(tmp_path: Path) -> None:
    app = Hote(dialogue(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        champ = app.screen.query_one("#chemin", Input)
        champ.value = str(tmp_path / "pour-la-prefecture.xlsx")
        app.screen.query_one("#format", Select).value = "csv"
        await pilot.pause()
        assert champ.value == str(tmp_path / "pour-la-prefecture.xlsx")
        await pilot.press("enter")
    assert app.resultats == [DemandeExport(tmp_path / "pour-la-prefecture.xlsx", format="csv")]


async def test_cocher_au_clavier_puis_entree(tmp_path: Path) -> None:
    app = Hote(dialogue(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "tab", "space")  # format -> chemin -> confidentiel
        assert app.screen.query_one("#confidentiel", Checkbox).value
        assert "ne transmettez ce fichier qu'avec précaution" in textes(app.screen)
        await pilot.press("tab", "space", "enter")  # remplacer, then enter exports from the checkbox
    demande = app.resultats[0]
    assert isinstance(demande, DemandeExport)
    assert demande.inclure_confidentiel and demande.force


async def test_fichier_existant_sans_remplacer(tmp_path: Path) -> None:
    existant = tmp_path / "suivi-antony-2020-2022-2021-03-15.xlsx"
    existant.write_bytes(b"x")
    app = Hote(dialogue(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert app.ouvert and app.resultats == []
        assert "existe déjà" in textes(app.screen)
        app.screen.query_one("#remplacer", Checkbox).value = True
        await pilot.press("enter")
    assert app.resultats == [DemandeExport(existant, format="xlsx", force=True)]
    assert existant.read_bytes() == b"x"  # the dialog only asks; the export writes


async def test_dossier_absent_ou_chemin_vide(tmp_path: Path) -> None:
    app = Hote(dialogue(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        champ = app.screen.query_one("#chemin", Input)
        champ.value = str(tmp_path / "absent" / "a.xlsx")
        await pilot.press("enter")
        assert "n'existe pas" in textes(app.screen) and app.ouvert
        champ.value = "  "
        await pilot.press("enter")
        assert "Indiquez le fichier" in textes(app.screen) and app.resultats == []


async def test_echap_annule(tmp_path: Path) -> None:
    app = Hote(dialogue(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
    assert app.resultats == [None]


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(tmp_path: Path, taille: tuple[int, int]) -> None:
    app = Hote(dialogue(tmp_path))
    async with app.run_test(size=taille) as pilot:
        # the warning and the error line shown: the tallest the dialog gets
        app.screen.query_one("#confidentiel", Checkbox).value = True
        app.screen.query_one("#chemin", Input).value = str(tmp_path / "absent" / "a.xlsx")
        await pilot.press("enter")
        await pilot.pause()
        assert app.ouvert and "n'existe pas" in textes(app.screen)
        assert_tient(app.screen, *taille)


def test_raccourcis_decrits() -> None:
    for binding in ExportDialog.BINDINGS:
        assert binding.description and binding.tooltip and binding.id  # type: ignore[union-attr]
