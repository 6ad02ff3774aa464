"""« Depuis la dernière séance »: every change of the contrat since a comité's last séance, or since a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Static
from textual.widgets.option_list import Option

from suivi_tui.dates import DateInvalide, debut_de_periode, format_date, parse_date
from suivi_tui.services.seances.depuis import Depuis, EngagementChangements, LigneChangement
from suivi_tui.ui.affichage import MASQUE, tronquer
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.panes.detail import envelopper
from suivi_tui.ui.screens.vue import ListeVue, Vue, intertitre, option_engagement, remarque

# (from this day, or None: since the comité's last séance; with confidential texts) -> the changes, or None
# when the comité has no séance before today.
Lecteur = Callable[[dt.date | None, bool], Depuis | None]
DERNIERE = "vide : depuis la dernière séance du comité"


def lire_depuis(texte: str, today: dt.date) -> dt.date | str | None:
    """The first day asked for; None for an empty field (the last séance); the French reason otherwise."""
    if not texte.strip():
        return None
    try:
        return debut_de_periode(parse_date(texte, today))
    except DateInvalide as erreur:
        return erreur.message


def ligne_affichee(ligne: LigneChangement, presentation: bool) -> str:
    """LigneChangement.ligne, with the pilote's name masked on a shared screen."""
    if presentation and ligne.genre == "pilote":
        ligne = replace(ligne, texte=f"Pilote : {MASQUE}")
    return ligne.ligne


def contenu_engagement(e: EngagementChangements, presentation: bool, largeur: int) -> Content:
    tete = f"  {e.partie} — "
    lignes = [Content.assemble((tete, "$text-muted"), (tronquer(e.libelle, max(largeur - len(tete), 20)), "bold"))]
    lignes += [Content(f"    {envelopper(ligne_affichee(ligne, presentation), largeur, 6)}") for ligne in e.lignes]
    return Content("\n").join(lignes)


def titre_depuis(depuis: Depuis) -> str:
    if depuis.seance_precedente is not None:
        return f"Depuis la dernière séance — {depuis.comite} (séance du {format_date(depuis.seance_precedente.date)})"
    quoi = f"notes du comité {depuis.comite}" if depuis.comite else "tout le contrat, notes de tous les comités"
    return f"Changements depuis le {format_date(depuis.depuis)} — {quoi}"


class DepuisVue(Vue):
    """Reads through `lire` in a worker: at opening, when a date is entered, when presentation mode changes."""

    def __init__(self, lire: Lecteur, comite: str | None, today: dt.date) -> None:
        super().__init__()
        self.lire = lire
        self.comite = comite
        self.today = today
        self.depuis: Depuis | None = None
        self.demande: dt.date | None = None
        self.lu = False  # nothing is shown before the first read (None also means « no séance before today »)

    def reglages(self) -> ComposeResult:
        with Horizontal(classes="vue-reglage"):
            yield Label("Depuis le")
            yield ChampTexte(placeholder="ex. : 01/03/2021, mars 2021", compact=True, id="depuis")
            yield Static(DERNIERE, classes="vue-apercu")

    def actualiser(self) -> None:
        self._lire(self.demande, not self.presentation)

    @work(thread=True, exclusive=True, group="vue", exit_on_error=False)
    def _lire(self, demande: dt.date | None, confidentiel: bool) -> None:
        resultat = self.lire(demande, confidentiel)
        self.app.call_from_thread(self._lu, demande, resultat)

    def _lu(self, demande: dt.date | None, resultat: Depuis | None) -> None:
        self.demande, self.depuis, self.lu = demande, resultat, True
        self.rendre()

    @on(Input.Changed, "#depuis")
    def _apercu(self, event: Input.Changed) -> None:
        event.stop()
        lu = lire_depuis(event.value, self.today)
        apercu = self.query_one(".vue-apercu", Static)
        apercu.set_class(isinstance(lu, str), "-invalide")
        if isinstance(lu, str):
            apercu.update(Content(lu))
        else:
            apercu.update(f"→ depuis le {format_date(lu)} (entrée)" if lu else DERNIERE)

    @on(Input.Submitted, "#depuis")
    def _demander(self, event: Input.Submitted) -> None:
        event.stop()
        lu = lire_depuis(event.value, self.today)
        if isinstance(lu, str):
            return  # the preview already says why
        self._lire(lu, not self.presentation)
        self.query_one(ListeVue).focus()

    def rendre(self) -> None:
        if not self.lu:
            return
        depuis = self.depuis
        aide = " — Tab : une autre date"
        if depuis is None:
            self.titrer(f"Depuis la dernière séance — {self.comite or 'aucun comité'}", aide.removeprefix(" — "))
            pourquoi = (
                f"Le comité « {self.comite} » n'a aucune séance avant le {format_date(self.today)}"
                if self.comite
                else "Aucun comité dans ce contrat"
            )
            self.montrer([remarque(f"{pourquoi} : tapez une date (Tab), par exemple « 01/03/2021 ».")])
            return
        total = depuis.total
        compte = f"{total} changement{'s' if total > 1 else ''}" if total else "aucun changement"
        masque = " · pilotes et notes confidentielles masqués" if self.presentation else ""
        self.titrer(titre_depuis(depuis), f"{compte}{masque}{aide}")
        self.montrer(self._options(depuis))

    def _options(self, depuis: Depuis) -> list[Option]:
        options: list[Option] = []
        largeur, presentation = self.largeur, self.presentation
        for axe in depuis.axes:
            options.append(intertitre(tronquer(f"Axe {axe.numero} — {axe.titre}", largeur), espace=bool(options)))
            options += [
                option_engagement(e.id, 0, contenu_engagement(e, presentation, largeur)) for e in axe.engagements
            ]
        if depuis.notes_generales:
            options.append(intertitre("Notes générales", espace=bool(options)))
            options += [
                Option(Content(f"    {envelopper(ligne_affichee(ligne, presentation), largeur, 6)}"), disabled=True)
                for ligne in depuis.notes_generales
            ]
        if not options:
            options.append(remarque(f"Aucun changement depuis le {format_date(depuis.depuis)}."))
        return options
