"""What every dialog shares: the centred frame, its title, the key hint line, escape to cancel."""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Label, Static

V = TypeVar("V")

# The frame's id, shared by every dialog so that the app and the tests can find it.
CADRE_ID = "dialogue"


class CaseEspace(Checkbox, inherit_bindings=False):
    """A checkbox toggled by space only, so that enter stays the dialog's « do it » key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "Cocher", show=False, tooltip="Cocher ou décocher", id="dialogue.cocher"),
    ]


class Dialogue(ModalScreen[V | None], Generic[V]):
    """A modal frame: a title, the dialog's own widgets, then one line listing its keys.

    Subclasses set TITRE and AIDE (markup) and yield their widgets from `contenu()`;
    they return their value with `dismiss(value)`; escape returns None.
    """

    TITRE: ClassVar[str] = ""
    AIDE: ClassVar[str] = ""

    DEFAULT_CSS = """
    Dialogue {
        align: center middle;
        background: $background 60%;
    }
    Dialogue #dialogue {
        width: 90%;
        max-width: 72;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    Dialogue .dialogue-titre {
        width: 1fr;
        text-style: bold;
        color: $primary;
        content-align: center middle;
        margin-bottom: 1;
    }
    Dialogue .dialogue-aide {
        width: 1fr;
        height: auto;
        margin-top: 1;
        color: $text-muted;
    }
    Dialogue .dialogue-libelle {
        width: 1fr;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    Dialogue .dialogue-erreur {
        width: 1fr;
        color: $error;
    }
    Dialogue .dialogue-erreur.-vide {
        display: none;
    }
    Dialogue .dialogue-etiquette {
        width: auto;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "annuler", "Annuler", tooltip="Fermer sans rien changer", id="dialogue.annuler"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id=CADRE_ID):
            yield Label(self.TITRE, classes="dialogue-titre")
            yield from self.contenu()
            yield Static(Content.from_markup(self.aide()), classes="dialogue-aide")

    def aide(self) -> str:
        """The key hint line (markup); a dialog whose keys depend on its data overrides it."""
        return self.AIDE

    def contenu(self) -> ComposeResult:
        """The dialog's own widgets, between the title and the hint line."""
        yield from ()

    def action_annuler(self) -> None:
        self.dismiss(None)


def ligne_libelle(texte: str) -> Static:
    """One line of context (the engagement acted on), cut with « … » by the CSS when too long."""
    return Static(Content(" ".join(texte.split())), classes="dialogue-libelle")


def afficher_erreur(widget: Static, message: str) -> None:
    """Show (or, with "", hide) a French error line under the fields."""
    widget.update(Content(message))
    widget.set_class(not message, "-vide")
