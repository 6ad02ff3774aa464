"""The axes pane: « Tous les axes », then each axis with réalisés/total, a progress bar and its delays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from suivi_tui.services.engagements import AxeResume
from suivi_tui.ui.affichage import tronquer
from suivi_tui.ui.messages import AxeChoisi
from suivi_tui.ui.touches import liaisons

TOUS = "tous"
BARRE = 10


def barre(faits: int, total: int, largeur: int = BARRE) -> Content:
    """A small progress bar: « ━━─── »."""
    # Something done shows, however little: at least one cell.
    pleins = max(1, round(largeur * faits / total)) if total and faits else 0
    return Content.assemble(("━" * pleins, "$text-success"), ("─" * (largeur - pleins), "$text-disabled"))


def ligne_axe(
    numero: str, titre: str, realises: int, total: int, en_retard: int, largeur: int, place_retard: int = 0
) -> Content:
    """An axis fitted to largeur: the title on one line, the counts, the bar and the delays on the next.

    place_retard keeps room for the longest « N en retard » of the list, so every bar has one length.
    Below 26 columns only the number and the counts remain, on one line.
    """
    compte = f"{realises}/{total}"
    if largeur < 26:
        retard = (f" !{en_retard}", "bold $text-error") if en_retard else ""
        return Content.assemble((f"{numero:<4} ", "bold"), f"{compte:>5}", retard)
    debut = f"     {compte:<5} "
    largeur_barre = max(3, min(BARRE, largeur - len(debut) - place_retard))
    texte = f" {en_retard} en retard" if en_retard else ""
    return Content.assemble(
        (f"{numero:<4} ", "bold"),
        tronquer(titre, largeur - 5),
        "\n",
        debut,
        barre(realises, total, largeur_barre),
        (texte, "bold $text-error") if en_retard else "",
    )


def place_pour_retards(*retards: int) -> int:
    plus = max(retards, default=0)
    return len(f" {plus} en retard") if plus else 0


class AxesPane(OptionList):
    """Highlighting an axis (j/k, arrows) drives the engagements table at once.

    Out of focus it folds to numbers and counts (class -replie, see suivi.tcss): the engagements'
    libellés get the room; the titles come back with the focus (1).
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("axes")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False, classes="-replie")
        self.border_title = "Axes"
        self._axes: tuple[AxeResume, ...] = ()

    def afficher(self, axes: Sequence[AxeResume], axe_id: int | None) -> None:
        """Rebuild the list, keeping axe_id highlighted."""
        self._axes = tuple(axes)
        largeur = max(self.content_region.width - 1, 10)
        total = sum(a.total for a in axes)
        realises = sum(a.realises for a in axes)
        retard = sum(a.en_retard for a in axes)
        place = place_pour_retards(retard, *(a.en_retard for a in axes))
        options = [Option(ligne_axe("Tous", "les axes", realises, total, retard, largeur, place), id=TOUS)]
        options += [
            Option(ligne_axe(a.numero, a.titre, a.realises, a.total, a.en_retard, largeur, place), id=str(a.id))
            for a in axes
        ]
        self.set_options(options)
        self.surligner(axe_id)

    def surligner(self, axe_id: int | None) -> None:
        """Put the highlight on that axis (« Tous les axes » for None or an axis that no longer exists)."""
        try:
            index = self.get_option_index(TOUS if axe_id is None else str(axe_id))
        except OptionDoesNotExist:
            index = 0
        if self.highlighted != index:
            self.highlighted = index

    def on_focus(self) -> None:
        self.remove_class("-replie")

    def on_blur(self) -> None:
        self.add_class("-replie")

    def on_resize(self) -> None:
        if self._axes:
            self.afficher(self._axes, self.axe_id)

    @property
    def axe_id(self) -> int | None:
        option = self.highlighted_option
        if option is None or option.id in (None, TOUS):
            return None
        return int(option.id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(AxeChoisi(self.axe_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
