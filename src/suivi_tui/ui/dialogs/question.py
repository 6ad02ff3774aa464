"""A yes-or-no question after a change: `o` or `entrée` says yes, `n` or `échap` no (nothing is done)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Static

from suivi_tui.ui.dialogs.base import Dialogue
from suivi_tui.ui.touches import liaisons


class QuestionDialog(Dialogue[bool]):
    """Returns True for yes, None for no; the title is the one given (TITRE when none)."""

    TITRE = "Confirmer"

    AIDE = "[b]o[/] ou [b]Entrée[/] oui · [b]n[/] ou [b]Échap[/] non"

    BINDINGS: ClassVar[list[BindingType]] = liaisons("question")

    def __init__(self, titre: str, question: str, details: list[str] | None = None) -> None:
        super().__init__()
        self._titre, self.question, self.details = titre or self.TITRE, question, details or []

    def titre(self) -> str:
        return self._titre

    def contenu(self) -> ComposeResult:
        yield Static(Content(self.question))
        if self.details:
            yield Static(Content("\n".join(f"  • {d}" for d in self.details)))

    def action_oui(self) -> None:
        self.dismiss(True)
