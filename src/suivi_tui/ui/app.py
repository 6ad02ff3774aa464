"""The Textual app: opens the contrat's main screen, global keys, the writer and its undo stack."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Hashable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from suivi_tui.db.database import Database, erreur_prevue
from suivi_tui.erreurs import ErreurSuivi
from suivi_tui.services.changement import Changement
from suivi_tui.services.contrats import ContratResume, lister_contrats
from suivi_tui.services.reglages import DERNIER_CONTRAT, ecrire_reglage, lire_reglage
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.ui import ecritures
from suivi_tui.ui.affichage import raison
from suivi_tui.ui.collage import proteger_les_collages
from suivi_tui.ui.dialogs.base import Brouillon, Dialogue
from suivi_tui.ui.ecritures import annulation
from suivi_tui.ui.messages import ChangementEnregistre, PremierEcranPeint
from suivi_tui.ui.screens.principal import EcranPrincipal, PremiereLecture, premiere_lecture
from suivi_tui.ui.touches import affichage, liaisons

if TYPE_CHECKING:
    from textual.command import Provider

    from suivi_tui.services.export import DemandeExport, ResultatExport
    from suivi_tui.services.seed import RapportSeed, SourceLue

PILE_MAX = 200  # undo steps kept


def _commandes() -> type[Provider]:
    from suivi_tui.ui.palette import CommandesSuivi

    return CommandesSuivi


def message_erreur(exc: BaseException) -> str:
    """The French sentence an error carries (our exceptions all have one; the base's are prefixed)."""
    if isinstance(exc, ErreurSuivi | OSError):
        return raison(exc)
    return f"La base a refusé l'opération : {raison(exc)}"


class SuiviApp(App[None]):
    """`SuiviApp(db, today)` opens the last contrat used (or `contrat_id`); `annonce` is a first toast."""

    CSS_PATH = "suivi.tcss"
    TITLE = "suivi"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {_commandes}
    NOTIFICATION_TIMEOUT = 4

    BINDINGS: ClassVar[list[BindingType]] = liaisons("app")

    presentation: reactive[bool] = reactive(False, bindings=True)

    def __init__(
        self, db: Database, today: dt.date, *, contrat_id: int | None = None, annonce: str | None = None
    ) -> None:
        super().__init__()
        proteger_les_collages()  # before the driver starts reading the terminal
        self.db = db
        self.today = today
        self.contrat_voulu = contrat_id
        self.annonce = annonce
        self._piles: dict[int, list[Changement]] = {}  # one undo stack per contrat
        self.principal: EcranPrincipal | None = None
        self._verrou = threading.Lock()  # one write at a time, in the order they were asked
        self._minuteur_export: Timer | None = None
        self._signaux_avant: dict[int, Any] = {}
        self.brouillons: dict[Hashable, Brouillon] = {}  # what escape left in a dialog, for the session

    @property
    def annulations(self) -> list[Changement]:
        """The open contrat's undo stack, newest last (ctrl+z never undoes what is not on screen)."""
        return self._piles.get(self.principal.contrat_id, []) if self.principal is not None else []

    def _empiler(self, contrat_id: int, changement: Changement) -> None:
        self._piles[contrat_id] = [*self._piles.get(contrat_id, [])[-PILE_MAX + 1 :], changement]

    def get_key_display(self, binding: Binding) -> str:
        return affichage(binding.key)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder="Chercher une commande…", id="--command-palette"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Writes report their own errors; this is the net for the rest (opening, listing, settings).
        if event.state is WorkerState.ERROR:
            self.notify(
                message_erreur(event.worker.error or Exception("erreur inconnue")),
                title="Opération impossible",
                severity="error",
                timeout=10,
            )

    # --- keys typed in the same burst as the one that opened a dialog -----------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if await self._deplacer_le_focus(event.key):
                return
            # Where Textual sends it: the screen, and the widget with the focus (None while a dialog mounts).
            event.envoi = (self.screen, self.focused)  # type: ignore[attr-defined]
        await super().on_event(event)

    async def _deplacer_le_focus(self, touche: str) -> bool:
        """tab and shift+tab move the focus now, when no widget takes them (the path field completes with tab).

        Textual hands each key of a read to the widget focused when it takes the key, and runs the
        screen's tab only once the key has come back up: « T4 2020⇥bilan » would all go to the date.
        """
        if touche not in ("tab", "shift+tab"):
            return False
        lien = self.screen.active_bindings.get(touche)
        if lien is None or lien.node not in (self.screen, self) or not lien.enabled:
            return False
        await self.run_action(lien.binding.action, lien.node)
        return True

    def on_key(self, event: events.Key) -> None:
        """A printable key that came back from the screen it was typed on, now covered by a dialog, is the dialog's.

        « n » then the note's text in one read (a paste, a macro, `tmux send-keys`): the text reaches
        the table before the dialog opens, and Textual would drop it. It is typed into the dialog's field.
        """
        envoi = getattr(event, "envoi", None)
        if envoi is None or not event.is_printable or not isinstance(self.screen, Dialogue):
            return
        if event.key in self.screen.active_bindings:
            return  # one of the dialog's keys: its binding took it already (« s » then « 3 » in one read)
        ecran, focus = envoi
        if (ecran is not self.screen or focus is None) and not getattr(event, "relancee", False):
            # Sent again, in order: by the time it is handled, the dialog has focused its field.
            event.stop()
            relance = events.Key(event.key, event.character)
            relance.relancee = True  # type: ignore[attr-defined]  # once: a dialog with no field drops it
            self.post_message(relance)

    def action_aide_quitter(self) -> None:
        self.notify("Pour quitter : q ou ctrl+q (tout est déjà enregistré).")

    # --- opening a contrat -------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._quitter_sur_signal()
        self._ouvrir()

    def _quitter_sur_signal(self) -> None:
        """SIGTERM, or SIGHUP from a closed terminal: leave like `q` does (the terminal is given back)."""
        import asyncio
        import signal

        from suivi_tui.signals import HANDLED, install_signal_handlers

        boucle = asyncio.get_running_loop()

        def quitter() -> None:
            # call_soon_threadsafe is the one loop call that is safe from inside a signal handler.
            boucle.call_soon_threadsafe(self.exit)

        self._signaux_avant = {s: signal.getsignal(s) for s in HANDLED}
        if not install_signal_handlers(on_exit=quitter):
            self._signaux_avant = {}

    def on_unmount(self) -> None:
        import signal

        for signum, avant in self._signaux_avant.items():
            signal.signal(signum, avant)

    @work(thread=True, group="ouverture", exit_on_error=False)
    def _ouvrir(self, contrat_voulu: int | None = None) -> None:
        """Choose the contrat (asked for, else the last one used, else the first) and read its screen."""
        with self.db.lire() as lecture:  # one snapshot: the contrat chosen is the one read
            contrats = lister_contrats(lecture)
            dernier = lire_reglage(lecture, DERNIER_CONTRAT)
            ids = [c.id for c in contrats]
            voulus = (contrat_voulu, self.contrat_voulu, int(dernier) if dernier and dernier.isdigit() else None)
            choix = next((i for i in voulus if i in ids), ids[0] if ids else None)
            premiere = premiere_lecture(lecture, choix, self.today) if choix is not None else None
        self.call_from_thread(self._montrer_contrat, choix, premiere)

    def _montrer_contrat(self, contrat_id: int | None, premiere: PremiereLecture | None) -> None:
        if contrat_id is None:
            self.notify(
                "La base ne contient aucun contrat. Importez une annexe : suivi seed ANNEXE",
                severity="error",
                timeout=30,
            )
            return
        ecran = EcranPrincipal(contrat_id, premiere)
        if self.principal is None:
            self.push_screen(ecran)
        else:
            self.switch_screen(ecran)
        self.principal = ecran
        if self.annonce:
            self.notify(self.annonce, timeout=8)
            self.annonce = None

    def on_premier_ecran_peint(self, _: PremierEcranPeint) -> None:
        # The first screen is drawn without SQLAlchemy; the writes' modules load now, before a key asks.
        self._preparer_ecritures()

    @work(thread=True, group="preparation", exit_on_error=False)
    def _preparer_ecritures(self) -> None:
        ecritures.charger(self.db)

    def action_contrat(self) -> None:
        self._lister_contrats()

    @work(thread=True, group="ouverture", exit_on_error=False)
    def _lister_contrats(self) -> None:
        self.call_from_thread(self._choisir_contrat, lister_contrats(self.db))

    def _choisir_contrat(self, contrats: list[ContratResume]) -> None:
        from suivi_tui.ui.dialogs.contrat import ContratDialog

        if self.principal is None:
            return
        if len(contrats) < 2:
            self.notify("Un seul contrat dans cette base.")
            return

        def choisi(contrat_id: int | None) -> None:
            if contrat_id is not None and self.principal is not None and contrat_id != self.principal.contrat_id:
                self._retenir_contrat(contrat_id)
                self._ouvrir(contrat_id)

        self.push_screen(ContratDialog(contrats, self.principal.contrat_id), choisi)

    @work(thread=True, group="reglage", exit_on_error=False)
    def _retenir_contrat(self, contrat_id: int) -> None:
        ecrire_reglage(self.db, DERNIER_CONTRAT, str(contrat_id))

    # --- writing and undoing -----------------------------------------------------------------------

    def enregistrer(self, commande: Callable[[], Changement | None], *, inchange: str = "Rien n'a changé.") -> None:
        """Run a service command off the UI thread; toast its message, stack it for ctrl+z, refresh."""
        if self.principal is not None:
            self._ecrire(self.principal.contrat_id, commande, inchange)

    @work(thread=True, group="ecriture", exit_on_error=False)
    def _ecrire(self, contrat_id: int, commande: Callable[[], Changement | None], inchange: str) -> None:
        try:
            with self._verrou:
                changement = commande()
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            self.call_from_thread(self._erreur, exc)
            return
        self.call_from_thread(self._enregistre, contrat_id, changement, inchange)

    def _erreur(self, exc: BaseException) -> None:
        self.notify(message_erreur(exc), title="Rien n'a été modifié", severity="error", timeout=8)

    def _enregistre(self, contrat_id: int, changement: Changement | None, inchange: str) -> None:
        if changement is None:
            self.notify(inchange)
            return
        self._empiler(contrat_id, changement)
        self.notify(changement.message)
        self._annoncer(ChangementEnregistre(changement))

    def action_annuler(self) -> None:
        pile = self.annulations
        if not pile or self.principal is None:
            self.notify("Rien à annuler.")
            return
        changement = pile.pop()
        self._annuler(self.principal.contrat_id, changement)

    @work(thread=True, group="ecriture", exit_on_error=False)
    def _annuler(self, contrat_id: int, changement: Changement) -> None:
        try:
            with self._verrou:
                message = annulation.annuler(self.db, changement)
        except SaisieInvalide as exc:
            self.call_from_thread(self._erreur, exc)
            return
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            # Nothing was undone: the change goes back on the stack, to try again.
            self.call_from_thread(self._rempiler, contrat_id, changement, exc)
            return
        self.call_from_thread(self._annule, changement, message)

    def _rempiler(self, contrat_id: int, changement: Changement, exc: BaseException) -> None:
        self._empiler(contrat_id, changement)
        self._erreur(exc)

    def _annule(self, changement: Changement, message: str) -> None:
        self.notify(message)
        self._annoncer(ChangementEnregistre(changement, annule=True))

    def _annoncer(self, message: ChangementEnregistre) -> None:
        """Tell the main screen (it reads the base again), and the screen on top of it if another one (the
        programmation view shows the action just saved or undone there)."""
        if self.principal is not None:
            self.principal.post_message(message)
        if self.screen is not self.principal:
            self.screen.post_message(ChangementEnregistre(message.changement, annule=message.annule))

    # --- importing an annexe -------------------------------------------------------------------

    def importer_annexe(self, source: SourceLue) -> None:
        """Import an annexe read and previewed by the import dialog (i), then show its contrat."""
        self.notify(f"Import de {source.nom}…", timeout=3)
        self._importer_annexe(source)

    @work(thread=True, group="ecriture", exit_on_error=False)
    def _importer_annexe(self, source: SourceLue) -> None:
        from suivi_tui.services.apercu import importer

        try:
            with self._verrou:
                rapport = importer(self.db, source)
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            self.call_from_thread(self._erreur, exc)
            return
        self.call_from_thread(self._importe, rapport)

    def _importe(self, rapport: RapportSeed) -> None:
        if rapport.vide:
            self.notify("Aucun changement : la base est déjà à jour.", title="Annexe importée")
        elif rapport.contrat_cree:
            self.notify(f"{rapport.contrat_titre} : {rapport.engagements} engagements.", title="Contrat importé")
        else:
            from suivi_tui.texte import pluriel

            self.notify(
                f"{pluriel(len(rapport.changements), 'changement')}.", title=f"{rapport.contrat_titre} mis à jour"
            )
        if rapport.contrat_id is not None:
            self._retenir_contrat(rapport.contrat_id)
            self._ouvrir(rapport.contrat_id)

    # --- presentation, help, export ------------------------------------------------------------

    def action_presentation(self) -> None:
        self.presentation = not self.presentation
        self.notify(
            "Mode présentation : pilotes et notes confidentielles masqués."
            if self.presentation
            else "Mode présentation terminé : tout est de nouveau affiché."
        )

    def action_aide(self) -> None:
        from suivi_tui.ui.aide import sections_aide
        from suivi_tui.ui.dialogs.aide import AideScreen

        self.push_screen(AideScreen(sections_aide()))

    def action_exporter(self) -> None:
        from suivi_tui.ui.dialogs.export import ExportDialog, dossier_documents
        from suivi_tui.ui.fiches import destinataires_de_fiche

        if self.principal is None or self.principal.ecran is None:
            return
        principal = self.principal
        titre = principal.ecran.synthese.contrat.titre if principal.ecran else ""

        def demande(d: DemandeExport | None) -> None:
            if d is not None:
                self._lancer_export(replace(d, contrat_id=d.contrat_id or principal.contrat_id))

        dialogue = ExportDialog(
            dossier_documents(),
            self.today,
            titre,
            contrat_id=principal.contrat_id,
            destinataires=partial(destinataires_de_fiche, self.db, principal.contrat_id),
        )
        self.push_screen(dialogue.brouillon_sous(("export", principal.contrat_id)), demande)

    def action_importer(self) -> None:
        """I: the answer of a partner to a fiche de suivi (see ui/fiches.py)."""
        from suivi_tui.ui.fiches import importer

        importer(self)

    def _lancer_export(self, demande: DemandeExport) -> None:
        self._minuteur_export = self.set_timer(0.3, self._montrer_progression)
        self._exporter(demande)

    def _montrer_progression(self) -> None:
        if self.principal is not None:
            self.principal.progression.commencer("Export en cours…")

    def _avancer(self, fraction: float) -> None:
        if self.principal is not None:
            self.principal.progression.avancer(fraction)

    @work(thread=True, group="export", exit_on_error=False)
    def _exporter(self, demande: DemandeExport) -> None:
        from suivi_tui.atomic import FichierExistant
        from suivi_tui.services.export import exporter

        try:
            resultat = exporter(self.db, demande, self.today, lambda f: self.call_from_thread(self._avancer, f))
        except FichierExistant as exc:
            texte = f"{exc.target} existe déjà : cochez « Remplacer » ou choisissez un autre nom."
            self.call_from_thread(self._fin_export, None, texte)
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            self.call_from_thread(self._fin_export, None, message_erreur(exc))
        else:
            self.call_from_thread(self._fin_export, resultat, None)

    def _fin_export(self, resultat: ResultatExport | None, erreur: str | None) -> None:
        from suivi_tui.services.vocabulaire import confidentielles_de_cote

        if self._minuteur_export is not None:
            self._minuteur_export.stop()
        if self.principal is not None:
            self.principal.progression.finir()
        if resultat is None:
            self.notify(erreur or "L'export a échoué.", title="Export non écrit", severity="error", timeout=10)
            return
        taille = f"{resultat.octets / 1024:.0f} Ko" if resultat.octets >= 1024 else f"{resultat.octets} o"
        exclues = f" ; {confidentielles_de_cote(resultat.notes_exclues)}" if resultat.notes_exclues else ""
        self.notify(f"{resultat.chemin} ({taille}){exclues}", title="Export écrit", timeout=12)
