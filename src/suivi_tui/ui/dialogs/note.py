"""The note form: a comité, a type (info, décision, action), a confidential flag and the text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Label, RadioButton, RadioSet, Select, Static, TextArea

from suivi_tui.services.seances.journal import ComiteResume
from suivi_tui.services.vocabulaire import TYPES_NOTE
from suivi_tui.ui.champs import BoutonRadioVisible, CaseVisible, ZoneTexte
from suivi_tui.ui.dialogs.base import Dialogue, afficher_erreur, ligne_libelle
from suivi_tui.ui.touches import liaisons

_ACTIONS_SAISIE = frozenset({"enregistrer", "type", "confidentielle"})


@dataclass(frozen=True)
class NoteSaisie:
    comite_id: int
    type: str
    texte: str
    confidentielle: bool


class NoteDialog(Dialogue[NoteSaisie]):
    """Returns the note typed, or None; an empty text is refused."""

    TITRE = "Nouvelle note au journal"
    # The text, from the first frame: keys typed with « n » must not reach the comité's list first.
    AUTO_FOCUS = "#texte"
    AIDE = "[b]Ctrl+S[/] enregistrer · [b]Alt+I/D/A[/] type · [b]Alt+C[/] confid. · [b]Échap[/] annuler"

    DEFAULT_CSS = """
    NoteDialog #dialogue { max-width: 96; height: 90%; max-height: 30; }
    NoteDialog.-sans-comite #dialogue { height: auto; }
    NoteDialog .ligne { height: 1; }
    NoteDialog #ligne-comite { margin-top: 1; }
    NoteDialog .ligne Label { width: 9; color: $text-muted; }
    NoteDialog Select { width: 1fr; }
    NoteDialog RadioSet { layout: horizontal; width: auto; }
    NoteDialog RadioSet > RadioButton { width: auto; margin-right: 2; }
    NoteDialog TextArea { height: 1fr; min-height: 3; margin-top: 1; }
    NoteDialog #aucun-comite { color: $warning; }
    NoteDialog #bas { height: auto; }
    NoteDialog #bas .dialogue-erreur { width: 1fr; }
    NoteDialog #bas .dialogue-erreur.-vide { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("note")

    def __init__(
        self,
        comites: list[ComiteResume],
        comite_defaut: int | None,
        libelle_engagement: str | None,
        seance: str | None = None,
    ) -> None:
        super().__init__()
        self.comites = list(comites)
        ids = [c.id for c in self.comites]
        self.comite_defaut = comite_defaut if comite_defaut in ids else (ids[0] if ids else None)
        self.libelle_engagement = libelle_engagement
        self.seance = seance
        self.set_class(not self.comites, "-sans-comite")

    def aide(self) -> str:
        return self.AIDE if self.comites else "[b]Échap[/] fermer"

    def contenu(self) -> ComposeResult:
        if not self.comites:
            yield Static(
                "Aucun comité pour ce contrat : créez d'abord un comité depuis le volet "
                "Journal (touche « + »), puis ajoutez-y la note.",
                id="aucun-comite",
            )
            return
        yield ligne_libelle(f"Liée à : {self.libelle_engagement}" if self.libelle_engagement else "Note générale")
        if self.seance:
            yield ligne_libelle(f"Séance : {self.seance}")
        with Horizontal(classes="ligne", id="ligne-comite"):
            yield Label("Comité")
            yield Select(
                [(c.nom, c.id) for c in self.comites],
                value=self.comite_defaut,
                allow_blank=False,
                compact=True,
                id="comite",
            )
        with Horizontal(classes="ligne"):
            yield Label("Type")
            with RadioSet(compact=True, id="type"):
                for code, libelle in TYPES_NOTE.items():
                    yield BoutonRadioVisible(libelle, value=code == "info", id=f"type-{code}", compact=True)
        yield CaseVisible("Confidentielle (nomme un habitant)", compact=True, id="confidentielle")
        yield ZoneTexte(id="texte", soft_wrap=True)
        with Horizontal(id="bas"):
            yield Static(classes="dialogue-erreur -vide")
            yield Button("Enregistrer", variant="primary", compact=True, id="enregistrer")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a comité there is nothing to save: only escape remains.
        return bool(self.comites) or action not in _ACTIONS_SAISIE

    def action_type(self, code: str) -> None:
        self.query_one(f"#type-{code}", RadioButton).value = True

    def action_confidentielle(self) -> None:
        self.query_one(Checkbox).toggle()

    def _type_choisi(self) -> str:
        bouton = self.query_one(RadioSet).pressed_button
        return bouton.id.removeprefix("type-") if bouton is not None and bouton.id else "info"

    @on(Button.Pressed, "#enregistrer")
    def _bouton_enregistrer(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_enregistrer()

    def action_enregistrer(self) -> None:
        texte = self.query_one(TextArea).text.strip()
        erreur = self.query_one(".dialogue-erreur", Static)
        if not texte:
            afficher_erreur(erreur, "La note est vide : écrivez-la avant d'enregistrer.")
            self.query_one(TextArea).focus()
            return
        comite = self.query_one(Select).value
        if not isinstance(comite, int):
            afficher_erreur(erreur, "Choisissez le comité de la note.")
            return
        self.dismiss(NoteSaisie(comite, self._type_choisi(), texte, self.query_one(Checkbox).value))
