"""Why a database cannot be used, in words a coordinator understands (the CLI exits 2 on these)."""

from __future__ import annotations

from pathlib import Path

from suivi_tui.erreurs import ErreurSuivi


class BaseInutilisable(ErreurSuivi):
    """The database file cannot be used as it is; the message says why and what to do."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


class BasePasSuivi(BaseInutilisable):
    """The file is not a suivi database (another SQLite base, a text file, an empty file)."""


class BaseEndommagee(BaseInutilisable):
    """The file is a SQLite database that fails its integrity check."""


class BaseTropRecente(BaseInutilisable):
    """The file was written by a newer suivi whose schema this version does not know."""


class BaseEnLectureSeule(BaseInutilisable):
    """A write was asked of a database opened read-only (or on a read-only file)."""


class EcritureImpossible(ErreurSuivi):
    """A write failed for a reason outside the data (full disk, locked, permissions)."""


class BaseOccupee(BaseInutilisable):
    """Another process has the database open, and the operation needs it alone (a restore)."""


class SauvegardeInvalide(BaseInutilisable):
    """A backup offered for a restore cannot be trusted (damaged, not suivi, too new); nothing changed."""


class SauvegardeImpossible(ErreurSuivi):
    """A rolling backup could not be written (full disk, permissions); the database itself is untouched."""
