"""The fields of every dialog: what a paste puts in text fields, boxes and buttons whose state shows without colour.

A paste reaches a field as one Paste event (ui/collage.py removed the terminal's escape sequences
from it). Its control characters are removed here too, so that the field shows what will be saved.
A one-line field joins the lines of a multi-line paste with spaces and says so (Textual's Input
keeps the first line and drops the rest without a word); the note's text area keeps its lines.
"""

from __future__ import annotations

from textual import events
from textual.binding import BindingsMap
from textual.widgets import Checkbox, Input, RadioButton, TextArea

from suivi_tui.services.saisie import nettoyer_saisie


def lignes_collees(texte: str) -> list[str]:
    """The non-empty lines of a pasted text, cleaned of control characters, ends trimmed."""
    lignes = nettoyer_saisie(texte.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return [ligne.strip() for ligne in lignes if ligne.strip()]


class EditionEnOrdre:
    """Mixed into a text field: the keys it binds itself (backspace, arrows, ctrl+u…) act in the order typed.

    Textual runs a widget's bindings when the key comes back up to the app, after the keys already
    queued behind it have been typed in: in one burst (a macro, a slow SSH link, `tmux send-keys`),
    « AB⌫C » gave « AB » and « ctrl+u AB » an empty field. Here they run when they arrive.
    """

    _bindings: BindingsMap

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, []):
            # run_action says False when the action skipped (↓ in a field that cannot scroll): the
            # key then goes on to the dialog or the screen, as Textual would send it.
            if await self.app.run_action(binding.action, self):  # type: ignore[attr-defined]
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)  # type: ignore[misc]


class ChampTexte(EditionEnOrdre, Input):
    """A one-line field: a multi-line paste is joined with spaces, and a toast says so."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler (first line only) must not run after this one
        event.stop()
        lignes = lignes_collees(event.text)
        if not lignes:
            return
        texte = " ".join(lignes)
        if self.selection.is_empty:
            self.insert_text_at_cursor(texte)
        else:
            self.replace(texte, *self.selection)
        if len(lignes) > 1:
            self.notify(
                f"Le texte collé tenait sur {len(lignes)} lignes : ce champ n'en a qu'une, "
                "elles sont jointes par des espaces.",
                title="Collage",
            )


class ZoneTexte(EditionEnOrdre, TextArea):
    """A text of several lines (a note): a paste keeps its lines, without control characters."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if self.read_only:
            return
        texte = nettoyer_saisie(event.text.replace("\r\n", "\n").replace("\r", "\n"))
        if resultat := self._replace_via_keyboard(texte, *self.selection):
            self.move_cursor(resultat.end_location)


class CaseVisible(Checkbox):
    """A checkbox whose state shows without colour: « ✓ » ticked, an empty box otherwise.

    Textual draws « X » in both states and tells them apart by colour only, which a projector or a
    dim theme loses: an unticked « Confidentielle » looked ticked.
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "✓" if self.value else " "


class BoutonRadioVisible(RadioButton):
    """A radio button whose choice shows without colour: « ● » chosen, empty otherwise."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "
