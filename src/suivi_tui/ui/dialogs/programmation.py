"""The form of an action of the programmation ($): porteur, year, title, objectives served, amounts per financeur.

The objectives are chosen in the contrat's tree (space ticks one); each line of amounts is a financeur
with what was asked and what was granted, typed in French (« 12 500 », « 12 500,50 € »). A line with
no amount is not part of the action (the form offers the contrat's usual financeurs). Nothing that
cannot be saved is returned: the French reason shows under the fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, SelectionList, Static

from suivi_tui.services.arbre import Noeud
from suivi_tui.services.programmation import ActionSaisie, Connus, FinancementInfo, euros, lire_montant, verifier_action
from suivi_tui.services.saisie import SaisieInvalide, lire_annee
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur
from suivi_tui.ui.touches import liaisons

LIGNES_MIN = 4  # lines of amounts offered (more when the action already has more financeurs)


def _montant(centimes: int | None) -> str:
    """An amount as the field shows it: « 12 500 », « 1 234,50 » (no € sign: the column says it)."""
    return "" if centimes is None else euros(centimes).removesuffix("\u00a0€").replace("\u202f", " ")


class _ChoixObjectifs(SelectionList[int], inherit_bindings=False):
    """The contrat's tree; space ticks a node, enter is the dialog's (save)."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("choix_objectifs")


