"""The command line as a user runs it: real processes, real files, exit codes, French messages."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ANNEXE

from suivi_tui.cli import build_parser
from suivi_tui.db.schema import schema_version


def suivi(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_seed_then_sql_shows_the_annexe(db_path: Path) -> None:
    result = suivi("--db", str(db_path), "seed")
    assert result.returncode == 0, result.stderr
    assert "52 engagements" in result.stdout
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM axe").fetchone()[0] == 6
    assert conn.execute("SELECT fin FROM contrat").fetchone()[0] == "2022-12-31"
    conn.execute("UPDATE engagement SET statut = 'realise' WHERE libelle LIKE 'Créer un espace%'")
    conn.commit()
    conn.close()
    again = suivi("--db", str(db_path), "seed")
    assert again.returncode == 0 and "Aucun changement" in again.stdout
    conn = sqlite3.connect(db_path)
    statut = conn.execute("SELECT statut FROM engagement WHERE libelle LIKE 'Créer un espace%'").fetchone()[0]
    assert statut == "realise"
    assert conn.execute("SELECT count(*) FROM engagement").fetchone()[0] == 52


def test_db_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    assert suivi("seed", env={"SUIVI_DB": str(path)}).returncode == 0
    assert path.exists()


def test_status_prints_a_table_per_axis(db_path: Path) -> None:
    suivi("--db", str(db_path), "seed")
    result = suivi("--db", str(db_path), "--today", "2021-03-15", "status")
    assert result.returncode == 0
    assert "Contrat de ville d'Antony 2020-2022 — au 15/03/2021" in result.stdout
    assert "52 engagements" in result.stdout
    for numero in ("I ", "II ", "III ", "IV ", "V ", "VI "):
        assert any(line.startswith(numero) for line in result.stdout.splitlines()), numero


def test_check_reports_integrity_and_locations(db_path: Path) -> None:
    suivi("--db", str(db_path), "seed")
    result = suivi("--db", str(db_path), "check")
    assert result.returncode == 0
    assert "Intégrité : ok" in result.stdout and f"Schéma : version {schema_version()}" in result.stdout
    assert str(db_path) in result.stdout and "Sauvegardes" in result.stdout


def test_check_counts_the_rows_and_fails_on_a_broken_reference(db_path: Path) -> None:
    suivi("--db", str(db_path), "seed")
    sain = suivi("--db", str(db_path), "check")
    assert "Contenu : 1 contrat, 52 engagements" in sain.stdout and "Références : ok" in sain.stdout
    conn = sqlite3.connect(db_path)  # foreign keys off, as another tool would write
    conn.execute("UPDATE engagement SET axe_id = 9999 WHERE id = (SELECT min(id) FROM engagement)")
    conn.commit()
    conn.close()
    result = suivi("--db", str(db_path), "check")
    assert result.returncode == 1, result.stdout
    assert "Références : 1 référence(s) cassée(s)" in result.stdout and "Intégrité : ok" in result.stdout


def test_bad_annexe_exits_2_names_the_line_and_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    suivi("--db", str(db_path), "seed")
    bad = tmp_path / "mauvaise.md"
    bad.write_text("## I. Emploi\n\n- une puce sans partie signataire\n", encoding="utf-8")
    before = _digest(db_path)
    result = suivi("--db", str(db_path), "seed", str(bad))
    assert result.returncode == 2
    assert "mauvaise.md" in result.stderr and "ligne 3" in result.stderr
    assert "Traceback" not in result.stderr
    assert _digest(db_path) == before


def test_missing_annexe_exits_2(db_path: Path) -> None:
    result = suivi("--db", str(db_path), "seed", "/nulle/part/annexe.md")
    assert result.returncode == 2 and "annexe.md" in result.stderr
    assert not db_path.exists()


def test_bad_date_exits_2_in_french(db_path: Path) -> None:
    result = suivi("--db", str(db_path), "--today", "2021-02-30", "status")
    assert result.returncode == 2
    assert "erreur" in result.stderr and "Traceback" not in result.stderr
    assert not db_path.exists()


@pytest.mark.parametrize("content", [b"", b"ceci n'est pas une base\n" * 30])
def test_unusable_file_exits_2_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "faux.db"
    path.write_bytes(content)
    for command in ("status", "check", "seed"):
        result = suivi("--db", str(path), command)
        assert result.returncode == 2, command
        assert "faux.db" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == content


def test_dry_run_leaves_the_base_byte_for_byte(db_path: Path) -> None:
    suivi("--db", str(db_path), "seed")
    suivi("--db", str(db_path), "check")  # settle the WAL so the file is stable
    before = _digest(db_path)
    result = suivi("--db", str(db_path), "seed", str(ANNEXE), "--dry-run")
    assert result.returncode == 0 and "simulation" in result.stdout
    assert _digest(db_path) == before


@pytest.mark.parametrize("command", ["status", "check", "seed"])
def test_headless_commands_never_load_textual(db_path: Path, command: str) -> None:
    code = (
        f"import sys; from suivi_tui.cli import main; rc = main(['--db', {str(db_path)!r}, {command!r}]); "
        "assert 'textual' not in sys.modules, 'textual chargé'; sys.exit(rc)"
    )
    suivi("--db", str(db_path), "seed")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_every_command_has_french_help_with_an_example() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert subparsers.choices
    for name, sub in subparsers.choices.items():  # type: ignore[union-attr]
        text = sub.format_help()
        assert "Exemple : suivi" in text, name
        assert "utilisation :" in text and "show this help" not in text, name
