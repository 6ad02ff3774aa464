"""The séance form: which comité meets (or a new one), on which day (read live), where, and who is there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from suivi_tui.dates import DateInvalide, format_date, parse_jour
from suivi_tui.services.seances.journal import ComiteResume
from suivi_tui.services.seances.registre import SeanceResume
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur
from suivi_tui.ui.dialogs.comite import ComiteSaisie
from suivi_tui.ui.touches import liaisons

NOUVEAU = -1  # the Select's value for the comité created in this form (written when the séance opens)


@dataclass(frozen=True)
class SeanceSaisie:
    """The séance to open: an existing comité (comite_id) or the one to create first (nouveau_comite)."""

    comite_id: int | None
    nouveau_comite: ComiteSaisie | None
    date: dt.date
    lieu: str
    participants: str


def lire_jour(texte: str, today: dt.date) -> dt.date | str:
    """The day typed, or the French reason it is not one (a séance happens on a day, not in « mars 2021 »)."""
    try:
        return parse_jour(texte, today)
    except DateInvalide as erreur:
        return erreur.message


class _ChoixComite(Select[int], inherit_bindings=False):
    """The comité list; enter is left to the form (open the séance), space or arrows open the list."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("choix_comite")


class _BoutonSouris(Button, can_focus=False):
    """Out of the tab order: `+` is the keyboard's way to create a comité, this button the mouse's."""


class SeanceDialog(Dialogue[SeanceSaisie]):
    """Returns the séance to open, or None; an unreadable date or a missing comité is refused."""

    TITRE = "Ouvrir une séance"
    AIDE = (
        "[b]↓[/] choisir le comité · [b]+[/] nouveau comité · [b]Tab[/] champ suivant · [b]Entrée[/] ouvrir"
        " · [b]Échap[/] annuler"
    )

    DEFAULT_CSS = """
    SeanceDialog #dialogue { max-width: 80; }
    SeanceDialog .ligne { height: 1; margin-top: 1; }
    SeanceDialog .ligne Label { width: 14; color: $text-muted; }
    SeanceDialog Select, SeanceDialog Input { width: 1fr; }
    SeanceDialog #plus { margin-left: 1; min-width: 0; }
    SeanceDialog #apercu { width: 1fr; height: auto; color: $text-muted; padding-left: 14; }
    SeanceDialog #apercu.-valide { color: $success; text-style: bold; }
    SeanceDialog #apercu.-invalide { color: $error; }
    SeanceDialog #conclusion { height: auto; margin-top: 1; }
    SeanceDialog #conclusion .dialogue-erreur { width: 1fr; }
    SeanceDialog #conclusion .dialogue-erreur.-vide { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("seance")

    def __init__(
        self,
        comites: Sequence[ComiteResume],
        comite_defaut: int | None,
        today: dt.date,
        seances: Sequence[SeanceResume] = (),
    ) -> None:
        super().__init__()
        self.comites = list(comites)
        ids = [c.id for c in self.comites]
        self.comite_defaut = comite_defaut if comite_defaut in ids else (ids[0] if ids else None)
        self.today = today
        self.existantes = {(s.comite_id, s.date): s for s in seances}
        self.nouveau: ComiteSaisie | None = None

    def contenu(self) -> ComposeResult:
        with Horizontal(classes="ligne"):
            yield Label("Comité")
            defaut = self.comite_defaut if self.comite_defaut is not None else Select.NULL
            yield _ChoixComite(
                self._options(),
                value=defaut,
                compact=True,
                id="comite",
                prompt="Choisissez un comité" if self.comites else "Aucun comité : + pour en créer un",
            )
            yield _BoutonSouris("+ Nouveau", compact=True, id="plus")
        with Horizontal(classes="ligne"):
            yield Label("Date")
            yield ChampTexte(
                format_date(self.today), placeholder="15/03/2021, 15 mars 2021, hier…", compact=True, id="date"
            )
        yield Static("", id="apercu")
        with Horizontal(classes="ligne"):
            yield Label("Lieu")
            yield ChampTexte(placeholder="facultatif — ex. : Salle du conseil", compact=True, id="lieu")
        with Horizontal(classes="ligne"):
            yield Label("Participants")
            yield ChampTexte(
                placeholder="facultatif — ex. : DPV, Pôle emploi, Mission locale", compact=True, id="participants"
            )
        with Horizontal(id="conclusion"):
            yield Static(classes="dialogue-erreur -vide")
            yield Button("Ouvrir la séance", variant="primary", compact=True, id="ouvrir")

    def _options(self) -> list[tuple[str, int]]:
        options = [(c.nom, c.id) for c in self.comites]
        if self.nouveau is not None:
            options.append((f"{self.nouveau.nom} (nouveau)", NOUVEAU))
        return options

    def on_mount(self) -> None:
        self._montrer_date()
        self.query_one("#comite", Select).focus()

    def _comite(self) -> int | None:
        valeur = self.query_one("#comite", Select).value
        return valeur if isinstance(valeur, int) else None

    def _montrer_date(self) -> None:
        apercu = self.query_one("#apercu", Static)
        lu = lire_jour(self.query_one("#date", Input).value, self.today)
        if isinstance(lu, str):
            apercu.update(Content(lu))
        else:
            existante = self.existantes.get((self._comite() or 0, lu))
            # A séance of that day exists: it was closed (one séance is open at a time), so it is reopened.
            suite = " — ce comité a déjà tenu une séance ce jour-là, close : elle sera rouverte" if existante else ""
            apercu.update(Content(f"→ {format_date(lu)}{suite}"))
        apercu.set_class(not isinstance(lu, str), "-valide")
        apercu.set_class(isinstance(lu, str), "-invalide")

    @on(Input.Changed, "#date")
    @on(Select.Changed, "#comite")
    def _relire(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        self._montrer_date()

    def action_nouveau_comite(self) -> None:
        def cree(saisie: ComiteSaisie | None) -> None:
            if saisie is None:
                return
            self.nouveau = saisie
            choix = self.query_one("#comite", Select)
            choix.set_options(self._options())
            choix.value = NOUVEAU
            afficher_erreur(self.query_one(".dialogue-erreur", Static), "")

        from suivi_tui.ui.dialogs.comite import ComiteDialog

        self.app.push_screen(ComiteDialog([c.nom for c in self.comites]), cree)

    @on(Button.Pressed, "#plus")
    def _bouton_plus(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_nouveau_comite()

    @on(Button.Pressed, "#ouvrir")
    def _bouton_ouvrir(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_ouvrir()

    @on(Input.Submitted)
    def _entree(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ouvrir()

    def action_ouvrir(self) -> None:
        erreur = self.query_one(".dialogue-erreur", Static)
        comite = self._comite()
        if comite is None:
            afficher_erreur(erreur, "Choisissez le comité qui se réunit, ou créez-le avec +.")
            self.query_one("#comite", Select).focus()
            return
        jour = lire_jour(self.query_one("#date", Input).value, self.today)
        if isinstance(jour, str):
            self._montrer_date()
            afficher_erreur(erreur, "La date de la séance n'est pas lisible : corrigez-la.")
            self.query_one("#date", Input).focus()
            return
        nouveau = self.nouveau if comite == NOUVEAU else None
        self.dismiss(
            SeanceSaisie(
                None if nouveau else comite,
                nouveau,
                jour,
                " ".join(self.query_one("#lieu", Input).value.split()),
                " ".join(self.query_one("#participants", Input).value.split()),
            )
        )
