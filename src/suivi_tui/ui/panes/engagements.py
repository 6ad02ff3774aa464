"""The engagements table: partie, libellé, statut, en retard, next échéance, pilote, « à discuter »."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable

from suivi_tui.services.engagements import EngagementLigne
from suivi_tui.ui.affichage import echeance_courte, hex_sans_alpha, pilote, statut_text, tronquer
from suivi_tui.ui.messages import EngagementSurligne, FinDeTableAtteinte
from suivi_tui.ui.touches import liaisons

# A coordinator reads the libellés first: rows that start alike must differ before the cut.
LIBELLE_LISIBLE = 50  # what a row should show of its libellé (over one line, else two)
LIBELLE_MIN = 30  # the least a one-line row shows when the table is narrow
PARTIE_MAX = 9  # « Départem… »: the partie's full name is in the detail
AXE_MAX = 8  # « 1.2.3.4 »: deeper numbers are cut (the detail names the node)
PILOTE = 11


@dataclass(frozen=True)
class Colonnes:
    """The table's column widths for one pane width (each cell starts with one space: no cell padding)."""

    axe: int
    partie: int
    libelle: int
    pilote: int
    echeance: int
    hauteur: int = 1  # lines per row: 2 when the libellé needs them to be read

    @property
    def visible(self) -> int:
        """How many characters of a libellé the rows show at most (over their lines)."""
        return (self.libelle - 1) * self.hauteur


STATUT, ECHEANCE, DISCUTER = 12, 11, 2  # « Abandonné ! », « 30/06/2021 », « ◆ » (with their leading space)


def colonnes(largeur: int, lignes: Sequence[EngagementLigne], avec_axe: bool) -> Colonnes:
    """Everything but the libellé has a fixed width; the libellé takes what is left, and comes first.

    In order of preference: one line of at least LIBELLE_LISIBLE characters (with the pilote when
    there is room); two lines with the échéance (a wide screen: nearly the whole text, and the
    deadline); one line of at least LIBELLE_MIN without the échéance (a narrow screen: ten rows
    rather than five; the deadline is in the detail and the Échéances pane); two lines without it.
    """
    partie = min(max([len(ligne.partie) for ligne in lignes] + [len("Partie")]), PARTIE_MAX) + 1
    # « IV » for a protocole, « 1.2.3 » for an objective of a contrat « Quartiers 2030 »: never cut in two.
    axe = min(max([len(ligne.axe_numero) for ligne in lignes] + [3]), AXE_MAX) + 1 if avec_axe else 0
    reste = largeur - (axe + partie + STATUT + DISCUTER)
    libelle = reste - ECHEANCE
    if libelle - 1 - PILOTE >= LIBELLE_LISIBLE:
        return Colonnes(axe, partie, libelle - PILOTE, PILOTE, ECHEANCE)
    if libelle - 1 >= LIBELLE_LISIBLE:
        return Colonnes(axe, partie, libelle, 0, ECHEANCE)
    if 2 * (libelle - 1) >= LIBELLE_LISIBLE:
        return Colonnes(axe, partie, libelle, 0, ECHEANCE, 2)
    if reste - 1 >= LIBELLE_MIN:
        return Colonnes(axe, partie, reste, 0, 0)
    return Colonnes(axe, partie, max(reste, 12), 0, 0, 2)


def sur_deux_lignes(texte: str, largeur: int) -> str:
    """texte wrapped on at most two lines of largeur characters, the second ending with « … » when cut."""
    import textwrap

    propre = " ".join(texte.split())
    if len(propre) <= largeur or largeur < 2:
        return tronquer(propre, largeur)
    premiere = textwrap.wrap(propre, largeur, break_long_words=True, break_on_hyphens=False)[0]
    return premiere + "\n" + tronquer(propre[len(premiere) :], largeur)


class EngagementsPane(DataTable[Text]):
    """One page of engagements (« N sur M » in the title when more match); rebuilt with clear + add_rows."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("engagements")

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
        self._ajouter_rangees(lignes)
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
        if self._cols.echeance:
            self.add_column(" Échéance", width=ECHEANCE)
        if self._cols.pilote:
            self.add_column(" Pilote", width=self._cols.pilote)
        self.add_column(" ◆", width=DISCUTER)
        self._ajouter_rangees(self.lignes)
        self.surligner(engagement_id)
        self._mettre_titre()

    def _ajouter_rangees(self, lignes: Sequence[EngagementLigne]) -> None:
        if self._cols.hauteur == 1:
            self.add_rows(self._cellules(ligne) for ligne in lignes)
            return
        for ligne in lignes:
            self.add_row(*self._cellules(ligne), height=self._cols.hauteur)

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
            Text(" " + self._libelle(ligne.libelle).replace("\n", "\n "), no_wrap=True, overflow="ellipsis"),
            statut,
        ]
        if self._cols.echeance:
            cells.append(
                Text(
                    " " + echeance_courte(ligne.prochaine_echeance, self._precisions.get(ligne.id)),
                    style=rouge if ligne.en_retard and ligne.prochaine_echeance else "",
                )
            )
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

    def _libelle(self, libelle: str) -> str:
        if self._cols.hauteur == 1:
            return tronquer(libelle, self._cols.libelle - 1)
        return sur_deux_lignes(libelle, self._cols.libelle - 1)

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
