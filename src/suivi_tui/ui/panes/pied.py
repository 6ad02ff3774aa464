"""The Footer, with « ? Aide » and « q Quitter » always first: at 80 columns the tail is what gets cut."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

# Always visible, always in the same place, whatever the pane.
EN_TETE = ("question_mark", "q")


class PiedDePage(Footer):
    """Textual's Footer (the keys that apply where the focus is), reordered."""

    def compose(self) -> ComposeResult:
        cles: list[Widget] = list(super().compose())

        def rang(widget: Widget) -> int:
            # FooterKey is not public in Textual: its `key` attribute is what says which key it shows.
            cle = getattr(widget, "key", None)
            if cle in EN_TETE and not widget.has_class("-command-palette"):
                return EN_TETE.index(cle)
            return len(EN_TETE)

        yield from sorted(cles, key=rang)
