"""Matrix #5: a second instance on the same file. Decision: they work together (WAL, BEGIN IMMEDIATE,
busy_timeout 5 s); a restore, which replaces the whole base, is refused while another process has it open."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from tests.reliability.conftest import acks, child, column, integrity, scalar, suivi, wait_for

from suivi_tui.db import rolling
from suivi_tui.db.errors import BaseOccupee, EcritureImpossible
from suivi_tui.db.opening import open_database
from suivi_tui.db.recovery import restore
from suivi_tui.services.edition import changer_pilote


def _finish(process: object) -> list[str]:
    lines = wait_for(process, "fin")  # type: ignore[arg-type]
    process.wait(timeout=60)  # type: ignore[attr-defined]
    assert process.returncode == 0, process.stderr.read()  # type: ignore[attr-defined]
    return lines


def test_three_processes_writing_at_once_lose_nothing(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    ids = column(seeded_file, "SELECT id FROM engagement ORDER BY id LIMIT 2")
    comite = scalar(seeded_file, "SELECT min(id) FROM comite")
    writers = [
        child("echeances", seeded_file, ids[0], "a", 50),
        child("echeances", seeded_file, ids[1], "b", 50),
        child("notes", seeded_file, comite, "c", 25),
    ]
    reaper.extend(writers)
    results = [_finish(w) for w in writers]
    assert [len(acks(r)) for r in results] == [50, 50, 25]
    assert not any(line.startswith("refus") for r in results for line in r)
    assert scalar(seeded_file, "SELECT count(*) FROM echeance WHERE libelle LIKE 'a-%'") == 50
    assert scalar(seeded_file, "SELECT count(*) FROM echeance WHERE libelle LIKE 'b-%'") == 50
    assert scalar(seeded_file, "SELECT count(*) FROM historique WHERE champ = 'echeance.ajout'") == 100
    assert scalar(seeded_file, "SELECT count(*) FROM note WHERE texte LIKE 'c-%'") == 25
    assert integrity(seeded_file) == ["ok"]
    print("\n#5 : 3 processus en même temps, 125 modifications confirmées, 225 lignes retrouvées, 0 refus")


def test_seed_while_another_process_writes(seeded_file: Path, sceaux_annexe: Path, reaper: list) -> None:  # type: ignore[type-arg]
    engagement = scalar(seeded_file, "SELECT min(id) FROM engagement")
    writer = child("echeances", seeded_file, engagement, "pendant", 300)
    reaper.append(writer)
    lines = wait_for(writer, "ack 1")
    seeded = suivi("--db", str(seeded_file), "seed", str(sceaux_annexe))
    lines += _finish(writer)
    assert seeded.returncode == 0, seeded.stderr
    assert "Contrat créé" in seeded.stdout
    assert len(acks(lines)) == 300
    assert scalar(seeded_file, "SELECT count(*) FROM echeance WHERE libelle LIKE 'pendant-%'") == 300
    assert column(
        seeded_file,
        "SELECT count(*) FROM engagement e JOIN axe a ON a.id = e.axe_id GROUP BY a.contrat_id ORDER BY a.contrat_id",
    ) == [52, 52]
    assert integrity(seeded_file) == ["ok"]


def test_a_writer_waits_for_the_other_then_succeeds(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    holder = child("tient", seeded_file, 1.5)
    reaper.append(holder)
    wait_for(holder, "verrou")
    engagement = int(scalar(seeded_file, "SELECT min(id) FROM engagement"))  # type: ignore[arg-type]
    db = open_database(seeded_file)
    try:
        start = time.monotonic()
        assert changer_pilote(db, engagement, "Après attente") is not None
        waited = time.monotonic() - start
    finally:
        db.close()
    _finish(holder)
    assert 0.8 < waited < 5, waited
    assert scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = ?", engagement) == "Après attente"


@pytest.mark.slow
def test_a_writer_blocked_past_the_timeout_is_refused_in_french_and_writes_nothing(
    seeded_file: Path, reaper: list
) -> None:  # type: ignore[type-arg]
    holder = child("tient", seeded_file, 6)
    reaper.append(holder)
    wait_for(holder, "verrou")
    engagement = int(scalar(seeded_file, "SELECT min(id) FROM engagement"))  # type: ignore[arg-type]
    db = open_database(seeded_file)
    try:
        with pytest.raises(EcritureImpossible, match="occupée par un autre programme"):
            changer_pilote(db, engagement, "Jamais écrit")
    finally:
        db.close()
    _finish(holder)
    assert scalar(seeded_file, "SELECT count(*) FROM historique WHERE nouveau = 'Jamais écrit'") == 0
    assert scalar(seeded_file, "SELECT pilote FROM engagement WHERE id = ?", engagement) is None


def test_restore_is_refused_while_another_process_has_the_base_open(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    backup = rolling.backup_if_due(seeded_file, now=dt.datetime(2021, 3, 15, 9, tzinfo=dt.UTC))
    assert backup is not None
    other = child("echeances", seeded_file, scalar(seeded_file, "SELECT min(id) FROM engagement"), "ouvert", 100_000)
    reaper.append(other)
    wait_for(other, "ack 1")
    before = sorted(p.name for p in seeded_file.parent.iterdir())
    with pytest.raises(BaseOccupee, match=f"processus {other.pid}"):
        restore(seeded_file, backup)
    refused = suivi("--db", str(seeded_file), "restore")
    assert refused.returncode == 1 and f"processus {other.pid}" in refused.stderr, refused.stderr
    assert "Rien n'a été modifié" in refused.stderr
    other.kill()
    other.wait(timeout=10)
    assert sorted(p.name for p in seeded_file.parent.iterdir()) == before
    assert integrity(seeded_file) == ["ok"]
