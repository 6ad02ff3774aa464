"""The HTML report printed by a real browser: page numbers, the contrat and the confidential banner on every page."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from test_export_donnees import TODAY, Peuple, peuple

from suivi_tui.services.export import DemandeExport, exporter

__all__ = ["peuple"]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None,
    reason="needs a Chromium (131 or later: CSS page-margin boxes) and pdftotext (poppler-utils) to print the report",
)


def imprimer(html: Path) -> list[str]:
    """The text of each page of html printed to PDF by headless Chromium, as pdftotext reads it."""
    pdf = html.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as profil:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",  # type: ignore[list-item]
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profil}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                html.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    texte = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [page for page in texte.split("\f") if page.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("confidentiel", [False, True])
def test_every_printed_page_names_the_contrat_and_its_number(
    peuple: Peuple, tmp_path: Path, confidentiel: bool
) -> None:
    cible = tmp_path / "point-etape.html"
    exporter(peuple.db, DemandeExport(cible, inclure_confidentiel=confidentiel), TODAY)
    pages = imprimer(cible)
    assert len(pages) >= 7  # the synthesis, then one axis per page at least
    for numero, page in enumerate(pages, start=1):
        assert f"Page {numero} / {len(pages)}" in page, (numero, page[-300:])
        assert "Contrat de ville d'Antony 2020-2022" in " ".join(page.split()), numero
        assert "Situation au 15/03/2021" in page, numero
        assert ("CONFIDENTIEL" in page) is confidentiel, numero
