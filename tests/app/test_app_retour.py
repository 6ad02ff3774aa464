"""I in the app: the returned fiche, its preview kept or dropped with space, entrée applies, ctrl+z undoes it all."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from tests.app.conftest import GRAND, PETIT, appuyer, calme, messages, ouvrir, sql, taper
from tests.conftest import TODAY
from tests.unit.partenaire import exporter_fiche, fuseau_utc, identifiants, remplir
from textual.widgets import Input, Select, Static

from suivi_tui.db.database import Database
from suivi_tui.services import edition as commandes
from suivi_tui.ui.app import SuiviApp
from suivi_tui.ui.dialogs.export import ExportDialog
from suivi_tui.ui.dialogs.import_fiche import ImportDialog
from suivi_tui.ui.screens.principal import EcranPrincipal
from suivi_tui.ui.screens.retour import RetourScreen

__all__ = ["fuseau_utc"]


class Fiche:
    """The DDETS pilots the first three engagements of the State; its fiche comes back filled in."""

    def __init__(self, db: Database, dossier: Path) -> None:
        lus = sql(
            db,
            """SELECT e.id FROM engagement e JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id
               WHERE p.nom_court = 'État' ORDER BY a.ordre, e.ordre LIMIT 3""",
        )
        self.ids = [int(r[0]) for r in lus]  # type: ignore[call-overload]
        for eid in self.ids:
            commandes.changer_pilote(db, eid, "DDETS")
        self.db, self.dossier = db, dossier
        self.fiche = exporter_fiche(db, dossier / "fiche.xlsx", "DDETS")
        self.e = identifiants(self.fiche)

    def remplie(self) -> Path:
        """Two statuts, a comment and an échéance; the first engagement's statut also moved in the base (a conflict)."""
        commandes.changer_statut(self.db, self.ids[0], "bloque")
        return remplir(
            self.fiche,
            self.dossier / "retour.xlsx",
            {
                self.e[0]: {"Statut proposé": "Réalisé"},
                self.e[1]: {"Statut proposé": "En cours", "Avancement / commentaire": "Le plan est lancé."},
                self.e[2]: {"Prochaine échéance": "T4 2021"},
            },
        )

    def statuts(self) -> list[str]:
        return [str(sql(self.db, "SELECT statut FROM engagement WHERE id = :e", e=e)[0][0]) for e in self.ids]

    def comptes(self) -> list[object]:
        return [sql(self.db, f"SELECT count(*) FROM {t}")[0][0] for t in ("note", "echeance", "historique", "retour")]


@pytest.fixture
def fiche(app: SuiviApp, tmp_path: Path, fuseau_utc: None) -> Fiche:
    return Fiche(app.db, tmp_path)


async def _ouvrir_le_retour(pilot, chemin: Path) -> None:  # type: ignore[no-untyped-def]
    await appuyer(pilot, "I")
    assert isinstance(pilot.app.screen, ImportDialog)
    pilot.app.screen.query_one("#chemin", Input).value = ""
    await taper(pilot, str(chemin))
    await appuyer(pilot, "enter")
    await calme(pilot)


def _propositions(app: SuiviApp) -> list[str]:
    return [ligne.strip() for ligne in app.screen.lignes() if ligne.strip().startswith("[")]  # type: ignore[attr-defined]


