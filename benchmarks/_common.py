"""Shared by the benchmarks: timing (median, p95), child processes' peak memory, cached databases, the machine."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "benchmarks" / ".cache"
PYTHON = sys.executable
FRAME_MS = 16.0
NATIONAL_CONTRATS = 435
SEED = 1


@dataclass(frozen=True)
class Resultat:
    """One benchmark figure against its baseline measured in the same run."""

    banc: str
    mesure: str
    valeur: float
    base: str
    valeur_base: float | None
    unite: str = "ms"
    cible: str = ""
    p95: float | None = None  # when valeur is a median of many samples

    @property
    def ratio(self) -> float | None:
        return self.valeur / self.valeur_base if self.valeur_base else None


def suivi_cmd() -> list[str]:
    """The installed `suivi` entry point next to this Python (as a user runs it)."""
    script = Path(PYTHON).parent / "suivi"
    return [str(script)] if script.exists() else [PYTHON, "-m", "suivi_tui"]


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p95(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def chrono_ms(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Wall time of fn in milliseconds, runs times after warmup untimed calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


@dataclass(frozen=True)
class Processus:
    """A finished child process: wall time, peak RSS as wait4 reports it (see pic_memoire), exit code, output."""

    ms: float
    peak_mib: float
    code: int
    stdout: str
    stderr: str


def lancer(cmd: Sequence[str], *, env: dict[str, str] | None = None) -> Processus:
    """Run cmd to completion; wait4 gives this child's own rusage (ru_maxrss in KiB on Linux)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, text=True, env={**os.environ, **(env or {})})
        # Popen.wait() would reap the child and lose its rusage: wait4 reaps it and keeps it.
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Processus(elapsed, usage.ru_maxrss / 1024, proc.returncode, out.read(), err.read())


def pic_memoire(cmd: Sequence[str], runs: int = 3, *, env: dict[str, str] | None = None) -> float:
    """Median peak RSS (MiB) of cmd, measured by benchmarks/_pic.py (see why there)."""
    pics = []
    for _ in range(runs):
        result = lancer([PYTHON, str(REPO / "benchmarks" / "_pic.py"), *cmd], env=env)
        if result.code != 0:
            raise RuntimeError(f"{' '.join(cmd)} a échoué ({result.code}) : {result.stderr[-2000:]}")
        ligne = next(x for x in result.stderr.splitlines() if x.startswith("pic_kib "))
        pics.append(int(ligne.split()[1]) / 1024)
    return median(pics)


def chrono_processus(
    cmd: Sequence[str], runs: int, *, env: dict[str, str] | None = None, warmup: int = 1
) -> list[Processus]:
    """runs timed executions of cmd (after warmup ones that fill the OS caches); fails loudly on error."""
    results = []
    for i in range(warmup + runs):
        result = lancer(cmd, env=env)
        if result.code != 0:
            raise RuntimeError(f"{' '.join(cmd)} a échoué ({result.code}) : {result.stderr[-2000:]}")
        if i >= warmup:
            results.append(result)
    return results


def _empreinte() -> str:
    """Changes when the generator, its annex or the schema does: a cached base is then generated again."""
    h = hashlib.sha256()
    sources = [REPO / "schema.sql", *sorted((REPO / "src/suivi_tui/services/demo").glob("*.py"))]
    sources += sorted((REPO / "seed").glob("*.md"))  # the 2020 shape is generated from the bundled annex
    for source in sources:
        h.update(source.read_bytes())
    return h.hexdigest()[:10]


# The two shapes of national base: 435 protocoles 2020-2022 (flat axes), or 435 contrats « Engagements
# Quartiers 2030 » (a tree of 15 to 40 nodes, 10 to 30 signataires, indicators, programmation).
FORMES = ("2020", "2030")
NOMS_FORMES = {"2020": "protocoles 2020-2022", "2030": "Quartiers 2030"}
# The day each base is looked at: within its follow-up (the data of a 2030 base stop at the end of 2025).
TODAY_FORME = {"2020": dt.date(2021, 3, 15), "2030": dt.date(2025, 12, 15)}


def base_nationale(forme: str = "2020") -> Path:
    """The national-scale database (435 contrats of that shape), generated once with `suivi demo`, kept in .cache."""
    prefixe = (
        f"national-{NATIONAL_CONTRATS}-seed{SEED}"
        if forme == "2020"
        else f"national-{forme}-{NATIONAL_CONTRATS}-seed{SEED}"
    )
    path = CACHE / f"{prefixe}-{_empreinte()}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        for perimee in CACHE.glob(f"{prefixe}-*.db"):
            perimee.unlink()
        tmp = path.with_suffix(".tmp.db")
        for leftover in CACHE.glob(tmp.name + "*"):
            leftover.unlink()
        quoi = f"{NATIONAL_CONTRATS} contrats, {NOMS_FORMES[forme]}"
        print(f"Génération de la base nationale ({quoi}) dans {path} …", file=sys.stderr)
        commande = [*suivi_cmd(), "--db", str(tmp), "demo", "--contrats", str(NATIONAL_CONTRATS), "--seed", str(SEED)]
        result = lancer([*commande, "--forme", forme])
        if result.code != 0:
            raise RuntimeError(f"suivi demo a échoué : {result.stderr[-2000:]}")
        print(f"… faite en {result.ms / 1000:.1f} s (pic mémoire {result.peak_mib:.0f} Mio)", file=sys.stderr)
        tmp.rename(path)
    return path


def base_seedee() -> Path:
    """The bundled Antony annexe seeded into a cached database (what a new user gets)."""
    path = CACHE / f"antony-{_empreinte()}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        for perimee in CACHE.glob("antony*.db"):
            perimee.unlink()
        result = lancer([*suivi_cmd(), "--db", str(path), "seed"])
        if result.code != 0:
            raise RuntimeError(f"suivi seed a échoué : {result.stderr[-2000:]}")
    return path


def machine() -> str:
    """CPU, cores, memory, OS, Python, SQLite: what the figures depend on."""
    cpu = platform.processor() or platform.machine()
    memoire = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memoire = f", {kib / 1048576:.0f} Gio"
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cœurs{memoire}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )


def aujourdhui() -> str:
    return dt.date.today().isoformat()


def tableau(resultats: Sequence[Resultat]) -> str:
    """The results as a Markdown table: figure, baseline, ratio, target."""
    lignes = [
        "| banc | mesure | médiane | p95 | base | valeur de base | ratio | cible |",
        "|---|---|---:|---:|---|---:|---:|---|",
    ]
    for r in resultats:
        base = _nombre(r.valeur_base, r.unite) if r.valeur_base is not None else "—"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        p95_ = _nombre(r.p95, r.unite) if r.p95 is not None else "—"
        lignes.append(
            f"| {r.banc} | {r.mesure} | {_nombre(r.valeur, r.unite)} | {p95_} | {r.base} | {base} | "
            f"{ratio} | {r.cible} |"
        )
    return "\n".join(lignes)


def _nombre(valeur: float, unite: str) -> str:
    decimales = 2 if valeur < 10 else 1 if valeur < 1000 else 0
    return f"{valeur:.{decimales}f} {unite}"


def imprimer(titre: str, resultats: Sequence[Resultat]) -> None:
    print(f"\n## {titre}\n\n{machine()} — {aujourdhui()}\n")
    print(tableau(resultats))
