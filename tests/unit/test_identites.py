"""Stable identities: every writer's rows get a UUID from SQLite, and a re-seed or an edit keeps it."""

from __future__ import annotations

import uuid

from tests.conftest import TODAY, seed_bundled

from suivi_tui.db.database import Database
from suivi_tui.services.demo.generateur import generer
from suivi_tui.services.edition import ajouter_echeance, ajouter_note, changer_statut
from suivi_tui.services.seances.tenue import ouvrir_seance

TABLES = ("contrat", "engagement", "echeance", "seance", "note")


def _uuids(db: Database, table: str) -> dict[int, str]:
    with db.lire() as session:
        return {r[0]: r[1] for r in session.execute(f"SELECT id, uuid FROM {table}")}


def _assert_v4_and_distinct(values: list[str]) -> None:
    assert values and len(set(values)) == len(values)
    assert all(uuid.UUID(v).version == 4 and str(uuid.UUID(v)) == v for v in values)


def test_seed_and_commands_give_each_row_an_identity_that_edits_keep(seeded: tuple[Database, int]) -> None:
    db, _ = seeded
    with db.lire() as session:
        engagement_id, comite_id = session.execute(
            "SELECT (SELECT min(id) FROM engagement), (SELECT min(id) FROM comite)"
        ).one()
    ajouter_echeance(db, engagement_id, TODAY, "jour")
    seance = ouvrir_seance(db, comite_id, TODAY)
    ajouter_note(db, comite_id, "Point d'étape", engagement_id=engagement_id, seance_id=seance.id)
    avant = {t: _uuids(db, t) for t in TABLES}
    for values in avant.values():
        _assert_v4_and_distinct(list(values.values()))
    changer_statut(db, engagement_id, "en_cours")
    seed_bundled(db)  # the same annexe again: every engagement is found again, by text, with its identity
    assert {t: _uuids(db, t) for t in TABLES} == avant
    with db.lire() as session:
        (base,) = session.execute("SELECT uuid FROM base").scalars().all()
    assert uuid.UUID(base).version == 4 and base not in {u for v in avant.values() for u in v.values()}


def test_two_bases_never_share_an_identity(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from suivi_tui.db.opening import open_database

    vus: list[str] = []
    for nom in ("a.db", "b.db"):
        db = open_database(tmp_path / nom)
        try:
            seed_bundled(db)
            with db.lire() as session:
                vus += session.execute("SELECT uuid FROM base UNION ALL SELECT uuid FROM engagement").scalars()
        finally:
            db.close()
    _assert_v4_and_distinct(vus)


def test_the_demo_generator_rows_have_identities_and_notes_their_comite(empty_db: Database) -> None:
    generer(empty_db, 2, seed=7)
    for table in TABLES:
        _assert_v4_and_distinct(list(_uuids(empty_db, table).values()))
    with empty_db.lire() as session:
        mal_rangees = session.execute(
            "SELECT count(*) FROM note n JOIN seance s ON s.id = n.seance_id WHERE s.comite_id != n.comite_id"
        ).scalar_one()
    assert mal_rangees == 0
