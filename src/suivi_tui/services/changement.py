"""What a command did: the toast's text, and enough to undo it (the app's ctrl+z stack holds these)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changement:
    """What a command did: the toast's text, and enough to undo it."""

    genre: str
    message: str
    engagement_id: int | None = None
    historique_id: int | None = None
    cible_id: int | None = None  # the échéance, note or comité the command created or changed
    ancien: str | None = None
    nouveau: str | None = None
    modifie_le_avant: str | None = None
    donnees: tuple[str | None, ...] = ()
    lot: tuple[Changement, ...] = ()  # genre "lot": several changes made, and undone, as one step
