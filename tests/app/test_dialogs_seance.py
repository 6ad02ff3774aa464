"""The séance form: comité (or a new one with +), a day read live, place and participants; the relevé form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_dialogs_hote import Hote, assert_tient, textes
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select

from suivi_tui.services.seances.journal import ComiteResume
from suivi_tui.services.seances.registre import SeanceResume
from suivi_tui.ui.dialogs.comite import ComiteSaisie
from suivi_tui.ui.dialogs.releve import DemandeReleve, ReleveDialog
from suivi_tui.ui.dialogs.seance import SeanceDialog, SeanceSaisie

TODAY = dt.date(2021, 3, 15)
COMITES = [
    ComiteResume(1, "Insertion socioprofessionnelle", "", 1, TODAY),
    ComiteResume(2, "Gestion urbaine et sociale de proximité (GUSP)", "", 0, None),
]
SEANCE = SeanceResume(7, 1, "Insertion socioprofessionnelle", TODAY, "Salle du conseil", "", 3, 1, 1, 2, False)


async def taper(pilot: Pilot[None], texte: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in texte))


async def test_entree_ouvre_la_seance_du_jour_du_comite_propose() -> None:
    app = Hote(SeanceDialog(COMITES, 2, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "→ 15/03/2021" in textes(app.screen)
        await pilot.press("enter")
    assert app.resultats == [SeanceSaisie(2, None, TODAY, "", "")]


async def test_date_lieu_et_participants() -> None:
    app = Hote(SeanceDialog(COMITES, 1, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "ctrl+u")
        await taper(pilot, "hier")
        assert "→ 14/03/2021" in textes(app.screen)
        await pilot.press("tab")
        await taper(pilot, " Salle  du conseil ")
        await pilot.press("tab")
        await taper(pilot, "DPV, Pôle emploi")
        await pilot.press("enter")
    assert app.resultats == [SeanceSaisie(1, None, dt.date(2021, 3, 14), "Salle du conseil", "DPV, Pôle emploi")]


@pytest.mark.parametrize(
    ("saisie", "message"),
    [
        ("mars 2021", "pas un jour"),
        ("", "Aucune date"),
        ("31/02/2021", "Le jour 31 n'existe pas en février 2021"),
    ],
)
async def test_une_date_qui_n_est_pas_un_jour_est_refusee(saisie: str, message: str) -> None:
    app = Hote(SeanceDialog(COMITES, 1, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "ctrl+u")
        await taper(pilot, saisie)
        await pilot.press("enter")
        assert app.ouvert and app.resultats == []
        assert message in textes(app.screen) and "n'est pas lisible" in textes(app.screen)


async def test_une_seance_existante_sera_rouverte() -> None:
    app = Hote(SeanceDialog(COMITES, 1, TODAY, [SEANCE]))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "elle sera rouverte" in textes(app.screen)
        await pilot.press("down", "down", "enter")  # the list opens, then GUSP is chosen
        assert app.screen.query_one("#comite", Select).value == 2
        assert "rouverte" not in textes(app.screen)


async def test_plus_cree_le_comite_qui_se_reunit() -> None:
    app = Hote(SeanceDialog(COMITES, 1, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus")
        await taper(pilot, "CT Tranquillité")
        await pilot.press("enter")
        assert app.screen.query_one("#comite", Select).value == -1
        await pilot.press("enter")
    assert app.resultats == [SeanceSaisie(None, ComiteSaisie("CT Tranquillité", ""), TODAY, "", "")]


async def test_sans_comite_il_faut_en_creer_un() -> None:
    app = Hote(SeanceDialog([], None, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert app.ouvert and "créez-le avec +" in textes(app.screen)
        await pilot.press("escape")
    assert app.resultats == [None]


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_tient_dans_l_ecran(taille: tuple[int, int]) -> None:
    app = Hote(SeanceDialog(COMITES, 1, TODAY, [SEANCE]))
    async with app.run_test(size=taille):
        assert_tient(app.screen, *taille)


async def test_releve_deux_fichiers_dans_le_dossier(tmp_path: Path) -> None:
    app = Hote(ReleveDialog([SEANCE], 7, tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        base = "releve-insertion-socioprofessionnelle-2021-03-15"
        assert f"{base}.md et {base}.html" in textes(app.screen)
        await pilot.press("enter")
    assert app.resultats == [DemandeReleve(7, tmp_path / f"{base}.md", tmp_path / f"{base}.html", False, False)]


async def test_releve_propose_un_autre_nom_ou_remplace(tmp_path: Path) -> None:
    base = "releve-insertion-socioprofessionnelle-2021-03-15"
    (tmp_path / f"{base}.html").write_text("déjà là", encoding="utf-8")
    app = Hote(ReleveDialog([SEANCE], 7, tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert f"{base}-2.md et {base}-2.html" in textes(app.screen)
        app.screen.query_one("#remplacer", Checkbox).value = True
        await pilot.pause()
        assert "seront remplacés" in textes(app.screen)
        app.screen.query_one("#confidentiel", Checkbox).value = True
        await pilot.pause()
        assert "avec précaution" in textes(app.screen)
        await pilot.press("enter")
    assert app.resultats == [DemandeReleve(7, tmp_path / f"{base}.md", tmp_path / f"{base}.html", True, True)]


async def test_releve_dans_un_dossier_absent_refuse(tmp_path: Path) -> None:
    app = Hote(ReleveDialog([SEANCE], 7, tmp_path / "absent"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert app.ouvert and app.resultats == []
        assert "n'existe pas" in textes(app.screen)
        app.screen.query_one("#dossier", Input).value = str(tmp_path)
        await pilot.press("enter")
    assert len(app.resultats) == 1


@pytest.mark.parametrize("taille", [(80, 24), (140, 45)])
async def test_releve_tient_dans_l_ecran(tmp_path: Path, taille: tuple[int, int]) -> None:
    app = Hote(ReleveDialog([SEANCE], 7, tmp_path))
    async with app.run_test(size=taille) as pilot:
        app.screen.query_one("#confidentiel", Checkbox).value = True
        await pilot.pause()
        assert_tient(app.screen, *taille)
