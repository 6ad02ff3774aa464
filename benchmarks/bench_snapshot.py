"""The SQLite snapshot of a national-scale base (VACUUM INTO, verified) against the sqlite3 shell's `.backup`."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Resultat, base_nationale, imprimer, lancer, median, suivi_cmd

from suivi_tui.db.backup import integrity_ok, snapshot_file, vacuum_into

RUNS = 3
SHELL = shutil.which("sqlite3")


def _chrono(action: Callable[[Path], object], dossier: Path) -> float:
    """Median wall time (ms) of action writing a new file in dossier, RUNS times after one warm-up."""
    samples = []
    for i in range(RUNS + 1):
        cible = dossier / f"copie-{time.monotonic_ns()}.db"
        start = time.perf_counter()
        action(cible)
        elapsed = (time.perf_counter() - start) * 1000
        cible.unlink(missing_ok=True)
        if i:
            samples.append(elapsed)
    return median(samples)


def _backup_shell(source: Path) -> Callable[[Path], object]:
    def run(cible: Path) -> None:
        result = lancer([SHELL or "sqlite3", str(source), f".backup '{cible}'"])
        if result.code != 0:
            raise RuntimeError(result.stderr)

    return run


def _backup_api(source: Path) -> Callable[[Path], object]:
    """Without the shell: the same online backup API it calls, through Python's sqlite3."""

    def run(cible: Path) -> None:
        src, dst = sqlite3.connect(source), sqlite3.connect(cible)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()

    return run


def _vacuum_seul(source: Path) -> Callable[[Path], object]:
    def run(cible: Path) -> None:
        conn = sqlite3.connect(source)
        try:
            vacuum_into(conn, cible)
        finally:
            conn.close()

    return run


def _export_cli(source: Path) -> Callable[[Path], object]:
    def run(cible: Path) -> None:
        result = lancer([*suivi_cmd(), "--db", str(source), "export", str(cible.with_suffix(".sqlite"))])
        if result.code != 0:
            raise RuntimeError(result.stderr)
        cible.with_suffix(".sqlite").rename(cible)

    return run


def run() -> list[Resultat]:
    source = base_nationale()
    with tempfile.TemporaryDirectory(dir=source.parent) as tmp:
        dossier = Path(tmp)
        if SHELL:
            base_nom, base = "sqlite3 (shell) .backup", _chrono(_backup_shell(source), dossier)
        else:
            base_nom, base = "sqlite3.Connection.backup (shell absent)", _chrono(_backup_api(source), dossier)
        snapshot = _chrono(lambda cible: snapshot_file(source, cible), dossier)
        vacuum = _chrono(_vacuum_seul(source), dossier)
        verif = _chrono(lambda cible: integrity_ok(source), dossier)
        export = _chrono(_export_cli(source), dossier)
    taille = f"{source.stat().st_size / 1048576:.0f} Mio"
    return [
        Resultat(
            "snapshot",
            f"snapshot_file() : VACUUM INTO + integrity_check + publication ({taille})",
            snapshot,
            base_nom,
            base,
            cible="≤ 2× .backup",
        ),
        Resultat("snapshot", "  dont VACUUM INTO seul", vacuum, base_nom, base),
        Resultat("snapshot", "  dont PRAGMA integrity_check seul", verif, base_nom, base),
        Resultat(
            "snapshot",
            "suivi export base.sqlite (processus entier, sans notes confidentielles)",
            export,
            base_nom,
            base,
        ),
    ]


if __name__ == "__main__":
    imprimer(f"Instantané SQLite de la base nationale (médiane de {RUNS})", run())
