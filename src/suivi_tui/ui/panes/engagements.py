"""The engagements table: partie, libellé, statut, en retard, next échéance, pilote, « à discuter »."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from suivi_tui.services.tableau import EngagementLigne
from suivi_tui.ui.affichage import echeance_courte, hex_sans_alpha, pilote, statut_text, tronquer
from suivi_tui.ui.messages import EngagementSurligne, FinDeTableAtteinte

LIBELLE_MIN = 22  # the pilote column only appears when the libellé keeps at least this width
PILOTE = 11


@dataclass(frozen=True)
class Colonnes:
    """The table's column widths for one pane width (each cell starts with one space: no cell padding)."""

    axe: int
    partie: int
    libelle: int
    pilote: int


STATUT, ECHEANCE, DISCUTER = 12, 11, 2  # « Abandonné ! », « 30/06/2021 », « ◆ » (with their leading space)


def colonnes(largeur: int, lignes: Sequence[EngagementLigne], avec_axe: bool) -> Colonnes:
    """Everything but the libellé has a fixed width; the libellé takes what is left (at least 12).

    The pilote column only comes when there is room for it: it is always in the detail.
    """
    partie = min(max([len(ligne.partie) for ligne in lignes] + [len("Partie")]), 12) + 1
    axe = 4 if avec_axe else 0
    libelle = largeur - (axe + partie + STATUT + ECHEANCE + DISCUTER)
    pilote_ = PILOTE if libelle - PILOTE >= LIBELLE_MIN else 0
    return Colonnes(axe, partie, max(libelle - pilote_, 12), pilote_)


class EngagementsPane(DataTable[Text]):
    """One page of engagements (« N sur M » in the title when more match); rebuilt with clear + add_rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "screen.detail",
            "Détail",
            show=False,
            tooltip="Ouvrir le détail de l'engagement",
            id="engagements.detail",
        ),
        Binding("j", "cursor_down", "Suivant", show=False, tooltip="Engagement suivant", id="engagements.suivant"),
        Binding("k", "cursor_up", "Précédent", show=False, tooltip="Engagement précédent", id="engagements.precedent"),
        Binding("g", "scroll_top", "Premier", show=False, tooltip="Premier engagement", id="engagements.premier"),
        Binding(
            "G", "scroll_bottom", "Dernier", show=False, tooltip="Dernier engagement chargé", id="engagements.dernier"
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        # The cells' colours (statut, « ! » late) stay under the cursor.
        super().__init__(id=id, cursor_type="row", cell_padding=0, cursor_foreground_priority="renderable")
        self.border_title = "Engagements"
        self.lignes: list[EngagementLigne] = []
        self._precisions: dict[int, str] = {}
        self._total = 0
        self._avec_axe = True
        self._presentation = False
        self._largeur = 0

    @property
    def ligne(self) -> EngagementLigne | None:
        """The row under the cursor now: the cursor moves as soon as `j` is handled."""
        if not self.lignes or not 0 <= self.cursor_row < len(self.lignes):
            return None
        return self.lignes[self.cursor_row]

    @property
    def engagement_id(self) -> int | None:
        ligne = self.ligne
        return ligne.id if ligne is not None else None

    def afficher(
        self,
        lignes: Sequence[EngagementLigne],
        precisions: dict[int, str],
        total: int,
        *,
        titre: str,
        avec_axe: bool,
        presentation: bool,
        engagement_id: int | None,
    ) -> None:
        """Replace the rows, keeping the cursor on engagement_id when it is still listed."""
        self.lignes, self._precisions, self._total = list(lignes), dict(precisions), total
        self._avec_axe, self._presentation = avec_axe, presentation
        self._titre = titre
        self._reconstruire(engagement_id)

    def ajouter(self, lignes: Sequence[EngagementLigne], precisions: dict[int, str], total: int) -> None:
        """Append the next page (no rebuild: the rows already shown stay as they are)."""
        self.lignes += lignes
        self._precisions.update(precisions)
        self._total = total
        self.add_rows(self._cellules(ligne) for ligne in lignes)
        self._mettre_titre()

    def _reconstruire(self, engagement_id: int | None) -> None:
        largeur = self.scrollable_content_region.width
        self._largeur = largeur
        self._cols = colonnes(largeur, self.lignes, self._avec_axe)
        self.clear(columns=True)
        if self._cols.axe:
            self.add_column(" Axe", width=self._cols.axe)
        self.add_column(" Partie", width=self._cols.partie)
        self.add_column(" Engagement", width=self._cols.libelle)
        self.add_column(" Statut", width=STATUT)
        self.add_column(" Échéance", width=ECHEANCE)
        if self._cols.pilote:
            self.add_column(" Pilote", width=self._cols.pilote)
        self.add_column(" ◆", width=DISCUTER)
        self.add_rows(self._cellules(ligne) for ligne in self.lignes)
        self.surligner(engagement_id)
        self._mettre_titre()

    def surligner(self, engagement_id: int | None) -> None:
        """Put the cursor on that engagement if it is listed (else leave it where it is)."""
        ids = [ligne.id for ligne in self.lignes]
        if engagement_id in ids and self.cursor_row != ids.index(engagement_id):
            self.move_cursor(row=ids.index(engagement_id), animate=False)

    def _cellules(self, ligne: EngagementLigne) -> list[Text]:
        couleurs = self.app.theme_variables
        rouge = hex_sans_alpha(couleurs.get("text-error", "red"))
        cells = [Text(f" {ligne.axe_numero}", style="bold")] if self._cols.axe else []
        statut = Text(" ").append_text(statut_text(ligne.statut, couleurs))
        if ligne.en_retard:
            statut.append(" !", style=f"bold {rouge}")
        cells += [
            Text(" " + tronquer(ligne.partie, self._cols.partie - 1)),
            Text(" " + tronquer(ligne.libelle, self._cols.libelle - 1)),
            statut,
            Text(
                " " + echeance_courte(ligne.prochaine_echeance, self._precisions.get(ligne.id)),
                style=rouge if ligne.en_retard and ligne.prochaine_echeance else "",
            ),
        ]
        if self._cols.pilote:
            cells.append(
                Text(
                    " " + tronquer(pilote(ligne.pilote, self._presentation), self._cols.pilote - 1),
                    style="dim" if not ligne.pilote or self._presentation else "",
                )
            )
        accent = hex_sans_alpha(couleurs.get("text-accent", couleurs.get("accent", "yellow")))
        cells.append(Text(" ◆", style=f"bold {accent}") if ligne.a_discuter else Text(""))
        return cells

    def _mettre_titre(self) -> None:
        compte = (
            f"{len(self.lignes)} sur {self._total}"
            if len(self.lignes) < self._total
            else f"{self._total} engagement{'s' if self._total > 1 else ''}"
        )
        self.border_title = f"{self._titre} · {compte}"

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._largeur and hasattr(self, "_titre"):
            self._reconstruire(self.engagement_id)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.cursor_row != self.cursor_row:
            return  # a stale event from before the last rebuild
        self.post_message(EngagementSurligne(self.engagement_id))
        if self.cursor_row == len(self.lignes) - 1 and len(self.lignes) < self._total:
            self.post_message(FinDeTableAtteinte(len(self.lignes)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
