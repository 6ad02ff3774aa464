"""Matrix #3: disk full (RLIMIT_FSIZE with SIGXFSZ ignored, and a tiny tmpfs): French error, no traceback,
earlier data intact, no temporary file left."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.reliability.conftest import acks, child, column, integrity, scalar, suivi, wait_for

from suivi_tui.db.opening import open_database
from suivi_tui.services.edition import ajouter_note


def _limit(size: int) -> None:
    """preexec_fn: files may not grow past size bytes; the write fails with EFBIG instead of a signal."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))


def _stray_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


def test_notes_under_a_file_size_limit_are_refused_in_french(seeded_file: Path, reaper: list) -> None:  # type: ignore[type-arg]
    comite = scalar(seeded_file, "SELECT min(id) FROM comite")
    process = child("notes", seeded_file, comite, "plein", 200, seeded_file.stat().st_size + 100_000)
    reaper.append(process)
    lines = wait_for(process, "fin")
    process.wait(timeout=30)
    stderr = process.stderr.read() if process.stderr else ""
    refusals = [line for line in lines if line.startswith("refus")]
    assert process.returncode == 0 and "Traceback" not in stderr, stderr
    assert len(refusals) == 3, lines[-5:]
    assert all("disque" in line and "n'a pas été enregistrée" in line for line in refusals), refusals
    acked = acks(lines)
    assert 5 <= len(acked) < 200
    saved = column(seeded_file, "SELECT substr(texte, 1, instr(texte, ' ') - 1) FROM note")
    assert sorted(saved) == sorted(f"plein-{i}" for i in acked), "an acked note is missing, or a refused one is there"
    assert integrity(seeded_file) == ["ok"]
    # Once space is back, the same base takes writes again.
    db = open_database(seeded_file)
    try:
        ajouter_note(db, int(comite), "après")  # type: ignore[arg-type]
    finally:
        db.close()
    assert scalar(seeded_file, "SELECT count(*) FROM note") == len(acked) + 1
    print(f"\n#3 : {len(acked)} notes confirmées puis 3 refus « disque » ; {len(saved)} notes relues")


def _seed_is_refused(db: Path, annexe: Path, *, preexec: object = None) -> subprocess.CompletedProcess[str]:
    before = scalar(db, "SELECT count(*) FROM engagement")
    result = suivi("--db", str(db), "seed", str(annexe), preexec_fn=preexec)
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert "disque" in result.stderr and "n'a pas été enregistrée" in result.stderr, result.stderr
    assert scalar(db, "SELECT count(*) FROM engagement") == before == 52
    assert scalar(db, "SELECT count(*) FROM contrat") == 1
    assert integrity(db) == ["ok"]
    assert _stray_files(db.parent) == []
    return result


def test_seed_under_a_file_size_limit(seeded_file: Path, sceaux_annexe: Path) -> None:
    limit = 64 * 1024  # the base can be read; its WAL cannot take the new contrat, nor a backup be written
    result = _seed_is_refused(seeded_file, sceaux_annexe, preexec=lambda: _limit(limit))
    # The rolling backup could not be written either: said as a warning, and no half-file kept.
    assert "sauvegarde automatique n'a pas pu être faite" in result.stderr
    assert list((seeded_file.parent / "backups").glob("*.db")) == []


@contextlib.contextmanager
def _tiny_filesystem(size_kib: int) -> Iterator[Path]:
    """A tmpfs of size_kib KiB mounted for the test (root only); skips where mounting is not allowed."""
    point = Path(tempfile.mkdtemp(prefix="suivi-plein-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(point)], capture_output=True
    )
    if mounted.returncode != 0:
        point.rmdir()
        pytest.skip("pas de système de fichiers minuscule ici (mount tmpfs refusé)")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=True)
        point.rmdir()


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None, reason="monter un tmpfs demande root")
def test_seed_on_a_full_filesystem(seeded_file: Path, sceaux_annexe: Path) -> None:
    with _tiny_filesystem(1024) as point:
        db = point / "suivi.db"
        shutil.copyfile(seeded_file, db)
        filler = point / "remplissage"
        with filler.open("wb") as handle:  # eat the free space but 48 KiB
            free = os.statvfs(point).f_bavail * os.statvfs(point).f_frsize
            handle.write(b"\0" * max(0, free - 48 * 1024))
        result = _seed_is_refused(db, sceaux_annexe)
        assert "plein" in result.stderr
        print(
            f"\n#3 : tmpfs plein ({os.statvfs(point).f_bavail * os.statvfs(point).f_frsize} octets libres), "
            f"seed refusé en français, base intacte"
        )
