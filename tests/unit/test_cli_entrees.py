"""Bad input and odd surroundings on the command line: a French message, the right exit code, nothing written."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ANNEXE

REPO = Path(__file__).resolve().parents[2]


def suivi(
    *args: str, env: dict[str, str] | None = None, stdout: int = subprocess.PIPE, cwd: Path = REPO, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The real command line in a new process, its input from /dev/null (no terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


def etat(dossier: Path) -> dict[str, str]:
    """Every file under dossier with the hash of its bytes: what a command must leave as it was."""
    return {
        str(p.relative_to(dossier)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dossier"
        for p in sorted(dossier.rglob("*"))
    }


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "suivi.db"
    assert suivi("--db", str(path), "seed").returncode == 0
    return path


# --- 10.3: a closed pipe ends the command quietly ---------------------------------------------------


@pytest.mark.parametrize("commande", [["status"], ["seance", "list"], ["changes", "--since", "01/01/2020"], ["check"]])
def test_a_closed_pipe_ends_quietly(base: Path, commande: list[str]) -> None:
    lecture, ecriture = os.pipe()
    os.close(lecture)  # the reader is gone before the first line, as `| head -1` is after its line
    try:
        result = suivi("--db", str(base), "--today", "2021-03-15", *commande, stdout=ecriture)
    finally:
        os.close(ecriture)
    assert result.returncode == 141, result.stderr  # 128 + SIGPIPE, as a shell reports for `cat`
    assert result.stderr == ""  # no traceback, no « Exception ignored … BrokenPipeError »


# --- 10.4 and issue 16 item 4: the app without a terminal, a --db in a folder that does not exist ----


def test_the_app_without_a_terminal_refuses_at_once_and_creates_nothing(tmp_path: Path) -> None:
    donnees = tmp_path / "donnees"
    for args, env in (
        (["--db", str(tmp_path / "nouveau" / "x.db")], {}),
        ([], {"XDG_DATA_HOME": str(donnees)}),
        (["--db", str(tmp_path / "x.db")], {}),
    ):
        result = suivi(*args, env=env)
        assert result.returncode == 2, result.stderr
        assert "s'ouvre dans un terminal" in result.stderr and "suivi status" in result.stderr
        assert result.stdout == "" and "\x1b" not in result.stderr  # no escape code written anywhere
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no folder, no base


@pytest.mark.parametrize("redirige", ["stdin", "stdout"])
def test_the_app_refuses_when_only_one_side_is_redirected(base: Path, redirige: str) -> None:
    """`suivi < fichier` or `suivi > log` from a terminal: the other side is a real terminal."""
    maitre, esclave = os.openpty()
    before = etat(base.parent)
    try:
        flux = {
            "stdin": esclave,
            "stdout": esclave,
            redirige: subprocess.DEVNULL if redirige == "stdin" else subprocess.PIPE,
        }
        result = subprocess.run(
            [sys.executable, "-m", "suivi_tui", "--db", str(base)],
            **flux,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            cwd=REPO,
        )
    finally:
        os.close(esclave)
        os.close(maitre)
    assert result.returncode == 2 and "s'ouvre dans un terminal" in result.stderr, result.stderr
    assert etat(base.parent) == before  # the existing base untouched: no backup, no -wal


@pytest.mark.parametrize("par", ["--db", "SUIVI_DB"])
def test_the_app_refuses_a_base_in_a_folder_that_does_not_exist(
    tmp_path: Path, par: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.app.terminal import Terminal

    chemin = tmp_path / "nulle" / "part" / "x.db"
    if par == "SUIVI_DB":
        monkeypatch.setenv("SUIVI_DB", str(chemin))
    with Terminal(*(["--db", str(chemin)] if par == "--db" else [])) as terminal:
        assert terminal.fin() == 2
    assert "n'existe pas : rien n'a été créé" in terminal.texte and "suivi --db" in terminal.texte
    assert not (tmp_path / "nulle").exists()


def test_a_missing_file_in_an_existing_folder_is_a_new_base_and_the_first_toast_says_so(tmp_path: Path) -> None:
    from tests.app.terminal import Terminal

    chemin = tmp_path / "neuve.db"
    with Terminal("--db", str(chemin), "--today", "2021-03-15") as terminal:
        assert terminal.attendre("Nouvelle base créée"), terminal.texte[-2000:]
        terminal.taper("q")
        assert terminal.fin() == 0
    assert chemin.exists()


# --- issue 16 item 15: a missing base is bad input (exit 2), as the README says ------------------------


@pytest.mark.parametrize("commande", [["status"], ["check"], ["seance", "list"], ["export", "x.csv"]])
def test_a_missing_base_exits_2(tmp_path: Path, commande: list[str]) -> None:
    result = suivi("--db", str(tmp_path / "absente.db"), *commande, cwd=tmp_path)
    assert result.returncode == 2 and "Aucune base à" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- 10.5: --contrat names an id first; an empty one is refused ----------------------------------------


@pytest.fixture
def trois_contrats(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    assert suivi("--db", str(path), "demo", "--contrats", "3").returncode == 0
    return path


def test_contrat_as_a_number_is_an_id_although_every_title_holds_2020(trois_contrats: Path) -> None:
    titre = sqlite3.connect(trois_contrats).execute("SELECT titre FROM contrat WHERE id = 2").fetchone()[0]
    assert "2020" in titre
    result = suivi("--db", str(trois_contrats), "status", "--contrat", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(titre)


def test_an_empty_contrat_is_refused(trois_contrats: Path) -> None:
    before = etat(trois_contrats.parent)
    for valeur in ("", "   "):
        result = suivi("--db", str(trois_contrats), "status", "--contrat", valeur)
        assert result.returncode == 2 and "--contrat" in result.stderr and "vide" in result.stderr
    assert etat(trois_contrats.parent) == before


# --- 10.11: names the system refuses, NUL in a path, a huge echo ---------------------------------------


def test_a_300_character_file_name_is_refused_in_french(base: Path, tmp_path: Path) -> None:
    before = etat(tmp_path)
    result = suivi("--db", str(base), "export", str(tmp_path / ("a" * 300 + ".csv")))
    assert result.returncode == 2 and "trop long" in result.stderr and "Traceback" not in result.stderr
    assert etat(tmp_path) == before


def test_nul_in_a_path_reaching_main_is_refused_in_french(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from suivi_tui.cli import main

    for argv in (["--db", f"{base}\x00x", "status"], ["--db", str(base), "export", "a\x00b.csv"]):
        with pytest.raises(SystemExit) as fin:
            main(argv)
        assert fin.value.code == 2
        assert "caractère nul" in capsys.readouterr().err


@pytest.mark.parametrize(
    "option",
    [["status", "--contrat"], ["seance", "list", "--comite"], ["changes", "--since", "01/01/2021", "--comite"]],
)
def test_a_huge_name_is_echoed_shortened(base: Path, option: list[str]) -> None:
    result = suivi("--db", str(base), *option, "x" * 100_000)
    assert result.returncode == 2 and ("introuvable" in result.stderr or "Aucun comité" in result.stderr)
    assert "x" * 29 + "…" in result.stderr and len(result.stderr) < 1000


# --- issue 16 item 15: --today in French, as every other date --------------------------------------------


@pytest.mark.parametrize("jour", ["15/03/2021", "15 mars 2021", "2021-03-15"])
def test_today_accepts_a_french_day(base: Path, jour: str) -> None:
    result = suivi("--db", str(base), "--today", jour, "status")
    assert result.returncode == 0 and "au 15/03/2021" in result.stdout, result.stderr


@pytest.mark.parametrize(
    ("jour", "mot"), [("T3 2021", "période, pas un jour"), ("mars 2021", "période"), ("31/02/2021", "n'existe pas")]
)
def test_today_refuses_a_period_or_an_impossible_day(base: Path, jour: str, mot: str) -> None:
    result = suivi("--db", str(base), "--today", jour, "status")
    assert result.returncode == 2 and mot in result.stderr and "Traceback" not in result.stderr


# --- 10.2: seed refuses a device, a pipe or a huge file before reading it ---------------------------------


def test_seed_refuses_what_is_not_a_regular_file_before_reading(base: Path, tmp_path: Path) -> None:
    tube = tmp_path / "annexe.md"
    os.mkfifo(tube)  # opening it for reading would wait for a writer forever
    before = etat(tmp_path)
    for source in (str(tube), "/dev/zero"):
        result = suivi("--db", str(base), "seed", source, timeout=30)
        assert result.returncode == 2, result.stderr
        assert "n'est pas un fichier ordinaire" in result.stderr and "la base n'a pas été modifiée" in result.stderr
    assert etat(tmp_path) == before


def test_seed_refuses_an_annexe_above_20_mb_without_reading_it(base: Path, tmp_path: Path) -> None:
    enorme = tmp_path / "enorme.md"
    subprocess.run(["truncate", "-s", "3G", str(enorme)], check=True)  # sparse: no disk space taken
    before = {p.name for p in tmp_path.iterdir()}
    result = suivi("--db", str(base), "seed", str(enorme), timeout=30)
    assert result.returncode == 2 and "20 Mo" in result.stderr and "3072,0 Mo" in result.stderr, result.stderr
    assert {p.name for p in tmp_path.iterdir()} == before


# --- 10.8: seed --dry-run writes nothing at all ----------------------------------------------------------


def test_dry_run_on_an_existing_base_writes_nothing_at_all(base: Path) -> None:
    before = etat(base.parent)
    assert not (base.parent / "backups").exists()  # a rolling backup would be due: none is taken
    result = suivi("--db", str(base), "seed", str(ANNEXE), "--dry-run")
    assert result.returncode == 0 and "simulation : rien n'a été écrit" in result.stdout, result.stderr
    assert etat(base.parent) == before  # no backups/, no -wal or -shm, not a byte changed


def test_dry_run_without_a_base_says_what_would_be_created_and_creates_nothing(tmp_path: Path) -> None:
    result = suivi("--db", str(tmp_path / "dossier" / "neuve.db"), "seed", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Contrat serait créé : 6 axes, 2 parties, 52 engagements, 2 comités techniques." in result.stdout
    assert list(tmp_path.iterdir()) == []


# --- issue 16 item 15: demo names the contrat the app opens -----------------------------------------------


def test_demo_announces_the_contrat_that_opens(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    demo = suivi("--db", str(path), "demo", "--contrats", "3")
    annonce = next(ligne for ligne in demo.stdout.splitlines() if "Premier contrat" in ligne)
    titre = annonce.split(" : ", 1)[1].split(", celui que l'application ouvre")[0]
    assert suivi("--db", str(path), "status").stdout.startswith(titre + " — ")  # status and the app open it
    ajout = suivi("--db", str(path), "demo", "--contrats", "1", "--seed", "7", "--ajouter")
    assert f"l'application rouvre {titre}" in ajout.stdout, ajout.stdout