@pytest.mark.parametrize("taille", [GRAND, PETIT])
async def test_i_montre_l_apercu_espace_garde_ou_ecarte_entree_applique_ctrl_z_annule_tout(
    app: SuiviApp, fiche: Fiche, taille: tuple[int, int]
) -> None:
    retour = fiche.remplie()
    avant, statuts = fiche.comptes(), fiche.statuts()
    async with ouvrir(app, taille) as pilot:
        await _ouvrir_le_retour(pilot, retour)
        assert isinstance(app.screen, RetourScreen)
        propositions = _propositions(app)
        assert [p[:3] for p in propositions] == ["[ ]", "[x]", "[x]", "[x]"]
        assert propositions[0].startswith("[ ] CONFLIT statut — base : Bloqué")
        assert propositions[1:] == [
            "[x] Statut : À venir → En cours",
            "[x] Note (info) : Retour de DDETS : Le plan est lancé.",
            "[x] Échéance ajoutée : T4 2021 (au plus tard le 31/12/2021)",
        ]
        assert fiche.comptes() == avant  # nothing written before entrée
        await appuyer(pilot, "space")  # the conflict, under the cursor first: kept
        await appuyer(pilot, "j", "j", "space")  # the note: dropped
        assert [p[:3] for p in _propositions(app)] == ["[x]", "[x]", "[ ]", "[x]"]
        assert "3 changements retenus sur 4 : 2 statuts, 1 échéance." in str(
            app.screen.query_one("#retour-resume").render()
        )
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, EcranPrincipal)
        assert fiche.statuts() == ["realise", "en_cours", "a_venir"]
        assert sql(app.db, "SELECT count(*) FROM note WHERE retour_id IS NOT NULL") == [(0,)]
        assert sql(app.db, "SELECT date, precision FROM echeance WHERE engagement_id = :e", e=fiche.ids[2]) == [
            ("2021-12-31", "trimestre")
        ]
        assert messages(app)[-1] == (
            "Retour de DDETS (fiche du 15/03/2021) importé : 3 changements retenus sur 4 : 2 statuts, 1 échéance."
        )
        app.screen.aller_a_engagement(fiche.ids[1])  # type: ignore[attr-defined]
        await calme(pilot)
        detail = " ".join(str(app.screen.query_one("#detail-texte", Static).render()).split())
        assert "Statut : À venir → En cours" in detail
        assert "retour de DDETS (fiche du 15/03/2021, retour.xlsx)" in detail  # the historique says where it came from
        await appuyer(pilot, "P")  # presentation mode: the pilote who answered is masked like every pilote
        detail = " ".join(str(app.screen.query_one("#detail-texte", Static).render()).split())
        assert "retour de ••• (fiche du 15/03/2021, retour.xlsx)" in detail and "DDETS" not in detail
        await appuyer(pilot, "P")
        await appuyer(pilot, "ctrl+z")  # the whole import, in one step
        assert fiche.statuts() == statuts and fiche.comptes() == avant
        assert messages(app)[-1].startswith("Annulé : Retour de DDETS (fiche du 15/03/2021) importé")


async def test_echap_dans_l_apercu_n_ecrit_rien(app: SuiviApp, fiche: Fiche) -> None:
    retour = fiche.remplie()
    avant = fiche.comptes()
    async with ouvrir(app) as pilot:
        await _ouvrir_le_retour(pilot, retour)
        await appuyer(pilot, "escape")
        assert isinstance(app.screen, EcranPrincipal)
        assert messages(app)[-1] == "Import abandonné : rien n'a été écrit."
    assert fiche.comptes() == avant


async def test_les_commentaires_vont_au_comite_choisi_dans_le_dialogue(app: SuiviApp, fiche: Fiche) -> None:
    retour = fiche.remplie()
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "I")
        dialogue = app.screen
        dialogue.query_one("#chemin", Input).value = str(retour)
        comites = dialogue.query_one("#comite", Select)
        gusp = int(sql(app.db, "SELECT id FROM comite WHERE nom LIKE 'Gestion%'")[0][0])  # type: ignore[call-overload]
        comites.value = gusp
        await appuyer(pilot, "enter")
        assert isinstance(app.screen, RetourScreen)
        assert "Commentaires au journal du comité « Gestion urbaine et sociale de proximité (GUSP) », hors séance." in (
            str(app.screen.query_one("#retour-sous-titre").render())
        )
        await appuyer(pilot, "enter")
    assert sql(app.db, "SELECT comite_id FROM note WHERE retour_id IS NOT NULL") == [(gusp,)]
    # No séance open: the comment is in GUSP's journal « hors séance », written that day.
    assert sql(app.db, "SELECT n.seance_id, substr(n.cree_le, 1, 10) FROM note n WHERE n.retour_id IS NOT NULL") == [
        (None, TODAY.isoformat())
    ]


