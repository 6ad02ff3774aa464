"""The échéances pane: open échéances, late ones first (in red, how late), then upcoming (how far)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable

from suivi_tui.services.echeances import EcheanceLigne
from suivi_tui.ui.affichage import delai, echeance_courte, hex_sans_alpha, tronquer
from suivi_tui.ui.messages import EcheanceCochee, EngagementAMontrer
from suivi_tui.ui.touches import liaisons


class EcheancesPane(DataTable[Text]):
    """`espace` marks the highlighted échéance done (recorded, undoable with ctrl+z); `entrée` shows its engagement.

    `entrée` opens or shows everywhere else: here too, so that a reflex never writes.
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("echeances")

    def __init__(self, *, id: str | None = None) -> None:
        # The cells' colours stay under the cursor: a late échéance selected is still red.
        super().__init__(id=id, cursor_type="row", cell_padding=0, cursor_foreground_priority="renderable")
        self.border_title = "Échéances"
        self.lignes: list[EcheanceLigne] = []
        self._total = 0
        self._largeur = 0

    @property
    def echeance(self) -> EcheanceLigne | None:
        if not self.lignes or not 0 <= self.cursor_row < len(self.lignes):
            return None
        return self.lignes[self.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("cocher", "montrer"):
            return self.echeance is not None
        return True

    def afficher(self, lignes: Sequence[EcheanceLigne], total: int) -> None:
        garder = self.echeance.id if self.echeance else None
        vide_avant = not self.lignes
        self.lignes, self._total = list(lignes), total
        self._reconstruire(garder)
        if vide_avant != (not self.lignes):
            self.refresh_bindings()  # « espace Faite » comes or goes with the first or last échéance

    def _reconstruire(self, garder: int | None) -> None:
        largeur = self.scrollable_content_region.width
        self._largeur = largeur
        court = largeur < 60
        # The axe's number whole (« 1.2.3 » in a contrat « Quartiers 2030 »), 4 columns at least.
        numero = min(max([len(e.axe_numero) for e in self.lignes] + [4]), 8)
        quand, axe = (13, 0) if court else (19, numero + 1)
        reste = max(largeur - quand - 11 - axe, 10)
        self.clear(columns=True)
        self.add_column(" Quand", width=quand)
        self.add_column(" Échéance", width=11)
        if axe:
            self.add_column(" Axe", width=axe)
        self.add_column(" Engagement", width=reste)
        rouge = hex_sans_alpha(self.app.theme_variables.get("text-error", "red"))
        self.add_rows(self._cellules(e, court, reste, rouge) for e in self.lignes)
        ids = [e.id for e in self.lignes]
        if garder in ids:
            self.move_cursor(row=ids.index(garder), animate=False)
        retard = sum(1 for e in self.lignes if e.en_retard)
        compte = f"{len(self.lignes)} sur {self._total}" if len(self.lignes) < self._total else str(self._total)
        # « dépassées »: the header's « en retard » counts engagements, this counts échéances.
        depassees = f" · {retard} dépassée{'s' if retard > 1 else ''}" if retard else ""
        self.border_title = f"Échéances ouvertes · {compte}{depassees}"

    def _cellules(self, e: EcheanceLigne, court: bool, reste: int, rouge: str) -> list[Text]:
        texte = f"{e.libelle} — {e.engagement_libelle}" if e.libelle else e.engagement_libelle
        style = f"bold {rouge}" if e.en_retard else ("bold" if e.jours <= 7 else "")
        cells = [
            Text(" " + delai(e.jours, court=court), style=style),
            Text(" " + echeance_courte(e.date, e.precision), style=rouge if e.en_retard else ""),
        ]
        if not court:
            cells.append(Text(f" {e.axe_numero}", style="bold"))
        quoi = f"{e.partie} · {texte}" if not court else f"{e.axe_numero} · {texte}"
        cells.append(Text(" " + tronquer(quoi, reste - 1)))
        return cells

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._largeur and self.lignes:
            self._reconstruire(self.echeance.id if self.echeance else None)

    def action_cocher(self) -> None:
        if self.echeance is not None:
            self.post_message(EcheanceCochee(self.echeance.id))

    def action_montrer(self) -> None:
        if self.echeance is not None:
            self.post_message(EngagementAMontrer(self.echeance.engagement_id))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
