"""`suivi status` and `suivi seed` as whole processes, against a bare Python start in the same run."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    PYTHON,
    Processus,
    Resultat,
    base_nationale,
    base_seedee,
    chrono_processus,
    imprimer,
    lancer,
    median,
    pic_memoire,
    suivi_cmd,
)

RUNS = 10


def _mediane(resultats: list[Processus]) -> float:
    return median([r.ms for r in resultats])


def _seed_neuf(dossier: Path) -> list[Processus]:
    """`suivi seed` into a new base each run: the first start of a new user."""
    resultats = []
    for i in range(RUNS + 1):
        result = lancer([*suivi_cmd(), "--db", str(dossier / f"neuve-{i}.db"), "seed"])
        if result.code != 0:
            raise RuntimeError(result.stderr)
        if i:
            resultats.append(result)
    return resultats


def run() -> list[Resultat]:
    antony, nationale = base_seedee(), base_nationale()
    env = {"SUIVI_TODAY": "2021-03-15"}
    commandes = {
        "suivi status (Antony, 52 engagements)": [*suivi_cmd(), "--db", str(antony), "status"],
        "suivi status (base nationale, 435 contrats)": [*suivi_cmd(), "--db", str(nationale), "status"],
        "suivi seed (base existante, rien à changer)": [*suivi_cmd(), "--db", str(antony), "seed"],
    }
    nu = _mediane(chrono_processus([PYTHON, "-c", "pass"], RUNS))
    sqlite = _mediane(chrono_processus([PYTHON, "-c", "import sqlite3"], RUNS))
    sqlalchemy = _mediane(chrono_processus([PYTHON, "-c", "import sqlalchemy.orm"], RUNS))
    temps = {nom: _mediane(chrono_processus(cmd, RUNS, env=env)) for nom, cmd in commandes.items()}
    with tempfile.TemporaryDirectory() as dossier:
        temps["suivi seed (nouvelle base)"] = _mediane(_seed_neuf(Path(dossier)))
    pics = {nom: pic_memoire(cmd, env=env) for nom, cmd in commandes.items()}
    pic_sqlite = pic_memoire([PYTHON, "-c", "import sqlite3"])
    base = 'python -c "import sqlite3"'
    resultats = [
        Resultat("cli", "python -c pass", nu, "—", None, cible="référence"),
        Resultat("cli", base, sqlite, "python -c pass", nu, cible="référence"),
        Resultat(
            "cli",
            'python -c "import sqlalchemy.orm" (la couche de données)',
            sqlalchemy,
            base,
            sqlite,
            cible="(pour mémoire)",
        ),
    ]
    resultats += [Resultat("cli", nom, ms, base, sqlite) for nom, ms in temps.items()]
    resultats.append(Resultat("cli", f"pic mémoire, {base}", pic_sqlite, "—", None, "Mio", cible="référence"))
    resultats += [Resultat("cli", f"pic mémoire, {nom}", mib, base, pic_sqlite, "Mio") for nom, mib in pics.items()]
    return resultats


if __name__ == "__main__":
    imprimer(f"suivi en ligne de commande (médiane de {RUNS} lancements)", run())
