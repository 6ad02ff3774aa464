"""What the séance views share (ordre du jour, depuis, à relancer): a title, a list that leads to engagements."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from suivi_tui.ui.panes.pied import PiedDePage
from suivi_tui.ui.touches import liaisons

PREFIXE_ENGAGEMENT = "engagement-"


class ListeVue(OptionList):
    """One option per engagement (several lines each) under disabled group headings."""

    BINDINGS: ClassVar[list[BindingType]] = liaisons("liste")


def intertitre(texte: str, *, espace: bool = False) -> Option:
    """A group heading (after a blank line when espace): not selectable, the cursor skips it."""
    return Option(Content.assemble("\n" if espace else "", (texte, "bold $text-primary")), disabled=True)


def remarque(texte: str) -> Option:
    """A line that says something (an empty list, a missing séance) rather than showing an engagement."""
    return Option(Content.styled(texte, "italic $text-muted"), disabled=True)


def option_engagement(engagement_id: int, rang: int, lignes: Content) -> Option:
    """An engagement's entry; rang keeps ids unique when one engagement appears under several groups."""
    return Option(lignes, id=f"{PREFIXE_ENGAGEMENT}{engagement_id}-{rang}")


class Vue(Screen[int | None]):
    """Returns the engagement chosen with enter (the main screen then shows it), or None with escape."""

    AUTO_FOCUS = "#vue-liste"
    _largeur_rendue = 0

    DEFAULT_CSS = """
    Vue { layout: vertical; }
    Vue #vue-titre { height: auto; padding: 0 1; background: $panel; text-style: bold; }
    Vue #vue-sous-titre { height: auto; padding: 0 1; color: $text-muted; }
    Vue .vue-reglage { height: 1; padding: 0 1; }
    Vue .vue-reglage Label { width: auto; margin-right: 1; color: $text-muted; }
    Vue .vue-reglage Input { width: 30; }
    Vue .vue-reglage Input#semaines { width: 5; }
    Vue .vue-reglage Checkbox { margin-left: 2; }
    Vue .vue-apercu { width: 1fr; height: 1; margin-left: 1; color: $text-muted; text-wrap: nowrap;
                      text-overflow: ellipsis; }
    Vue .vue-apercu.-invalide { color: $error; }
    Vue ListeVue { height: 1fr; border: round $panel-lighten-2; padding: 0 0 0 1; scrollbar-size-vertical: 1;
                   scrollbar-gutter: stable; }
    Vue ListeVue:focus { border: round $primary; }
    Vue ListeVue > .option-list--option-disabled { color: $foreground; }
    """

    BINDINGS: ClassVar[list[BindingType]] = liaisons("vue")

    def compose(self) -> ComposeResult:
        yield Static("", id="vue-titre")
        yield Static("", id="vue-sous-titre")
        yield from self.reglages()
        yield ListeVue(id="vue-liste")
        yield PiedDePage()

    def reglages(self) -> ComposeResult:
        """The view's own settings above the list (a date, a number of weeks)."""
        yield from ()

    def on_mount(self) -> None:
        # Subclasses do not define on_mount (Textual would run both): they fill in actualiser().
        self.watch(self.app, "presentation", lambda _: self.actualiser(), init=False)
        self.actualiser()

    @property
    def presentation(self) -> bool:
        return bool(getattr(self.app, "presentation", False))

    def actualiser(self) -> None:
        """Read again and show (presentation mode toggled, a setting changed); by default, show again."""
        self.rendre()

    def rendre(self) -> None:
        """Build the list from the data already read, at the list's width."""

    @property
    def largeur(self) -> int:
        """The width of an option's text: no line may wrap (OptionList measures and draws at different times).

        Before the first layout: the terminal's, less the frame and the scrollbar; always less the option's padding.
        """
        largeur = self.query_one(ListeVue).scrollable_content_region.width or self.size.width - 4
        return max(largeur - 2, 20)

    def on_resize(self) -> None:
        if self.largeur != self._largeur_rendue:
            self.rendre()

    def titrer(self, titre: str, sous_titre: str) -> None:
        marque = (" PRÉSENTATION ", "reverse bold $warning") if self.presentation else ""
        self.query_one("#vue-titre", Static).update(Content.assemble(marque, " " if marque else "", titre))
        self.query_one("#vue-sous-titre", Static).update(Content(sous_titre))

    def montrer(self, options: list[Option]) -> None:
        liste = self.query_one(ListeVue)
        self._largeur_rendue = self.largeur
        garder = liste.highlighted_option.id if liste.highlighted_option is not None else None
        liste.set_options(options)
        ids = [o.id for o in options]
        if garder is not None and garder in ids:
            liste.highlighted = ids.index(garder)
        else:
            liste.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    def lignes(self) -> list[str]:
        """Every line the list shows, as plain text (for the tests, and for a screen reader's sake)."""
        return [ligne for o in self.query_one(ListeVue).options for ligne in str(o.prompt).split("\n")]

    @on(OptionList.OptionSelected, "#vue-liste")
    def _choisi(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ident = event.option.id or ""
        if ident.startswith(PREFIXE_ENGAGEMENT):
            self.dismiss(int(ident.removeprefix(PREFIXE_ENGAGEMENT).split("-")[0]))

    def action_retour(self) -> None:
        self.dismiss(None)