async def test_un_fichier_refuse_le_dit_et_ne_change_rien(app: SuiviApp, fiche: Fiche, tmp_path: Path) -> None:
    vide = tmp_path / "vide.xlsx"
    vide.write_bytes(b"")
    avant = fiche.comptes()
    async with ouvrir(app) as pilot:
        await _ouvrir_le_retour(pilot, vide)
        assert isinstance(app.screen, EcranPrincipal)
        assert messages(app)[-1] == "vide.xlsx est vide (0 octet) : ce n'est pas une fiche de suivi."
        await _ouvrir_le_retour(pilot, tmp_path / "absent.xlsx")
        assert isinstance(app.screen, ImportDialog)  # refused in the dialog itself
        assert "absent.xlsx n'existe pas." in str(app.screen.query_one("#erreur").render())
    assert fiche.comptes() == avant


async def test_importer_deux_fois_ne_change_rien_la_seconde(app: SuiviApp, fiche: Fiche) -> None:
    retour = fiche.remplie()
    async with ouvrir(app) as pilot:
        await _ouvrir_le_retour(pilot, retour)
        await appuyer(pilot, "enter")
        avant = fiche.comptes()
        await _ouvrir_le_retour(pilot, retour)
        assert [p[:3] for p in _propositions(app)] == ["[ ]"]  # only the conflict, still dropped
        await appuyer(pilot, "enter")
        assert messages(app)[-1] == "Aucun changement gardé : rien n'a été écrit."
    assert fiche.comptes() == avant


async def test_i_est_dans_l_aide_et_dans_la_palette(app: SuiviApp, fiche: Fiche) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "question_mark")
        sections = dict(app.screen.sections)  # type: ignore[attr-defined]
        assert dict(sections["Partout"])["I"].startswith("Importer le retour d'une fiche de suivi")
        apercu = dict(sections["Aperçu d'un retour de fiche (I)"])
        assert apercu["espace"].startswith("Garder ou écarter") and apercu["entrée"].startswith(
            "Écrire les changements"
        )
        assert apercu["échap"] == "Revenir sans rien écrire"
        await appuyer(pilot, "escape", "ctrl+p")
        await taper(pilot, "importer une fiche")
        await pilot.pause(0.3)
        await appuyer(pilot, "enter")
        await pilot.pause(0.2)
        await calme(pilot)
        assert isinstance(app.screen, ImportDialog)


async def test_x_propose_la_fiche_de_suivi_pour_une_partie_ou_un_pilote(app: SuiviApp, fiche: Fiche) -> None:
    async with ouvrir(app) as pilot:
        await appuyer(pilot, "x")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one("#format", Select).value = "fiche:xlsx"
        await calme(pilot)
        pour = app.screen.query_one("#pour", Select)
        assert pour.display
        assert [str(o[0]) for o in pour._options[1:]] == [  # the blank one first
            "partie « Ville d'Antony » · 37 engagements",
            "partie « État (services dans les Hauts-de-Seine… · 15 engagements",
            "pilote « DDETS » · 3 engagements",
        ]
        pour.value = "pilote:DDETS"
        await calme(pilot)
        chemin = Path(app.screen.query_one("#chemin", Input).value)
        assert chemin.name == "fiche-de-suivi-ddets-2021-03-15.xlsx"
        await appuyer(pilot, "enter")
        await calme(pilot)
    assert identifiants(chemin) == fiche.e
    assert openpyxl.load_workbook(chemin)["_suivi"].sheet_state == "veryHidden"
    assert any(str(chemin) in m for m in messages(app))


async def test_dans_l_apercu_la_palette_garde_ecarte_et_applique(app: SuiviApp, fiche: Fiche) -> None:
    retour = fiche.remplie()
    async with ouvrir(app) as pilot:
        await _ouvrir_le_retour(pilot, retour)
        for recherche in ("garder ou écarter", "appliquer les changements"):
            await appuyer(pilot, "ctrl+p")
            await taper(pilot, recherche)
            await pilot.pause(0.3)
            await appuyer(pilot, "enter")
            await pilot.pause(0.2)
            await calme(pilot)
        assert isinstance(app.screen, EcranPrincipal)
    assert fiche.statuts() == ["realise", "en_cours", "a_venir"]  # the conflict, kept from the palette, applied
