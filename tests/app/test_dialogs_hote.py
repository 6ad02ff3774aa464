"""The host app the dialog tests share, and the checks that hold for every dialog."""

from __future__ import annotations

import importlib
import inspect

import pytest
from textual.app import App
from textual.binding import Binding
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget

from suivi_tui.ui.dialogs.base import CADRE_ID, Dialogue

MODULES = ("statut", "pilote", "echeance", "note", "comite", "filtre", "recherche", "contrat", "aide")


def _modules_du_paquet() -> list[str]:
    """Every dialog module, including those added later: they all follow the same rules.

    The modules named base… hold what several dialogs share (the frame, the two files of a document).
    """
    import pkgutil

    import suivi_tui.ui.dialogs as paquet

    return [m.name for m in pkgutil.iter_modules(paquet.__path__) if not m.name.startswith("base")]


class Hote(App[None]):
    """A bare app that opens one dialog at start and keeps what it returns."""

    def __init__(self, dialogue: Screen[object]) -> None:
        super().__init__()
        self.dialogue = dialogue
        self.resultats: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialogue, self.resultats.append)

    @property
    def ouvert(self) -> bool:
        return self.screen is self.dialogue


def textes(screen: Screen[object]) -> str:
    """Everything the dialog's static widgets show, as one string."""
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in screen.query(Static) if w.display)


def assert_tient(screen: Screen[object], largeur: int, hauteur: int) -> None:
    """The frame is inside the terminal and every visible widget inside the frame."""
    cadre = screen.query_one(f"#{CADRE_ID}")
    assert Region(0, 0, largeur, hauteur).contains_region(cadre.region), cadre.region
    interieur = cadre.content_region
    for widget in cadre.query(Widget):
        if widget.display and widget.region.area and not _dans_un_defilement(widget, cadre):
            assert interieur.contains_region(widget.region), (widget, widget.region, interieur)


def _dans_un_defilement(widget: Widget, cadre: Widget) -> bool:
    # Inside a scrolling container a widget may legitimately lie beyond the visible part.
    parent = widget.parent
    while isinstance(parent, Widget) and parent is not cadre:
        if parent.is_scrollable and (parent.max_scroll_y or parent.max_scroll_x):
            return True
        parent = parent.parent
    return False


def _dialogues() -> list[type[Dialogue[object]]]:
    found = []
    for nom in _modules_du_paquet():
        module = importlib.import_module(f"suivi_tui.ui.dialogs.{nom}")
        found += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if issubclass(c, Dialogue) and c is not Dialogue and c.__module__ == module.__name__
        ]
    return found


def test_un_dialogue_par_module() -> None:
    assert set(MODULES) <= set(_modules_du_paquet())
    assert len(_dialogues()) == len(_modules_du_paquet())


@pytest.mark.parametrize("classe", _dialogues(), ids=lambda c: c.__name__)
def test_chaque_raccourci_a_description_infobulle_et_id(classe: type[Dialogue[object]]) -> None:
    # Only the dialogs' own bindings: Textual's Screen brings its own (tab, shift+tab).
    liaisons = [b for c in classe.__mro__ if issubclass(c, Dialogue) for b in c.__dict__.get("BINDINGS", [])]
    assert any(b.key == "escape" for b in liaisons)
    for binding in liaisons:
        assert isinstance(binding, Binding)
        assert binding.description and binding.tooltip and binding.id, binding


@pytest.mark.parametrize("classe", _dialogues(), ids=lambda c: c.__name__)
def test_chaque_dialogue_a_un_titre_et_une_ligne_d_aide(classe: type[Dialogue[object]]) -> None:
    assert classe.TITRE and classe.AIDE
    assert "Échap" in classe.AIDE
