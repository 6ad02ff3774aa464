"""The help screen's sections: the registry of keys (ui/touches.py), so that they never drift from the keys."""

from __future__ import annotations

from suivi_tui.ui.touches import SECTIONS_AIDE, lignes_par_section

Sections = list[tuple[str, list[tuple[str, str]]]]


def sections_aide() -> Sections:
    """Every key of the main screen and of the lists it opens, by the context where it works."""
    return lignes_par_section(SECTIONS_AIDE)
