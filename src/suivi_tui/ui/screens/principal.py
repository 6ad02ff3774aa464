"""The main screen: header, axes, engagements, detail, échéances and journal, kept in step with the base."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from suivi_tui.db.database import Lecture, lit
from suivi_tui.services.detail import EngagementDetail, detail_engagement
from suivi_tui.services.ecran import Ecran, charger_ecran, detail_a_montrer, page_suivante
from suivi_tui.services.reglages import dernier_comite_cle, ecrire_reglage
from suivi_tui.services.tableau import PAGE, Filtre
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
from suivi_tui.ui.screens.edition import Edition
from suivi_tui.ui.screens.lecture_table import LectureTable
from suivi_tui.ui.screens.quartiers import Quartiers2030
from suivi_tui.ui.screens.seance import EnSeance

_RIEN = object()  # what a pane shows before its first data
LARGEUR_ETROITE = LARGEUR_PIED  # below it: axes by number only, the detail behind `entrée`, a compact footer
PANES = {
    "axes": AxesPane,
    "engagements": EngagementsPane,
    "echeances": EcheancesPane,
    "journal": NotesJournal,
    "detail": DetailPane,
}


def _focus(touche: str, pane: str, nom: str) -> Binding:
    return Binding(
        touche, f"focus_pane('{pane}')", nom, show=False, tooltip=f"Aller au volet {nom}", id=f"ecran.{pane}"
    )


@dataclass(frozen=True)
class PremiereLecture:
    """What the screen shows first, read before it is built: its first frame is already complete."""

    ecran: Ecran
    detail: EngagementDetail | None


@lit
def premiere_lecture(lecture: Lecture, contrat_id: int, today: dt.date) -> PremiereLecture:
    """The contrat on opening (every axis, no filter, the remembered comité) and its first engagement: one snapshot."""
    ecran = charger_ecran(lecture, contrat_id, Filtre(), today, limit=EcranPrincipal.TAILLE_PAGE)
    lignes = ecran.engagements.lignes
    return PremiereLecture(ecran, detail_engagement(lecture, lignes[0].id, today) if lignes else None)


class EcranPrincipal(LectureTable, EnSeance, Edition, Quartiers2030, Screen[None]):
    """One contrat; everything shown comes from one snapshot read in a worker thread."""

    AUTO_FOCUS = "#engagements"
    TAILLE_PAGE = PAGE  # rows read at a time into the table
    # Textual types these as Screen attributes: a ClassVar annotation would clash with its declaration.
    HORIZONTAL_BREAKPOINTS = [(0, "-etroit"), (LARGEUR_ETROITE, "-large")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-bas"), (34, "-haut")]  # noqa: RUF012

    BINDINGS: ClassVar[list[BindingType]] = [
        _focus("1", "axes", "Axes"),
        _focus("2", "engagements", "Engagements"),
        _focus("3", "echeances", "Échéances"),
        _focus("4", "journal", "Journal"),
        Binding(
            "tab", "app.focus_next", "Volet suivant", show=False, tooltip="Passer au volet suivant", id="ecran.suivant"
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Volet précédent",
            show=False,
            tooltip="Revenir au volet précédent",
            id="ecran.precedent",
        ),
        Binding("s", "statut", "Statut", tooltip="Changer le statut de l'engagement", id="ecran.statut"),
        Binding("n", "note", "Note", tooltip="Écrire une note au journal d'un comité", id="ecran.note"),
        Binding("d", "echeance", "Échéance", tooltip="Ajouter une échéance à l'engagement", id="ecran.echeance"),
        Binding("p", "pilote", "Pilote", show=False, tooltip="Nommer le pilote de l'engagement", id="ecran.pilote"),
        Binding(
            "a",
            "a_discuter",
            "À discuter",
            show=False,
            tooltip="Mettre à l'ordre du jour de la prochaine séance, ou l'en retirer",
            id="ecran.a_discuter",
        ),
        Binding(
            "f", "filtre", "Filtrer", tooltip="Filtrer par partie, statut, retard, « à discuter »", id="ecran.filtre"
        ),
        Binding(
            "slash",
            "recherche",
            "Chercher",
            tooltip="Chercher dans les engagements, pilotes et notes",
            id="ecran.recherche",
        ),
        Binding(
            "m",
            "seance",
            "Séance",
            tooltip="Ouvrir une séance de comité, ou fermer celle qui est ouverte",
            id="ecran.seance",
        ),
        Binding(
            "A",
            "ordre_du_jour",
            "Ordre du jour",
            show=False,
            tooltip="Ordre du jour de la séance : suites, points à discuter, retards, échéances",
            id="ecran.ordre_du_jour",
        ),
        Binding(
            "D",
            "depuis",
            "Depuis",
            show=False,
            tooltip="Ce qui a changé depuis la dernière séance du comité, ou depuis une date",
            id="ecran.depuis",
        ),
        Binding(
            "N",
            "point_suivant",
            "Point suivant",
            tooltip="En séance : le point montré est traité, montrer le point suivant de l'ordre du jour",
            id="ecran.point_suivant",
        ),
        Binding(
            "exclamation_mark",
            "en_retard",
            "En retard",
            show=False,
            tooltip="Montrer seulement les engagements en retard, ou tous",
            id="ecran.en_retard",
        ),
        Binding(
            "R",
            "relancer",
            "À relancer",
            show=False,
            tooltip="Les engagements en retard ou sans changement depuis des semaines, par pilote",
            id="ecran.relancer",
        ),
        Binding(
            "v",
            "mesure",
            "Mesure",
            show=False,
            tooltip="Saisir une mesure d'un indicateur de l'engagement (ou de son objectif)",
            id="ecran.mesure",
        ),
        Binding(
            "B",
            "bilan",
            "Bilan",
            show=False,
            tooltip="Bilan du contrat : axes × parties, avancement mois par mois, engagements à reporter",
            id="ecran.bilan",
        ),
    ]

    engagement_id: reactive[int | None] = reactive(None)

    def __init__(self, contrat_id: int, premiere: PremiereLecture | None = None) -> None:
        super().__init__()
        self.contrat_id = contrat_id
        self._premiere = premiere
        self.filtre = Filtre()
        self.comite_id: int | None = None
        self.ecran: Ecran | None = None
        self.detail: EngagementDetail | None = None
        self._generation = 0
        self._complet: int | None = None  # the generation of a full read not shown yet
        self._affiche: dict[str, object] = {}
        self._apres_chargement: Callable[[], None] | None = None

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
        self.watch(self.app, "presentation", lambda _: self.recharger(), init=False)
        if self._premiere is None:
            self.recharger()
            return
        premiere, self._premiere = self._premiere, None
        # After the first layout, when the panes know their widths: the rows are built once, not twice.
        self.call_after_refresh(self._montrer, EcranCharge(premiere.ecran, None, self._generation), premiere.detail)

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
        """Read everything again (after a change, a filter, a new axis) and show it."""
        self._generation += 1
        self._complet = self._generation
        self._apres_chargement = apres
        self._charger(self._generation, self.filtre, self.comite_id, engagement_voulu)

    @work(thread=True, exclusive=True, group="ecran", exit_on_error=False)
    def _charger(self, generation: int, filtre: Filtre, comite_id: int | None, voulu: int | None) -> None:
        # One snapshot: the header's counts, the table and the detail agree, whatever commits meanwhile.
        with self.suivi.db.lire() as lecture:
            ecran = charger_ecran(
                lecture, self.contrat_id, filtre, self.suivi.today, comite_id=comite_id, limit=self.TAILLE_PAGE
            )
            # The detail too, in the same worker: table and detail are then drawn in one frame.
            detail = detail_a_montrer(lecture, ecran.engagements, self._a_garder(voulu), self.suivi.today)
        if not get_current_worker().is_cancelled:
            self.post_message(EcranCharge(ecran, voulu, generation, detail))

    @on(EcranCharge)
    def _montrer(self, message: EcranCharge, detail: EngagementDetail | None = None) -> None:
        if message.generation != self._generation:
            return  # an older read, overtaken by a newer filter or change
        if message.generation == self._complet:
            self._complet = None
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
        self._retenir_comite(message.comite_id)
        self.recharger()

    @work(thread=True, group="reglage", exit_on_error=False)
    def _retenir_comite(self, comite_id: int) -> None:
        ecrire_reglage(self.suivi.db, dernier_comite_cle(self.contrat_id), str(comite_id))

    @on(NoteChoisie)
    def _note_choisie(self, message: NoteChoisie) -> None:
        if message.engagement_id is None:
            self.notify("Cette note n'est liée à aucun engagement.")
        else:
            self.aller_a_engagement(message.engagement_id)

    @on(EcheanceCochee)
    def _echeance_cochee(self, message: EcheanceCochee) -> None:
        self.cocher_echeance(message.echeance_id)

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
            self.proposer_cloture(changement.engagement_id, changement.nouveau)
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

    def action_fermer_detail(self) -> None:
        self.remove_class("-detail-ouvert")
        self.set_focus(self.query_one(EngagementsPane))
