"""What the main screen's parts need from the app, as a Protocol: typed without importing app.py, which imports them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from suivi_tui.db.database import Database
    from suivi_tui.services.changement import Changement
    from suivi_tui.services.seed import SourceLue


class AppSuivi(Protocol):
    """SuiviApp as the screens use it: its base, its today, its mode and its writer."""

    db: Database
    today: dt.date
    presentation: bool

    def enregistrer(self, commande: Callable[[], Changement | None], *, inchange: str = ...) -> None: ...

    def importer_annexe(self, source: SourceLue) -> None: ...
