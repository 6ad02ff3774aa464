"""Start to the first full screen of `suivi`, as a whole process, against a bare Textual app with the same widgets."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    PYTHON,
    TODAY_FORME,
    Processus,
    Resultat,
    base_nationale,
    base_seedee,
    chrono_processus,
    imprimer,
    median,
)

RUNS = 7
ENFANT = str(Path(__file__).resolve().parent / "_demarrage.py")
ENV = {"SUIVI_TODAY": TODAY_FORME["2020"].isoformat()}
ENV_2030 = {"SUIVI_TODAY": TODAY_FORME["2030"].isoformat()}  # within the follow-up of a Quartiers 2030 base


def demarrages(*args: str, env: dict[str, str] = ENV) -> list[Processus]:
    """RUNS headless starts to the first full frame (after one warm-up, which also takes any due backup)."""
    return chrono_processus([PYTHON, ENFANT, *args], RUNS, env=env)


def premiere_image_ms(resultat: Processus) -> float:
    """The child's own measure: from its first line to the first full frame."""
    ligne = next(x for x in resultat.stderr.splitlines() if x.startswith("premiere_image "))
    return float(ligne.split()[1]) * 1000


def run() -> list[Resultat]:
    nu = demarrages("nu")
    antony = demarrages("suivi", str(base_seedee()))
    nationale = demarrages("suivi", str(base_nationale()))
    quartiers = demarrages("suivi", str(base_nationale("2030")), env=ENV_2030)
    nu_ms = median([r.ms for r in nu])
    base = "appli Textual nue, mêmes widgets"
    nu_image = median([premiere_image_ms(r) for r in nu])
    avec_sqlalchemy = median([r.ms for r in demarrages("nu+sqlalchemy")])
    resultats = [
        Resultat(
            "démarrage", "appli nue : processus entier jusqu'à la première image", nu_ms, "—", None, cible="référence"
        ),
        Resultat(
            "démarrage",
            "appli nue + import sqlalchemy.orm : processus entier",
            avec_sqlalchemy,
            base,
            nu_ms,
            cible="(pour mémoire)",
        ),
    ]
    for nom, runs, cible in (
        ("suivi, base d'Antony (52 engagements)", antony, "≤ 1,3×"),
        ("suivi, base nationale (435 contrats)", nationale, "≤ 1,5×"),
        ("suivi, base nationale Quartiers 2030 (435 contrats)", quartiers, "≤ 1,5×"),
    ):
        resultats.append(
            Resultat(
                "démarrage",
                f"{nom} : processus entier jusqu'au premier écran complet",
                median([r.ms for r in runs]),
                base,
                nu_ms,
                cible=cible,
            )
        )
        resultats.append(
            Resultat(
                "démarrage",
                f"{nom} : du début du script au premier écran complet",
                median([premiere_image_ms(r) for r in runs]),
                base,
                nu_image,
                cible=cible,
            )
        )
    return resultats


if __name__ == "__main__":
    imprimer(f"Démarrage jusqu'au premier écran complet, sans terminal, 160×50 (médiane de {RUNS})", run())
