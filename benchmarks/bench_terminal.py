"""Start to the first full screen in a real terminal (tmux), as a whole process: suivi against the bare app.

Each run starts a detached tmux session of 140×45 running the command, then reads the pane every
few milliseconds (`tmux capture-pane`) until the whole first screen is there: for suivi the
contrat's header, the axes, the engagements, the detail of the selected one and the journal; for
the bare Textual app with the same widgets (`_demarrage.py nu-terminal`), its table, its detail
and its list. What is measured is what a coordinator waits for, terminal included. Skipped (no
figures) when tmux is absent.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, TODAY_FORME, Resultat, base_nationale, base_seedee, imprimer, median, p95, suivi_cmd

RUNS = 7
LARGEUR, HAUTEUR = 140, 45
DELAI_S = 30.0
ENFANT = str(Path(__file__).resolve().parent / "_demarrage.py")


def _nu_complet(ecran: str) -> bool:
    return "Engagement n°0" in ecran and "Détail de l'engagement" in ecran and "Note 0" in ecran


# The header's counts, a statut in the table, the detail's fields, the journal's comité: the data are in.
_EN_TETE = re.compile(r"\d+ engagements? ·")


def _suivi_complet(ecran: str) -> bool:
    return bool(_EN_TETE.search(ecran)) and "Statut " in ecran and "Journal" in ecran and "‹ " in ecran


def premier_ecran_ms(commande: list[str], complet: Callable[[str], bool], env: dict[str, str]) -> float:
    """From starting the command in a new tmux session to the pane showing the full first screen."""
    session = f"bench-{os.getpid()}"
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    debut = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(LARGEUR), "-y", str(HAUTEUR), *_env(env), *commande],
        check=True,
    )
    try:
        while time.perf_counter() - debut < DELAI_S:
            ecran = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if complet(ecran):
                return (time.perf_counter() - debut) * 1000
            time.sleep(0.003)
        raise RuntimeError(f"premier écran non vu en {DELAI_S:.0f} s : {' '.join(commande)}\n{ecran}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def _env(env: dict[str, str]) -> list[str]:
    return [arg for cle, valeur in env.items() for arg in ("-e", f"{cle}={valeur}")]


def run() -> list[Resultat]:
    if shutil.which("tmux") is None:
        print("tmux absent : démarrage dans un terminal non mesuré (apt-get install tmux)", file=sys.stderr)
        return []
    # The bare app and suivi alternate within each round, so a slower minute weighs on both alike.
    antony = [*suivi_cmd(), "--db", str(base_seedee()), "--today", TODAY_FORME["2020"].isoformat()]
    nationale = [*suivi_cmd(), "--db", str(base_nationale()), "--today", TODAY_FORME["2020"].isoformat()]
    nu_cmd = [PYTHON, ENFANT, "nu-terminal"]
    env = {"TERM": os.environ.get("TERM", "xterm-256color")}
    cas = {
        "nu": (nu_cmd, _nu_complet),
        "antony": (antony, _suivi_complet),
        "nationale": (nationale, _suivi_complet),
    }
    for commande, complet in cas.values():
        premier_ecran_ms(commande, complet, env)  # warm-up: the disk cache, a due backup
    mesures: dict[str, list[float]] = {cle: [] for cle in cas}
    for _ in range(RUNS):
        for cle, (commande, complet) in cas.items():
            mesures[cle].append(premier_ecran_ms(commande, complet, env))
    nu_ms = median(mesures["nu"])
    base = "appli Textual nue, mêmes widgets, même terminal"
    return [
        Resultat(
            "terminal",
            "appli nue : processus entier jusqu'au premier écran (tmux 140×45)",
            nu_ms,
            "—",
            None,
            cible="référence",
            p95=p95(mesures["nu"]),
        ),
        Resultat(
            "terminal",
            "suivi, base d'Antony : processus entier jusqu'au premier écran complet (tmux)",
            median(mesures["antony"]),
            base,
            nu_ms,
            cible="≤ 1,3×",
            p95=p95(mesures["antony"]),
        ),
        Resultat(
            "terminal",
            "suivi, base nationale : processus entier jusqu'au premier écran complet (tmux)",
            median(mesures["nationale"]),
            base,
            nu_ms,
            cible="≤ 1,5×",
            p95=p95(mesures["nationale"]),
        ),
    ]


if __name__ == "__main__":
    imprimer(f"Démarrage dans un vrai terminal (tmux {LARGEUR}×{HAUTEUR}), médiane de {RUNS}", run())
