"""The bilan at national scale, in-process: lire_bilan() (matrix, what is left, progression) and the HTML charts."""

from __future__ import annotations

import datetime as dt
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    FORMES,
    FRAME_MS,
    NOMS_FORMES,
    TODAY_FORME,
    Resultat,
    base_nationale,
    chrono_ms,
    imprimer,
    median,
    p95,
)

from suivi_tui.db.opening import open_database
from suivi_tui.services.bilan import lire_bilan
from suivi_tui.services.contrats import lister_contrats
from suivi_tui.services.export.graphiques_svg import graphiques

TODAY = {"2020": dt.date(2023, 3, 1), "2030": TODAY_FORME["2030"]}
RUNS = 10


def run(formes: tuple[str, ...] = FORMES) -> list[Resultat]:
    return [r for forme in formes for r in mesurer(forme)]


def mesurer(forme: str) -> list[Resultat]:
    """A Quartiers 2030 contrat's bilan rolls its tree up over 10 to 30 parties: measured too."""
    today = TODAY[forme]
    banc = "bilan" if forme == "2020" else f"bilan, {NOMS_FORMES[forme]}"
    db = open_database(base_nationale(forme))
    try:
        ids = sorted(c.id for c in lister_contrats(db))
        lectures, svg = [], []
        for contrat in (ids[0], ids[len(ids) // 2], ids[-1]):
            lectures += chrono_ms(partial(lire_bilan, db, contrat, today), RUNS)
            bilan = lire_bilan(db, contrat, today)
            svg += chrono_ms(partial(graphiques, bilan.progression), RUNS)
    finally:
        db.close()
    return [
        Resultat(
            banc,
            "ouvrir le bilan, lire_bilan()",
            median(lectures),
            "une image",
            FRAME_MS,
            cible="< 16 ms",
            p95=p95(lectures),
        ),
        Resultat(banc, "graphiques SVG du rapport", median(svg), "budget", 200.0, cible="< 200 ms", p95=p95(svg)),
    ]


if __name__ == "__main__":
    formes = tuple(a for a in sys.argv[1:] if a in FORMES) or FORMES
    imprimer("Bilan d'un contrat à l'échelle nationale (435 contrats, en processus)", run(formes))
