"""The write services, as the interface reaches them: loaded on first use, or in the background after the first screen.

They need SQLAlchemy and the ORM (a quarter of a second to import): the first screen is read through
stdlib sqlite3 and drawn without them (db/database.py), then `charger()` loads them in a worker, so
that the first write waits for nothing. Until then these names are lazy modules (importlib's
LazyLoader): importing this module costs nothing, using one of them runs it.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from suivi_tui.db.database import Database


def _paresseux(nom: str) -> ModuleType:
    if nom in sys.modules:
        return sys.modules[nom]
    spec = importlib.util.find_spec(nom)
    assert spec is not None and spec.loader is not None
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[nom] = module
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from suivi_tui.services import annulation, commandes, mesures
    from suivi_tui.services import programmation_saisie as programmations
    from suivi_tui.services.seances import tenue
else:
    annulation = _paresseux("suivi_tui.services.annulation")
    commandes = _paresseux("suivi_tui.services.edition")
    mesures = _paresseux("suivi_tui.services.mesures")
    programmations = _paresseux("suivi_tui.services.programmation_saisie")
    tenue = _paresseux("suivi_tui.services.seances.tenue")


def charger(db: Database) -> None:
    """Run the write services' modules and open the writing connection (in a worker, after the first screen)."""
    for module in (annulation, commandes, mesures, programmations, tenue):
        getattr(module, "__doc__", None)  # any attribute runs a lazy module
    db.preparer_ecritures()
