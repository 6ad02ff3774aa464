"""The main screen's keys for a contrat « Quartiers 2030 »: v (a mesure), $ (the programmation), Y (the review).

Mixed into EcranPrincipal like Edition: each opens its dialog, then hands the service call to the app's writer.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work

from suivi_tui.services.indicateurs import IndicateurInfo, indicateurs_engagement
from suivi_tui.ui.ecritures import mesures

if TYPE_CHECKING:
    from suivi_tui.services.tableau import EngagementLigne
    from suivi_tui.ui.dialogs.mesure import MesureSaisie
    from suivi_tui.ui.protocoles import AppSuivi


class Quartiers2030:
    """The state it uses is the screen's (see Edition)."""

    app: Any
    notify: Any
    contrat_id: int
    ligne_courante: Any
    seance_id: int | None

    @property
    def suivi(self) -> AppSuivi:
        return self.app  # type: ignore[no-any-return]

    def action_mesure(self) -> None:
        """v: a mesure for one of the indicators of the selected engagement (or of its objective, above)."""
        ligne = self.ligne_courante()
        if ligne is None:
            self.notify("Choisissez d'abord un engagement : v saisit une mesure de ses indicateurs.")
            return
        self._ouvrir_mesure(ligne)

    @work(thread=True, group="dialogue", exit_on_error=False)
    def _ouvrir_mesure(self, ligne: EngagementLigne) -> None:
        indicateurs = indicateurs_engagement(self.suivi.db, ligne.id)
        self.app.call_from_thread(self._dialogue_mesure, ligne, indicateurs)

    def _dialogue_mesure(self, ligne: EngagementLigne, indicateurs: tuple[IndicateurInfo, ...]) -> None:
        from suivi_tui.ui.dialogs.mesure import MesureDialog

        if not indicateurs:
            self.notify(
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
                        seance_id=self.seance_id,
                    ),
                    inchange="Cette mesure était déjà enregistrée.",
                )

        self.app.push_screen(MesureDialog(ligne.libelle, indicateurs, self.suivi.today), saisie)
