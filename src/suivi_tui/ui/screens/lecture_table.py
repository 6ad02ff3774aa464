"""A change of axis reads and redraws only what depends on the axis: the engagements table, its title, the detail.

The header, the axes' counts, the échéances and the log stay as the last full read left them: the
axis only filters the table. One read in one worker brings the page and the detail of the row it
will select, so the table and the detail are drawn in the same frame.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import get_current_worker

from suivi_tui.services.ecran import charger_table
from suivi_tui.ui.messages import EcranCharge

if TYPE_CHECKING:
    from suivi_tui.services.ecran import Ecran
    from suivi_tui.services.tableau import Filtre
    from suivi_tui.ui.protocoles import AppSuivi


class LectureTable:
    """Mixed into EcranPrincipal: the state it uses is the screen's."""

    contrat_id: int
    filtre: Filtre
    ecran: Ecran | None
    engagement_id: int | None
    TAILLE_PAGE: int
    _generation: int
    _complet: int | None  # the generation of a full read not shown yet
    _apres_chargement: Any
    # provided by Screen / EcranPrincipal
    suivi: AppSuivi
    post_message: Any
    recharger: Any

    def recharger_table(self) -> None:
        """Read the table again for the current filter; a full read when one is still on its way.

        A full read waiting to be shown (after a change, say) would be overtaken, and dropped, by
        this newer one: it is asked again with the new filter instead, so nothing it brings is lost.
        """
        if self._complet is not None or self.ecran is None:
            self.recharger(apres=self._apres_chargement)
            return
        self._generation += 1
        self._charger_table(self._generation, self.filtre, self.engagement_id)

    @work(thread=True, exclusive=True, group="ecran", exit_on_error=False)
    def _charger_table(self, generation: int, filtre: Filtre, garder: int | None) -> None:
        table = charger_table(
            self.suivi.db, self.contrat_id, filtre, self.suivi.today, garder=garder, limit=self.TAILLE_PAGE
        )
        avant = self.ecran
        if avant is None or get_current_worker().is_cancelled:
            return
        ecran = replace(avant, engagements=table.engagements, precisions=table.precisions)
        self.post_message(EcranCharge(ecran, None, generation, table.detail))
