"""The contrat picker, for a database that holds several annexes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from suivi_tui.dates import format_date
from suivi_tui.services.contrats import ContratResume
from suivi_tui.ui.dialogs.base import Dialogue


def option_contrat(contrat: ContratResume, actuel: int) -> Option:
    """The titre, then « territoire · N engagements · période », the open contrat marked."""
    nombre = f"{contrat.engagements} engagement{'s' if contrat.engagements > 1 else ''}"
    details = [contrat.territoire, nombre]
    if contrat.debut and contrat.fin:
        details.append(f"du {format_date(contrat.debut)} au {format_date(contrat.fin)}")
    titre = Content.styled(contrat.titre, "bold")
    if contrat.id == actuel:
        titre = Content.assemble(titre, ("  ← ouvert", "italic $success"))
    return Option(
        Content("\n").join([titre, Content.styled(" · ".join(details), "$foreground-muted")]), id=str(contrat.id)
    )


class ContratDialog(Dialogue[int]):
    """Returns the id of the contrat chosen, or None."""

    TITRE = "Changer de contrat"
    AIDE = "[b]↑↓[/] parcourir · [b]Entrée[/] ouvrir ce contrat · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    ContratDialog #dialogue { max-width: 90; }
    ContratDialog OptionList { height: auto; max-height: 70vh; }
    """

    def __init__(self, contrats: list[ContratResume], actuel: int) -> None:
        super().__init__()
        self.contrats = list(contrats)
        self.actuel = actuel

    def contenu(self) -> ComposeResult:
        yield OptionList(*(option_contrat(c, self.actuel) for c in self.contrats), id="contrats")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [c.id for c in self.contrats]
        options.highlighted = ids.index(self.actuel) if self.actuel in ids else 0
        options.focus()

    @on(OptionList.OptionSelected, "#contrats")
    def _ouvrir(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))
