"""The main screen's keys for a contrat « Quartiers 2030 »: v, a mesure of an indicator of the selected engagement."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from suivi_tui.services.indicateurs import IndicateurInfo, indicateurs_engagement
from suivi_tui.ui.ecritures import mesures
from suivi_tui.ui.screens.principal.collaborateur import Collaborateur

if TYPE_CHECKING:
    from suivi_tui.services.engagements import EngagementVu
    from suivi_tui.ui.dialogs.mesure import MesureSaisie


class Quartiers(Collaborateur):
    """v: the indicators and their dated mesures (see services/indicateurs.py and services/mesures.py)."""

    def mesure(self) -> None:
        """v: a mesure for one of the indicators of the selected engagement (or of its objective, above)."""
        ligne = self.principal.ligne_courante()
        if ligne is None:
            self.principal.notify("Choisissez d'abord un engagement : v saisit une mesure de ses indicateurs.")
            return
        self.en_fond(self._ouvrir_mesure, ligne, groupe="dialogue")

    def _ouvrir_mesure(self, ligne: EngagementVu) -> None:
        indicateurs = indicateurs_engagement(self.suivi.db, ligne.engagement_id)
        self.principal.app.call_from_thread(self._dialogue_mesure, ligne, indicateurs)

    def _dialogue_mesure(self, ligne: EngagementVu, indicateurs: tuple[IndicateurInfo, ...]) -> None:
        from suivi_tui.ui.dialogs.mesure import MesureDialog

        if not indicateurs:
            self.principal.notify(
                "Cet engagement n'a pas d'indicateur, ni son objectif : les indicateurs viennent des fiches "
                "actions de l'annexe (« Indicateurs : »).",
                severity="warning",
            )
            return

        def saisie(s: MesureSaisie | None) -> None:
            if s is not None:
                self.suivi.enregistrer(
                    partial(
                        mesures.enregistrer_mesure,
                        self.suivi.db,
                        s.indicateur_id,
                        s.date,
                        s.valeur,
                        s.commentaire,
                        seance_id=self.principal.seance_id,
                    ),
                    inchange="Cette mesure était déjà enregistrée.",
                )

        self.principal.app.push_screen(MesureDialog(ligne.libelle, indicateurs, self.suivi.today), saisie)
