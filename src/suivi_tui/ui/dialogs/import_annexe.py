"""« Importer une annexe » (touche i) : un chemin complété sur le disque, l'aperçu de l'arbre lu, puis l'import.

Le fichier est lu et l'import simulé (annulé) dans un fil : l'aperçu montre l'arbre qui serait
importé et ce qui changerait dans la base. `entrée` importe ce qui est montré ; `échap` ferme
sans rien écrire. L'import lui-même est confié à l'application (``importer``), qui rouvre le
contrat importé.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Label, Static
from textual.worker import get_current_worker

from suivi_tui.annexe import AnnexeIllisible
from suivi_tui.services.apercu import Apercu
from suivi_tui.services.seed import SourceLue
from suivi_tui.ui.affichage import raison
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur
from suivi_tui.ui.touches import liaisons

if TYPE_CHECKING:
    from suivi_tui.ui.protocoles import AppSuivi

EXTENSIONS = (".pdf", ".docx", ".odt", ".md", ".txt")
ENTREES_MAX = 2000  # a folder read for completion: the first ones are enough


class SuggereChemins(Suggester):
    """Complète un chemin sur le disque : dossiers (suivis de « / ») et fichiers d'annexe, comme un shell."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)  # the disk changes; « Annexe.pdf » ≠ « annexe.pdf »

    async def get_suggestion(self, value: str) -> str | None:
        return completer(value)


def completer(saisie: str) -> str | None:
    """La saisie prolongée jusqu'au premier dossier ou fichier d'annexe qui commence ainsi, ou None."""
    if not saisie:
        return None
    chemin = Path(saisie).expanduser()
    dossier, debut = (chemin, "") if saisie.endswith(os.sep) else (chemin.parent, chemin.name)
    try:
        with os.scandir(dossier) as entrees:
            noms = []
            for rang, entree in enumerate(entrees):
                if rang >= ENTREES_MAX:
                    break
                if not entree.name.startswith(debut) or (entree.name.startswith(".") and not debut.startswith(".")):
                    continue
                if entree.is_dir():
                    noms.append((0, entree.name + os.sep))
                elif entree.name.lower().endswith(EXTENSIONS):
                    noms.append((1, entree.name))
    except OSError:
        return None
    if not noms:
        return None
    _, nom = min(noms)
    suite = nom[len(debut) :]
    return saisie + suite if suite else None


