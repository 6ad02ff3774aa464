"""« Programmation » (F): what was funded per objective and per year, then one year's actions ($ adds, entrée corrects).

The first table crosses the tree with the years: what each node was granted, an action counting in
every node at or above the objectives it serves (services/programmation.py rolls it up). Below it,
the year shown (< and > change it): its totals per financeur, then each action with its porteur,
objectives, Dauphin file, CPO and amounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.binding import BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from suivi_tui.services.programmation import ActionProgrammee, Programmation, Programmations, euros
from suivi_tui.texte import pluriel
from suivi_tui.ui.affichage import tronquer
from suivi_tui.ui.messages import ChangementEnregistre
from suivi_tui.ui.screens.vue import ListeVue, Vue, intertitre, remarque
from suivi_tui.ui.touches import liaisons

Lecteur = Callable[[], Programmations]
Saisir = Callable[[int | None, int | None], None]  # (action to correct or None, year) -> the form
PREFIXE_ACTION = "action-"
LARGEUR_ANNEE = 13  # « 1 234 567 € » and a space


def matrice(p: Programmations, annee: int, largeur: int) -> list[Content]:
    """Granted per node (rolled up) and per year: the years that fit, ending with the one shown."""
    annees = [a.annee for a in p.annees if a.annee <= annee] or [annee]
    place = max((largeur - 24) // LARGEUR_ANNEE, 1)
    annees = annees[-place:]
    libelle = largeur - len(annees) * LARGEUR_ANNEE
    entete = "".ljust(libelle) + "".join(str(a).rjust(LARGEUR_ANNEE) for a in annees)
    lignes = [Content.styled(entete, "bold")]
    par_annee = {a.annee: a.par_objectif for a in p.annees}
    for n in p.noeuds:
        montants = [par_annee.get(a, {}).get(n.numero) for a in annees]
        if not any(montants):
            continue
        retrait = "  " * n.profondeur
        texte = retrait + tronquer(f"{n.numero} {n.titre}", libelle - len(retrait) - 1)
        cellules = "".join((euros(m[1]) if m else "—").replace("\u202f", " ").rjust(LARGEUR_ANNEE) for m in montants)
        lignes.append(Content.assemble(texte.ljust(libelle), cellules))
    totaux = [next((x.accorde for x in p.annees if x.annee == a), 0) for a in annees]
    lignes.append(
        Content.styled(
            "Total".ljust(libelle) + "".join(euros(t).replace("\u202f", " ").rjust(LARGEUR_ANNEE) for t in totaux),
            "bold",
        )
    )
    return lignes


def contenu_action(a: ActionProgrammee, largeur: int) -> Content:
    """Porteur — intitulé; then objectives, Dauphin, CPO; then each financeur's amounts."""
    tete = tronquer(f"{a.porteur} — {a.intitule}", largeur - 28)
    montants = f"{euros(a.accorde)} / {euros(a.demande)}".replace("\u202f", " ")
    details = [f"objectifs {', '.join(a.objectifs)}" if a.objectifs else "aucun objectif"]
    details += [f"Dauphin {a.dauphin}"] if a.dauphin else []
    details += [f"CPO {a.cpo}"] if a.cpo else []
    financeurs = " · ".join(
        f"{f.financeur} : {euros(f.accorde)} accordés / {euros(f.demande)} demandés".replace("\u202f", " ")
        for f in a.financements
    )
    return Content.assemble(
        (tete, "bold"),
        "  ",
        (montants.rjust(max(largeur - len(tete) - 2, 0)), "$text-success"),
        "\n    ",
        (tronquer(" · ".join(details), largeur - 4), "$text-muted"),
        "\n    ",
        tronquer(financeurs or "aucun montant", largeur - 4),
    )


