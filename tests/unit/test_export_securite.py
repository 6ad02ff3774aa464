"""Safety for every format: no clobbering, 0600, bad folders refused, full disk leaves nothing behind."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_export_donnees import TODAY, Peuple, peuple

from suivi_tui.atomic import FichierExistant
from suivi_tui.db.backup import integrity_ok
from suivi_tui.db.database import Database
from suivi_tui.services.export import (
    FORMATS,
    DemandeExport,
    ExportInvalide,
    exporter,
    format_depuis_extension,
)

__all__ = ["peuple"]


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    """An export folder of its own: the database lives in tmp_path, beside it."""
    d = tmp_path / "exports"
    d.mkdir()
    return d


@pytest.mark.parametrize("fmt", FORMATS)
def test_cible_existante_refusee_puis_remplacee_avec_force(peuple: Peuple, dossier: Path, fmt: str) -> None:
    cible = dossier / f"suivi.{fmt}"
    cible.write_bytes(b"le travail d'un collegue")
    with pytest.raises(FichierExistant, match="existe déjà ; ajoutez --force"):
        exporter(peuple.db, DemandeExport(cible), TODAY)
    assert cible.read_bytes() == b"le travail d'un collegue"
    assert sorted(p.name for p in dossier.iterdir()) == [cible.name]
    resultat = exporter(peuple.db, DemandeExport(cible, force=True), TODAY)
    assert cible.read_bytes() != b"le travail d'un collegue" and resultat.octets == cible.stat().st_size
    assert sorted(p.name for p in dossier.iterdir()) == [cible.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_mode_0600_et_aucun_temporaire(peuple: Peuple, dossier: Path, fmt: str) -> None:
    os.umask(0o022)
    cible = dossier / f"suivi.{fmt}"
    exporter(peuple.db, DemandeExport(cible), TODAY)
    assert os.stat(cible).st_mode & 0o777 == 0o600
    assert [p.name for p in dossier.iterdir()] == [cible.name]


@pytest.mark.parametrize(
    ("nom", "fmt"),
    [
        ("a.sqlite", "sqlite"),
        ("a.DB", "sqlite"),
        ("a.xlsx", "xlsx"),
        ("a.csv", "csv"),
        ("a.md", "md"),
        ("a.htm", "html"),
        ("a.HTML", "html"),
        ("a.ics", "ics"),
    ],
)
def test_format_depuis_extension(nom: str, fmt: str) -> None:
    assert format_depuis_extension(Path(nom)) == fmt


@pytest.mark.parametrize("nom", ["a.txt", "a.xls", "a", "a.pdf"])
def test_extension_inconnue(peuple: Peuple, dossier: Path, nom: str) -> None:
    with pytest.raises(ExportInvalide, match="format d'export connu"):
        exporter(peuple.db, DemandeExport(dossier / nom), TODAY)
    assert list(dossier.iterdir()) == []


def test_format_explicite_inconnu(peuple: Peuple, dossier: Path) -> None:
    with pytest.raises(ExportInvalide, match="Format « pdf » inconnu"):
        exporter(peuple.db, DemandeExport(dossier / "a.xlsx", format="pdf"), TODAY)
    assert list(dossier.iterdir()) == []


def test_format_explicite_prime_sur_l_extension(peuple: Peuple, dossier: Path) -> None:
    resultat = exporter(peuple.db, DemandeExport(dossier / "point.txt", format="md"), TODAY)
    assert resultat.format == "md" and (dossier / "point.txt").read_text().startswith("# Point d'étape")


def test_dossier_absent(peuple: Peuple, dossier: Path) -> None:
    with pytest.raises(ExportInvalide, match=r"Le dossier .* n'existe pas"):
        exporter(peuple.db, DemandeExport(dossier / "absent" / "a.xlsx"), TODAY)
    assert list(dossier.iterdir()) == []


@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
def test_un_fichier_comme_dossier(peuple: Peuple, dossier: Path, fmt: str) -> None:
    fichier = dossier / "notes.txt"
    fichier.write_text("x")
    with pytest.raises(ExportInvalide, match="n'est pas un dossier"):
        exporter(peuple.db, DemandeExport(fichier / f"a.{fmt}"), TODAY)
    assert [p.name for p in dossier.iterdir()] == ["notes.txt"]


def test_cible_qui_est_un_dossier(peuple: Peuple, dossier: Path) -> None:
    (dossier / "x.xlsx").mkdir()
    with pytest.raises(ExportInvalide, match="est un dossier"):
        exporter(peuple.db, DemandeExport(dossier / "x.xlsx", force=True), TODAY)


def test_jamais_la_base_elle_meme(peuple: Peuple) -> None:
    avant = peuple.db.path.read_bytes()
    with pytest.raises(ExportInvalide, match="la base ouverte elle-même"):
        exporter(peuple.db, DemandeExport(peuple.db.path, force=True), TODAY)
    assert peuple.db.path.read_bytes() == avant


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
@pytest.mark.parametrize("fmt", ["xlsx", "sqlite", "csv"])
def test_dossier_sans_droit_d_ecriture(peuple: Peuple, dossier: Path, fmt: str) -> None:
    dossier.chmod(0o500)
    try:
        with pytest.raises(ExportInvalide, match="pas accessible en écriture"):
            exporter(peuple.db, DemandeExport(dossier / f"a.{fmt}"), TODAY)
        assert list(dossier.iterdir()) == []
    finally:
        dossier.chmod(0o700)


DISQUE_PLEIN = textwrap.dedent("""
    import resource, signal, sys
    # The parent keeps the base open, so SQLite's shared-memory file already has its size.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, ({limite}, {limite}))
    from suivi_tui.cli import main
    sys.exit(main(["--db", sys.argv[1], "--today", "2021-03-15", "export", sys.argv[2]]))
""")


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "limite"), [("xlsx", 6000), ("sqlite", 20000), ("html", 6000)])
def test_disque_plein(seeded: tuple[Database, int], dossier: Path, fmt: str, limite: int) -> None:
    """Matrix #3: exit 1, a French message, no traceback, no partial file, the base intact."""
    db, _ = seeded
    cible = dossier / f"suivi.{fmt}"
    avant = _contenu(db.path)
    code = DISQUE_PLEIN.format(limite=limite)
    r = subprocess.run(
        [sys.executable, "-c", code, str(db.path), str(cible)], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "Exception" not in r.stderr
    assert r.stderr.startswith("suivi : ") and "aucun fichier partiel" in r.stderr
    assert "disque" in r.stderr.lower()
    assert list(dossier.iterdir()) == []
    assert _contenu(db.path) == avant and integrity_ok(db.path)


def _contenu(path: Path) -> list[str]:
    """The base's logical content (a WAL checkpoint may rewrite its bytes without changing it)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
