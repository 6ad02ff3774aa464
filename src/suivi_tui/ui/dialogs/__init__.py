"""The app's modal dialogs, one per module; each is a ModalScreen[T] that returns through dismiss().

The names are loaded lazily, so importing one dialog does not import the others.
"""

from __future__ import annotations

import importlib
from typing import Any

_MODULES: dict[str, str] = {
    "StatutDialog": "statut",
    "PiloteDialog": "pilote",
    "EcheanceDialog": "echeance",
    "EcheanceSaisie": "echeance",
    "NoteDialog": "note",
    "NoteSaisie": "note",
    "ComiteDialog": "comite",
    "ComiteSaisie": "comite",
    "FiltreDialog": "filtre",
    "RechercheScreen": "recherche",
    "ContratDialog": "contrat",
    "AideScreen": "aide",
    "SeanceDialog": "seance",
    "SeanceSaisie": "seance",
    "ReleveDialog": "releve",
    "ImportDialog": "importer",
    "DemandeReleve": "releve",
    "MesureDialog": "mesure",
    "MesureSaisie": "mesure",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
