"""The new-comité form: a name (required, not already taken) and a description."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur


@dataclass(frozen=True)
class ComiteSaisie:
    nom: str
    description: str


def _cle(nom: str) -> str:
    return " ".join(nom.split()).casefold()


class ComiteDialog(Dialogue[ComiteSaisie]):
    """Returns the new comité, or None; an empty or existing name is refused."""

    TITRE = "Nouveau comité"
    AIDE = "[b]Tab[/] champ suivant · [b]Entrée[/] créer · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    ComiteDialog Label { color: $text-muted; }
    ComiteDialog #description-label { margin-top: 1; }
    ComiteDialog .dialogue-erreur { margin-top: 1; }
    """

    def __init__(self, existants: list[str]) -> None:
        super().__init__()
        self.existants = {_cle(nom): nom for nom in existants}

    def contenu(self) -> ComposeResult:
        yield Label("Nom du comité")
        yield ChampTexte(placeholder="ex. : CT Tranquillité publique", id="nom")
        yield Label("Description (facultative)", id="description-label")
        yield ChampTexte(placeholder="thème, services et partenaires réunis…", id="description")
        yield Static(classes="dialogue-erreur -vide")

    def on_mount(self) -> None:
        self.query_one("#nom", Input).focus()

    def _refus(self, nom: str) -> str:
        if not nom:
            return "Le nom du comité est obligatoire."
        existant = self.existants.get(_cle(nom))
        if existant is not None:
            return f"Le comité « {existant} » existe déjà : choisissez un autre nom."
        return ""

    @on(Input.Submitted)
    def _creer(self, event: Input.Submitted) -> None:
        event.stop()
        nom = " ".join(self.query_one("#nom", Input).value.split())
        refus = self._refus(nom)
        afficher_erreur(self.query_one(".dialogue-erreur", Static), refus)
        if refus:
            self.query_one("#nom", Input).focus()
            return
        description = " ".join(self.query_one("#description", Input).value.split())
        self.dismiss(ComiteSaisie(nom, description))
