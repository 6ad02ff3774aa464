"""A one-line progress bar above the Footer, shown while a long task (an export) runs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class Progression(Horizontal):
    """Hidden until `commencer`; `avancer` takes a fraction from 0 to 1."""

    def compose(self) -> ComposeResult:
        yield Label("", id="progression-titre")
        yield ProgressBar(total=100, show_eta=False, id="progression-barre")

    def commencer(self, titre: str) -> None:
        self.query_one("#progression-titre", Label).update(titre)
        self.query_one(ProgressBar).update(progress=0)
        self.add_class("-visible")

    def avancer(self, fraction: float) -> None:
        self.query_one(ProgressBar).update(progress=round(100 * max(0.0, min(fraction, 1.0))))

    def finir(self) -> None:
        self.remove_class("-visible")
