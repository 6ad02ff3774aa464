"""`suivi seed` from the signed document: the Antony PDF, .docx and .odt against the Markdown, same run; a 60-page PDF.

Whole processes (`suivi --db NEW seed FILE`, a new base each run), so the figures include what a
user waits for: Python, the imports (pdfplumber only for a PDF), reading, parsing, writing. The
60-page PDF is generated once into benchmarks/.cache/ by LibreOffice when `soffice` is there
(a real layout: justified, hyphenated, headers and footers), else by the test fixtures' plain
PDF writer (one line per bullet, no wrapping) and the table says so.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CACHE, REPO, Processus, Resultat, imprimer, lancer, median, suivi_cmd

RUNS = 7
FORMATS = REPO / "tests" / "unit" / "fixtures" / "formats"
MARKDOWN = REPO / "seed" / "annexe-contrat-de-ville-antony-2020-2022.md"
DOCUMENTS = {
    "Markdown (.md)": MARKDOWN,
    "PDF (LibreOffice, 3 pages)": FORMATS / "antony-libreoffice.pdf",
    "PDF (Word via LibreOffice, 5 pages)": FORMATS / "antony-word.pdf",
    "Word (.docx)": FORMATS / "antony-word.docx",
    "OpenDocument (.odt)": FORMATS / "antony-libreoffice.odt",
}
AXES, VILLE, ETAT = 31, 18, 12  # about 60 A4 pages once laid out by LibreOffice


def _fabrique() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fabriquer", FORMATS / "fabriquer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _romain(n: int) -> str:
    return "X" * (n // 10) + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[n % 10]


def annexe_longue() -> str:
    """An annexe of AXES axes, 2 parties, (VILLE + ETAT) long engagements each, in Markdown."""
    lignes = [
        "## Annexe au contrat de ville de Sarcelles",
        "",
        "Le présent protocole prolonge le contrat de ville 2020-2022 jusqu'au 31 décembre 2022.",
        "",
    ]
    for axe in range(1, AXES + 1):
        lignes += [f"## {_romain(axe)}. Thématique numéro {axe} de la politique de la ville", ""]
        for partie, nombre in (("La ville de Sarcelles s'engage à :", VILLE), ("L'Etat s'engage à :", ETAT)):
            lignes += [partie, ""]
            lignes += [
                f"- Engagement {axe}.{n} : accompagner les habitants des quartiers prioritaires des Lochères et de "
                "Chantepie dans leurs démarches d'insertion socioprofessionnelle, en lien avec les partenaires "
                "associatifs et institutionnels du territoire, et en rendre compte au comité technique"
                for n in range(1, nombre + 1)
            ]
            lignes.append("")
    return "\n".join(lignes) + "\n"


def pdf_long() -> tuple[Path, str]:
    """The 60-page PDF (cached) and how it was made."""
    fabrique = _fabrique()
    texte = annexe_longue()
    empreinte = hashlib.sha256((texte + (FORMATS / "fabriquer.py").read_text("utf-8")).encode()).hexdigest()[:12]
    CACHE.mkdir(parents=True, exist_ok=True)
    if shutil.which("soffice"):
        cible = CACHE / f"annexe-longue-{empreinte}.pdf"
        if not cible.exists():
            with tempfile.TemporaryDirectory() as dossier:
                source = Path(dossier) / "annexe-longue.fodt"
                source.write_text(fabrique.odf_plat(fabrique.blocs_markdown(texte)), encoding="utf-8")
                fabrique.soffice(source, "pdf", cible)
        return cible, "LibreOffice"
    cible = CACHE / f"annexe-longue-simple-{empreinte}.pdf"
    if not cible.exists():
        pages, page, y = [], [], 800
        for ligne in (ligne for ligne in texte.splitlines() if ligne):
            page.append((72, y, ligne.removeprefix("## ")[:110]))
            y -= 16
            if y < 60:
                pages.append(page)
                page, y = [], 800
        cible.write_bytes(fabrique.pdf_simple([*pages, page], taille=8))
    return cible, "écrit à la main, sans LibreOffice"


def _seed(fichier: Path, dossier: Path, tour: int) -> Processus:
    """`suivi --db NEW seed FILE` into a new base."""
    result = lancer([*suivi_cmd(), "--db", str(dossier / f"{fichier.stem}-{tour}.db"), "seed", str(fichier)])
    if result.code != 0:
        raise RuntimeError(result.stderr)
    return result


def _seeds(fichiers: dict[str, Path], dossier: Path, runs: int) -> dict[str, float]:
    """Median of runs per document, the documents interleaved run by run (after a warm-up round):
    the machine's load at a given moment weighs on every format alike."""
    temps: dict[str, list[float]] = {nom: [] for nom in fichiers}
    for tour in range(runs + 1):
        for nom, chemin in fichiers.items():
            ms = _seed(chemin, dossier, tour).ms
            if tour:
                temps[nom].append(ms)
    return {nom: median(valeurs) for nom, valeurs in temps.items()}


def _lecture_en_processus(fichier: Path, runs: int = 3) -> float:
    """Reading and parsing alone, in this process (pdfplumber already imported): the reader's own cost."""
    from suivi_tui.annexe.formats import lire_document

    donnees = fichier.read_bytes()
    lire_document(donnees, fichier)
    durees = []
    for _ in range(runs):
        debut = time.perf_counter()
        lire_document(donnees, fichier)
        durees.append((time.perf_counter() - debut) * 1000)
    return median(durees)


def run() -> list[Resultat]:
    resultats: list[Resultat] = []
    base = "suivi seed, Markdown"
    with tempfile.TemporaryDirectory() as dossier:
        long, comment = pdf_long()
        temps = _seeds({**DOCUMENTS, "long": long}, Path(dossier), RUNS)
        md = temps["Markdown (.md)"]
        for nom in DOCUMENTS:
            resultats.append(
                Resultat("seed_formats", f"suivi seed (base neuve), Antony en {nom}", temps[nom], base, md)
            )
        from suivi_tui.annexe.formats import lire_document

        lu = lire_document(long.read_bytes(), long)
        engagements = sum(len(axe.engagements) for axe in lu.annexe.axes)
        quoi = f"PDF de {lu.pages} pages ({comment}, {engagements} engagements)"
        long_ms = temps["long"]
        resultats.append(Resultat("seed_formats", f"suivi seed (base neuve), {quoi}", long_ms, base, md, cible="< 5 s"))
        lecture = _lecture_en_processus(long)
        resultats.append(
            Resultat("seed_formats", f"lecture seule en processus, {quoi}", lecture, base, md, cible="(pour mémoire)")
        )
    return resultats


if __name__ == "__main__":
    imprimer(f"suivi seed depuis le document signé (médiane de {RUNS} lancements)", run())
