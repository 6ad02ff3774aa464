"""« À relancer »: the engagements to chase before a meeting — late, or untouched for N weeks — by pilote."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Static
from textual.widgets.option_list import Option

from suivi_tui.services.seances.relancer import SEMAINES_MAX, SEMAINES_PAR_DEFAUT, Relance, grouper_par_pilote
from suivi_tui.services.vocabulaire import libelle_statut
from suivi_tui.ui.affichage import STYLES_STATUT, pilote, tronquer
from suivi_tui.ui.champs import CaseVisible, ChampTexte
from suivi_tui.ui.panes.detail import envelopper
from suivi_tui.ui.screens.vue import Vue, intertitre, option_engagement, remarque

# weeks without change -> the engagements to chase (SaisieInvalide for a number out of range)
Lecteur = Callable[[int], list[Relance]]
SANS_PILOTE = "Sans pilote"


def lire_semaines(texte: str) -> int | str:
    """The number of weeks typed, or the French reason it is not one."""
    propre = texte.strip()
    if propre.isdigit() and 1 <= int(propre) <= SEMAINES_MAX:
        return int(propre)
    return f"Tapez un nombre de semaines de 1 à {SEMAINES_MAX}."


def contenu_relance(r: Relance, presentation: bool, largeur: int, *, avec_pilote: bool) -> Content:
    """First line: axis, partie, libellé, statut (and pilote when not grouped by pilote); then the reasons."""
    tete = f"Axe {r.axe_numero} · {r.partie} — "
    statut = libelle_statut(r.statut)
    nom = tronquer(pilote(r.pilote, presentation), 24) if avec_pilote else ""
    fin = f" · {statut}" + (f" · pilote : {nom}" if nom else "")
    libelle = tronquer(r.libelle, max(largeur - len(tete) - len(fin), 20))
    parties: list[str | tuple[str, str]] = [
        (tete, "$text-muted"),
        (libelle, "bold"),
        " · ",
        (statut, STYLES_STATUT.get(r.statut, "")),
    ]
    if nom:
        parties += [" · pilote : ", (nom, "$text-muted")]
    for raison in r.raisons:
        style = "bold $text-error" if raison.startswith("En retard") else "$text-warning"
        parties += ["\n    ", (envelopper(raison, largeur, 6), style)]
    return Content.assemble(*parties)


class RelancerVue(Vue):
    """Reads through `lire` in a worker: at opening, when the number of weeks changes."""

    def __init__(self, lire: Lecteur) -> None:
        super().__init__()
        self.lire = lire
        self.semaines = SEMAINES_PAR_DEFAUT
        self.relances: list[Relance] | None = None

    def reglages(self) -> ComposeResult:
        with Horizontal(classes="vue-reglage"):
            yield Label("Sans changement depuis (semaines)")
            yield ChampTexte(str(SEMAINES_PAR_DEFAUT), compact=True, id="semaines", restrict=r"\d*", max_length=3)
            yield CaseVisible("Regrouper par pilote", True, compact=True, id="par-pilote")
            yield Static("", classes="vue-apercu")

    def actualiser(self) -> None:
        self._lire(self.semaines)

    @work(thread=True, exclusive=True, group="vue", exit_on_error=False)
    def _lire(self, semaines: int) -> None:
        relances = self.lire(semaines)
        self.app.call_from_thread(self._lu, semaines, relances)

    def _lu(self, semaines: int, relances: list[Relance]) -> None:
        self.semaines, self.relances = semaines, relances
        self.rendre()

    @on(Input.Changed, "#semaines")
    def _semaines(self, event: Input.Changed) -> None:
        event.stop()
        lu = lire_semaines(event.value)
        apercu = self.query_one(".vue-apercu", Static)
        apercu.set_class(isinstance(lu, str), "-invalide")
        apercu.update(Content(lu) if isinstance(lu, str) else "")
        if isinstance(lu, int) and lu != self.semaines:
            self._lire(lu)

    @on(Input.Submitted, "#semaines")
    def _valider(self, event: Input.Submitted) -> None:
        event.stop()
        if isinstance(lire_semaines(event.value), int):
            self.query_one("#vue-liste").focus()

    @on(Checkbox.Changed, "#par-pilote")
    def _grouper(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.rendre()

    def rendre(self) -> None:
        if self.relances is None:
            return
        n, semaines = len(self.relances), self.semaines
        retard = sum(1 for r in self.relances if r.en_retard)
        self.titrer(
            f"À relancer — {n} engagement{'s' if n > 1 else ''} ({retard} en retard)",
            f"en retard, ou sans changement depuis {semaines} semaine{'s' if semaines > 1 else ''}, "
            "le plus urgent d'abord — Tab : réglages",
        )
        self.montrer(self._options())

    def _options(self) -> list[Option]:
        relances, largeur, presentation = self.relances or [], self.largeur, self.presentation
        if not relances:
            return [
                remarque(
                    f"Rien à relancer : aucun engagement en retard ni sans changement depuis {self.semaines} semaines."
                )
            ]
        if not self.query_one("#par-pilote", Checkbox).value:
            return [
                option_engagement(r.engagement_id, 0, contenu_relance(r, presentation, largeur, avec_pilote=True))
                for r in relances
            ]
        options: list[Option] = []
        for nom, groupe in grouper_par_pilote(relances):
            titre = pilote(nom, presentation) if nom else SANS_PILOTE
            options.append(intertitre(f"{titre} · {len(groupe)}", espace=bool(options)))
            options += [
                option_engagement(r.engagement_id, 0, contenu_relance(r, presentation, largeur, avec_pilote=False))
                for r in groupe
            ]
        return options
