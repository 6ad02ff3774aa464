"""Run every benchmark (`make bench`) and print one results table: figure, baseline, ratio, target."""

from __future__ import annotations

import importlib
import os
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import FORMES, Resultat, aujourdhui, base_nationale, base_seedee, machine, tableau

BANCS = (
    "bench_cli",
    "bench_queries",
    "bench_bilan",
    "bench_snapshot",
    "bench_startup",
    "bench_terminal",
    "bench_memory",
    "bench_app",
    "bench_seed_formats",
)


def main(noms: list[str]) -> int:
    print(
        f"Machine : {machine()}\nDate : {aujourdhui()}\nCharge : {os.getloadavg()[0]:.2f} (moyenne 1 min)\n", flush=True
    )
    base_seedee()
    for forme in FORMES:
        base_nationale(forme)
    resultats: list[Resultat] = []
    echecs = []
    for nom in noms or BANCS:
        debut = time.perf_counter()
        print(f"… {nom}", file=sys.stderr, flush=True)
        try:
            resultats += importlib.import_module(nom).run()
        except Exception:  # one broken benchmark must not hide the others' figures
            echecs.append(nom)
            traceback.print_exc()
        print(f"  {nom} : {time.perf_counter() - debut:.0f} s", file=sys.stderr, flush=True)
    print(tableau(resultats))
    if echecs:
        print(f"\nBancs en échec : {', '.join(echecs)}")
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
