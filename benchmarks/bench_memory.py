"""Peak memory of `suivi` on the national-scale base against a bare Textual app with the same widgets."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, Resultat, base_nationale, base_seedee, imprimer, pic_memoire
from bench_startup import ENFANT, ENV, ENV_2030, RUNS


def run() -> list[Resultat]:
    nu = pic_memoire([PYTHON, ENFANT, "nu"], RUNS, env=ENV)
    antony = pic_memoire([PYTHON, ENFANT, "suivi", str(base_seedee())], RUNS, env=ENV)
    nationale = pic_memoire([PYTHON, ENFANT, "suivi", str(base_nationale())], RUNS, env=ENV)
    quartiers = pic_memoire([PYTHON, ENFANT, "suivi", str(base_nationale("2030"))], RUNS, env=ENV_2030)
    base = "appli Textual nue, mêmes widgets"
    return [
        Resultat("mémoire", "appli nue : pic de mémoire résidente", nu, "—", None, "Mio", cible="référence"),
        Resultat("mémoire", "suivi, base d'Antony : pic", antony, base, nu, "Mio"),
        Resultat("mémoire", "suivi, base nationale : pic", nationale, base, nu, "Mio", cible="≤ base + 60 Mio"),
        Resultat(
            "mémoire",
            "suivi, base nationale Quartiers 2030 : pic",
            quartiers,
            base,
            nu,
            "Mio",
            cible="≤ base + 60 Mio",
        ),
        Resultat(
            "mémoire",
            "suivi, base nationale : écart avec l'appli nue",
            nationale - nu,
            "cible",
            60.0,
            "Mio",
            cible="≤ 60 Mio",
        ),
    ]


if __name__ == "__main__":
    imprimer(f"Pic de mémoire jusqu'au premier écran complet (médiane de {RUNS} lancements)", run())
