"""The main screen's keys for a contrat « Quartiers 2030 »: v, a mesure of an indicator; Y, the yearly review."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from suivi_tui.db.database import erreur_prevue
from suivi_tui.services.indicateurs import IndicateurInfo, indicateurs_engagement
from suivi_tui.texte import pluriel
from suivi_tui.ui.affichage import raison
from suivi_tui.ui.ecritures import mesures
from suivi_tui.ui.screens.principal.collaborateur import Collaborateur

if TYPE_CHECKING:
    from suivi_tui.services.engagements import EngagementVu
    from suivi_tui.ui.dialogs.mesure import MesureSaisie
    from suivi_tui.ui.dialogs.revue import DemandeRevue


class Quartiers(Collaborateur):
    """v: the indicators and their dated mesures (services/indicateurs.py, services/mesures.py); Y: the yearly
    review written as the relevé is (services/revue.py, services/export/revue_fichier.py)."""

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

    # --- the yearly review (Y) -------------------------------------------------------------------------

    def revue(self) -> None:
        """Y: the year to review (this year unless said), then the Markdown and the HTML written in Documents."""
        from suivi_tui.ui.dialogs.export import dossier_documents
        from suivi_tui.ui.dialogs.revue import RevueDialog

        ecran = self.principal.ecran
        if ecran is None:
            return
        contrat = ecran.synthese.contrat

        def demande(d: DemandeRevue | None) -> None:
            if d is not None:
                self.en_fond(self._ecrire_revue, d, groupe="revue")

        dialogue = RevueDialog(contrat.titre, contrat.territoire, self.suivi.today, dossier_documents())
        self.principal.app.push_screen(dialogue.brouillon_sous(("revue", contrat.id)), demande)

    def _ecrire_revue(self, d: DemandeRevue) -> None:
        from suivi_tui.atomic import FichierExistant
        from suivi_tui.services.export.revue_fichier import ecrire_revues
        from suivi_tui.services.export.revue_md import masquees

        try:
            ecrites = ecrire_revues(
                self.suivi.db,
                self.principal.contrat_id,
                d.annee,
                [("md", d.markdown), ("html", d.html)],
                self.suivi.today,
                force=d.remplacer,
                inclure_confidentiel=d.inclure_confidentiel,
            )
        except FichierExistant as exc:
            self._revue_non_ecrite(f"{exc.target} existe déjà : rien n'a été écrit.")
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            self._revue_non_ecrite(raison(exc))
        else:
            revue = ecrites[0].revue
            lignes = [str(e.chemin) for e in ecrites]
            if revue.decisions_masquees:
                lignes.append(f"({masquees(revue.decisions_masquees)})")
            actions = pluriel(len(revue.programmation.actions), "action programmée", "actions programmées")
            lignes.append(f"{actions} en {d.annee}.")
            self.principal.app.call_from_thread(
                self.principal.notify, "\n".join(lignes), title=f"Revue {d.annee} écrite", timeout=12
            )

    def _revue_non_ecrite(self, pourquoi: str) -> None:
        self.principal.app.call_from_thread(
            self.principal.notify, pourquoi, title="Revue non écrite", severity="error", timeout=12
        )
