"""The search screen: one box over engagements, pilotes and notes, results as you type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from suivi_tui.services.recherche import Resultat
from suivi_tui.ui.champs import ChampTexte
from suivi_tui.ui.dialogs.base import Dialogue
from suivi_tui.ui.touches import liaisons

INVITE = "Tapez un mot : engagements, pilotes et notes (accents et majuscules ignorés)."


def surligner(extrait: str) -> Content:
    """The search snippet with its [hits] in bold (the brackets are the service's markers)."""
    parties: list[str | tuple[str, str]] = []
    for i, morceau in enumerate(extrait.replace("]", "[").split("[")):
        if morceau:
            parties.append((morceau, "bold $accent") if i % 2 else morceau)
    return Content.assemble(*parties)


def _sans_marques(extrait: str) -> str:
    return extrait.replace("[", "").replace("]", "").strip("… ")


def option_resultat(resultat: Resultat, index: int) -> Option:
    """Two lines: where it comes from (muted), then the matching text."""
    if resultat.genre == "note":
        verrou = "🔒 " if resultat.confidentielle else ""
        entete = Content.assemble(verrou, (resultat.contexte, "$foreground-muted"))
        corps = surligner(resultat.extrait)
    else:
        entete = Content.styled(resultat.contexte, "$foreground-muted")
        corps = surligner(resultat.extrait)
        if _sans_marques(resultat.extrait) not in resultat.titre:
            # The hit is in the pilote: say so, and still show which engagement it is.
            corps = Content.assemble("Pilote : ", corps, "\n", resultat.titre)
    return Option(Content("\n").join([entete, corps]), id=str(index))


def compte(saisie: str, resultats: list[Resultat]) -> str:
    if not resultats:
        return f"Aucun résultat pour « {saisie.strip()} »."
    notes = sum(r.genre == "note" for r in resultats)
    engagements = len(resultats) - notes
    total = f"{len(resultats)} résultat{'s' if len(resultats) > 1 else ''}"
    return f"{total} : {engagements} engagement{'s' if engagements > 1 else ''}, {notes} note{'s' if notes > 1 else ''}"


class RechercheScreen(Dialogue[Resultat]):
    """Returns the Resultat chosen, or None."""

    TITRE = "Rechercher"
    AIDE = "[b]↓ ↑[/] parcourir les résultats · [b]Entrée[/] ouvrir · [b]Échap[/] fermer"

    DEFAULT_CSS = """
    RechercheScreen #dialogue { max-width: 110; height: 90%; max-height: 40; }
    RechercheScreen #compte { width: 1fr; height: 1; margin-top: 1; color: $text-muted;
                              text-wrap: nowrap; text-overflow: ellipsis; }
    RechercheScreen OptionList { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("recherche")

    @dataclass
    class ResultatsTrouves(Message):
        """The search for `saisie` found `resultats` (posted from the search thread)."""

        saisie: str
        resultats: list[Resultat]

    def __init__(self, chercher: Callable[[str], list[Resultat]]) -> None:
        super().__init__()
        self.chercher = chercher
        self.resultats: list[Resultat] = []
        self.saisie_affichee = ""

    def contenu(self) -> ComposeResult:
        yield ChampTexte(placeholder="ex. : éducation, coworking, Dupont…", id="saisie")
        yield Static(INVITE, id="compte")
        yield OptionList(id="resultats")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed, "#saisie")
    def _saisie_changee(self, event: Input.Changed) -> None:
        event.stop()
        if event.value.strip():
            self._chercher(event.value)
        else:
            self._afficher("", [])

    @work(thread=True, exclusive=True, group="recherche", exit_on_error=False)
    def _chercher(self, saisie: str) -> None:
        self.post_message(self.ResultatsTrouves(saisie, self.chercher(saisie)))

    @on(ResultatsTrouves)
    def _resultats_trouves(self, message: ResultatsTrouves) -> None:
        # A slower, older search may answer after a newer one: only the current text counts.
        if message.saisie == self.query_one(Input).value:
            self._afficher(message.saisie, message.resultats)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "recherche" and event.state is WorkerState.ERROR:
            self.query_one("#compte", Static).update("La recherche a échoué ; réessayez dans un instant.")

    def _afficher(self, saisie: str, resultats: list[Resultat]) -> None:
        self.saisie_affichee, self.resultats = saisie, resultats
        self.query_one("#compte", Static).update(compte(saisie, resultats) if saisie.strip() else INVITE)
        options = self.query_one(OptionList)
        options.set_options(option_resultat(r, i) for i, r in enumerate(resultats))
        options.highlighted = 0 if resultats else None

    @on(Input.Submitted, "#saisie")
    def _ouvrir_le_premier(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self.saisie_affichee and event.value.strip():
            # Enter typed faster than the search: answer this exact text before choosing.
            self._afficher(event.value, self.chercher(event.value))
        if self.resultats:
            self.dismiss(self.resultats[0])

    @on(OptionList.OptionSelected, "#resultats")
    def _ouvrir(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.resultats[int(event.option.id)])

    def action_descendre(self) -> None:
        options = self.query_one(OptionList)
        if not isinstance(self.focused, Input) or not options.option_count:
            raise SkipAction()
        options.focus()

    def action_monter(self) -> None:
        options = self.query_one(OptionList)
        if isinstance(self.focused, Input) and options.option_count:
            options.focus()
        elif self.focused is options and options.highlighted in (None, 0):
            self.query_one(Input).focus()
        else:
            raise SkipAction()

    def on_key(self, event: Key) -> None:
        # Typing while in the list goes on refining the search.
        saisie = self.query_one(Input)
        if self.focused is self.query_one(OptionList) and (event.is_printable or event.key == "backspace"):
            event.stop()
            saisie.focus()
            if event.character and event.is_printable:
                saisie.insert_text_at_cursor(event.character)
            else:
                saisie.action_delete_left()
