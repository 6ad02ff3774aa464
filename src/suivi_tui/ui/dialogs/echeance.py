"""The échéance form: a French date read live as it is typed, and an optional label."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Static

from suivi_tui.dates import DateFloue, DateInvalide, Precision, decrire, parse_date
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, ligne_libelle

EXEMPLES = "15/03/2021, T3 2021, fin 2022, dans 2 semaines"


@dataclass(frozen=True)
class EcheanceSaisie:
    date: datetime.date
    precision: Precision
    libelle: str


class EcheanceDialog(Dialogue[EcheanceSaisie]):
    """Returns the échéance typed, or None; an invalid date is never returned."""

    TITRE = "Nouvelle échéance"
    AIDE = "[b]Tab[/] champ suivant · [b]Entrée[/] enregistrer · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    EcheanceDialog #dialogue { max-width: 76; }
    EcheanceDialog Label { margin-top: 1; color: $text-muted; }
    EcheanceDialog #apercu { width: 1fr; height: auto; color: $text-muted; }
    EcheanceDialog #apercu.-valide { color: $success; text-style: bold; }
    EcheanceDialog #apercu.-invalide { color: $error; }
    """

    def __init__(self, libelle_engagement: str, today: datetime.date) -> None:
        super().__init__()
        self.libelle_engagement = libelle_engagement
        self.today = today

    def contenu(self) -> ComposeResult:
        yield ligne_libelle(self.libelle_engagement)
        yield Label("Date")
        yield ChampTexte(placeholder=EXEMPLES, id="date")
        yield Static("Tapez une date : elle est lue au fur et à mesure.", id="apercu")
        yield Label("Libellé (facultatif)")
        yield ChampTexte(placeholder="ex. : bilan au comité de pilotage", id="libelle")

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    def _lire(self) -> DateFloue | DateInvalide:
        try:
            return parse_date(self.query_one("#date", Input).value, self.today)
        except DateInvalide as erreur:
            return erreur

    def _montrer(self, lu: DateFloue | DateInvalide) -> None:
        apercu = self.query_one("#apercu", Static)
        valide = isinstance(lu, DateFloue)
        apercu.update(Content(decrire(lu) if isinstance(lu, DateFloue) else lu.message))
        apercu.set_class(valide, "-valide")
        apercu.set_class(not valide, "-invalide")

    @on(Input.Changed, "#date")
    def _relire(self, event: Input.Changed) -> None:
        event.stop()
        if event.value.strip():
            self._montrer(self._lire())
        else:
            # An empty field is not yet a mistake: no red before the user has typed anything.
            apercu = self.query_one("#apercu", Static)
            apercu.update(f"Exemples : {EXEMPLES}.")
            apercu.remove_class("-valide", "-invalide")

    @on(Input.Submitted)
    def _enregistrer(self, event: Input.Submitted) -> None:
        event.stop()
        lu = self._lire()
        self._montrer(lu)
        if isinstance(lu, DateInvalide):
            self.query_one("#date", Input).focus()
            return
        libelle = " ".join(self.query_one("#libelle", Input).value.split())
        self.dismiss(EcheanceSaisie(lu.date, Precision(lu.precision), libelle))
