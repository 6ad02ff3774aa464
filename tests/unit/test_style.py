"""House style as a test: ruff clean and formatted everywhere, mypy --strict on the headless layers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STRICT = [
    "src/suivi_tui/services",
    "src/suivi_tui/db",
    "src/suivi_tui/annexe",
    "src/suivi_tui/dates.py",
    "src/suivi_tui/paths.py",
    "src/suivi_tui/today.py",
    "src/suivi_tui/atomic.py",
]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "src", "tests", "benchmarks", "docs")
    assert result.returncode == 0, result.stdout


def test_ruff_format_leaves_the_tree_unchanged() -> None:
    # One layout for everyone: a diff is about what changed, never about who formatted it.
    result = _run("ruff", "format", "--check", "src", "tests", "benchmarks", "docs")
    assert result.returncode == 0, result.stdout


def test_headless_layers_pass_mypy_strict() -> None:
    result = _run("mypy", "--strict", *STRICT)
    assert result.returncode == 0, result.stdout
