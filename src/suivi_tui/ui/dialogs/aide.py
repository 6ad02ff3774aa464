"""The help screen: every key, by context, in two columns (key, what it does)."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from suivi_tui.ui.dialogs.base import Dialogue
from suivi_tui.ui.touches import liaisons

Sections = list[tuple[str, list[tuple[str, str]]]]


def grille_section(touches: list[tuple[str, str]], largeur_touche: int) -> Grid:
    """Keys on the left, descriptions on the right; a long description wraps in its own column."""
    cellules = [
        cellule
        for touche, description in touches
        for cellule in (
            Static(Content.styled(touche, "bold $accent"), classes="touche"),
            Static(Content(description), classes="description"),
        )
    ]
    grille = Grid(*cellules, classes="section")
    grille.styles.grid_columns = f"{largeur_touche + 2} 1fr"
    return grille


class AideScreen(Dialogue[None]):
    """Shows the keys; returns nothing."""

    TITRE = "Aide : les touches"
    AIDE = "[b]↑↓[/] [b]PgPréc PgSuiv[/] défiler · [b]?[/], [b]q[/] ou [b]Échap[/] fermer"

    DEFAULT_CSS = """
    AideScreen #dialogue { max-width: 96; }
    AideScreen VerticalScroll { height: auto; max-height: 70vh; }
    AideScreen .section-titre { text-style: bold; color: $primary; margin-top: 1; }
    AideScreen .section-titre.-premiere { margin-top: 0; }
    AideScreen .section { height: auto; grid-size: 2; grid-rows: auto; padding-left: 2; }
    AideScreen .section Static { height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("aide")

    def __init__(self, sections: Sections) -> None:
        super().__init__()
        self.sections = sections

    def contenu(self) -> ComposeResult:
        # One key column width for the whole screen, so every section lines up.
        largeur = max((cell_len(t) for _, touches in self.sections for t, _ in touches), default=0)
        with VerticalScroll(id="touches"):
            for numero, (titre, touches) in enumerate(self.sections):
                yield Static(titre, classes="section-titre" + (" -premiere" if numero == 0 else ""))
                yield grille_section(touches, largeur)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
