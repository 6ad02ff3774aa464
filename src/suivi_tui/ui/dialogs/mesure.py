"""The mesure form (v): which indicator, the day (today unless said), the value, a comment."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Input, Label, Select, Static

from suivi_tui.dates import DateInvalide, format_date, parse_jour
from suivi_tui.services.indicateurs import IndicateurInfo, lire_valeur, resume
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur, ligne_libelle
from suivi_tui.ui.touches import liaisons


@dataclass(frozen=True)
class MesureSaisie:
    indicateur_id: int
    date: datetime.date
    valeur: float
    commentaire: str


class _ChoixIndicateur(Select[int], inherit_bindings=False):
    """The indicator list; enter is the dialog's (record), space or arrows open the list."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("choix_indicateur")


class MesureDialog(Dialogue[MesureSaisie]):
    """Returns the mesure typed, or None; a value that is not a number or a bad day is never returned."""

    TITRE = "Saisir une mesure"
    AIDE = (
        "[b]Tab[/] champ suivant · [b]Espace[/] choisir l'indicateur · [b]Entrée[/] enregistrer · [b]Échap[/] annuler"
    )

    BINDINGS: ClassVar[list[BindingType]] = liaisons("mesure")

    DEFAULT_CSS = """
    MesureDialog #dialogue { max-width: 80; }
    MesureDialog Label { margin-top: 1; color: $text-muted; }
    MesureDialog Input, MesureDialog Select { background: $boost; }
    MesureDialog #situation { width: 1fr; height: auto; color: $text-muted; }
    """

    def __init__(self, libelle: str, indicateurs: tuple[IndicateurInfo, ...], today: datetime.date) -> None:
        super().__init__()
        self.libelle = libelle
        self.indicateurs = {i.id: i for i in indicateurs}
        self.today = today

    def contenu(self) -> ComposeResult:
        yield ligne_libelle(self.libelle)
        yield Label("Indicateur")
        choix = [(self._nom(i), i.id) for i in self.indicateurs.values()]
        yield _ChoixIndicateur(choix, value=choix[0][1], allow_blank=False, id="indicateur", compact=True)
        yield Static("", id="situation")
        yield Label("Valeur")
        yield ChampTexte(placeholder="ex. : 62 ou 12,5", id="valeur", compact=True)
        yield Label("Au (jour de la mesure)")
        yield ChampTexte(format_date(self.today), id="date", compact=True)
        yield Label("Commentaire (facultatif)")
        yield ChampTexte(placeholder="ex. : chiffre provisoire, source CAF", id="commentaire", compact=True)
        yield Static("", classes="dialogue-erreur -vide")

    @staticmethod
    def _nom(i: IndicateurInfo) -> str:
        unite = f" ({i.unite})" if i.unite else ""
        return f"{i.libelle}{unite}" if i.porteur == "engagement" else f"{i.libelle}{unite} — {i.porteur}"

    def on_mount(self) -> None:
        self._situer()
        # One indicator: nothing to choose, the value first.
        self.query_one("#valeur" if len(self.indicateurs) == 1 else "#indicateur").focus()

    @on(Select.Changed, "#indicateur")
    def _situer(self, event: Select.Changed | None = None) -> None:
        if event is not None:
            event.stop()
        valeur = self.query_one("#indicateur", Select).value
        indicateur = self.indicateurs.get(valeur) if isinstance(valeur, int) else None
        self.query_one("#situation", Static).update(resume(indicateur) if indicateur else "")

    @on(Input.Submitted)
    def _valide(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_enregistrer()

    def saisie(self) -> MesureSaisie | str:
        """The mesure the fields describe, or the French reason it cannot be recorded."""
        indicateur = self.query_one("#indicateur", Select).value
        if not isinstance(indicateur, int):
            return "Choisissez l'indicateur."
        texte = self.query_one("#valeur", Input).value
        if not texte.strip():
            return "Indiquez la valeur mesurée."
        try:
            valeur = lire_valeur(texte)
            jour = parse_jour(self.query_one("#date", Input).value or format_date(self.today), self.today)
        except (SaisieInvalide, DateInvalide) as erreur:
            return erreur.message
        return MesureSaisie(indicateur, jour, valeur, self.query_one("#commentaire", Input).value)

    def action_enregistrer(self) -> None:
        resultat = self.saisie()
        if isinstance(resultat, str):
            afficher_erreur(self.query_one(".dialogue-erreur", Static), resultat)
            return
        self.dismiss(resultat)
