"""The bilan at national scale, in-process: lire_bilan() (matrix, what is left, progression) and the HTML charts."""

from __future__ import annotations

import datetime as dt
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import FRAME_MS, Resultat, base_nationale, chrono_ms, imprimer, median, p95

from suivi_tui.db.opening import open_database
from suivi_tui.services.bilan import lire_bilan
from suivi_tui.services.contrats import lister_contrats
from suivi_tui.services.export.graphiques_svg import graphiques

TODAY = dt.date(2023, 3, 1)
RUNS = 10


def run() -> list[Resultat]:
    db = open_database(base_nationale())
    try:
        ids = sorted(c.id for c in lister_contrats(db))
        lectures, svg = [], []
        for contrat in (ids[0], ids[len(ids) // 2], ids[-1]):
            lectures += chrono_ms(partial(lire_bilan, db, contrat, TODAY), RUNS)
            bilan = lire_bilan(db, contrat, TODAY)
            svg += chrono_ms(partial(graphiques, bilan.progression), RUNS)
    finally:
        db.close()
    return [
        Resultat(
            "bilan",
            "ouvrir le bilan, lire_bilan()",
            median(lectures),
            "une image",
            FRAME_MS,
            cible="< 16 ms",
            p95=p95(lectures),
        ),
        Resultat("bilan", "graphiques SVG du rapport", median(svg), "budget", 200.0, cible="< 200 ms", p95=p95(svg)),
    ]


if __name__ == "__main__":
    imprimer("Bilan d'un contrat à l'échelle nationale (435 contrats, en processus)", run())
