"""The main screen's ways of moving: to a search result, to an engagement anywhere, through filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from suivi_tui.services.engagements import EngagementVu, Filtre
from suivi_tui.services.panorama import axe_engagement
from suivi_tui.services.recherche import Resultat, rechercher
from suivi_tui.ui.screens.principal.collaborateur import Collaborateur


class Navigation(Collaborateur):
    """f, !, / and every « show this engagement » (a search, a note, an échéance, a list's entrée)."""

    def en_retard(self) -> None:
        """One key for « en retard seulement », and back to every engagement (the axis stays)."""
        from suivi_tui.ui.panes.engagements import EngagementsPane

        self.principal.filtre = replace(self.principal.filtre, en_retard=not self.principal.filtre.en_retard)
        self.principal.notify(
            "Engagements en retard seulement (! pour tout revoir)"
            if self.principal.filtre.en_retard
            else "Retard : filtre retiré"
        )
        self.principal.recharger(apres=self.principal.query_one(EngagementsPane).focus)

    def filtre(self) -> None:
        from suivi_tui.ui.dialogs.filtre import FiltreDialog
        from suivi_tui.ui.panes.engagements import EngagementsPane

        parties = list(self.principal.ecran.parties) if self.principal.ecran else []

        def choisi(filtre: Filtre | None) -> None:
            if filtre is not None:
                self.principal.filtre = replace(filtre, axe_id=self.principal.filtre.axe_id)
                self.principal.recharger(apres=self.principal.query_one(EngagementsPane).focus)

        self.principal.app.push_screen(FiltreDialog(self.principal.filtre, parties), choisi)

    def recherche(self) -> None:
        from suivi_tui.ui.dialogs.recherche import RechercheScreen

        # In presentation mode confidential notes are not results at all (not even masked).
        chercher = partial(
            rechercher, self.suivi.db, self.principal.contrat_id, confidentielles=not self.suivi.presentation
        )
        self.principal.app.push_screen(RechercheScreen(chercher), self.aller_a)

    def aller_a(self, resultat: Resultat | None) -> None:
        """Show a search result: the engagement selected in its axis, or the note in its comité's log."""
        from suivi_tui.ui.panes.journal import JournalPane, NotesJournal

        if resultat is None:
            return
        if resultat.genre != "note":
            self.aller_a_engagement(resultat.id)
            return
        self.principal.comite_id = resultat.comite_id

        def montrer_note() -> None:
            self.principal.query_one(NotesJournal).focus()
            if not self.principal.query_one(JournalPane).montrer_note(resultat.id):
                self.principal.notify("Cette note est dans une séance plus ancienne que celles affichées.")

        if resultat.engagement_id is not None:
            self.aller_a_engagement(resultat.engagement_id, apres=montrer_note)
        else:
            self.principal.recharger(apres=montrer_note)

    def aller_a_engagement(
        self, engagement_id: int, apres: Callable[[], None] | None = None, vu: EngagementVu | None = None
    ) -> None:
        """Select the engagement in its axis (a filter removed), after a read of that axis.

        With `vu` (N knows the point it shows), the table keeps its axis when it already lists the
        engagement and the cursor moves at once; otherwise `vu` is what the keys typed meanwhile
        act on. Either way, « N s 2 » sets the statut of the point N shows.
        """
        from suivi_tui.ui.panes.engagements import EngagementsPane

        table = self.principal.query_one(EngagementsPane)
        if vu is not None and any(ligne.engagement_id == engagement_id for ligne in table.lignes):
            table.surligner(engagement_id)
            self.principal.set_focus(table)
            if apres is not None:
                apres()
            return
        self.principal.en_route = vu
        self.en_fond(self._localiser, engagement_id, apres, groupe="dialogue")

    def _localiser(self, engagement_id: int, apres: Callable[[], None] | None) -> None:
        axe_id = axe_engagement(self.suivi.db, engagement_id)
        self.principal.app.call_from_thread(self._montrer_engagement, engagement_id, axe_id, apres)

    def _montrer_engagement(self, engagement_id: int, axe_id: int | None, apres: Callable[[], None] | None) -> None:
        from suivi_tui.ui.panes.engagements import EngagementsPane

        if axe_id is None:
            self.principal.en_route = None
            self.principal.notify("Cet engagement n'existe plus.", severity="error")
            return
        if self.principal.filtre.actif:
            self.principal.notify("Filtre retiré pour montrer l'engagement.")
        self.principal.filtre = Filtre(axe_id=axe_id)
        table = self.principal.query_one(EngagementsPane)

        def ensuite() -> None:
            self.principal.en_route = None
            table.focus()
            if table.engagement_id != engagement_id:
                self.principal.notify("L'engagement est au-delà des lignes chargées : descendez dans le tableau.")
            if apres is not None:
                apres()

        self.principal.recharger(engagement_voulu=engagement_id, apres=ensuite)
