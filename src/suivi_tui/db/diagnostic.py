"""What `suivi check` reports about a base: SQLite's integrity checks, the schema version, the rows per table."""

from __future__ import annotations

from dataclasses import dataclass

from suivi_tui.db.database import Lecture, lit

# The tables a user knows by name, in the order the report lists them.
TABLES_COMPTEES = ("contrat", "engagement", "echeance", "seance", "note", "historique")


@dataclass(frozen=True)
class Diagnostic:
    integrite: list[str]  # PRAGMA integrity_check: ["ok"], or its first complaints
    references_cassees: int  # rows PRAGMA foreign_key_check reports
    version: int  # PRAGMA user_version: the schema version the base is at
    lignes: dict[str, int]  # table -> rows, for TABLES_COMPTEES

    @property
    def sain(self) -> bool:
        return self.integrite == ["ok"] and not self.references_cassees


@lit
def diagnostiquer(lecture: Lecture) -> Diagnostic:
    """Run SQLite's own checks on the base, in one read transaction; nothing is written."""
    integrite = [str(r[0]) for r in lecture.execute("PRAGMA integrity_check").all()]
    references = len(lecture.execute("PRAGMA foreign_key_check").all())
    version = int(lecture.execute("PRAGMA user_version").scalar_one())
    lignes = {t: int(lecture.execute(f"SELECT count(*) FROM {t}").scalar_one()) for t in TABLES_COMPTEES}
    return Diagnostic(integrite, references, version, lignes)
