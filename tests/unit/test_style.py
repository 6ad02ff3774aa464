"""House style as a test: ruff clean and formatted, mypy --strict on the headless layers, the import contracts kept."""

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
    "src/suivi_tui/texte.py",
    "src/suivi_tui/erreurs.py",
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


def test_import_contracts_are_kept() -> None:
    # The layers, Textual below the interface, the lazy imports allowed: [tool.importlinter] in pyproject.toml.
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def import_cycles() -> list[list[str]]:
    """Every set of modules of suivi_tui that import one another in a circle (strongly connected, Tarjan).

    acyclic_siblings only compares siblings; this also sees a package and its own modules, and
    imports under TYPE_CHECKING, which mypy follows even though Python does not.
    """
    import grimp

    graph = grimp.build_graph("suivi_tui", cache_dir=None)
    return cycles_of({m: sorted(graph.find_modules_directly_imported_by(m)) for m in sorted(graph.modules)})


def cycles_of(suivants: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected sets (more than one module) of a graph: module -> modules it imports."""
    rang: dict[str, int] = {}
    bas: dict[str, int] = {}
    pile: list[str] = []
    cycles: list[list[str]] = []
    for depart in suivants:
        if depart in rang:
            continue
        # An explicit stack: the recursion of the textbook version would need ~one frame per module.
        chemin = [(depart, iter(suivants[depart]))]
        rang[depart] = bas[depart] = len(rang)
        pile.append(depart)
        while chemin:
            module, reste = chemin[-1]
            suivant = next(reste, None)
            if suivant is None:
                chemin.pop()
                if chemin:
                    bas[chemin[-1][0]] = min(bas[chemin[-1][0]], bas[module])
                if bas[module] == rang[module]:
                    composante = pile[pile.index(module) :]
                    del pile[pile.index(module) :]
                    if len(composante) > 1:
                        cycles.append(sorted(composante))
            elif suivant not in rang:
                rang[suivant] = bas[suivant] = len(rang)
                pile.append(suivant)
                chemin.append((suivant, iter(suivants[suivant])))
            elif suivant in pile:
                bas[module] = min(bas[module], rang[suivant])
    return cycles


def test_no_module_imports_itself_through_others() -> None:
    assert import_cycles() == []


def test_the_cycle_finder_finds_cycles() -> None:
    # The shapes this project had: a package and its modules, and a longer loop beside a clean chain.
    graphe = {
        "export": ["export.donnees"],
        "export.donnees": ["export", "db"],
        "cli": ["cli.commands"],
        "cli.commands": ["cli.commands.seed"],
        "cli.commands.seed": ["cli", "db"],
        "db": ["dates"],
        "dates": [],
    }
    assert sorted(cycles_of(graphe)) == [["cli", "cli.commands", "cli.commands.seed"], ["export", "export.donnees"]]
    assert cycles_of({"a": ["b"], "b": ["c"], "c": []}) == []


if __name__ == "__main__":  # `python tests/unit/test_style.py`: the cycles, one per line (none: nothing printed)
    for cycle in import_cycles():
        print(" -> ".join(cycle))
