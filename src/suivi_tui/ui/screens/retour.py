"""The preview of a returned fiche (I): every change it would make, kept or dropped with space; enter applies.

Conflicts (the base and the partner both changed a statut since the export) start dropped, shown
with both values and when each was set; nothing is written before enter, and ctrl+z then undoes
the whole import at once.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from suivi_tui.services.retour.comparaison import Apercu, Proposition
from suivi_tui.services.retour.texte import ECARTE, GARDE, entete, ligne, resume
from suivi_tui.ui.affichage import tronquer
from suivi_tui.ui.panes.detail import envelopper
from suivi_tui.ui.panes.pied import PiedDePage
from suivi_tui.ui.touches import liaisons

PREFIXE = "proposition-"
NOTE_MAX = 600  # a comment is read here in full, or nearly: the screen wraps it


class ListeRetour(OptionList, inherit_bindings=False):
    """The changes, under their engagement; space keeps or drops the one under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("liste_retour")

    class Basculee(Message):
        """The user kept or dropped this proposition."""

        def __init__(self, numero: int) -> None:
            super().__init__()
            self.numero = numero

    def action_basculer(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id and option.id.startswith(PREFIXE):
            self.post_message(self.Basculee(int(option.id.removeprefix(PREFIXE))))


class RetourScreen(Screen[frozenset[int] | None]):
    """Returns the numbers of the propositions kept (enter), or None (escape: nothing is written)."""

    AUTO_FOCUS = "#retour-liste"

    DEFAULT_CSS = """
    RetourScreen { layout: vertical; }
    RetourScreen #retour-titre { height: auto; padding: 0 1; background: $panel; text-style: bold; }
    RetourScreen #retour-sous-titre { height: auto; padding: 0 1; color: $text-muted; }
    RetourScreen ListeRetour { height: 1fr; border: round $panel-lighten-2; padding: 0 0 0 1;
                               scrollbar-size-vertical: 1; scrollbar-gutter: stable; }
    RetourScreen ListeRetour:focus { border: round $primary; }
    RetourScreen ListeRetour > .option-list--option-disabled { color: $foreground; }
    RetourScreen #retour-resume { height: auto; padding: 0 1; background: $panel; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("retour")

    def __init__(self, apercu: Apercu) -> None:
        super().__init__()
        self.apercu = apercu
        self.gardees = set(apercu.par_defaut())
        self._largeur = 0

    def compose(self) -> ComposeResult:
        titre, *reste = entete(self.apercu)
        yield Static(Content(titre), id="retour-titre")
        yield Static(Content("\n".join(reste)), id="retour-sous-titre")
        yield ListeRetour(id="retour-liste")
        yield Static("", id="retour-resume")
        yield PiedDePage()

    def on_mount(self) -> None:
        self._rendre()

    def on_resize(self) -> None:
        if self._largeur_utile() != self._largeur:
            self._rendre()

    def _largeur_utile(self) -> int:
        liste = self.query_one(ListeRetour)
        return max((liste.scrollable_content_region.width or self.size.width - 4) - 2, 30)

    def _rendre(self) -> None:
        liste = self.query_one(ListeRetour)
        self._largeur = self._largeur_utile()
        surlignee = liste.highlighted
        options: list[Option] = []
        for e in self.apercu.engagements:
            tete = f"{e.reference} — "
            options.append(
                Option(
                    Content.assemble((tete, "$text-muted"), (tronquer(e.libelle, self._largeur - len(tete)), "bold")),
                    disabled=True,
                )
            )
            options += [Option(self._contenu(p), id=f"{PREFIXE}{p.numero}") for p in e.propositions]
        if not self.apercu.engagements:
            texte = "Rien à changer : la base dit déjà tout ce que la fiche dit. Entrée ou échap pour revenir."
            options.append(Option(Content.styled(texte, "italic $text-muted"), disabled=True))
        if self.apercu.problemes:
            options.append(
                Option(Content.styled("\nProblèmes (le reste est importable)", "bold $text-warning"), disabled=True)
            )
            for probleme in self.apercu.problemes:
                texte = envelopper(str(probleme), self._largeur, 2)
                options.append(Option(Content.styled(texte, "$text-warning"), disabled=True))
        liste.set_options(options)
        premier = next((i for i, o in enumerate(options) if not o.disabled), None)
        liste.highlighted = surlignee if surlignee is not None and not options[surlignee].disabled else premier
        self._resumer()

    def _contenu(self, p: Proposition) -> Content:
        garde = p.numero in self.gardees
        marque = GARDE if garde else ECARTE
        style = ("bold $text-warning" if p.conflit else "") if garde else "$text-muted"
        texte = envelopper(ligne(p, NOTE_MAX), self._largeur - 6, 6)
        return Content.assemble("  ", (marque, "bold $text-success" if garde else "$text-muted"), " ", (texte, style))

    def _resumer(self) -> None:
        texte = resume(self.apercu, self.gardees)
        self.query_one("#retour-resume", Static).update(
            Content.assemble(
                (texte, "bold"),
                ("  espace : garder / écarter · entrée : appliquer · échap : abandonner", "$text-muted"),
            )
        )

    @on(ListeRetour.Basculee)
    def _basculee(self, message: ListeRetour.Basculee) -> None:
        self.gardees ^= {message.numero}
        proposition = next(p for p in self.apercu.propositions if p.numero == message.numero)
        self.query_one(ListeRetour).replace_option_prompt(f"{PREFIXE}{message.numero}", self._contenu(proposition))
        self._resumer()

    # Named for this screen alone: the palette runs « screen.<action> » on whatever screen it was opened over.
    def action_basculer_retour(self) -> None:
        self.query_one(ListeRetour).action_basculer()

    def action_appliquer_retour(self) -> None:
        self.dismiss(frozenset(self.gardees))

    def action_abandonner_retour(self) -> None:
        self.dismiss(None)

    def lignes(self) -> list[str]:
        """Every line the list shows, as plain text (for the tests)."""
        return [texte for o in self.query_one(ListeRetour).options for texte in str(o.prompt).split("\n")]
