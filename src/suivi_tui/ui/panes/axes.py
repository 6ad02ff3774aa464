"""The axes pane: « Tous les axes », then the tree of axes with réalisés/total, a progress bar and delays.

A 2020-2022 protocole shows its axes as before (a tree of depth one). A contrat « Quartiers 2030 »
shows its enjeux, orientations and objectifs opérationnels indented, each with the counts of
everything below it; → unfolds a node (or goes to its first child), ← folds it (or goes to its
parent). The orientations start folded, so that the enjeux and their orientations fit at 80x24.
"""

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
    numero: str,
    titre: str,
    realises: int,
    total: int,
    en_retard: int,
    largeur: int,
    place_retard: int = 0,
    retrait: str = "",
) -> Content:
    """An axis fitted to largeur: the title on one line, the counts, the bar and the delays on the next.

    place_retard keeps room for the longest « N en retard » of the list, so every bar has one length.
    Below 26 columns only the number and the counts remain, on one line.
    """
    compte = f"{realises}/{total}"
    if largeur < 26:
        retard = (f" !{en_retard}", "bold $text-error") if en_retard else ""
        return Content.assemble((f"{numero:<4} ", "bold"), f"{compte:>5}", retard)
    debut = " " * len(retrait) + f"     {compte:<5} "  # the sign ▸/▾ only on the title line
    largeur_barre = max(3, min(BARRE, largeur - len(debut) - place_retard))
    texte = f" {en_retard} en retard" if en_retard else ""
    tete = f"{retrait}{numero:<4} "
    return Content.assemble(
        (tete, "bold"),
        tronquer(titre, max(largeur - len(tete), 4)),
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
        self.replies: set[int] = set()  # the folded nodes (their children hidden)
        self._vus: set[int] = set()  # nodes already shown once: a new one gets the default fold

    def afficher(self, axes: Sequence[AxeResume], axe_id: int | None) -> None:
        """Rebuild the list, keeping axe_id highlighted (its ancestors unfolded so that it shows)."""
        self._axes = tuple(axes)
        for a in axes:
            if a.id not in self._vus:
                self._vus.add(a.id)
                if a.profondeur >= 1 and a.enfants:
                    self.replies.add(a.id)
        self._deplier_jusqu_a(axe_id)
        self._reconstruire(axe_id)

    def _visibles(self) -> list[AxeResume]:
        caches: set[int] = set()
        visibles = []
        for a in self._axes:  # depth first: a parent comes before its children
            if a.parent_id is not None and (a.parent_id in caches or a.parent_id in self.replies):
                caches.add(a.id)
                continue
            visibles.append(a)
        return visibles

    def _reconstruire(self, axe_id: int | None) -> None:
        axes = self._axes
        largeur = max(self.content_region.width - 1, 10)
        racines = [a for a in axes if a.parent_id is None]  # the others are counted in their root
        total = sum(a.total for a in racines)
        realises = sum(a.realises for a in racines)
        retard = sum(a.en_retard for a in racines)
        place = place_pour_retards(retard, *(a.en_retard for a in axes))
        options = [Option(ligne_axe("Tous", "les axes", realises, total, retard, largeur, place), id=TOUS)]
        options += [
            Option(
                ligne_axe(
                    a.numero, a.titre, a.realises, a.total, a.en_retard, largeur, place, self._retrait(a, largeur)
                ),
                id=str(a.id),
            )
            for a in self._visibles()
        ]
        self.set_options(options)
        self.surligner(axe_id)

    def _retrait(self, axe: AxeResume, largeur: int) -> str:
        """Two columns per level, then ▸ (folded) or ▾ (unfolded) for a node with children."""
        if largeur < 26 or not any(a.parent_id is not None for a in self._axes):
            return ""
        signe = ("▸" if axe.id in self.replies else "▾") if axe.enfants else " "
        return "  " * axe.profondeur + signe

    def _deplier_jusqu_a(self, axe_id: int | None) -> None:
        par_id = {a.id: a for a in self._axes}
        courant = par_id.get(axe_id) if axe_id is not None else None
        while courant is not None and courant.parent_id is not None:
            self.replies.discard(courant.parent_id)
            courant = par_id.get(courant.parent_id)

    def action_deplier(self) -> None:
        axe = next((a for a in self._axes if a.id == self.axe_id), None)
        if axe is None or not axe.enfants:
            return
        if axe.id in self.replies:
            self.replies.discard(axe.id)
            self._reconstruire(axe.id)
        elif self.highlighted is not None:
            self.highlighted += 1  # its first child, right below it

    def action_replier(self) -> None:
        axe = next((a for a in self._axes if a.id == self.axe_id), None)
        if axe is None:
            return
        if axe.enfants and axe.id not in self.replies:
            self.replies.add(axe.id)
            self._reconstruire(axe.id)
        elif axe.parent_id is not None:
            self.surligner(axe.parent_id)

    def surligner(self, axe_id: int | None) -> None:
        """Put the highlight on that axis (« Tous les axes » for None or an axis that no longer exists)."""
        if axe_id is not None and any(a.id == axe_id for a in self._axes) and not self._visible(axe_id):
            self._deplier_jusqu_a(axe_id)
            self._reconstruire(axe_id)
            return
        try:
            index = self.get_option_index(TOUS if axe_id is None else str(axe_id))
        except OptionDoesNotExist:
            index = 0
        if self.highlighted != index:
            self.highlighted = index

    def _visible(self, axe_id: int) -> bool:
        return any(a.id == axe_id for a in self._visibles())

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
