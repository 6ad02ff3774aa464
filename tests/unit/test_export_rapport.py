"""The « Point d'étape » report: Markdown and self-contained, printable, valid HTML5, user text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from test_export_donnees import JETONS, SENTINELLE, SENTINELLE_EFFACEE, TODAY, Peuple, peuple

from suivi_tui.services.export import DemandeExport, exporter
from suivi_tui.services.export.rapport_md import echapper

__all__ = ["peuple"]
NS = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def html(peuple: Peuple, tmp_path: Path) -> str:
    cible = tmp_path / "point.html"
    resultat = exporter(peuple.db, DemandeExport(cible), TODAY)
    assert resultat.format == "html" and resultat.lignes == 52
    return cible.read_text(encoding="utf-8")


@pytest.fixture
def markdown(peuple: Peuple, tmp_path: Path) -> str:
    cible = tmp_path / "point.md"
    exporter(peuple.db, DemandeExport(cible), TODAY)
    return cible.read_text(encoding="utf-8")


def test_html5_valide(html: str) -> None:
    html5lib.HTMLParser(strict=True).parse(html)  # raises on any parse error
    assert html.startswith("<!DOCTYPE html>")


def test_html_autonome_et_imprimable(html: str) -> None:
    for externe in ("src=", "href=", "@import", "url(", "<link", "<script"):
        assert externe not in html, externe
    assert "<style>" in html and "@page { size: A4" in html
    assert "@media print" in html and "break-before: page" in html


def test_html_structure(html: str) -> None:
    doc = html5lib.parse(html)
    sections = doc.findall(f".//{NS}section")
    axes = [s for s in sections if s.get("class") == "axe"]
    assert len(axes) == 6
    articles = doc.findall(f".//{NS}article")
    assert len(articles) == 52
    en_retard = [a for a in articles if "en-retard" in (a.get("class") or "")]
    assert len(en_retard) == 1
    assert "Premier bilan" in "".join(en_retard[0].itertext())
    assert doc.findall(f".//{NS}script") == []
    tableau = doc.find(f".//{NS}table")
    assert tableau is not None and len(tableau.findall(f".//{NS}tbody/{NS}tr")) == 6


def test_html_echappe_le_texte_utilisateur(html: str) -> None:
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&amp; la CAF" in html


def test_markdown_contenu(markdown: str) -> None:
    assert markdown.startswith("# Point d'étape — Contrat de ville d'Antony 2020-2022\n")
    assert "Notes confidentielles exclues : 1." in markdown
    assert "| **Total** |" in markdown
    assert len(re.findall(r"^## Axe ", markdown, flags=re.M)) == 6
    assert "**⚠ EN RETARD**" in markdown
    assert "\\<script\\>" in markdown and "<script>" not in markdown


def test_markdown_echappement() -> None:
    assert echapper("a *b* _c_ [d](e) <b>") == "a \\*b\\* \\_c\\_ \\[d\\](e) \\<b\\>"
    assert echapper("- pas une liste\n# pas un titre") == "\\- pas une liste  \n\\# pas un titre"


@pytest.mark.parametrize("ext", ["md", "html"])
def test_pas_de_secret(peuple: Peuple, tmp_path: Path, ext: str) -> None:
    cible = tmp_path / f"point.{ext}"
    exporter(peuple.db, DemandeExport(cible), TODAY)
    contenu = cible.read_bytes()
    for secret in (SENTINELLE, SENTINELLE_EFFACEE, *JETONS):
        assert secret.encode() not in contenu


@pytest.mark.parametrize("ext", ["md", "html"])
def test_confidentielles_sur_demande(peuple: Peuple, tmp_path: Path, ext: str) -> None:
    cible = tmp_path / f"point.{ext}"
    exporter(peuple.db, DemandeExport(cible, inclure_confidentiel=True), TODAY)
    contenu = cible.read_text(encoding="utf-8")
    assert "SENTINELLE" in contenu and "7f3a" in contenu
    assert "ne pas diffuser" in contenu
    assert SENTINELLE_EFFACEE not in contenu


def test_etat_des_echeances(markdown: str, html: str) -> None:
    # open but past on a réalisé engagement: neither « à venir » nor « en retard »
    assert "Bilan final (passée, non marquée faite)" in markdown
    assert "Bilan final (passée, non marquée faite)" in html
    assert "Forum de l'emploi (à venir)" in markdown
    assert "Réunion de lancement (faite le 15/03/2021)" in markdown
    assert "Premier bilan (**en retard**)" in markdown
