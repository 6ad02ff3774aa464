"""The main screen's editing keys: each opens its dialog, then hands the service call to the app's writer."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from suivi_tui.services.detail import echeances_ouvertes
from suivi_tui.services.engagements import EngagementVu
from suivi_tui.services.panorama import pilotes_connus
from suivi_tui.services.vocabulaire import libelle_statut
from suivi_tui.ui.ecritures import commandes
from suivi_tui.ui.screens.principal.collaborateur import Collaborateur

if TYPE_CHECKING:
    from suivi_tui.ui.dialogs.comite import ComiteSaisie
    from suivi_tui.ui.dialogs.echeance import EcheanceSaisie
    from suivi_tui.ui.dialogs.note import NoteSaisie

# The keys that act on the selected engagement: hidden from the Footer when there is none.
SUR_ENGAGEMENT = frozenset({"statut", "pilote", "a_discuter", "echeance", "detail", "mesure"})


class Edition(Collaborateur):
    """s, p, a, d, n, + and espace in Échéances: every change to the base made from the main screen."""

    def peut(self, action: str) -> bool | None:
        """Whether an action of this part applies now (None: not one of its actions)."""
        if action in SUR_ENGAGEMENT:
            return self.principal.ligne_courante() is not None
        return None

    def statut(self) -> None:
        from suivi_tui.ui.dialogs.statut import StatutDialog

        ligne = self.principal.ligne_courante()
        if ligne is None:
            return

        def choisi(code: str | None) -> None:
            if code:
                self.suivi.enregistrer(
                    partial(
                        commandes.changer_statut,
                        self.suivi.db,
                        ligne.engagement_id,
                        code,
                        seance_id=self.principal.seance_id,
                    ),
                    inchange=f"Le statut était déjà « {libelle_statut(code)} ».",
                )

        self.principal.app.push_screen(StatutDialog(ligne.statut, ligne.libelle), choisi)

    def pilote(self) -> None:
        ligne = self.principal.ligne_courante()
        if ligne is None:
            return
        if self.suivi.presentation:
            self.principal.notify(
                "Les pilotes sont masqués en mode présentation : P pour en sortir, puis p.", severity="warning"
            )
            return
        self.en_fond(self._ouvrir_pilote, ligne, groupe="dialogue")

    def _ouvrir_pilote(self, ligne: EngagementVu) -> None:
        suggestions = pilotes_connus(self.suivi.db, self.principal.contrat_id)
        self.principal.app.call_from_thread(self._dialogue_pilote, ligne, suggestions)

    def _dialogue_pilote(self, ligne: EngagementVu, suggestions: list[str]) -> None:
        from suivi_tui.ui.dialogs.pilote import PiloteDialog

        def choisi(nom: str | None) -> None:
            if nom is not None:
                self.suivi.enregistrer(
                    partial(
                        commandes.changer_pilote,
                        self.suivi.db,
                        ligne.engagement_id,
                        nom,
                        seance_id=self.principal.seance_id,
                    ),
                    inchange="Pilote inchangé.",
                )

        self.principal.app.push_screen(
            PiloteDialog(ligne.pilote, suggestions, ligne.libelle).brouillon_sous(("pilote", ligne.engagement_id)),
            choisi,
        )

    def a_discuter(self) -> None:
        ligne = self.principal.ligne_courante()
        if ligne is not None:
            self.suivi.enregistrer(
                partial(
                    commandes.basculer_a_discuter,
                    self.suivi.db,
                    ligne.engagement_id,
                    seance_id=self.principal.seance_id,
                )
            )

    def echeance(self) -> None:
        from suivi_tui.ui.dialogs.echeance import EcheanceDialog

        ligne = self.principal.ligne_courante()
        if ligne is None:
            return

        def saisie(s: EcheanceSaisie | None) -> None:
            if s is not None:
                self.suivi.enregistrer(
                    partial(
                        commandes.ajouter_echeance,
                        self.suivi.db,
                        ligne.engagement_id,
                        s.date,
                        s.precision,
                        s.libelle,
                        seance_id=self.principal.seance_id,
                    )
                )

        self.principal.app.push_screen(
            EcheanceDialog(ligne.libelle, self.suivi.today).brouillon_sous(("echeance", ligne.engagement_id)), saisie
        )

    def note(self) -> None:
        """A note linked to the selected engagement; from the journal pane, a general note."""
        from suivi_tui.ui.dialogs.note import NoteDialog
        from suivi_tui.ui.panes.journal import JournalPane

        journal = self.principal.query_one(JournalPane)
        dans_journal = self.principal.focused is not None and journal in self.principal.focused.ancestors_with_self
        ligne = None if dans_journal else self.principal.ligne_courante()
        comites = list(self.principal.ecran.comites) if self.principal.ecran else []
        seance = self.principal.seance  # an open séance receives the notes of its comité

        def saisie(s: NoteSaisie | None) -> None:
            if s is None:
                return
            self.principal.comite_id = s.comite_id
            self.principal.retenir_comite(s.comite_id)
            dans_seance = seance.id if seance is not None and seance.comite_id == s.comite_id else None
            self.suivi.enregistrer(
                partial(
                    commandes.ajouter_note,
                    self.suivi.db,
                    s.comite_id,
                    s.texte,
                    type=s.type,
                    engagement_id=ligne.engagement_id if ligne else None,
                    confidentielle=s.confidentielle,
                    seance_id=dans_seance,
                )
            )

        defaut = seance.comite_id if seance is not None else self.principal.comite_id
        en_seance = f"{seance.comite} · {seance.date:%d/%m/%Y} (ouverte)" if seance is not None else None
        self.principal.app.push_screen(
            NoteDialog(comites, defaut, ligne.libelle if ligne else None, en_seance).brouillon_sous(
                ("note", ligne.engagement_id if ligne else None, defaut)
            ),
            saisie,
        )

    def nouveau_comite(self) -> None:
        from suivi_tui.ui.dialogs.comite import ComiteDialog

        existants = [c.nom for c in self.principal.ecran.comites] if self.principal.ecran else []

        def saisie(s: ComiteSaisie | None) -> None:
            if s is not None:
                self.suivi.enregistrer(
                    partial(commandes.creer_comite, self.suivi.db, self.principal.contrat_id, s.nom, s.description)
                )

        self.principal.app.push_screen(
            ComiteDialog(existants).brouillon_sous(("comite", self.principal.contrat_id)), saisie
        )

    def cocher_echeance(self, echeance_id: int) -> None:
        self.suivi.enregistrer(
            partial(
                commandes.basculer_echeance_faite,
                self.suivi.db,
                echeance_id,
                self.suivi.today,
                seance_id=self.principal.seance_id,
            )
        )

    def proposer_cloture(self, engagement_id: int, statut: str) -> None:
        """After « Réalisé » or « Abandonné »: offer to mark the engagement's open échéances done (one key)."""
        self.en_fond(self._compter_ouvertes, engagement_id, statut, groupe="dialogue")

    def _compter_ouvertes(self, engagement_id: int, statut: str) -> None:
        ouvertes = echeances_ouvertes(self.suivi.db, engagement_id)
        if ouvertes:
            self.principal.app.call_from_thread(self._demander_cloture, engagement_id, statut, ouvertes)

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
                        seance_id=self.principal.seance_id,
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
        self.principal.app.push_screen(QuestionDialog("Échéances ouvertes", question), repondu)
