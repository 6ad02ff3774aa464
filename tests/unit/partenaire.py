"""How a partner fills a fiche de suivi, for the tests: openpyxl as their Excel, LibreOffice headless as their Calc.

The fiche is written by suivi's own writer at a fixed instant (the preview's lines are then exact);
the partner's edits go through openpyxl (what a spreadsheet saves: strings, real dates, merged
cells, moved rows and columns) and, where it is installed, through LibreOffice, which saves the
file again as Calc would.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from suivi_tui.db.database import Database
from suivi_tui.services.export import fiche
from suivi_tui.services.retour.comparaison import Apercu, comparer
from suivi_tui.services.retour.fichier import lire_fiche
from suivi_tui.services.retour.texte import lignes_apercu

TODAY = dt.date(2021, 3, 15)
EXPORT = dt.datetime(2021, 3, 15, 9, 0, tzinfo=dt.UTC)  # « exportée le 15/03/2021 à 09:00 » (TZ=UTC)
SOFFICE = shutil.which("soffice")


def exporter_fiche(db: Database, chemin: Path, pour: str, *, fmt: str = "xlsx") -> Path:
    """The fiche suivi writes for `pour`, exported at EXPORT."""
    donnees = fiche.preparer(db, None, pour, TODAY, exporte_le=EXPORT)
    fiche.ecrire(donnees, fmt, chemin)
    return chemin


def identifiants(chemin: Path) -> list[str]:
    """The fiche's identifiers, in its rows' order."""
    ws = openpyxl.load_workbook(chemin)["Fiche"]
    return [str(c.value) for c in ws["A"][4:] if c.value]


def remplir(
    chemin: Path,
    sortie: Path,
    reponses: dict[str, dict[str, Any]],
    *,
    modifier: Callable[[Any], None] | None = None,
) -> Path:
    """Fill the fiche as a partner in Excel: {identifier: {column title: value}}, then any other edit."""
    wb = openpyxl.load_workbook(chemin)
    ws = wb["Fiche"]
    titres = {str(c.value): c.column for c in ws[4] if c.value}
    lignes = {str(ws.cell(r, 1).value): r for r in range(5, ws.max_row + 1)}
    for identifiant, valeurs in reponses.items():
        for titre, valeur in valeurs.items():
            ws.cell(lignes[identifiant], titres[titre]).value = valeur
    if modifier is not None:
        modifier(ws)
    wb.save(sortie)
    return sortie


def par_libreoffice(chemin: Path, dossier: Path) -> Path:
    """chemin opened and saved as .xlsx by LibreOffice Calc (headless); the test is skipped without it."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) n'est pas installé : apt-get install -y libreoffice-calc")
    dossier.mkdir(parents=True, exist_ok=True)
    profil = dossier / "profil-libreoffice"
    options = [f"-env:UserInstallation={profil.as_uri()}", "--headless", "--convert-to", "xlsx"]
    resultat = subprocess.run(
        [SOFFICE, *options, "--outdir", str(dossier), str(chemin)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    sortie = dossier / (chemin.stem + ".xlsx")
    assert resultat.returncode == 0 and sortie.exists(), resultat.stdout + resultat.stderr
    return sortie


def apercu(db: Database, chemin: Path, comite_id: int | None = None) -> Apercu:
    return comparer(db, lire_fiche(chemin), comite_id=comite_id)


def lignes(db: Database, chemin: Path, comite_id: int | None = None, *, accepter: bool = False) -> list[str]:
    a = apercu(db, chemin, comite_id)
    return lignes_apercu(a, a.par_defaut(accepter_conflits=accepter))


def repondu_le(chemin: Path) -> str:
    """« 07/12/2026 à 00:49 »: when openpyxl or Calc saved the file, as the preview shows it (TZ=UTC)."""
    modifie = openpyxl.load_workbook(chemin).properties.modified
    return f"{modifie:%d/%m/%Y à %H:%M}"


@pytest.fixture
def fuseau_utc() -> Iterator[None]:
    """Times shown in UTC, whatever the machine's zone: the preview's lines are exact."""
    import os
    import time

    avant = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if avant is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = avant
    time.tzset()
