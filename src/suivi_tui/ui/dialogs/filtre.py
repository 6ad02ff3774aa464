"""The engagements filter: partie, statuts, « en retard » and « à discuter » only."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, Label, Select

from suivi_tui.services.engagements import Filtre, PartieResume
from suivi_tui.services.vocabulaire import STATUTS
from suivi_tui.ui.champs import CaseVisible
from suivi_tui.ui.dialogs.base import Dialogue
from suivi_tui.ui.dialogs.statut import COULEURS_STATUT
from suivi_tui.ui.touches import liaisons


class FiltreDialog(Dialogue[Filtre]):
    """Returns the new Filtre (same axe), or None."""

    TITRE = "Filtrer les engagements"
    AIDE = "[b]Espace[/] cocher · [b]Entrée[/] appliquer · [b]r[/] tout effacer · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    FiltreDialog .ligne { height: 1; }
    FiltreDialog .ligne Label { width: 9; color: $text-muted; }
    FiltreDialog Select { width: 1fr; }
    FiltreDialog .intertitre { margin-top: 1; color: $text-muted; }
    FiltreDialog Grid { grid-size: 3; grid-rows: 1; grid-gutter: 0 2; height: auto; }
    FiltreDialog #en-retard { margin-top: 1; }
    FiltreDialog #boutons { height: 1; margin-top: 1; }
    FiltreDialog #boutons Button { margin-right: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("filtre")

    def __init__(self, actuel: Filtre, parties: list[PartieResume]) -> None:
        super().__init__()
        self.actuel = actuel
        self.parties = list(parties)

    def contenu(self) -> ComposeResult:
        ids = {p.id for p in self.parties}
        with Horizontal(classes="ligne"):
            yield Label("Partie")
            yield Select(
                [(p.nom_court, p.id) for p in self.parties],
                prompt="Toutes les parties",
                value=self.actuel.partie_id if self.actuel.partie_id in ids else Select.NULL,
                compact=True,
                id="partie",
            )
        yield Label("Statuts (aucun coché : tous)", classes="intertitre")
        with Grid():
            for code, libelle in STATUTS.items():
                yield CaseVisible(
                    Content.styled(libelle, COULEURS_STATUT[code]),
                    code in self.actuel.statuts,
                    compact=True,
                    id=f"statut-{code}",
                )
        yield CaseVisible("En retard seulement", self.actuel.en_retard, compact=True, id="en-retard")
        yield CaseVisible("À discuter seulement", self.actuel.a_discuter, compact=True, id="a-discuter")
        with Horizontal(id="boutons"):
            yield Button("Appliquer", variant="primary", compact=True, id="appliquer")
            yield Button("Tout effacer", compact=True, id="effacer")

    def _filtre(self) -> Filtre:
        partie = self.query_one("#partie", Select).value
        statuts = frozenset(code for code in STATUTS if self.query_one(f"#statut-{code}", Checkbox).value)
        return Filtre(
            axe_id=self.actuel.axe_id,
            partie_id=partie if isinstance(partie, int) else None,
            statuts=statuts,
            en_retard=self.query_one("#en-retard", Checkbox).value,
            a_discuter=self.query_one("#a-discuter", Checkbox).value,
        )

    def action_appliquer(self) -> None:
        # An open list or a focused button keeps its own enter.
        if isinstance(self.focused, Button) or self.query_one("#partie", Select).expanded:
            raise SkipAction()
        self.dismiss(self._filtre())

    def action_effacer(self) -> None:
        self.dismiss(Filtre(axe_id=self.actuel.axe_id))

    @on(Button.Pressed, "#appliquer")
    def _bouton_appliquer(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self._filtre())

    @on(Button.Pressed, "#effacer")
    def _bouton_effacer(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_effacer()
