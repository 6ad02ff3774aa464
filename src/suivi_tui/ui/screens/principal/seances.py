"""The main screen's séance keys: open and close a séance (m), its agenda (A), what changed (D), what to chase (R),
and the relevé de décisions (r in the journal)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from suivi_tui.dates import format_date
from suivi_tui.db.database import erreur_prevue
from suivi_tui.services.saisie import SaisieInvalide
from suivi_tui.services.seances.agenda import Agenda, PointAgenda, agenda_seance
from suivi_tui.services.seances.journal import SeanceInfo
from suivi_tui.services.seances.registre import (
    PointARetirer,
    SeanceResume,
    a_retirer_apres_seance,
    lister_seances,
    seance_ouverte,
    trouver_seance,
)
from suivi_tui.services.vocabulaire import confidentielles_de_cote
from suivi_tui.texte import court, pluriel
from suivi_tui.ui.affichage import raison
from suivi_tui.ui.ecritures import commandes, tenue
from suivi_tui.ui.screens.principal.collaborateur import Collaborateur

if TYPE_CHECKING:
    from suivi_tui.services.seances.depuis import Depuis
    from suivi_tui.ui.dialogs.releve import DemandeReleve
    from suivi_tui.ui.dialogs.seance import SeanceSaisie


def recapitulatif(resume: SeanceResume) -> str:
    """« Séance close : 2 décisions, 1 action, 3 changements » (informations only when there are some)."""
    infos = resume.notes - resume.decisions - resume.actions
    morceaux = [pluriel(resume.decisions, "décision"), pluriel(resume.actions, "action")]
    if infos:
        morceaux.append(pluriel(infos, "information"))
    morceaux.append(pluriel(resume.changements, "changement"))
    return "Séance close : " + ", ".join(morceaux)


class Seances(Collaborateur):
    """m, A, N, D, R and r: the séance of a comité from the main screen; `principal.seance` is the open one."""

    agenda: Agenda | None = None  # the open séance's agenda, kept for N (its treated points included)

    def lire(self) -> None:
        """Read the séance open in the contrat (it survives a restart of the app) and show its banner."""
        self.en_fond(self._lire_seance, groupe="seance")

    def peut(self, action: str) -> bool | None:
        """Whether an action of this part applies now (None: not one of its actions)."""
        if action in ("seance", "depuis", "relancer"):
            return self.principal.ecran is not None
        if action == "ordre_du_jour":
            return self.principal.seance is not None or self.principal.comite_id is not None
        if action == "point_suivant":
            return self.principal.seance is not None
        if action == "releve":
            return self.principal.seance is not None or (
                self.principal.ecran is not None and any(c.seances for c in self.principal.ecran.comites)
            )
        return None

    # --- the open séance ----------------------------------------------------------------------------

    def _lire_seance(self) -> None:
        with self.suivi.db.lire() as lecture:
            seance = seance_ouverte(lecture, self.principal.contrat_id)
            agenda = agenda_seance(lecture, seance.comite_id, seance.date) if seance is not None else None
        self.principal.app.call_from_thread(self._montrer_seance, seance, agenda)

    def _montrer_seance(self, seance: SeanceInfo | None, agenda: Agenda | None = None) -> None:
        from suivi_tui.ui.panes.bandeau import BandeauSeance

        self.principal.seance, self.agenda = seance, agenda
        self.principal.query_one(BandeauSeance).afficher(seance, self.suivi.today)
        self.principal.refresh_bindings()

    def _erreur_seance(self, titre: str, exc: BaseException) -> None:
        self.principal.notify(raison(exc), title=titre, severity="error", timeout=10)

    def ouvrir_ou_fermer(self) -> None:
        """Open a séance (a form first), or close the one that is open."""
        if self.principal.seance is not None:
            self.en_fond(self._fermer, groupe="seance")
        else:
            self.en_fond(self._preparer, groupe="seance")

    def _preparer(self) -> None:
        self.principal.app.call_from_thread(self._formulaire, lister_seances(self.suivi.db, self.principal.contrat_id))

    def _formulaire(self, seances: list[SeanceResume]) -> None:
        from suivi_tui.ui.dialogs.seance import SeanceDialog

        comites = list(self.principal.ecran.comites) if self.principal.ecran else []

        def saisie(s: SeanceSaisie | None) -> None:
            if s is not None:
                self.en_fond(self._ouvrir, s, groupe="seance")

        self.principal.app.push_screen(
            SeanceDialog(comites, self.principal.comite_id, self.suivi.today, seances).brouillon_sous(
                ("seance", self.principal.contrat_id)
            ),
            saisie,
        )

    def _ouvrir(self, s: SeanceSaisie) -> None:
        db = self.suivi.db
        try:
            comite_id = s.comite_id
            if s.nouveau_comite is not None:
                nouveau = s.nouveau_comite
                comite_id = commandes.creer_comite(
                    db, self.principal.contrat_id, nouveau.nom, nouveau.description
                ).cible_id
            assert comite_id is not None
            continuee = trouver_seance(db, comite_id, s.date) is not None
            seance = tenue.ouvrir_seance(db, comite_id, s.date, s.lieu, s.participants)
            agenda = agenda_seance(db, comite_id, s.date)
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            self.principal.app.call_from_thread(self._erreur_seance, "Séance non ouverte", exc)
            return
        self.principal.app.call_from_thread(self._ouverte, seance, continuee, agenda)

    def _ouverte(self, seance: SeanceInfo, continuee: bool, agenda: Agenda) -> None:
        self._montrer_seance(seance, agenda)
        quand = format_date(seance.date)
        self.principal.notify(
            f"Séance du {quand} rouverte ({seance.comite}) : ce qui suit s'ajoute à son relevé"
            if continuee
            else f"Séance ouverte : {seance.comite} · {quand}"
        )
        self.principal.comite_id = seance.comite_id  # its log is the one to watch during the meeting
        self.principal.recharger()
        self._montrer_agenda(agenda)

    def _fermer(self) -> None:
        points: tuple[PointARetirer, ...] = ()
        try:
            resume = tenue.fermer_seance(self.suivi.db, self.principal.contrat_id)
            if resume is not None and not resume.notes and not resume.changements:
                # Opened by mistake (or nothing came of it): it would only clutter the journal and the relevés.
                tenue.supprimer_seance_vide(self.suivi.db, resume.id)
            elif resume is not None:
                points = a_retirer_apres_seance(self.suivi.db, resume.id)
            seances = lister_seances(self.suivi.db, self.principal.contrat_id) if resume else []
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            self.principal.app.call_from_thread(self._erreur_seance, "Séance non fermée", exc)
            return
        self.principal.app.call_from_thread(self._fermee, resume, seances, points)

    def _fermee(
        self, resume: SeanceResume | None, seances: list[SeanceResume], points: tuple[PointARetirer, ...] = ()
    ) -> None:
        self._montrer_seance(None)
        self.principal.recharger()
        if resume is None:
            self.principal.notify("Aucune séance n'était ouverte.")
            return
        if not resume.notes and not resume.changements:
            self.principal.notify(
                f"Séance du {format_date(resume.date)} close : elle était vide (ni note ni changement), "
                "elle est retirée du journal."
            )
            return
        self.principal.notify(
            f"{recapitulatif(resume)}. Le relevé peut être écrit maintenant (échap : plus tard, r dans le journal).",
            timeout=10,
        )
        if not points:
            self._formulaire_releve(seances, resume.id)
            return
        from suivi_tui.ui.dialogs.question import QuestionDialog

        def repondu(oui: bool | None) -> None:
            if oui:
                ids = [p.engagement_id for p in points]
                self.suivi.enregistrer(partial(tenue.retirer_a_discuter, self.suivi.db, resume.id, ids))
            self._formulaire_releve(seances, resume.id)

        question = (
            f"{pluriel(len(points), 'point « à discuter » a été traité', 'points « à discuter » ont été traités')} "
            "dans cette séance : les retirer de l'ordre du jour ?"
        )
        self.principal.app.push_screen(
            QuestionDialog("Points traités", question, [court(p.libelle, 60) for p in points]), repondu
        )

    # --- the views ---------------------------------------------------------------------------------

    def _montrer_agenda(self, agenda: Agenda) -> None:
        from suivi_tui.ui.screens.agenda import OrdreDuJour

        self.principal.app.push_screen(
            OrdreDuJour(agenda, ouverte=self.principal.seance is not None), self.principal.montrer
        )

    def ordre_du_jour(self) -> None:
        """The agenda of the open séance, or of today's séance of the comité whose log is shown."""
        if self.principal.seance is not None:
            self.en_fond(self._agenda, self.principal.seance.comite_id, self.principal.seance.date, groupe="seance")
        elif self.principal.comite_id is not None:
            self.en_fond(self._agenda, self.principal.comite_id, self.suivi.today, True, groupe="seance")

    def point_suivant(self) -> None:
        """In a séance: the point shown is treated, and the next point of the agenda is selected at once.

        At once, from the agenda kept since the séance opened: the keys typed right after N (« N s 2 »)
        act on the point it shows. Marking the point treated is written in the background.
        """
        seance = self.principal.seance
        if seance is None:
            return
        agenda = self.agenda
        if agenda is None or agenda.comite_id != seance.comite_id or agenda.date != seance.date:
            agenda = agenda_seance(self.suivi.db, seance.comite_id, seance.date)  # a few milliseconds
        courant = self.principal.ligne_courante()
        cid = courant.engagement_id if courant is not None else None
        if cid is not None and cid not in agenda.traites and any(p.engagement_id == cid for p in agenda.points):
            agenda = replace(agenda, traites=agenda.traites | {cid})
            self.en_fond(self._marquer_traite, seance.id, cid, groupe="seance")
        self.agenda = agenda
        self._montrer_point(agenda, agenda.point_suivant(cid))

    def _marquer_traite(self, seance_id: int, engagement_id: int) -> None:
        try:
            tenue.marquer_traite(self.suivi.db, seance_id, engagement_id)
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            self.principal.app.call_from_thread(self._erreur_seance, "Point non marqué traité", exc)

    def rafraichir_agenda(self) -> None:
        """Read the open séance's agenda again (after a change: a point may have come or gone)."""
        if self.principal.seance is not None:
            self.en_fond(self._relire_agenda, self.principal.seance, groupe="seance")

    def _relire_agenda(self, seance: SeanceInfo) -> None:
        agenda = agenda_seance(self.suivi.db, seance.comite_id, seance.date)
        self.principal.app.call_from_thread(self._garder_agenda, seance, agenda)

    def _garder_agenda(self, seance: SeanceInfo, agenda: Agenda) -> None:
        if self.principal.seance == seance:
            traites = self.agenda.traites if self.agenda is not None else frozenset()
            self.agenda = replace(agenda, traites=agenda.traites | traites)  # with those marked meanwhile

    def _montrer_point(self, agenda: Agenda, point: PointAgenda | None) -> None:
        total, faits = len(agenda.points), len(agenda.traites & {p.engagement_id for p in agenda.points})
        if point is None:
            fin = "Tous les points de l'ordre du jour ont été traités" if total else "L'ordre du jour est vide"
            self.principal.notify(f"{fin} ({faits}/{total}). m pour clore la séance.", title="Ordre du jour")
            return
        rang = [p.engagement_id for p in agenda.points].index(point.engagement_id) + 1
        self.principal.notify(
            f"{point.raison}\n{faits}/{total} traités · N : point suivant", title=f"Point {rang}/{total}", timeout=8
        )
        self.principal.aller_a_engagement(point.engagement_id, vu=point)

    def _agenda(self, comite_id: int, date: dt.date, a_preparer: bool = False) -> None:
        agenda = agenda_seance(self.suivi.db, comite_id, date, a_preparer=a_preparer)
        self.principal.app.call_from_thread(self._montrer_agenda, agenda)

    def depuis(self) -> None:
        """What changed since the last séance of the comité whose log is shown (or since a date)."""
        from suivi_tui.services.seances.depuis import changements_depuis, depuis_derniere_seance
        from suivi_tui.ui.screens.depuis import DepuisVue

        db, contrat_id, comite_id, today = (
            self.suivi.db,
            self.principal.contrat_id,
            self.principal.comite_id,
            self.suivi.today,
        )
        comites = {c.id: c.nom for c in self.principal.ecran.comites} if self.principal.ecran else {}

        def lire(depuis: dt.date | None, confidentiel: bool) -> Depuis | None:
            if depuis is not None:
                return changements_depuis(db, contrat_id, depuis, inclure_confidentiel=confidentiel)
            if comite_id is None:
                return None
            return depuis_derniere_seance(db, comite_id, today, inclure_confidentiel=confidentiel)

        self.principal.app.push_screen(
            DepuisVue(lire, comites.get(comite_id) if comite_id else None, today), self.principal.montrer
        )

    def relancer(self) -> None:
        """The engagements to chase: late, or untouched for N weeks (set in the view)."""
        from suivi_tui.services.seances.relancer import Relance, a_relancer
        from suivi_tui.ui.screens.relancer import RelancerVue

        db, contrat_id, today = self.suivi.db, self.principal.contrat_id, self.suivi.today

        def lire(semaines: int) -> list[Relance]:
            return a_relancer(db, contrat_id, today, semaines=semaines)

        self.principal.app.push_screen(RelancerVue(lire), self.principal.montrer)

    # --- the relevé --------------------------------------------------------------------------------

    def releve(self) -> None:
        """The relevé of a séance: the one of the note highlighted in the journal, else the open or latest one."""
        self.en_fond(self._preparer_releve, self._seance_du_journal(), groupe="seance")

    def _seance_du_journal(self) -> int | None:
        from suivi_tui.ui.panes.journal import JournalPane, NotesJournal

        journal = self.principal.query_one(JournalPane)
        option = self.principal.query_one(NotesJournal).highlighted_option
        if option is not None and (option.id or "").startswith("note-"):
            note_id = int((option.id or "").removeprefix("note-"))
            trouvee = next((sj.seance for sj in journal.journal for n in sj.notes if n.id == note_id), None)
            if trouvee is not None:
                return trouvee.id
        if self.principal.seance is not None:
            return self.principal.seance.id
        return next((sj.seance.id for sj in journal.journal if sj.seance is not None), None)

    def _preparer_releve(self, seance_id: int | None) -> None:
        self.principal.app.call_from_thread(
            self._formulaire_releve, lister_seances(self.suivi.db, self.principal.contrat_id), seance_id
        )

    def _formulaire_releve(self, seances: list[SeanceResume], seance_id: int | None) -> None:
        from suivi_tui.ui.dialogs.export import dossier_documents
        from suivi_tui.ui.dialogs.releve import ReleveDialog

        if not seances:
            self.principal.notify("Aucune séance dans ce contrat : m pour en ouvrir une.")
            return

        def demande(d: DemandeReleve | None) -> None:
            if d is not None:
                self.en_fond(self._ecrire_releve, d, groupe="seance")

        self.principal.app.push_screen(
            ReleveDialog(seances, seance_id, dossier_documents()).brouillon_sous(("releve", seance_id)), demande
        )

    def _ecrire_releve(self, d: DemandeReleve) -> None:
        from suivi_tui.atomic import FichierExistant
        from suivi_tui.services.export.releve_html import ecrire_releve_html
        from suivi_tui.services.export.releve_md import ecrire_releve_markdown
        from suivi_tui.services.seances.releve import releve_seance

        ecrits: list[str] = []
        try:
            releve = releve_seance(self.suivi.db, d.seance_id, inclure_confidentiel=d.inclure_confidentiel)
            if releve is None:
                raise SaisieInvalide("Cette séance n'existe plus : rien n'a été écrit.")
            ecrits.append(str(ecrire_releve_markdown(releve, d.markdown, force=d.remplacer)))
            ecrits.append(str(ecrire_releve_html(releve, d.html, force=d.remplacer)))
        except FichierExistant as exc:
            self.principal.app.call_from_thread(self._releve_non_ecrit, f"{exc.target} existe déjà", ecrits)
        except Exception as exc:
            if not erreur_prevue(exc):
                raise
            self.principal.app.call_from_thread(self._releve_non_ecrit, raison(exc), ecrits)
        else:
            omises = releve.confidentielles_omises
            suite = f"\n{confidentielles_de_cote(omises)}" if omises else ""
            self.principal.app.call_from_thread(
                self.principal.notify, "\n".join(ecrits) + suite, title="Relevé écrit", timeout=12
            )

    def _releve_non_ecrit(self, pourquoi: str, ecrits: list[str]) -> None:
        deja = f" (déjà écrit : {', '.join(ecrits)})" if ecrits else " : rien n'a été écrit"
        self.principal.notify(f"{pourquoi}{deja}.", title="Relevé non écrit", severity="error", timeout=12)
