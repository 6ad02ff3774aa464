"""The main screen: header, axes, engagements, detail, échéances and journal, kept in step with the base."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.detail import EngagementDetail, detail_engagement
from suivi_tui.services.engagements import PAGE, EngagementVu, Filtre
from suivi_tui.services.panorama import Panorama, detail_a_montrer, lire_panorama, lire_table, page_suivante
from suivi_tui.services.reglages import dernier_comite_cle, ecrire_reglage
from suivi_tui.services.seances.journal import SeanceInfo
from suivi_tui.services.vocabulaire import STATUTS_CLOS, libelle_statut
from suivi_tui.ui.affichage import raison
from suivi_tui.ui.messages import (
    AxeChoisi,
    ChangementEnregistre,
    ComiteChoisi,
    DetailCharge,
    EcheanceCochee,
    EcranCharge,
    EngagementAMontrer,
    EngagementSurligne,
    FinDeTableAtteinte,
    NoteChoisie,
    PremierEcranPeint,
    SuiteChargee,
)
from suivi_tui.ui.panes.axes import AxesPane
from suivi_tui.ui.panes.bandeau import BandeauSeance
from suivi_tui.ui.panes.detail import DetailPane
from suivi_tui.ui.panes.echeances import EcheancesPane
from suivi_tui.ui.panes.engagements import EngagementsPane
from suivi_tui.ui.panes.entete import EnTete
from suivi_tui.ui.panes.journal import JournalPane, NotesJournal
from suivi_tui.ui.panes.pied import LARGEUR_ETROITE as LARGEUR_PIED
from suivi_tui.ui.panes.pied import PiedDePage
from suivi_tui.ui.panes.progression import Progression
from suivi_tui.ui.protocoles import AppSuivi
from suivi_tui.ui.screens.principal.edition import Edition
from suivi_tui.ui.screens.principal.navigation import Navigation
from suivi_tui.ui.screens.principal.programmation import Financements
from suivi_tui.ui.screens.principal.quartiers import Quartiers
from suivi_tui.ui.screens.principal.seances import Seances
from suivi_tui.ui.touches import liaisons

_RIEN = object()  # what a pane shows before its first data
LARGEUR_ETROITE = LARGEUR_PIED  # below it: axes by number only, the detail behind `entrée`, a compact footer
PANES = {
    "axes": AxesPane,
    "engagements": EngagementsPane,
    "echeances": EcheancesPane,
    "journal": NotesJournal,
    "detail": DetailPane,
}


@dataclass(frozen=True)
class PremiereLecture:
    """What the screen shows first, read before it is built: its first frame is already complete."""

    ecran: Panorama
    detail: EngagementDetail | None


@lit
def premiere_lecture(lecture: Lecture, contrat_id: int, today: dt.date) -> PremiereLecture:
    """The contrat on opening (every axis, no filter, the remembered comité) and its first engagement: one snapshot."""
    ecran = lire_panorama(lecture, contrat_id, Filtre(), today, limit=EcranPrincipal.TAILLE_PAGE)
    lignes = ecran.engagements.lignes
    return PremiereLecture(ecran, detail_engagement(lecture, lignes[0].id, today) if lignes else None)


class EcranPrincipal(Screen[None]):
    """One contrat; everything shown comes from one snapshot read in a worker thread.

    The screen holds the state and the panes, and reads and shows the base; what its keys do is in
    collaborators: `edition` (the changes), `navigation` (moving), `seances` (the meeting), `quartiers`
    (mesures, the yearly review) and `financements` (the programmation).
    Each key is declared in ui/touches.py; its `action_…` here says which collaborator does it.
    """

    AUTO_FOCUS = "#engagements"
    TAILLE_PAGE = PAGE  # rows read at a time into the table
    # Textual types these as Screen attributes: a ClassVar annotation would clash with its declaration.
    HORIZONTAL_BREAKPOINTS = [(0, "-etroit"), (LARGEUR_ETROITE, "-large")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-bas"), (34, "-haut")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = liaisons("ecran")

    engagement_id: reactive[int | None] = reactive(None)

    def __init__(self, contrat_id: int, premiere: PremiereLecture | None = None) -> None:
        super().__init__()
        self.contrat_id = contrat_id
        self._premiere = premiere
        self.filtre = Filtre()
        self.comite_id: int | None = None
        self.ecran: Panorama | None = None
        self.detail: EngagementDetail | None = None
        self._generation = 0
        self._complet: int | None = None  # the generation of a full read not shown yet
        self._affiche: dict[str, object] = {}
        self._apres_chargement: Callable[[], None] | None = None
        self._voulu: int | None = None  # the engagement a read on its way must select once shown
        self.seance: SeanceInfo | None = None  # the open séance: every command is stamped with it
        self.en_route: EngagementVu | None = None  # the engagement the cursor is being moved to
        self.edition = Edition(self)
        self.navigation = Navigation(self)
        self.seances = Seances(self)
        self.quartiers = Quartiers(self)
        self.financements = Financements(self)

    @property
    def suivi(self) -> AppSuivi:
        """The app, with its base, its today and its writer."""
        return self.app  # type: ignore[return-value]

    @property
    def seance_id(self) -> int | None:
        return self.seance.id if self.seance is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        for partie in (self.edition, self.seances):
            peut = partie.peut(action)
            if peut is not None:
                return peut
        return True

    def ligne_courante(self) -> EngagementVu | None:
        """The engagement a key acts on, when the key is handled: the row under the table's cursor,
        or the one the cursor is on its way to (N, an échéance's entrée) while the table is read again.

        Not `engagement_id`: that one follows the cursor through a message (and the detail through
        a read), and a key typed in the same burst as `j` or `N` is handled before either arrives:
        it would act on the row just left.
        """
        return self.en_route or self.query_one(EngagementsPane).ligne

    def watch_engagement_id(self, avant: int | None, apres: int | None) -> None:
        # Only having one or not changes which keys apply: the Footer is not rebuilt at every row.
        if (avant is None) != (apres is None):
            self.refresh_bindings()

    @property
    def progression(self) -> Progression:
        return self.query_one(Progression)

    def compose(self) -> ComposeResult:
        yield EnTete(id="entete")
        yield BandeauSeance(id="bandeau")
        with Horizontal(id="haut"):
            yield AxesPane(id="axes")
            yield EngagementsPane(id="engagements")
            yield DetailPane(id="detail")
        with Horizontal(id="bas"):
            yield EcheancesPane(id="echeances")
            yield JournalPane(id="journal")
        yield Progression(id="progression")
        yield PiedDePage()

    def on_mount(self) -> None:
        self.seances.lire()
        self.watch(self.app, "presentation", lambda _: self.recharger(), init=False)
        if self._premiere is None:
            self.recharger()
            return
        premiere, self._premiere = self._premiere, None
        # After the first layout, when the panes know their widths: the rows are built once, not twice.
        self.call_after_refresh(
            self._premier_affichage, EcranCharge(premiere.ecran, None, self._generation), premiere.detail
        )

    def _premier_affichage(self, charge: EcranCharge, detail: EngagementDetail | None) -> None:
        self._montrer(charge, detail)
        # Said once the filled panes are painted: loading SQLAlchemy meanwhile (a quarter of a second of
        # Python, holding the interpreter) would delay that first full screen by as much.
        self.call_after_refresh(self.post_message, PremierEcranPeint())

    def on_resize(self) -> None:
        etroit = self.size.width < LARGEUR_ETROITE
        # The table's two signs, said where they are seen; narrow, the detail hides behind `entrée`.
        legende = "◆ à discuter · ! en retard"
        self.query_one(EngagementsPane).border_subtitle = f"{legende} · entrée : détail" if etroit else legende
        if not etroit and self.has_class("-detail-ouvert"):
            self.remove_class("-detail-ouvert")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            event.stop()  # said here, once: the app's own net must not say it again
            self.notify(
                f"Lecture de la base impossible : {raison(event.worker.error or Exception())}",
                title="Affichage non mis à jour",
                severity="error",
                timeout=10,
            )

    # --- loading ---------------------------------------------------------------------------------

    def recharger(self, engagement_voulu: int | None = None, apres: Callable[[], None] | None = None) -> None:
        """Read everything again (after a change, a filter, a new axis) and show it.

        A read still on its way is overtaken by this one: what it was asked to do once shown (select
        an engagement, then `apres`) is carried over, not dropped.
        """
        self._generation += 1
        self._complet = self._generation
        precedent = self._apres_chargement
        if precedent is not None and apres is not None:

            def les_deux() -> None:
                precedent()
                apres()

            self._apres_chargement = les_deux
        elif apres is not None:
            self._apres_chargement = apres
        if engagement_voulu is not None:
            self._voulu = engagement_voulu
        self._charger(self._generation, self.filtre, self.comite_id, self._voulu)

    @work(thread=True, exclusive=True, group="ecran", exit_on_error=False)
    def _charger(self, generation: int, filtre: Filtre, comite_id: int | None, voulu: int | None) -> None:
        # One snapshot: the header's counts, the table and the detail agree, whatever commits meanwhile.
        with self.suivi.db.lire() as lecture:
            ecran = lire_panorama(
                lecture, self.contrat_id, filtre, self.suivi.today, comite_id=comite_id, limit=self.TAILLE_PAGE
            )
            # The detail too, in the same worker: table and detail are then drawn in one frame.
            detail = detail_a_montrer(lecture, ecran.engagements, self._a_garder(voulu), self.suivi.today)
        if not get_current_worker().is_cancelled:
            self.post_message(EcranCharge(ecran, voulu, generation, detail))

    def recharger_table(self) -> None:
        """Read the table again for the current filter; a full read when one is still on its way.

        A full read waiting to be shown (after a change, say) would be overtaken, and dropped, by
        this newer one: it is asked again with the new filter instead, so nothing it brings is lost.
        """
        if self._complet is not None or self.ecran is None:
            self.recharger()  # what the read on its way was to do is carried over
            return
        self._generation += 1
        self._charger_table(self._generation, self.filtre, self.engagement_id)

    @work(thread=True, exclusive=True, group="ecran", exit_on_error=False)
    def _charger_table(self, generation: int, filtre: Filtre, garder: int | None) -> None:
        table = lire_table(
            self.suivi.db, self.contrat_id, filtre, self.suivi.today, garder=garder, limit=self.TAILLE_PAGE
        )
        avant = self.ecran
        if avant is None or get_current_worker().is_cancelled:
            return
        ecran = replace(avant, engagements=table.engagements, precisions=table.precisions)
        self.post_message(EcranCharge(ecran, None, generation, table.detail))

    @on(EcranCharge)
    def _montrer(self, message: EcranCharge, detail: EngagementDetail | None = None) -> None:
        if message.generation != self._generation:
            return  # an older read, overtaken by a newer filter or change
        if message.generation == self._complet:
            self._complet = None
            self._voulu = None
        detail = detail or message.detail
        ecran, presentation, today = message.ecran, self.suivi.presentation, self.suivi.today
        self.ecran, self.comite_id = ecran, ecran.comite_id
        self.app.sub_title = ecran.synthese.contrat.titre
        # A pane whose data did not change is left alone: nothing to rebuild, nothing to repaint.
        if self._change("entete", (ecran.synthese, presentation)):
            self.query_one(EnTete).afficher(ecran.synthese, today, presentation)
        axes = self.query_one(AxesPane)
        if self._change("axes", ecran.axes):
            axes.afficher(ecran.axes, self.filtre.axe_id)
        else:
            axes.surligner(self.filtre.axe_id)
        table = self.query_one(EngagementsPane)
        garder = self._a_garder(message.engagement_voulu)
        titre, tous = self._titre_table(), self.filtre.axe_id is None
        if self._change("table", (ecran.engagements, ecran.precisions, titre, presentation)):
            table.afficher(
                ecran.engagements.lignes,
                ecran.precisions,
                ecran.engagements.total,
                titre=titre,
                avec_axe=tous,
                presentation=presentation,
                engagement_id=garder,
            )
        else:
            table.surligner(garder)
        if self._change("echeances", ecran.echeances):
            self.query_one(EcheancesPane).afficher(ecran.echeances.lignes, ecran.echeances.total)
        if self._change("journal", (ecran.comites, ecran.comite_id, ecran.journal, presentation)):
            self.query_one(JournalPane).afficher(ecran.comites, ecran.comite_id, ecran.journal, presentation)
        if detail is not None and detail.id == table.engagement_id:
            self.engagement_id, self.detail = detail.id, detail
            self.query_one(DetailPane).afficher(detail, self.suivi.today, presentation)
        else:
            self._selectionner(table.engagement_id, forcer=True)
        apres, self._apres_chargement = self._apres_chargement, None
        if apres is not None:
            apres()

    def _change(self, pane: str, donnees: object) -> bool:
        """True (and remembered) when a pane's data differ from what it shows."""
        if self._affiche.get(pane, _RIEN) == donnees:
            return False
        self._affiche[pane] = donnees
        return True

    def _a_garder(self, voulu: int | None) -> int | None:
        """The row to keep under the cursor: the one asked for (a search), else the one selected *now*.

        Now, not when the read was asked: the cursor may have moved meanwhile.
        """
        return voulu if voulu is not None else self.engagement_id

    def _titre_table(self) -> str:
        parties = ["Engagements"]
        axe = next((a for a in self.ecran.axes if a.id == self.filtre.axe_id), None) if self.ecran else None
        parties.append(f"{axe.niveau} {axe.numero}" if axe else "Tous les axes")
        noms = {p.id: p.nom_court for p in self.ecran.parties} if self.ecran else {}
        filtres = [noms.get(self.filtre.partie_id, "?")] if self.filtre.partie_id else []
        filtres += [libelle_statut(s) for s in sorted(self.filtre.statuts)]
        filtres += ["en retard"] if self.filtre.en_retard else []
        filtres += ["à discuter"] if self.filtre.a_discuter else []
        if filtres:
            parties.append("filtre : " + ", ".join(filtres))
        return " · ".join(parties)

    def _selectionner(self, engagement_id: int | None, *, forcer: bool = False) -> None:
        if engagement_id == self.engagement_id and not forcer:
            return
        self.engagement_id = engagement_id
        if engagement_id is None:
            self.detail = None
            self.query_one(DetailPane).afficher(None, self.suivi.today, self.suivi.presentation)
        else:
            self._charger_detail(engagement_id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _charger_detail(self, engagement_id: int) -> None:
        detail = detail_engagement(self.suivi.db, engagement_id, self.suivi.today)
        if not get_current_worker().is_cancelled:
            self.post_message(DetailCharge(engagement_id, detail))

    @on(DetailCharge)
    def _montrer_detail(self, message: DetailCharge) -> None:
        if message.engagement_id != self.engagement_id:
            return
        self.detail = message.detail
        self.query_one(DetailPane).afficher(message.detail, self.suivi.today, self.suivi.presentation)

    @on(FinDeTableAtteinte)
    def _page_suivante(self, message: FinDeTableAtteinte) -> None:
        self._charger_suite(self._generation, self.filtre, message.charges)

    @work(thread=True, exclusive=True, group="suite", exit_on_error=False)
    def _charger_suite(self, generation: int, filtre: Filtre, offset: int) -> None:
        page, precisions = page_suivante(
            self.suivi.db, self.contrat_id, filtre, self.suivi.today, offset, limit=self.TAILLE_PAGE
        )
        self.post_message(SuiteChargee(page, precisions, offset, generation))

    @on(SuiteChargee)
    def _ajouter_suite(self, message: SuiteChargee) -> None:
        table = self.query_one(EngagementsPane)
        if message.generation == self._generation and message.offset == len(table.lignes):
            table.ajouter(message.page.lignes, message.precisions, message.page.total)

    # --- what the panes tell -----------------------------------------------------------------------

    @on(AxeChoisi)
    def _axe_choisi(self, message: AxeChoisi) -> None:
        if message.axe_id != self.filtre.axe_id:
            self.filtre = replace(self.filtre, axe_id=message.axe_id)
            self.recharger_table()

    @on(EngagementSurligne)
    def _engagement_surligne(self, message: EngagementSurligne) -> None:
        self._selectionner(message.engagement_id)

    @on(ComiteChoisi)
    def _comite_choisi(self, message: ComiteChoisi) -> None:
        self.comite_id = message.comite_id
        self.retenir_comite(message.comite_id)
        self.recharger()

    @work(thread=True, group="reglage", exit_on_error=False)
    def retenir_comite(self, comite_id: int) -> None:
        ecrire_reglage(self.suivi.db, dernier_comite_cle(self.contrat_id), str(comite_id))

    @on(NoteChoisie)
    def _note_choisie(self, message: NoteChoisie) -> None:
        if message.engagement_id is None:
            self.notify("Cette note n'est liée à aucun engagement.")
        else:
            self.aller_a_engagement(message.engagement_id)

    @on(EcheanceCochee)
    def _echeance_cochee(self, message: EcheanceCochee) -> None:
        self.edition.cocher_echeance(message.echeance_id)

    @on(EngagementAMontrer)
    def _engagement_a_montrer(self, message: EngagementAMontrer) -> None:
        self.aller_a_engagement(message.engagement_id)

    @on(ChangementEnregistre)
    def _changement_enregistre(self, message: ChangementEnregistre) -> None:
        changement = message.changement
        if changement is not None and changement.genre == "comite" and not message.annule:
            self.comite_id = changement.cible_id
        if (
            changement is not None
            and changement.genre == "statut"
            and changement.nouveau in STATUTS_CLOS
            and changement.engagement_id is not None
            and not message.annule
        ):
            self.edition.proposer_cloture(changement.engagement_id, changement.nouveau)
        self.seances.rafraichir_agenda()
        self.recharger()

    # --- focus and detail --------------------------------------------------------------------------

    # set_focus rather than focus(): the keys typed right after go to the new pane, not the old one.
    def action_focus_pane(self, pane: str) -> None:
        if pane != "detail":
            self.remove_class("-detail-ouvert")
        self.set_focus(self.query_one(PANES[pane]))

    def action_detail(self) -> None:
        if self.engagement_id is None:
            return
        if self.has_class("-etroit"):
            self.add_class("-detail-ouvert")
        self.set_focus(self.query_one(DetailPane))

    def action_bilan(self) -> None:
        """The contrat's bilan (B): its own screen, see ui/screens/bilan.py."""
        from suivi_tui.ui.screens.bilan import ouvrir_bilan

        ouvrir_bilan(self)

    def action_importer(self) -> None:
        """i: an annexe (PDF, Word, OpenDocument, Markdown) read, previewed, imported (ui/dialogs/import_annexe.py)."""
        from suivi_tui.ui.dialogs.import_annexe import ouvrir_import

        ouvrir_import(self.suivi, self.app.push_screen)

    def action_fermer_detail(self) -> None:
        self.remove_class("-detail-ouvert")
        self.set_focus(self.query_one(EngagementsPane))

    # --- the keys: each declared in ui/touches.py, done by one collaborator --------------------------

    def aller_a_engagement(
        self, engagement_id: int, apres: Callable[[], None] | None = None, vu: EngagementVu | None = None
    ) -> None:
        """Show this engagement in the table and its detail (see Navigation.aller_a_engagement for vu)."""
        self.navigation.aller_a_engagement(engagement_id, apres, vu)

    def montrer(self, engagement_id: int | None) -> None:
        """What a list gives back (an engagement on entrée, None on échap): shown here."""
        if engagement_id is not None:
            self.aller_a_engagement(engagement_id)

    def action_statut(self) -> None:
        self.edition.statut()

    def action_pilote(self) -> None:
        self.edition.pilote()

    def action_a_discuter(self) -> None:
        self.edition.a_discuter()

    def action_echeance(self) -> None:
        self.edition.echeance()

    def action_note(self) -> None:
        self.edition.note()

    def action_nouveau_comite(self) -> None:
        self.edition.nouveau_comite()

    def action_mesure(self) -> None:
        self.quartiers.mesure()

    def action_revue(self) -> None:
        self.quartiers.revue()

    def action_financement(self) -> None:
        self.financements.saisir()

    def action_programmation(self) -> None:
        self.financements.vue()

    def action_filtre(self) -> None:
        self.navigation.filtre()

    def action_en_retard(self) -> None:
        self.navigation.en_retard()

    def action_recherche(self) -> None:
        self.navigation.recherche()

    def action_seance(self) -> None:
        self.seances.ouvrir_ou_fermer()

    def action_ordre_du_jour(self) -> None:
        self.seances.ordre_du_jour()

    def action_point_suivant(self) -> None:
        self.seances.point_suivant()

    def action_depuis(self) -> None:
        self.seances.depuis()

    def action_relancer(self) -> None:
        self.seances.relancer()

    def action_releve(self) -> None:
        self.seances.releve()
