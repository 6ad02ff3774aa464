"""The pilote form: one field, completed from the pilotes already named in the contrat."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from suivi_tui.services.saisie import SaisieInvalide, pilote_valide
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur, ligne_libelle


class PiloteDialog(Dialogue[str]):
    """Returns the pilote typed ("" removes it), or None."""

    TITRE = "Pilote de l'engagement"
    AIDE = "[b]→[/] compléter · [b]Entrée[/] valider (vide = retirer) · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    PiloteDialog Input { margin-top: 1; }
    """

    def __init__(self, actuel: str | None, suggestions: list[str], libelle: str) -> None:
        super().__init__()
        self.actuel = actuel or ""
        # Distinct names, case-insensitively: « marie dupont » and « Marie Dupont » are one pilote.
        distincts: dict[str, str] = {}
        for nom in suggestions:
            if nom.strip():
                distincts.setdefault(nom.casefold(), nom)
        self.suggestions = list(distincts.values())
        self.libelle = libelle

    def contenu(self) -> ComposeResult:
        yield ligne_libelle(self.libelle)
        yield ChampTexte(
            self.actuel,
            placeholder="Nom du pilote (service, personne…)",
            suggester=SuggestFromList(self.suggestions, case_sensitive=False),
            id="pilote",
        )
        yield Static(classes="dialogue-erreur -vide")

    @on(Input.Submitted, "#pilote")
    def _valider(self, event: Input.Submitted) -> None:
        event.stop()
        # Refused here, with the text kept, rather than after the dialog has closed.
        try:
            nom = pilote_valide(event.value)
        except SaisieInvalide as exc:
            afficher_erreur(self.query_one(".dialogue-erreur", Static), exc.message)
            return
        self.dismiss(nom or "")
