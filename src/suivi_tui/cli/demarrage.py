"""Start-up work taken off the path to the app's first frame, without dropping any of it.

- The `quick_check` of the base reads the whole file inside SQLite, which releases the GIL: it runs
  in a thread while the main thread imports SQLAlchemy (every command) and, for the app, Textual and
  the screens (pure Python, GIL bound). On two cores the two overlap; the base is still checked
  before anything reads it, and nothing opens it before the verdict.
- The rolling backup (when one is due) runs in a thread while the app starts; the Database holds
  every write until it is done (Database.retenir_ecritures), so it is still a snapshot of the base
  as it was before this session changed anything.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from suivi_tui.db.opening import Inspection


def inspecter_pendant(path: Path, pendant: Callable[[], None]) -> Inspection:
    """inspect_file(path) in a thread while pendant() runs here; its result, or its exception."""
    from suivi_tui.db.opening import inspect_file  # light: sqlite3 only, no SQLAlchemy

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="suivi-controle") as pool:
        controle = pool.submit(inspect_file, path)
        pendant()
        return controle.result()


def charger_sqlalchemy() -> None:
    """What every command imports while its base is checked: the data layer (SQLAlchemy)."""
    import suivi_tui.db.engine  # noqa: F401


class SauvegardeEnFond(threading.Thread):
    """The 12-hourly rolling backup, taken in a thread; a failure is kept as a warning to print later.

    Printing it at once would be lost under the app's screen: the caller prints it once the app is closed.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(name="suivi-sauvegarde")
        self.path = path
        self.avertissement: str | None = None

    def run(self) -> None:
        from suivi_tui.db.errors import SauvegardeImpossible
        from suivi_tui.db.rolling import backup_if_due

        try:
            backup_if_due(self.path)
        except SauvegardeImpossible as exc:
            self.avertissement = exc.message


def sauvegarde_due(path: Path) -> bool:
    """True when the rolling backup is due (one directory listing): only then is a thread started."""
    from suivi_tui.db.rolling import is_due

    return is_due(path)
