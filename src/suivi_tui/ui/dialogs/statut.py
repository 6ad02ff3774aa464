"""The statut picker: the six statuts numbered 1 to 6, chosen with a digit or arrows + enter."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from suivi_tui.services.vocabulaire import STATUTS
from suivi_tui.ui.dialogs.base import Dialogue, ligne_libelle
from suivi_tui.ui.touches import liaisons

# The same colours as the engagements table, so a statut is recognised at a glance.
COULEURS_STATUT: dict[str, str] = {
    "a_venir": "dim",
    "en_cours": "$primary",
    "realise": "$success",
    "en_pause": "$warning",
    "bloque": "$error",
    "abandonne": "$foreground-muted strike",
}


class StatutDialog(Dialogue[str]):
    """Returns the chosen statut code, or None."""

    TITRE = "Changer le statut"
    AIDE = "[b]1[/]–[b]6[/] choisir · [b]↑↓[/] [b]j k[/] parcourir · [b]Entrée[/] valider · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    StatutDialog OptionList { height: auto; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("statut")

    def __init__(self, actuel: str, libelle: str) -> None:
        super().__init__()
        self.actuel = actuel
        self.libelle = libelle

    def contenu(self) -> ComposeResult:
        yield ligne_libelle(self.libelle)
        yield OptionList(*(self._option(n, code) for n, code in enumerate(STATUTS, 1)), id="statuts")

    def _option(self, numero: int, code: str) -> Option:
        prompt = Content.assemble(f"{numero}  ", (STATUTS[code], COULEURS_STATUT[code]))
        if code == self.actuel:
            prompt = Content.assemble(prompt, ("  ← actuel", "italic $foreground-muted"))
        return Option(prompt, id=code)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        codes = list(STATUTS)
        options.highlighted = codes.index(self.actuel) if self.actuel in codes else 0
        options.focus()

    def action_choisir(self, code: str) -> None:
        self.dismiss(code)

    def action_deplacer(self, pas: int) -> None:
        options = self.query_one(OptionList)
        if pas > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(OptionList.OptionSelected, "#statuts")
    def _valider(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(event.option.id)
