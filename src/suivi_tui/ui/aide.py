"""The help screen's sections, built from the bindings themselves so that they never drift from the keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.app import App

Sections = list[tuple[str, list[tuple[str, str]]]]

# The arrows do the same as j/k: shown on the same line.
FLECHES = {"cursor_down": "↓", "cursor_up": "↑", "scroll_down": "↓", "scroll_up": "↑"}


def _propres(classe: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares itself (not those of Textual's base widgets, in English)."""
    return [b for b in Binding.make_bindings(classe.__dict__.get("BINDINGS", [])) if b.description and not b.system]


def lignes(app: App[Any], bindings: list[Binding]) -> list[tuple[str, str]]:
    """(keys, what they do), one line per action; several keys for one action are joined with « / »."""
    par_action: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        touches, _ = par_action.setdefault(binding.action, ([], binding.tooltip or binding.description))
        touches.append(app.get_key_display(binding))
        if binding.action in FLECHES and FLECHES[binding.action] not in touches:
            touches.append(FLECHES[binding.action])
    return [(" / ".join(touches), texte) for touches, texte in par_action.values()]


def sections_aide(app: App[Any]) -> Sections:
    """Every key of the app, by the context where it works."""
    from suivi_tui.ui.panes.axes import AxesPane
    from suivi_tui.ui.panes.detail import DetailPane
    from suivi_tui.ui.panes.echeances import EcheancesPane
    from suivi_tui.ui.panes.engagements import EngagementsPane
    from suivi_tui.ui.panes.journal import JournalPane, NotesJournal
    from suivi_tui.ui.screens.principal import EcranPrincipal
    from suivi_tui.ui.screens.retour import ListeRetour, RetourScreen
    from suivi_tui.ui.screens.vue import ListeVue, Vue

    contextes: list[tuple[str, list[Binding]]] = [
        ("Partout", _propres(type(app))),
        ("Écran principal (engagement sélectionné)", _propres(EcranPrincipal)),
        ("Volet Axes (1)", _propres(AxesPane)),
        ("Volet Engagements (2)", _propres(EngagementsPane)),
        ("Volet Détail (entrée depuis un engagement)", _propres(DetailPane)),
        ("Volet Échéances (3)", _propres(EcheancesPane)),
        ("Volet Journal (4)", _propres(JournalPane) + _propres(NotesJournal)),
        ("Ordre du jour (A), Depuis la dernière séance (D), À relancer (R)", _propres(ListeVue) + _propres(Vue)),
        ("Aperçu d'un retour de fiche (I)", _propres(ListeRetour) + _propres(RetourScreen)),
    ]
    return [(titre, lignes(app, bindings)) for titre, bindings in contextes if bindings]
