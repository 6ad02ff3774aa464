"""The journal pane: one comité's log, séances newest first, notes typed info/décision/action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from suivi_tui.dates import format_date
from suivi_tui.services.detail import NoteLigne
from suivi_tui.services.seances.journal import ComiteResume, SeanceJournal
from suivi_tui.texte import court
from suivi_tui.ui.affichage import type_note
from suivi_tui.ui.messages import ComiteChoisi, NoteChoisie
from suivi_tui.ui.panes.detail import envelopper
from suivi_tui.ui.touches import liaisons


def ligne_note(note: NoteLigne, presentation: bool, largeur: int = 60) -> Content:
    tete = Content.assemble(
        "• ", type_note(note.type), (" · confidentielle", "bold $text-warning") if note.confidentielle else ""
    )
    if note.engagement_id:
        # Named, not « engagement lié »: the journal is read without moving to each note.
        nom = court(note.engagement, max(largeur - 4, 10)) if note.engagement else "engagement lié"
        tete = Content.assemble(tete, "\n  ", (f"↳ {nom}", "$text-muted"))
    if note.confidentielle and presentation:
        return Content.assemble(tete, "\n  ", ("(masquée en mode présentation)", "italic $text-muted"))
    return Content.assemble(tete, "\n  ", envelopper(note.texte, largeur, 2))


def titre_groupe(groupe: SeanceJournal) -> str:
    """« Séance du 15/03/2021 · Salle du conseil », or « Hors séance · 16/03/2021 »."""
    if groupe.seance is None:
        return f"Hors séance · {format_date(groupe.date)}"
    lieu = f" · {groupe.seance.lieu}" if groupe.seance.lieu else ""
    return f"Séance du {format_date(groupe.date)}{lieu}"


class NotesJournal(OptionList):
    """The notes, under a disabled line per séance; enter shows the linked engagement."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("notes")


class JournalPane(Vertical):
    """`<` `>` change of comité (remembered per contrat), `+` creates one."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("journal")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Journal"
        self.comites: tuple[ComiteResume, ...] = ()
        self.comite_id: int | None = None
        self.journal: tuple[SeanceJournal, ...] = ()
        self._largeur = 0
        self._presentation = False

    def compose(self) -> ComposeResult:
        yield Static("", id="journal-comite")
        yield NotesJournal(id="journal-notes", markup=False)

    def afficher(
        self,
        comites: Sequence[ComiteResume],
        comite_id: int | None,
        journal: Sequence[SeanceJournal],
        presentation: bool,
    ) -> None:
        notes = self.query_one(NotesJournal)
        garder = notes.highlighted_option.id if notes.highlighted_option else None
        self.comites, self.comite_id, self.journal = tuple(comites), comite_id, tuple(journal)
        self.query_one("#journal-comite", Static).update(self._ligne_comite())
        options: list[Option] = []
        largeur = max(notes.scrollable_content_region.width - 1, 20)
        self._largeur = notes.scrollable_content_region.width
        self._presentation = presentation
        for sj in journal:
            groupe = f"seance-{sj.seance.id}" if sj.seance else f"hors-{sj.date.isoformat()}"
            style = "bold $text-primary" if sj.seance else "bold $text-muted"
            options.append(Option(Content.styled(titre_groupe(sj), style), id=groupe, disabled=True))
            options += [Option(ligne_note(n, presentation, largeur), id=f"note-{n.id}") for n in sj.notes]
        if not options:
            vide = "Aucune note : n pour en écrire une." if comite_id else "Aucun comité : + pour en créer un."
            options.append(Option(Content.styled(vide, "$text-muted"), disabled=True))
        notes.set_options(options)
        if garder is not None:
            self.montrer_note(int(garder.removeprefix("note-")) if garder.startswith("note-") else None)

    def on_resize(self) -> None:
        if self.journal and self.query_one(NotesJournal).scrollable_content_region.width != self._largeur:
            self.afficher(self.comites, self.comite_id, self.journal, self._presentation)

    def _ligne_comite(self) -> Content:
        if not self.comites or self.comite_id is None:
            self.border_title = "Journal"
            return Content.styled("Aucun comité", "$text-muted")
        rang = next(i for i, c in enumerate(self.comites) if c.id == self.comite_id)
        comite = self.comites[rang]
        self.border_title = f"Journal · {comite.nom}"
        seances = f"{comite.seances} séance{'s' if comite.seances > 1 else ''}"
        return Content.assemble(
            ("‹ ", "$text-muted"),
            (comite.nom, "bold"),
            (" ›", "$text-muted"),
            (f"  {rang + 1}/{len(self.comites)} · {seances}", "$text-muted"),
        )

    def montrer_note(self, note_id: int | None) -> bool:
        """Highlight that note; False when it is not in the séances shown."""
        notes = self.query_one(NotesJournal)
        if note_id is None:
            return False
        try:
            notes.highlighted = notes.get_option_index(f"note-{note_id}")
        except OptionDoesNotExist:
            return False
        return True

    def action_changer(self, pas: int) -> None:
        if len(self.comites) < 2:
            self.notify("Un seul comité dans ce contrat : + pour en créer un autre.")
            return
        ids = [c.id for c in self.comites]
        rang = ids.index(self.comite_id) if self.comite_id in ids else 0
        self.post_message(ComiteChoisi(ids[(rang + pas) % len(ids)]))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if not option_id.startswith("note-"):
            return
        note_id = int(option_id.removeprefix("note-"))
        note = next((n for sj in self.journal for n in sj.notes if n.id == note_id), None)
        if note is not None:
            self.post_message(NoteChoisie(note.id, note.engagement_id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
