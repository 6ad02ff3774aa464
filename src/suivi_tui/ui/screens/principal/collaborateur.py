"""What each part of the main screen is: a typed collaborator that acts through the screen it belongs to.

The screen (ecran.py) holds the state and the panes; its keys' actions hand over to Edition (the
changes), Navigation (where the cursor goes) and Seances (the meeting), one file each.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.widget import Widget

    from suivi_tui.services.engagements import EngagementVu, Filtre
    from suivi_tui.services.panorama import Panorama
    from suivi_tui.services.seances.journal import SeanceInfo
    from suivi_tui.ui.protocoles import AppSuivi


class Principal(Protocol):
    """The main screen as its collaborators use it (typed without importing it: it imports them)."""

    app: Any  # Textual's App, with push_screen and call_from_thread
    contrat_id: int
    filtre: Filtre
    comite_id: int | None
    ecran: Panorama | None
    seance: SeanceInfo | None
    en_route: EngagementVu | None

    @property
    def focused(self) -> Widget | None: ...
    @property
    def suivi(self) -> AppSuivi: ...
    @property
    def seance_id(self) -> int | None: ...
    def notify(self, message: str, **options: Any) -> None: ...
    def query_one(self, selecteur: Any, attendu: Any = ...) -> Any: ...
    def recharger(self, engagement_voulu: int | None = None, apres: Callable[[], None] | None = None) -> None: ...
    def refresh_bindings(self) -> None: ...
    def set_focus(self, widget: Widget | None) -> None: ...
    def ligne_courante(self) -> EngagementVu | None: ...
    def aller_a_engagement(
        self, engagement_id: int, apres: Callable[[], None] | None = None, vu: EngagementVu | None = None
    ) -> None: ...
    def montrer(self, engagement_id: int | None) -> None: ...
    def retenir_comite(self, comite_id: int) -> None: ...
    def run_worker(self, travail: Callable[[], Any], **options: Any) -> Any: ...


class Collaborateur:
    """A part of the main screen's behaviour; `principal` is the screen."""

    def __init__(self, principal: Principal) -> None:
        self.principal = principal

    @property
    def suivi(self) -> AppSuivi:
        """The app, with its base, its today and its writer."""
        return self.principal.suivi

    def en_fond(self, fonction: Callable[..., Any], *args: Any, groupe: str) -> None:
        """fonction(*args) in a thread worker of the screen: SQLite work off the UI thread."""
        self.principal.run_worker(partial(fonction, *args), thread=True, group=groupe, exit_on_error=False)
