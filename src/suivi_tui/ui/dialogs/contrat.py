"""The contrat picker, for a database that holds several annexes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from suivi_tui.dates import format_date
from suivi_tui.services.contrats import ContratResume
from suivi_tui.texte import sans_accents
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur
from suivi_tui.ui.touches import liaisons


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
    """Returns the id of the contrat chosen, or None; typing a part of a city or a title narrows the list."""

    TITRE = "Changer de contrat"
    AIDE = "[b]tapez[/] pour filtrer · [b]↑↓[/] parcourir · [b]Entrée[/] ouvrir ce contrat · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    ContratDialog #dialogue { max-width: 90; }
    ContratDialog OptionList { height: auto; max-height: 70vh; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("contrat")

    def __init__(self, contrats: list[ContratResume], actuel: int) -> None:
        super().__init__()
        self.contrats = list(contrats)
        self.actuel = actuel

    def contenu(self) -> ComposeResult:
        if len(self.contrats) > 1:
            yield ChampTexte(placeholder="Ville ou titre…", id="filtre-contrat", compact=True)
        yield OptionList(*(option_contrat(c, self.actuel) for c in self.contrats), id="contrats")
        yield Static(classes="dialogue-erreur -vide", id="aucun")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [c.id for c in self.contrats]
        options.highlighted = ids.index(self.actuel) if self.actuel in ids else 0
        champ = self.query("#filtre-contrat")
        (champ.first() if champ else options).focus()

    @on(Input.Changed, "#filtre-contrat")
    def _filtrer(self, event: Input.Changed) -> None:
        event.stop()
        cle = sans_accents(event.value)
        retenus = [c for c in self.contrats if cle in sans_accents(f"{c.territoire} {c.titre}")]
        options = self.query_one(OptionList)
        options.set_options(option_contrat(c, self.actuel) for c in retenus)
        if retenus:
            options.highlighted = 0
        afficher_erreur(
            self.query_one("#aucun", Static), "" if retenus else f"Aucun contrat ne contient « {event.value} »."
        )

    @on(Input.Submitted, "#filtre-contrat")
    def _valider(self, event: Input.Submitted) -> None:
        event.stop()
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(int(option.id))

    def action_deplacer(self, pas: int) -> None:
        options = self.query_one(OptionList)
        if pas > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(OptionList.OptionSelected, "#contrats")
    def _ouvrir(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(int(event.option.id))
