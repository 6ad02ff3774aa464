"""The SQLite export: a VACUUM INTO snapshot, stripped of confidential notes, with no residue of them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from suivi_tui import __version__
from suivi_tui.db.backup import vacuum_into
from suivi_tui.db.connexion import BUSY_TIMEOUT_MS
from suivi_tui.db.database import Database
from suivi_tui.db.opening import read_connection
from suivi_tui.services.export.demande import ExportInvalide
from suivi_tui.today import iso_utc, now_local

_META = """CREATE TABLE export_meta (
    exporte_le          TEXT NOT NULL,
    version_app         TEXT NOT NULL,
    version_schema      INTEGER NOT NULL,
    confidentiel_inclus INTEGER NOT NULL CHECK (confidentiel_inclus IN (0, 1)),
    contrat             TEXT NOT NULL,
    notes_exclues       INTEGER NOT NULL
)"""

# Other contrats' rows, children before parents (engagement and séance are ON DELETE RESTRICT).
_AUTRES_CONTRATS = (
    "DELETE FROM note WHERE seance_id IN (SELECT s.id FROM seance s JOIN comite co ON co.id = s.comite_id"
    " WHERE co.contrat_id <> :c)",
    "DELETE FROM engagement WHERE axe_id IN (SELECT id FROM axe WHERE contrat_id <> :c)",
    "DELETE FROM seance WHERE comite_id IN (SELECT id FROM comite WHERE contrat_id <> :c)",
    "DELETE FROM contrat WHERE id <> :c",
)


def ecrire(
    db: Database, tmp: Path, *, contrat_id: int | None, inclure_confidentiel: bool, avancer: Callable[[float], None]
) -> tuple[int, int, tuple[str, ...]]:
    """Fill tmp (an empty file beside the target) with the snapshot; returns (engagements, notes removed,
    the titles of the contrats it holds)."""
    # Read-only, leaving nothing beside the base: an export does not change the file it reads.
    source = read_connection(db.path, timeout=BUSY_TIMEOUT_MS / 1000, for_vacuum_into=True)
    try:
        # A consistent read of the live base by SQLite itself: never a copy of its bytes.
        vacuum_into(source, tmp)
    finally:
        source.close()
    avancer(0.4)
    copie = sqlite3.connect(tmp, isolation_level=None)
    try:
        # A scratch file until published: no -journal file beside it if the process dies.
        copie.execute("PRAGMA journal_mode = MEMORY")
        # Deleted pages are zeroed, and the final VACUUM leaves no free page behind.
        copie.execute("PRAGMA secure_delete = ON")
        copie.execute("PRAGMA foreign_keys = ON")
        retirees = _preparer(copie, contrat_id, inclure_confidentiel)
        avancer(0.7)
        if copie.execute("PRAGMA freelist_count").fetchone()[0]:
            # Rows or index segments were dropped: rewrite the file so no free page is left.
            copie.execute("VACUUM")
        engagements = copie.execute("SELECT count(*) FROM engagement").fetchone()[0]
        titres = tuple(r[0] for r in copie.execute("SELECT titre FROM contrat ORDER BY titre"))
    finally:
        copie.close()
    avancer(0.9)
    return engagements, retirees, titres


def _preparer(copie: sqlite3.Connection, contrat_id: int | None, inclure_confidentiel: bool) -> int:
    """Strip what must not leave; returns the number of notes removed."""
    copie.execute("BEGIN IMMEDIATE")
    try:
        titre = _garder_contrat(copie, contrat_id)
        retirees = 0
        if not inclure_confidentiel:
            retirees = copie.execute("DELETE FROM note WHERE confidentielle = 1").rowcount
        # The remembered choices are this laptop's, not the colleagues'.
        copie.execute("DELETE FROM reglage")
        # An FTS index only marks a deleted row's terms as deleted (here and, for rows deleted
        # earlier, in the live base); 'optimize' merges the segments into one without them, at a
        # fifth of the cost of a full 'rebuild', and does nothing on an already merged index.
        copie.execute("INSERT INTO note_fts(note_fts) VALUES('optimize')")
        copie.execute("INSERT INTO engagement_fts(engagement_fts) VALUES('optimize')")
        _ecrire_meta(copie, titre, inclure_confidentiel, retirees)
        copie.execute("COMMIT")
    except BaseException:
        copie.execute("ROLLBACK")
        raise
    return retirees


def _garder_contrat(copie: sqlite3.Connection, contrat_id: int | None) -> str:
    """Remove every other contrat when one is asked for; returns what export_meta calls the content."""
    if contrat_id is None:
        return "tous"
    row = copie.execute("SELECT titre FROM contrat WHERE id = ?", (contrat_id,)).fetchone()
    if row is None:
        raise ExportInvalide(f"Le contrat n°{contrat_id} n'existe pas dans cette base.")
    for sql in _AUTRES_CONTRATS:
        copie.execute(sql, {"c": contrat_id})
    return str(row[0])


def _ecrire_meta(copie: sqlite3.Connection, contrat: str, inclure_confidentiel: bool, retirees: int) -> None:
    copie.execute("DROP TABLE IF EXISTS export_meta")  # a snapshot of a snapshot gets fresh metadata
    copie.execute(_META)
    version_schema = copie.execute("PRAGMA user_version").fetchone()[0]
    copie.execute(
        "INSERT INTO export_meta VALUES (?, ?, ?, ?, ?, ?)",
        (iso_utc(now_local()), __version__, version_schema, int(inclure_confidentiel), contrat, retirees),
    )
