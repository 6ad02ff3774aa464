"""The keys' registry: every key declared once, every action found where its key is, the docs never missing one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from textual.dom import DOMNode
from textual.screen import Screen

from suivi_tui.ui.touches import PORTEURS, TOUCHES, tableau_markdown

REPO = Path(__file__).resolve().parents[2]


# The screen a widget's « screen.x » keys act on, when it is not the main screen.
ECRAN_DE = {"liste_retour": "retour"}


def _porteurs() -> dict[str, type[DOMNode]]:
    from suivi_tui.ui.app import SuiviApp
    from suivi_tui.ui.dialogs.aide import AideScreen
    from suivi_tui.ui.dialogs.base import CaseEspace, Dialogue
    from suivi_tui.ui.dialogs.contrat import ContratDialog
    from suivi_tui.ui.dialogs.export import ExportDialog, _Choix
    from suivi_tui.ui.dialogs.filtre import FiltreDialog
    from suivi_tui.ui.dialogs.import_annexe import ChampChemin, ImportDialog
    from suivi_tui.ui.dialogs.import_fiche import ImportDialog as ImportFicheDialog
    from suivi_tui.ui.dialogs.import_fiche import _Comite
    from suivi_tui.ui.dialogs.mesure import MesureDialog, _ChoixIndicateur
    from suivi_tui.ui.dialogs.note import NoteDialog
    from suivi_tui.ui.dialogs.programmation import ProgrammationDialog, _ChoixObjectifs
    from suivi_tui.ui.dialogs.question import QuestionDialog
    from suivi_tui.ui.dialogs.recherche import RechercheScreen
    from suivi_tui.ui.dialogs.releve import ReleveDialog, _ChoixSeance
    from suivi_tui.ui.dialogs.revue import RevueDialog
    from suivi_tui.ui.dialogs.seance import SeanceDialog, _ChoixComite
    from suivi_tui.ui.dialogs.statut import StatutDialog
    from suivi_tui.ui.panes.axes import AxesPane
    from suivi_tui.ui.panes.detail import DetailPane
    from suivi_tui.ui.panes.echeances import EcheancesPane
    from suivi_tui.ui.panes.engagements import EngagementsPane
    from suivi_tui.ui.panes.journal import JournalPane, NotesJournal
    from suivi_tui.ui.screens.principal import EcranPrincipal
    from suivi_tui.ui.screens.programmation import ProgrammationVue
    from suivi_tui.ui.screens.restauration import EcranRestauration
    from suivi_tui.ui.screens.retour import ListeRetour, RetourScreen
    from suivi_tui.ui.screens.vue import ListeVue, Vue

    return {
        "app": SuiviApp,
        "ecran": EcranPrincipal,
        "axes": AxesPane,
        "engagements": EngagementsPane,
        "detail": DetailPane,
        "echeances": EcheancesPane,
        "journal": JournalPane,
        "notes": NotesJournal,
        "vue": Vue,
        "liste": ListeVue,
        "dialogue": Dialogue,
        "case": CaseEspace,
        "statut": StatutDialog,
        "note": NoteDialog,
        "filtre": FiltreDialog,
        "seance": SeanceDialog,
        "choix_comite": _ChoixComite,
        "export": ExportDialog,
        "choix_format": _Choix,
        "releve": ReleveDialog,
        "choix_seance": _ChoixSeance,
        "revue": RevueDialog,
        "programmation": ProgrammationVue,
        "action_programmee": ProgrammationDialog,
        "choix_objectifs": _ChoixObjectifs,
        "contrat": ContratDialog,
        "recherche": RechercheScreen,
        "question": QuestionDialog,
        "aide": AideScreen,
        "restauration": EcranRestauration,
        "import_annexe": ImportDialog,
        "champ_chemin": ChampChemin,
        "retour": RetourScreen,
        "liste_retour": ListeRetour,
        "import_fiche": ImportFicheDialog,
        "choix_comite_fiche": _Comite,
        "mesure": MesureDialog,
        "choix_indicateur": _ChoixIndicateur,
    }


def test_every_key_has_one_id_and_a_known_holder() -> None:
    assert [i for i, n in Counter(t.id for t in TOUCHES).items() if n > 1] == []
    assert {t.porteur for t in TOUCHES} == set(PORTEURS) == set(_porteurs())


def test_every_action_is_where_its_key_is() -> None:
    """A typo in an action would make a key that does nothing: each one must name a method that exists."""
    classes = _porteurs()
    for touche in TOUCHES:
        cible, _, nom = touche.action.split("(")[0].rpartition(".")
        classe = classes[touche.porteur]
        if cible == "app":
            classe = classes["app"]
        elif cible == "screen" and not issubclass(classe, Screen):
            classe = classes[ECRAN_DE.get(touche.porteur, "ecran")]  # a widget's key for its screen's action
        assert hasattr(classe, f"action_{nom}"), touche.id


def test_no_widget_declares_keys_outside_the_registry() -> None:
    """A class of ours with BINDINGS of its own is a holder: its keys are in the help and docs/touches.md."""
    import importlib
    import inspect
    import pkgutil

    import suivi_tui.ui

    porteurs = set(_porteurs().values())
    hors_registre = set()
    for module in pkgutil.walk_packages(suivi_tui.ui.__path__, "suivi_tui.ui."):
        for _, classe in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if classe.__module__.startswith("suivi_tui.") and "BINDINGS" in vars(classe) and classe not in porteurs:
                hors_registre.add(f"{classe.__module__}.{classe.__qualname__}")
    assert hors_registre == set()


def test_each_widget_declares_its_keys_from_the_registry() -> None:
    for porteur, classe in _porteurs().items():
        attendus = [t.id for t in TOUCHES if t.porteur == porteur]
        assert [b.id for b in classe.__dict__["BINDINGS"]] == attendus, porteur  # type: ignore[union-attr]


def test_docs_touches_is_up_to_date_so_no_key_is_missing_from_it() -> None:
    docs = (REPO / "docs" / "touches.md").read_text(encoding="utf-8")
    assert docs == tableau_markdown(), "docs/touches.md n'est pas à jour : lancez « make docs »"
    for touche in TOUCHES:
        assert touche.systeme or touche.aide in docs, touche.id
    assert "docs/touches.md" in (REPO / "README.md").read_text(encoding="utf-8")