class ProgrammationDialog(Dialogue[ActionSaisie]):
    """Returns the action checked (texts cleaned, amounts in centimes), or None."""

    TITRE = "Action de la programmation"
    AIDE = (
        "[b]Tab[/] champ suivant · [b]Espace[/] cocher un objectif · [b]→[/] accepter la suggestion · "
        "[b]Entrée[/] enregistrer · [b]Échap[/] annuler"
    )

    BINDINGS: ClassVar[list[BindingType]] = liaisons("action_programmee")

    DEFAULT_CSS = """
    ProgrammationDialog #dialogue { max-width: 100; }
    ProgrammationDialog .ligne { height: 1; }
    ProgrammationDialog .ligne Label { width: 10; color: $text-muted; }
    ProgrammationDialog .ligne Label.court { width: auto; margin: 0 1 0 2; }
    ProgrammationDialog .ligne Label.dauphin { width: auto; margin-right: 1; }
    ProgrammationDialog Input { width: 1fr; background: $boost; }
    ProgrammationDialog Input#annee { width: 6; }
    ProgrammationDialog .titre-liste { height: 1; color: $text-muted; }
    ProgrammationDialog _ChoixObjectifs { height: 5; border: none; padding: 0; background: $boost; }
    ProgrammationDialog #financements { height: auto; max-height: 5; }
    ProgrammationDialog .montants Input { width: 1fr; }
    ProgrammationDialog .montants Input.montant { width: 14; margin-left: 1; }
    ProgrammationDialog #entete-montants { height: 1; margin-top: 1; color: $text-muted; }
    ProgrammationDialog #entete-montants .montant { width: 14; margin-left: 1; text-align: right; }
    ProgrammationDialog #entete-montants .financeur { width: 1fr; }
    ProgrammationDialog #total { height: 1; color: $text-muted; }
    ProgrammationDialog #pied { margin-top: 1; }
    """

    def __init__(
        self,
        noeuds: Sequence[Noeud],
        connus: Connus,
        today: dt.date,
        *,
        action: ActionSaisie | None = None,
        objectifs: Sequence[int] = (),
        annee: int | None = None,
    ) -> None:
        super().__init__()
        self.noeuds = list(noeuds)
        self.connus = connus
        self.action = action
        self.coches = set(action.objectifs if action is not None else objectifs)
        self.annee = action.annee if action is not None else (annee or today.year)
        financements = list(action.financements) if action is not None else []
        deja = {f.financeur.casefold() for f in financements}
        proposes = [FinancementInfo(nom, None, None) for nom in connus.financeurs if nom.casefold() not in deja]
        self.lignes = (financements + proposes)[: max(LIGNES_MIN, len(financements) + 1)]
        self.lignes += [FinancementInfo("", None, None)] * (max(LIGNES_MIN, len(financements) + 1) - len(self.lignes))

    def titre(self) -> str:
        return "Modifier l'action de la programmation" if self.action is not None else self.TITRE

    def contenu(self) -> ComposeResult:
        a = self.action
        with Horizontal(classes="ligne"):
            yield Label("Porteur")
            yield ChampTexte(
                a.porteur if a else "",
                placeholder="ex. : Association Trait d'union",
                compact=True,
                id="porteur",
                suggester=SuggestFromList(self.connus.porteurs, case_sensitive=False),
            )
            yield Label("Année", classes="court")
            yield ChampTexte(str(self.annee), compact=True, id="annee")
        with Horizontal(classes="ligne"):
            yield Label("Intitulé")
            yield ChampTexte(
                a.intitule if a else "", placeholder="ex. : Accueil des collégiens exclus", compact=True, id="intitule"
            )
        yield Static("Objectifs servis (espace : cocher)", classes="titre-liste")
        yield _ChoixObjectifs(
            *((Content(f"{'  ' * n.profondeur}{n.numero} {n.titre}"), n.id, n.id in self.coches) for n in self.noeuds),
            id="objectifs",
        )
        with Horizontal(id="entete-montants"):
            yield Static("Financeur", classes="financeur")
            yield Static("Demandé (€)", classes="montant")
            yield Static("Accordé (€)", classes="montant")
        # Not a stop of its own on tab: from the objectives, tab goes straight to the first financeur.
        with VerticalScroll(id="financements", can_focus=False):
            for i, f in enumerate(self.lignes):
                with Horizontal(classes="ligne montants"):
                    yield ChampTexte(f.financeur, placeholder="un autre financeur", compact=True, id=f"financeur-{i}")
                    yield ChampTexte(_montant(f.demande), compact=True, id=f"demande-{i}", classes="montant")
                    yield ChampTexte(_montant(f.accorde), compact=True, id=f"accorde-{i}", classes="montant")
        yield Static("", id="total")
        with Horizontal(classes="ligne", id="pied"):
            yield Label("N° Dauphin", classes="dauphin")
            yield ChampTexte(a.dauphin if a else "", placeholder="ex. : 00012345", compact=True, id="dauphin")
            yield Label("CPO", classes="court")
            yield ChampTexte(
                a.cpo if a else "", placeholder="convention pluriannuelle, s'il y en a une", compact=True, id="cpo"
            )
        yield Static("", classes="dialogue-erreur -vide")

    def on_mount(self) -> None:
        self._totaliser()
        # The first objective ticked in view (an objective deep in the tree would be below the list's fold).
        liste = self.query_one(_ChoixObjectifs)
        coches = [i for i, n in enumerate(self.noeuds) if n.id in self.coches]
        if coches:
            liste.highlighted = coches[0]
        self.query_one("#porteur" if self.action is None else "#intitule").focus()

    def _texte(self, ident: str) -> str:
        return self.query_one(f"#{ident}", Input).value

    @on(Input.Changed)
    def _change(self, event: Input.Changed) -> None:
        event.stop()
        self._totaliser()

    def _totaliser(self) -> None:
        """The action's totals as typed so far (a line that cannot be read yet is left out)."""
        demande = accorde = 0
        for i in range(len(self.lignes)):
            for ident, ajouter in (("demande", True), ("accorde", False)):
                try:
                    montant = lire_montant(self._texte(f"{ident}-{i}")) or 0
                except SaisieInvalide:
                    montant = 0
                if ajouter:
                    demande += montant
                else:
                    accorde += montant
        self.query_one("#total", Static).update(
            Content(f"Total : {euros(demande)} demandés, {euros(accorde)} accordés")
        )

    @on(Input.Submitted)
    def _valide(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_enregistrer()

    def saisie(self) -> ActionSaisie | str:
        """The action the fields describe, checked; or the French reason it cannot be saved."""
        try:
            annee = lire_annee(self._texte("annee"))
            financements = []
            for i in range(len(self.lignes)):
                try:
                    demande = lire_montant(self._texte(f"demande-{i}"))
                    accorde = lire_montant(self._texte(f"accorde-{i}"))
                except SaisieInvalide as erreur:
                    raise SaisieInvalide(f"Financements, ligne {i + 1} : {erreur.message}") from None
                financements.append(FinancementInfo(self._texte(f"financeur-{i}"), demande, accorde))
            objectifs = tuple(self.query_one(_ChoixObjectifs).selected)
            ordre = {n.id: rang for rang, n in enumerate(self.noeuds)}
            return verifier_action(
                ActionSaisie(
                    annee,
                    self._texte("porteur"),
                    self._texte("intitule"),
                    self._texte("dauphin"),
                    self._texte("cpo"),
                    tuple(sorted(objectifs, key=lambda o: ordre.get(o, 0))),
                    tuple(financements),
                )
            )
        except SaisieInvalide as erreur:
            return erreur.message

    def action_enregistrer(self) -> None:
        resultat = self.saisie()
        if isinstance(resultat, str):
            afficher_erreur(self.query_one(".dialogue-erreur", Static), resultat)
            return
        self.dismiss(resultat)