class ChampChemin(ChampTexte):
    """Le champ du chemin : `tab` accepte la complétion proposée (sinon passe au champ suivant)."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("champ_chemin")

    def action_completer(self) -> None:
        # From the text as it is now: the suggestion shown is computed in the background, and is not
        # there yet when tab comes in the same burst as the letters (a paste, a macro, `tmux send-keys`).
        complete = completer(self.value)
        if complete and complete != self.value:
            self.value = complete
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()


class ImportDialog(Dialogue[SourceLue]):
    """Rend l'annexe lue (``SourceLue``) à importer, ou None (échap)."""

    TITRE = "Importer une annexe"
    AIDE = (
        "[b]Tab[/] compléter le chemin · [b]Entrée[/] aperçu, puis importer · "
        "[b]↑↓[/] défiler l'aperçu · [b]Échap[/] annuler"
    )

    BINDINGS: ClassVar[list[BindingType]] = liaisons("import_annexe")

    DEFAULT_CSS = """
    ImportDialog #dialogue { max-width: 110; height: 90%; }
    ImportDialog .import-etiquette { color: $text-muted; }
    ImportDialog #etat { width: 1fr; color: $accent; }
    ImportDialog #apercu-defilant { height: 1fr; min-height: 5; border: round $panel; }
    ImportDialog #apercu { width: 1fr; }
    """

    def __init__(self, apercevoir: Callable[[Path, int], Apercu], chemin_initial: str) -> None:
        super().__init__()
        self.apercevoir = apercevoir
        self.chemin_initial = chemin_initial
        self.apercu: Apercu | None = None
        self.chemin_lu: Path | None = None  # the file the preview shown was read from

    def contenu(self) -> ComposeResult:
        yield Label("Fichier : PDF, Word (.docx), OpenDocument (.odt), Markdown ou texte", classes="import-etiquette")
        yield ChampChemin(self.chemin_initial, id="chemin", suggester=SuggereChemins(), select_on_focus=False)
        yield Static("", id="erreur", classes="dialogue-erreur -vide")
        yield Static(Content("Tapez le chemin du fichier, puis entrée pour voir ce qui serait importé."), id="etat")
        with VerticalScroll(id="apercu-defilant", can_focus=True):
            yield Static("", id="apercu")

    def on_mount(self) -> None:
        champ = self.query_one("#chemin", Input)
        champ.focus()
        champ.cursor_position = len(champ.value)

    def action_defiler(self, lignes: int) -> None:
        defilant = self.query_one("#apercu-defilant", VerticalScroll)
        defilant.scroll_to(y=defilant.scroll_y + lignes, animate=False)

    def _chemin(self) -> Path | None:
        texte = self.query_one("#chemin", Input).value.strip()
        return Path(texte).expanduser() if texte else None

    @on(Input.Changed, "#chemin")
    def _chemin_change(self, event: Input.Changed) -> None:
        event.stop()
        afficher_erreur(self.query_one("#erreur", Static), "")
        if self.apercu is not None and self._chemin() != self.chemin_lu:
            self.apercu, self.chemin_lu = None, None
            self.query_one("#apercu", Static).update("")
            self._etat("Entrée : lire ce fichier et voir ce qui serait importé.")

    @on(Input.Submitted, "#chemin")
    def _chemin_valide(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_valider()

    def action_valider(self) -> None:
        chemin = self._chemin()
        if chemin is None:
            afficher_erreur(self.query_one("#erreur", Static), "Indiquez le fichier de l'annexe.")
            return
        if self.apercu is not None and chemin == self.chemin_lu:
            self.dismiss(self.apercu.source)
            return
        if chemin.is_dir():
            afficher_erreur(self.query_one("#erreur", Static), f"{chemin} est un dossier : choisissez un fichier.")
            return
        self._etat(f"Lecture de {chemin.name}…")
        self.query_one("#apercu", Static).update("")
        largeur = max(40, self.query_one("#apercu-defilant").size.width - 2)
        self._lire(chemin, largeur)

    def _etat(self, texte: str) -> None:
        self.query_one("#etat", Static).update(Content(texte))

    @work(thread=True, exclusive=True, group="apercu", exit_on_error=False)
    def _lire(self, chemin: Path, largeur: int) -> None:
        try:
            apercu = self.apercevoir(chemin, largeur)
        except AnnexeIllisible as erreur:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._refus, str(erreur))
            return
        except Exception as erreur:  # the base refused the simulation: say it, never a traceback
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._refus, f"Aperçu impossible : {raison(erreur)}")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._montrer, chemin, apercu)

    def _refus(self, message: str) -> None:
        self._etat("Rien n'a été importé.")
        afficher_erreur(self.query_one("#erreur", Static), f"Annexe refusée : {message}")

    def _montrer(self, chemin: Path, apercu: Apercu) -> None:
        if self._chemin() != chemin:
            return  # the path was changed meanwhile: this preview is not of it
        self.apercu, self.chemin_lu = apercu, chemin
        self.query_one("#apercu", Static).update(Content("\n".join(apercu.lignes)))
        self.query_one("#apercu-defilant").scroll_home(animate=False)
        annexe = apercu.source.annexe
        engagements = sum(len(axe.engagements) for axe in annexe.axes)
        self._etat(f"Entrée : importer « {annexe.titre} » ({engagements} engagements) · Échap : annuler")


def ouvrir_import(suivi: AppSuivi, push: Callable[..., object]) -> None:
    """Ouvre le dialogue ; l'annexe choisie est importée par l'application, dans un fil."""
    from functools import partial

    from suivi_tui.services.apercu import apercevoir
    from suivi_tui.ui.dialogs.export import dossier_documents

    def choisi(source: SourceLue | None) -> None:
        if source is not None:
            suivi.importer_annexe(source)

    push(ImportDialog(partial(apercevoir, suivi.db), f"{dossier_documents()}{os.sep}"), choisi)
