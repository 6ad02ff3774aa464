"""Commands that only read leave the base as they found it: not a byte changed, no file created beside it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import seed_bundled

from suivi_tui.db.opening import open_database
from suivi_tui.services.edition import ajouter_note
from suivi_tui.services.seances.tenue import fermer_seance, ouvrir_seance

LECTURES = [
    ["status"],
    ["check"],
    ["changes", "--since", "01/03/2021"],
    ["seance", "list"],
    ["seance", "show", "insertion", "15/03/2021"],
    ["backups"],
]


def suivi(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", "--db", str(db), "--today", "2021-04-12", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )


def etat(dossier: Path) -> dict[str, str]:
    """Every file under dossier (backups/ included) with the hash of its bytes."""
    return {
        str(p.relative_to(dossier)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dossier"
        for p in sorted(dossier.rglob("*"))
    }


@pytest.fixture(scope="module")
def modele(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A base in WAL mode, closed (no -wal, no -shm), with a closed séance and a rolling backup."""
    path = tmp_path_factory.mktemp("modele") / "suivi.db"
    db = open_database(path)
    try:
        contrat = seed_bundled(db)
        with db.lire() as session:
            insertion = session.execute("SELECT id FROM comite WHERE nom LIKE 'Insertion%'").scalar_one()
        seance = ouvrir_seance(db, insertion, dt.date(2021, 3, 15))
        ajouter_note(db, insertion, "Lancer l'appel à projets", type="decision", seance_id=seance.id)
        fermer_seance(db, contrat)
    finally:
        db.close()
    assert suivi(path, "seed").returncode == 0  # a command that writes: it takes the first rolling backup
    assert (path.parent / "backups").is_dir() and sorted(p.name for p in path.parent.iterdir()) == [
        "backups",
        "suivi.db",
    ]
    return path


@pytest.fixture
def base(modele: Path, tmp_path: Path) -> Path:
    dossier = tmp_path / "base"
    dossier.mkdir()
    for fichier in modele.parent.rglob("*"):
        cible = dossier / fichier.relative_to(modele.parent)
        if fichier.is_dir():
            cible.mkdir()
        else:
            cible.write_bytes(fichier.read_bytes())
    return dossier / modele.name


@pytest.fixture
def export_sqlite(modele: Path, tmp_path: Path) -> Path:
    """A colleague's copy: the SQLite export, in rollback-journal (DELETE) mode as VACUUM INTO writes it."""
    dossier = tmp_path / "recu"
    dossier.mkdir()
    cible = dossier / "antony.sqlite"
    assert suivi(modele, "export", str(cible)).returncode == 0
    assert cible.read_bytes()[18:20] == b"\x01\x01"  # the header's journal mode: not WAL
    return cible


@pytest.mark.parametrize("commande", [*LECTURES, ["export", "EXPORT"]], ids=" ".join)
@pytest.mark.parametrize("genre", ["base", "export_sqlite"])
def test_a_read_only_command_changes_no_byte_and_creates_nothing(
    genre: str, commande: list[str], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path: Path = request.getfixturevalue(genre)
    ailleurs = tmp_path / "sorties"
    ailleurs.mkdir()
    commande = [str(ailleurs / "point.xlsx") if a == "EXPORT" else a for a in commande]
    before = etat(path.parent)
    result = suivi(path, *commande)
    assert result.returncode == 0, result.stderr
    assert etat(path.parent) == before  # same bytes (no switch to WAL), no -wal, no -shm, no backup


@pytest.fixture
def tronquee(base: Path) -> Path:
    """The base cut in half, as a copy interrupted midway leaves it."""
    donnees = base.read_bytes()
    base.write_bytes(donnees[: len(donnees) // 2])
    return base


@pytest.mark.parametrize(
    "commande",
    [["status"], ["check"], ["seance", "list"], ["export", "EXPORT"], []],
    ids=lambda c: " ".join(c) or "app",
)
def test_checking_a_damaged_base_creates_nothing_beside_it(tronquee: Path, commande: list[str], tmp_path: Path) -> None:
    commande = [str(tmp_path / "point.csv") if a == "EXPORT" else a for a in commande]
    before = etat(tronquee.parent)
    result = suivi(tronquee, *commande)
    assert result.returncode == 2, result.stderr
    if commande:  # the app without a terminal refuses before it looks at the base
        assert "endommagée et n'a pas été modifiée" in result.stderr and "suivi --db" in result.stderr
    assert etat(tronquee.parent) == before  # no -wal, no -shm beside it
    assert not (tmp_path / "point.csv").exists()
