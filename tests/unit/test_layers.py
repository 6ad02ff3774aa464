"""Imports only go down: ui -> services -> db; the headless parts never import Textual."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "suivi_tui"

# module (relative to the package) -> packages it must not import
FORBIDDEN = {
    "db": ("textual", "suivi_tui.ui", "suivi_tui.services", "suivi_tui.cli"),
    "services": ("textual", "suivi_tui.ui", "suivi_tui.cli"),
    "annexe": ("textual", "sqlalchemy", "suivi_tui.db", "suivi_tui.services", "suivi_tui.ui"),
    "dates.py": ("textual", "sqlalchemy", "suivi_tui.db", "suivi_tui.services", "suivi_tui.ui"),
    "paths.py": ("textual", "sqlalchemy", "suivi_tui.db", "suivi_tui.services", "suivi_tui.ui"),
    "today.py": ("textual", "sqlalchemy", "suivi_tui.db", "suivi_tui.services", "suivi_tui.ui"),
    "atomic.py": ("textual", "sqlalchemy", "suivi_tui.db", "suivi_tui.services", "suivi_tui.ui"),
}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _files(target: str) -> list[Path]:
    path = SRC / target
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


@pytest.mark.parametrize("target", sorted(FORBIDDEN))
def test_layer_imports_only_go_down(target: str) -> None:
    files = _files(target)
    assert files
    for file in files:
        bad = {m for m in _imports(file) for f in FORBIDDEN[target] if m == f or m.startswith(f + ".")}
        assert not bad, f"{file.relative_to(SRC)} importe {sorted(bad)}"
