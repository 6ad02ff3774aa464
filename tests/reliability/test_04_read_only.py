"""Matrix #4: a read-only database (opened ?mode=ro, or a file the user may not write): read-only mode or a
clear refusal; 0 writes."""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.reliability.conftest import scalar, suivi

from suivi_tui.db.errors import BaseEnLectureSeule
from suivi_tui.db.opening import open_database
from suivi_tui.services import edition as commandes
from suivi_tui.services.contrats import lister_contrats

PR_CAPBSET_DROP = 24


def _state(folder: Path) -> dict[str, str]:
    """Every file of the folder and its digest: a write of any kind changes this.

    A reader of a WAL base may create SQLite's empty -wal and its -shm index where the folder
    allows it (that is how SQLite shares read locks); they carry no data, so they are left out
    when empty (-wal) or an index (-shm).
    """
    state = {}
    for p in sorted(folder.rglob("*")):
        if p.name.endswith("-shm") or (p.name.endswith("-wal") and p.stat().st_size == 0):
            continue
        state[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dossier"
    return state


def test_database_opened_read_only_refuses_every_write_in_french(seeded_file: Path) -> None:
    before = _state(seeded_file.parent)
    db = open_database(seeded_file, readonly=True)
    try:
        assert lister_contrats(db)[0].titre.startswith("Contrat de ville")
        engagement = int(scalar(seeded_file, "SELECT min(id) FROM engagement"))  # type: ignore[arg-type]
        comite = int(scalar(seeded_file, "SELECT min(id) FROM comite"))  # type: ignore[arg-type]
        writes = [
            lambda: commandes.changer_statut(db, engagement, "realise"),
            lambda: commandes.changer_pilote(db, engagement, "Mme Dupont"),
            lambda: commandes.ajouter_echeance(db, engagement, dt.date(2021, 6, 30), "jour"),
            lambda: commandes.ajouter_note(db, comite, "note"),
            lambda: commandes.creer_comite(db, 1, "CT nouveau"),
        ]
        for write in writes:
            with pytest.raises(BaseEnLectureSeule, match="lecture seule : rien n'a été modifié"):
                write()
    finally:
        db.close()
    assert _state(seeded_file.parent) == before


def _without_override() -> None:
    """preexec_fn: drop the capabilities that let root ignore file modes (DAC override, read search, fowner).

    Tests run as root here; the child keeps uid 0 (so it can still run the interpreter under
    /root) but the kernel now applies 0444 and 0555 to it as to any user.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def locked_folder(seeded_template: Path) -> Iterator[tuple[Path, dict[str, object]]]:
    """A seeded base in a folder, both read-only (0444, 0555); kwargs that run a process unable to write them."""
    folder = Path(tempfile.mkdtemp(prefix="suivi-lecture-"))
    db = folder / "suivi.db"
    shutil.copyfile(seeded_template, db)
    os.chmod(db, 0o444)
    os.chmod(folder, 0o555)
    kwargs: dict[str, object] = {"preexec_fn": _without_override} if os.geteuid() == 0 else {}
    try:
        yield db, kwargs
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def test_a_file_the_user_cannot_write(locked_folder: tuple[Path, dict[str, object]], sceaux_annexe: Path) -> None:
    db, as_user = locked_folder
    before = _state(db.parent)
    status = suivi("--db", str(db), "--today", "2021-03-15", "status", **as_user)
    assert status.returncode == 0, status.stderr
    assert "52 engagements" in status.stdout
    check = suivi("--db", str(db), "check", **as_user)
    assert check.returncode == 0 and "Intégrité : ok" in check.stdout, check.stderr
    for command in (["seed", str(sceaux_annexe)], ["seed"], []):
        refused = suivi("--db", str(db), *command, **as_user)
        assert refused.returncode == 2, (command, refused.stdout, refused.stderr)
        assert "lecture seule" in refused.stderr and "Rien n'a été modifié" in refused.stderr
        assert "Traceback" not in refused.stderr
    assert _state(db.parent) == before, "a read-only base was written to"
