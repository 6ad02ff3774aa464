"""The main screen's keys for the yearly programmation: $ enters an action, F shows what was funded.

The form and the view read in a worker (the tree, the porteurs and financeurs already named, the
action to correct); the action is written by the app's writer, so that ctrl+z takes it back.
"""

from __future__ import annotations

from functools import partial

from suivi_tui.services.arbre import Noeud, lire_arbre
from suivi_tui.services.programmation import (
    ActionSaisie,
    Connus,
    Programmations,
    connus,
    lire_action,
    lire_programmations,
)
from suivi_tui.ui.ecritures import programmations
from suivi_tui.ui.screens.principal.collaborateur import Collaborateur


class Financements(Collaborateur):
    """$: an action of the programmation (a new one, or one chosen in the view to correct); F: the view."""

    def saisir(self, action_id: int | None = None, annee: int | None = None) -> None:
        """The form: a new action (the node chosen in the axes pane ticked), or the action action_id to correct."""
        objectifs = (self.principal.filtre.axe_id,) if self.principal.filtre.axe_id is not None else ()
        self.en_fond(self._preparer, action_id, annee, objectifs, groupe="dialogue")

    def _preparer(self, action_id: int | None, annee: int | None, objectifs: tuple[int, ...]) -> None:
        contrat_id = self.principal.contrat_id
        with self.suivi.db.lire() as lecture:
            noeuds = lire_arbre(lecture, contrat_id)
            deja = connus(lecture, contrat_id)
            action = lire_action(lecture, contrat_id, action_id) if action_id is not None else None
        if action_id is not None and action is None:
            self.principal.app.call_from_thread(
                self.principal.notify, "Cette action n'existe plus (supprimée entre-temps ?).", severity="warning"
            )
            return
        self.principal.app.call_from_thread(self._formulaire, noeuds, deja, action, action_id, annee, objectifs)

    def _formulaire(
        self,
        noeuds: list[Noeud],
        deja: Connus,
        action: ActionSaisie | None,
        action_id: int | None,
        annee: int | None,
        objectifs: tuple[int, ...],
    ) -> None:
        from suivi_tui.ui.dialogs.programmation import ProgrammationDialog

        if not noeuds:
            self.principal.notify("Ce contrat n'a ni axe ni objectif : rien à quoi rattacher une action.")
            return

        def saisie(s: ActionSaisie | None) -> None:
            if s is not None:
                self.suivi.enregistrer(
                    partial(programmations.enregistrer_action, self.suivi.db, self.principal.contrat_id, s, action_id),
                    inchange="L'action n'a pas changé.",
                )

        dialogue = ProgrammationDialog(noeuds, deja, self.suivi.today, action=action, objectifs=objectifs, annee=annee)
        cle = ("programmation", self.principal.contrat_id, action_id)
        self.principal.app.push_screen(dialogue.brouillon_sous(cle), saisie)

    def vue(self) -> None:
        """F: what was funded, per objective and per year; $ and entrée there open the form."""
        from suivi_tui.ui.screens.programmation import ProgrammationVue

        db, contrat_id = self.suivi.db, self.principal.contrat_id

        def lire() -> Programmations:
            return lire_programmations(db, contrat_id)

        self.principal.app.push_screen(ProgrammationVue(lire, self.saisir, self.suivi.today))
