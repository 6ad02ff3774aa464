"""The Footer, with « ? Aide » and « q Quitter » always first: at 80 columns the tail is what gets cut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

# Always visible, always in the same place, whatever the pane.
EN_TETE = ("question_mark", "q")
LARGEUR_ETROITE = 110  # below it: the labels only, no palette hint (the main screen's breakpoint too)


class PiedDePage(Footer):
    """Textual's Footer (the keys that apply where the focus is), reordered, and rebuilt only when they change.

    Textual's Footer rebuilds all its keys (about 15 ms) at every change of bindings, once per change:
    opening the main screen makes six (the screen, the focus, the first engagement, the échéances…),
    which delayed its first full frame by 130 ms. Here the changes of one turn make one rebuild, and
    none when the keys shown are the same.
    """

    def __init__(self) -> None:
        super().__init__()
        self._prevu = False
        self._montre: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        cles: list[Widget] = list(super().compose())

        def rang(widget: Widget) -> int:
            # FooterKey is not public in Textual: its `key` attribute is what says which key it shows.
            cle = getattr(widget, "key", None)
            if cle in EN_TETE and not widget.has_class("-command-palette"):
                return EN_TETE.index(cle)
            return len(EN_TETE)

        ordonnees = sorted(cles, key=rang)
        if not self.compact or not self.size.width:
            yield from ordonnees
            return
        # Narrow: only the keys that fit whole. A key cut in the middle (« ^z Ann ») says nothing;
        # the ones left out are in `?` and the palette.
        place = self.size.width
        for widget in ordonnees:
            largeur = _largeur(widget)
            if largeur > place:
                break
            place -= largeur
            yield widget

    def on_resize(self) -> None:
        # Every screen's footer (the main one, the lists, the bilan): compact below LARGEUR_ETROITE.
        etroit = self.size.width < LARGEUR_ETROITE
        self.compact, self.show_command_palette = etroit, not etroit
        if self.is_attached:
            self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Footer's own flag (private in Textual): compose shows nothing until the first change.
        self._bindings_ready = True
        if self._prevu or not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        self._prevu = True
        # call_next, not Footer's call_after_refresh: rebuilt before the next frame is painted, not after it.
        self.call_next(self._reconstruire)

    async def _reconstruire(self) -> None:
        self._prevu = False
        montre = self._signature()
        if montre != self._montre:
            self._montre = montre
            await self.recompose()

    def _signature(self) -> tuple[object, ...]:
        """What compose would show: the keys, their labels, enabled or not, and the footer's mode."""
        cles = tuple(
            (b.key, b.action, b.description, b.tooltip, actif, aide)
            for (_, b, actif, aide) in self.screen.active_bindings.values()
            if b.show
        )
        return (cles, self.compact, self.show_command_palette, self.size.width if self.compact else 0)


def _largeur(widget: Widget) -> int:
    """The cells a compact footer key takes: « ^z Annuler » and the space after it."""
    cle, description = getattr(widget, "key_display", ""), getattr(widget, "description", "")
    return len(cle) + len(description) + 2
