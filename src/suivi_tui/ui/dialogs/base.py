"""What every dialog shares: the centred frame, its title, the key hint line, escape to cancel."""

from __future__ import annotations

from collections.abc import Hashable
from contextlib import suppress
from typing import ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Mount
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioButton, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from suivi_tui.ui.champs import CaseVisible
from suivi_tui.ui.touches import liaisons

V = TypeVar("V")
D = TypeVar("D", bound="Dialogue[object]")

Brouillon = dict[str, object]  # a dialog's fields by id: texts, boxes, choices


@runtime_checkable
class GardeBrouillons(Protocol):
    """The app keeps, for the session, what was typed in a dialog closed with escape."""

    brouillons: dict[Hashable, Brouillon]


# The frame's id, shared by every dialog so that the app and the tests can find it.
CADRE_ID = "dialogue"


class CaseEspace(CaseVisible, inherit_bindings=False):
    """A checkbox toggled by space only, so that enter stays the dialog's « do it » key."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("case")


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
    /* Docked: on a short terminal the fields shrink, the line that says how to save stays. */
    Dialogue .dialogue-aide {
        dock: bottom;
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
        width: 1fr;  /* wrapped at 80 columns rather than cut */
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("dialogue")

    cle_brouillon: Hashable | None = None
    _initial: Brouillon

    def brouillon_sous(self: D, cle: Hashable) -> D:
        """Keep what escape leaves typed under `cle` (what the dialog acts on), and give it back on reopening."""
        self.cle_brouillon = cle
        return self

    def compose(self) -> ComposeResult:
        with Vertical(id=CADRE_ID):
            yield Label(self.titre(), classes="dialogue-titre")
            yield from self.contenu()
            yield Static(Content.from_markup(self.aide()), classes="dialogue-aide")

    def titre(self) -> str:
        """The title line; a dialog whose title depends on its data overrides it."""
        return self.TITRE

    def aide(self) -> str:
        """The key hint line (markup); a dialog whose keys depend on its data overrides it."""
        return self.AIDE

    def contenu(self) -> ComposeResult:
        """The dialog's own widgets, between the title and the hint line."""
        yield from ()

    def action_annuler(self) -> None:
        self._garder_brouillon()
        self.dismiss(None)

    def dismiss(self, result: V | None = None) -> AwaitComplete:
        if result is not None and (brouillons := self._brouillons()) is not None:
            brouillons.pop(self.cle_brouillon, None)  # done with: the next opening starts afresh
        return super().dismiss(result)

    # --- drafts: escape never throws typed text away -----------------------------------------------

    def _brouillons(self) -> dict[Hashable, Brouillon] | None:
        if self.cle_brouillon is None or not isinstance(self.app, GardeBrouillons):
            return None
        return self.app.brouillons

    def _valeurs(self) -> Brouillon:
        valeurs: Brouillon = {}
        for widget in self.query("Input, TextArea, Checkbox, RadioButton, Select"):
            if widget.id is None:
                continue
            if isinstance(widget, TextArea):
                valeurs[f"#{widget.id}"] = widget.text
            elif isinstance(widget, Input | Checkbox | RadioButton | Select):
                valeurs[f"#{widget.id}"] = widget.value
        return valeurs

    @on(Mount)
    def _reprendre_brouillon(self) -> None:
        self._initial = self._valeurs()
        brouillons = self._brouillons()
        brouillon = brouillons.pop(self.cle_brouillon, None) if brouillons is not None else None
        if not brouillon:
            return
        for selecteur, valeur in brouillon.items():
            for widget in self.query(selecteur):
                if isinstance(widget, TextArea) and isinstance(valeur, str):
                    widget.text = valeur
                    widget.move_cursor(widget.document.end)
                elif isinstance(widget, Input) and isinstance(valeur, str):
                    widget.value = valeur
                    widget.cursor_position = len(valeur)
                elif isinstance(widget, Checkbox | RadioButton | Select):
                    # A comité gone since (another window) leaves the choice as it opened.
                    with suppress(InvalidSelectValueError):
                        widget.value = valeur
        self.notify("Brouillon repris : le texte laissé par échap est revenu.", title="Brouillon")

    def _garder_brouillon(self) -> None:
        brouillons = self._brouillons()
        if brouillons is None:
            return
        valeurs = self._valeurs()
        textes_changes = [
            cle
            for cle, valeur in valeurs.items()
            if isinstance(valeur, str) and valeur.strip() and valeur != self._initial.get(cle)
        ]
        if textes_changes:
            brouillons[self.cle_brouillon] = valeurs
            self.notify("Brouillon gardé : rouvrez ce dialogue pour le reprendre.", title="Brouillon")


def ligne_libelle(texte: str) -> Static:
    """One line of context (the engagement acted on), cut with « … » by the CSS when too long."""
    return Static(Content(" ".join(texte.split())), classes="dialogue-libelle")


def afficher_erreur(widget: Static, message: str) -> None:
    """Show (or, with "", hide) a French error line under the fields."""
    widget.update(Content(message))
    widget.set_class(not message, "-vide")
