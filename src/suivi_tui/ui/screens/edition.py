"""The main screen's editing keys: each opens its dialog, then hands the service call to the app's writer."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import work

from suivi_tui.services.detail import echeances_ouvertes
from suivi_tui.services.ecran import axe_engagement, pilotes_connus
from suivi_tui.services.recherche import Resultat, rechercher
from suivi_tui.services.tableau import EngagementLigne, Filtre
from suivi_tui.services.vocabulaire import libelle_statut
from suivi_tui.ui.ecritures import commandes

if TYPE_CHECKING:
    from collections.abc import Callable

    from suivi_tui.services.ecran import Ecran
    from suivi_tui.services.seances.journal import SeanceInfo
    from suivi_tui.ui.dialogs.comite import ComiteSaisie
    from suivi_tui.ui.dialogs.echeance import EcheanceSaisie
    from suivi_tui.ui.dialogs.note import NoteSaisie
    from suivi_tui.ui.protocoles import AppSuivi

# The keys that act on the selected engagement: hidden from the Footer when there is none.
SUR_ENGAGEMENT = frozenset({"statut", "pilote", "a_discuter", "echeance", "detail", "mesure"})


class Edition:
    """Mixed into EcranPrincipal: the state it uses is the screen's."""

    contrat_id: int
    filtre: Filtre
    comite_id: int | None
    ecran: Ecran | None
    engagement_id: int | None
    # provided by Screen / EcranPrincipal
    app: Any
    focused: Any
    query_one: Any
    notify: Any
    recharger: Any
    _retenir_comite: Any
    refresh_bindings: Any
    seance: SeanceInfo | None = None  # the open séance (kept by EnSeance): every command is stamped with it

    @property
    def seance_id(self) -> int | None:
        return self.seance.id if self.seance is not None else None

    @property
    def suivi(self) -> AppSuivi:
        """The app, with its base, its today and its writer."""
        return self.app  # type: ignore[no-any-return]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SUR_ENGAGEMENT:
            return self.ligne_courante() is not None
        return True

    def ligne_courante(self) -> EngagementLigne | None:
        """The row under the table's cursor when the key is handled.

        Not `engagement_id`: that one follows the cursor through a message (and the detail through
        a read), and a key typed in the same burst as `j` is handled before either arrives: it
        would act on the row just left.
        """
        from suivi_tui.ui.panes.engagements import EngagementsPane

        return self.query_one(EngagementsPane).ligne

    def action_statut(self) -> None:
        from suivi_tui.ui.dialogs.statut import StatutDialog

        ligne = self.ligne_courante()
        if ligne is None:
            return

        def choisi(code: str | None) -> None:
            if code:
                self.suivi.enregistrer(
                    partial(commandes.changer_statut, self.suivi.db, ligne.id, code, seance_id=self.seance_id),
                    inchange=f"Le statut était déjà « {libelle_statut(code)} ».",
                )

        self.app.push_screen(StatutDialog(ligne.statut, ligne.libelle), choisi)

    def action_pilote(self) -> None:
        ligne = self.ligne_courante()
        if ligne is None:
            return
        if self.suivi.presentation:
            self.notify("Les pilotes sont masqués en mode présentation : P pour en sortir, puis p.", severity="warning")
            return
        self._ouvrir_pilote(ligne)

    @work(thread=True, group="dialogue", exit_on_error=False)
    def _ouvrir_pilote(self, ligne: EngagementLigne) -> None:
        suggestions = pilotes_connus(self.suivi.db, self.contrat_id)
        self.app.call_from_thread(self._dialogue_pilote, ligne, suggestions)

    def _dialogue_pilote(self, ligne: EngagementLigne, suggestions: list[str]) -> None:
        from suivi_tui.ui.dialogs.pilote import PiloteDialog

        def choisi(nom: str | None) -> None:
            if nom is not None:
                self.suivi.enregistrer(
                    partial(commandes.changer_pilote, self.suivi.db, ligne.id, nom, seance_id=self.seance_id),
                    inchange="Pilote inchangé.",
                )

        self.app.push_screen(
            PiloteDialog(ligne.pilote, suggestions, ligne.libelle).brouillon_sous(("pilote", ligne.id)), choisi
        )

    def action_a_discuter(self) -> None:
        ligne = self.ligne_courante()
        if ligne is not None:
            self.suivi.enregistrer(
                partial(commandes.basculer_a_discuter, self.suivi.db, ligne.id, seance_id=self.seance_id)
            )

    def action_echeance(self) -> None:
        from suivi_tui.ui.dialogs.echeance import EcheanceDialog

        ligne = self.ligne_courante()
        if ligne is None:
            return

        def saisie(s: EcheanceSaisie | None) -> None:
            if s is not None:
                self.suivi.enregistrer(
                    partial(
                        commandes.ajouter_echeance,
                        self.suivi.db,
                        ligne.id,
                        s.date,
                        s.precision,
                        s.libelle,
                        seance_id=self.seance_id,
                    )
                )

        self.app.push_screen(
            EcheanceDialog(ligne.libelle, self.suivi.today).brouillon_sous(("echeance", ligne.id)), saisie
        )

    def action_note(self) -> None:
        """A note linked to the selected engagement; from the journal pane, a general note."""
        from suivi_tui.ui.dialogs.note import NoteDialog
        from suivi_tui.ui.panes.journal import JournalPane

        journal = self.query_one(JournalPane)
        dans_journal = self.focused is not None and journal in self.focused.ancestors_with_self
        ligne = None if dans_journal else self.ligne_courante()
        comites = list(self.ecran.comites) if self.ecran else []
        seance = self.seance  # an open séance receives the notes of its comité

        def saisie(s: NoteSaisie | None) -> None:
            if s is None:
                return
            self.comite_id = s.comite_id
            self._retenir_comite(s.comite_id)
            dans_seance = seance.id if seance is not None and seance.comite_id == s.comite_id else None
            self.suivi.enregistrer(
                partial(
                    commandes.ajouter_note,
                    self.suivi.db,
                    s.comite_id,
                    s.texte,
                    type=s.type,
                    engagement_id=ligne.id if ligne else None,
                    confidentielle=s.confidentielle,
                    seance_id=dans_seance,
                )
            )

        defaut = seance.comite_id if seance is not None else self.comite_id
        en_seance = f"{seance.comite} · {seance.date:%d/%m/%Y} (ouverte)" if seance is not None else None
        self.app.push_screen(
            NoteDialog(comites, defaut, ligne.libelle if ligne else None, en_seance).brouillon_sous(
                ("note", ligne.id if ligne else None, defaut)
            ),
            saisie,
        )

    def action_nouveau_comite(self) -> None:
        from suivi_tui.ui.dialogs.comite import ComiteDialog

        existants = [c.nom for c in self.ecran.comites] if self.ecran else []

        def saisie(s: ComiteSaisie | None) -> None:
            if s is not None:
                self.suivi.enregistrer(
                    partial(commandes.creer_comite, self.suivi.db, self.contrat_id, s.nom, s.description)
                )

        self.app.push_screen(ComiteDialog(existants).brouillon_sous(("comite", self.contrat_id)), saisie)

    def cocher_echeance(self, echeance_id: int) -> None:
        self.suivi.enregistrer(
            partial(
                commandes.basculer_echeance_faite,
                self.suivi.db,
                echeance_id,
                self.suivi.today,
                seance_id=self.seance_id,
            )
        )

    def action_en_retard(self) -> None:
        """One key for « en retard seulement », and back to every engagement (the axis stays)."""
        from suivi_tui.ui.panes.engagements import EngagementsPane

        self.filtre = replace(self.filtre, en_retard=not self.filtre.en_retard)
        self.notify(
            "Engagements en retard seulement (! pour tout revoir)"
            if self.filtre.en_retard
            else "Retard : filtre retiré"
        )
        self.recharger(apres=self.query_one(EngagementsPane).focus)

    def proposer_cloture(self, engagement_id: int, statut: str) -> None:
        """After « Réalisé » or « Abandonné »: offer to mark the engagement's open échéances done (one key)."""
        self._compter_ouvertes(engagement_id, statut)

    @work(thread=True, group="dialogue", exit_on_error=False)
    def _compter_ouvertes(self, engagement_id: int, statut: str) -> None:
        ouvertes = echeances_ouvertes(self.suivi.db, engagement_id)
        if ouvertes:
            self.app.call_from_thread(self._demander_cloture, engagement_id, statut, ouvertes)

    def _demander_cloture(self, engagement_id: int, statut: str, ouvertes: int) -> None:
        from suivi_tui.ui.dialogs.question import QuestionDialog

        def repondu(oui: bool | None) -> None:
            if oui:
                self.suivi.enregistrer(
                    partial(
                        commandes.cloturer_echeances,
                        self.suivi.db,
                        engagement_id,
                        self.suivi.today,
                        seance_id=self.seance_id,
                    )
                )

        quoi, reste = (
            ("son échéance ouverte comme faite", "elle reste")
            if ouvertes == 1
            else (f"ses {ouvertes} échéances ouvertes comme faites", "elles restent")
        )
        question = (
            f"L'engagement est « {libelle_statut(statut)} » : marquer {quoi} aujourd'hui ? "
            f"Sinon {reste} listée{'s' if ouvertes > 1 else ''} à venir dans l'agenda et les relevés."
        )
        self.app.push_screen(QuestionDialog("Échéances ouvertes", question), repondu)

    def action_filtre(self) -> None:
        from suivi_tui.ui.dialogs.filtre import FiltreDialog
        from suivi_tui.ui.panes.engagements import EngagementsPane

        parties = list(self.ecran.parties) if self.ecran else []

        def choisi(filtre: Filtre | None) -> None:
            if filtre is not None:
                self.filtre = replace(filtre, axe_id=self.filtre.axe_id)
                self.recharger(apres=self.query_one(EngagementsPane).focus)

        self.app.push_screen(FiltreDialog(self.filtre, parties), choisi)

    def action_recherche(self) -> None:
        from suivi_tui.ui.dialogs.recherche import RechercheScreen

        # In presentation mode confidential notes are not results at all (not even masked).
        chercher = partial(rechercher, self.suivi.db, self.contrat_id, confidentielles=not self.suivi.presentation)
        self.app.push_screen(RechercheScreen(chercher), self.aller_a)

    def aller_a(self, resultat: Resultat | None) -> None:
        """Show a search result: the engagement selected in its axis, or the note in its comité's log."""
        from suivi_tui.ui.panes.journal import JournalPane, NotesJournal

        if resultat is None:
            return
        if resultat.genre != "note":
            self.aller_a_engagement(resultat.id)
            return
        self.comite_id = resultat.comite_id

        def montrer_note() -> None:
            self.query_one(NotesJournal).focus()
            if not self.query_one(JournalPane).montrer_note(resultat.id):
                self.notify("Cette note est dans une séance plus ancienne que celles affichées.")

        if resultat.engagement_id is not None:
            self.aller_a_engagement(resultat.engagement_id, apres=montrer_note)
        else:
            self.recharger(apres=montrer_note)

    def aller_a_engagement(self, engagement_id: int, apres: Callable[[], None] | None = None) -> None:
        self._localiser(engagement_id, apres)

    @work(thread=True, group="dialogue", exit_on_error=False)
    def _localiser(self, engagement_id: int, apres: Callable[[], None] | None) -> None:
        axe_id = axe_engagement(self.suivi.db, engagement_id)
        self.app.call_from_thread(self._montrer_engagement, engagement_id, axe_id, apres)

    def _montrer_engagement(self, engagement_id: int, axe_id: int | None, apres: Callable[[], None] | None) -> None:
        from suivi_tui.ui.panes.engagements import EngagementsPane

        if axe_id is None:
            self.notify("Cet engagement n'existe plus.", severity="error")
            return
        if self.filtre.actif:
            self.notify("Filtre retiré pour montrer l'engagement.")
        self.filtre = Filtre(axe_id=axe_id)
        table = self.query_one(EngagementsPane)

        def ensuite() -> None:
            table.focus()
            if table.engagement_id != engagement_id:
                self.notify("L'engagement est au-delà des lignes chargées : descendez dans le tableau.")
            if apres is not None:
                apres()

        self.recharger(engagement_voulu=engagement_id, apres=ensuite)