class ProgrammationVue(Vue):
    """Reads through `lire` in a worker (at opening, after a change of the programmation); `saisir` opens the form."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("programmation")

    def __init__(self, lire: Lecteur, saisir: Saisir, today: dt.date) -> None:
        super().__init__()
        self.lire = lire
        self.saisir = saisir
        self.programmations: Programmations | None = None
        self.annee: int | None = None
        self._annee_rendue: int | None = None
        self.today = today

    def actualiser(self) -> None:
        self._lire()

    @work(thread=True, exclusive=True, group="vue", exit_on_error=False)
    def _lire(self) -> None:
        programmations = self.lire()
        self.app.call_from_thread(self._lu, programmations)

    def _lu(self, programmations: Programmations) -> None:
        self.programmations = programmations
        annees = [a.annee for a in programmations.annees]
        if self.annee is None:  # the latest year funded up to this one, else this one
            self.annee = max((a for a in annees if a <= self.today.year), default=max(annees, default=self.today.year))
        self.rendre()

    @on(ChangementEnregistre)
    def _change(self, message: ChangementEnregistre) -> None:
        if message.changement is not None and message.changement.genre == "programmation":
            self._lire()

    def _annee_vue(self) -> Programmation | None:
        return self.programmations.de(self.annee) if self.programmations and self.annee is not None else None

    def rendre(self) -> None:
        p, annee = self.programmations, self.annee
        if p is None or annee is None:
            return
        courante = self._annee_vue()
        resume = (
            f"{pluriel(len(courante.actions), 'action')} : {euros(courante.accorde)} accordés sur "
            f"{euros(courante.demande)} demandés"
            if courante
            else "aucune action"
        )
        self.titrer(
            f"Programmation {annee} — {resume}".replace("\u202f", " "),
            "< > année · $ nouvelle action · entrée corriger l'action · échap retour",
        )
        self.montrer(self._options(p, annee, courante))
        if annee != self._annee_rendue:
            # A year shown anew starts at its table (the cursor waits, unseen, on its first action);
            # the same year read again after a correction keeps where the list was.
            self._annee_rendue = annee
            self.query_one(ListeVue).scroll_home(animate=False)

    def _options(self, p: Programmations, annee: int, courante: Programmation | None) -> list[Option]:
        largeur = self.largeur
        options = [
            intertitre("Accordé par objectif et par année"),
            remarque("Une action compte dans chaque objectif qu'elle sert, et au-dessus."),
        ]
        if not p.annees:
            options.append(remarque("Aucune action programmée : $ pour en saisir une."))
            options.append(remarque("Un tableau de programmation : suivi programmation import FICHIER."))
            return options
        options += [Option(ligne, disabled=True) for ligne in matrice(p, annee, largeur)]
        if courante is None:
            options.append(remarque(f"Aucune action programmée en {annee} : $ pour en saisir une."))
            return options
        options.append(intertitre(f"Par financeur, {annee}", espace=True))
        nom_max = min(40, max(largeur - 42, 10))  # the amounts take about 40 columns
        options += [
            Option(
                Content(
                    f"{tronquer(nom, nom_max):<{nom_max}} {euros(a)} accordés / {euros(d)} demandés".replace(
                        "\u202f", " "
                    )
                ),
                disabled=True,
            )
            for nom, d, a in courante.par_financeur
        ]
        options.append(intertitre(f"Actions {annee} ({len(courante.actions)}) — entrée pour corriger", espace=True))
        options += [Option(contenu_action(a, largeur), id=f"{PREFIXE_ACTION}{a.id}") for a in courante.actions]
        return options

    @on(OptionList.OptionSelected, "#vue-liste")
    def _action_choisie(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id or ""
        if ident.startswith(PREFIXE_ACTION):
            self.saisir(int(ident.removeprefix(PREFIXE_ACTION)), self.annee)

    def action_annee(self, pas: int) -> None:
        """< and >: the previous or next year that has actions (or the next calendar year, to plan it)."""
        if self.programmations is None or self.annee is None:
            return
        annees = sorted({a.annee for a in self.programmations.annees} | {self.annee})
        rang = annees.index(self.annee) + pas
        if 0 <= rang < len(annees):
            self.annee = annees[rang]
        elif pas > 0:
            self.annee += 1
        else:
            self.notify("Pas d'année programmée avant celle-ci.")
            return
        self.rendre()

    def action_nouvelle(self) -> None:
        self.saisir(None, self.annee)
