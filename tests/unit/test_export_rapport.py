"""The « Point d'étape » report: Markdown and self-contained, printable, valid HTML5, user text escaped."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import html5lib
import pytest
from test_export_donnees import JETONS, SENTINELLE, SENTINELLE_EFFACEE, TODAY, Peuple, peuple

from suivi_tui.services import edition as commandes
from suivi_tui.services.export import DemandeExport, exporter
from suivi_tui.services.export.markdown import echapper_md_lignes as echapper
from suivi_tui.services.export.rapport_html import chaine_css
from suivi_tui.today import set_today

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
    assert "<style>" in html and "size: A4" in html
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
    assert "SENTINELLE" in contenu and "7q3z" in contenu
    assert "ne pas diffuser" in contenu
    assert SENTINELLE_EFFACEE not in contenu


def test_etat_des_echeances(markdown: str, html: str) -> None:
    # open but past on a réalisé engagement: neither « à venir » nor « en retard »
    assert "Bilan final (passée, non marquée faite)" in markdown
    assert "Bilan final (passée, non marquée faite)" in html
    assert "Forum de l'emploi (à venir)" in markdown
    assert "Réunion de lancement (faite le 15/03/2021)" in markdown
    assert "Premier bilan (**en retard**)" in markdown


# --- 10.15: words agreed, the export's date as a reader writes it, the late ones explained, print ----------


def test_les_statuts_s_accordent(peuple: Peuple, tmp_path: Path) -> None:
    for i in (6, 7):  # a second réalisé, a second bloqué
        commandes.changer_statut(peuple.db, peuple.engagements[i], "realise" if i == 6 else "bloque")
    md, html = (tmp_path / "p.md", tmp_path / "p.html")
    exporter(peuple.db, DemandeExport(md), TODAY)
    exporter(peuple.db, DemandeExport(html), TODAY)
    markdown, page = md.read_text(encoding="utf-8"), html.read_text(encoding="utf-8")
    totaux = "**52 engagements** — 45 à venir · 1 en cours · 2 réalisés · 1 en pause · 2 bloqués · 1 abandonné"
    assert totaux in markdown
    for mots in ("2</strong> réalisés", "2</strong> bloqués", "1</strong> abandonné", "1</strong> en cours"):
        assert mots in page, mots
    assert "réalisé</li>" not in page.replace("1</strong> réalisé", "")


def test_pied_de_page_date_locale_et_meme_instant_dans_export_meta(peuple: Peuple, tmp_path: Path) -> None:
    set_today(dt.date(2021, 6, 15))  # pinned: the day is the pinned one, the time the clock's
    try:
        avant = dt.datetime.now().astimezone()
        exporter(peuple.db, DemandeExport(tmp_path / "p.html"), TODAY)
        exporter(peuple.db, DemandeExport(tmp_path / "p.md"), TODAY)
        exporter(peuple.db, DemandeExport(tmp_path / "p.sqlite"), TODAY)
    finally:
        set_today(None)
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    pied = re.search(r'<footer>Exporté par suivi <time datetime="([^"]+)">le 15/06/2021 à (\d\d:\d\d)</time>', page)
    assert pied, page[-400:]
    instant = dt.datetime.fromisoformat(pied[1].replace("Z", "+00:00")).astimezone()
    assert instant.date() == dt.date(2021, 6, 15) and f"{instant:%H:%M}" == pied[2]
    assert abs((instant.time().hour * 60 + instant.time().minute) - (avant.hour * 60 + avant.minute)) <= 1
    assert f"Exporté par suivi le 15/06/2021 à {pied[2]}." in (tmp_path / "p.md").read_text(encoding="utf-8")
    meta = sqlite3.connect(tmp_path / "p.sqlite").execute("SELECT exporte_le FROM export_meta").fetchone()[0]
    meta_local = dt.datetime.fromisoformat(meta.replace("Z", "+00:00")).astimezone()
    assert meta_local.date() == dt.date(2021, 6, 15) and abs((meta_local - instant).total_seconds()) < 120


def test_en_retard_dit_l_echeance_le_retard_et_le_pilote(html: str, markdown: str) -> None:
    doc = html5lib.parse(html)
    tableau = next(t for t in doc.findall(f".//{NS}table") if t.get("class") == "retards")
    entetes = ["".join(th.itertext()) for th in tableau.findall(f".//{NS}thead//{NS}th")]
    assert entetes == ["Axe", "Engagement", "Échéance dépassée", "Pilote"]
    ligne = ["".join(td.itertext()) for td in tableau.find(f".//{NS}tbody/{NS}tr").findall(f"{NS}td")]
    assert ligne[0] == "Axe I · Ville" and ligne[1].startswith("Accroître son action en direction des jeunes")
    assert ligne[2] == "échéance 31/01/2021 (Premier bilan), dépassée de 43 jours"  # 31/01 to 15/03/2021
    assert ligne[3] == "Mme Martin (DGS)"
    assert "échéance 31/01/2021 (Premier bilan), dépassée de 43 jours — pilote : Mme Martin (DGS)" in markdown


def test_impression_numeros_de_page_et_contrat_sur_chaque_page(html: str) -> None:
    page = re.search(r"@page \{(.*?)\n\}", html, flags=re.S)
    assert page, "no @page rule"
    regles = page[1]
    assert '@bottom-right { content: "Page " counter(page) " / " counter(pages);' in regles
    assert "@top-left { content: " in regles and "Point d'étape — Contrat de ville d'Antony 2020-2022" in regles
    assert "CONFIDENTIEL" not in html  # no banner when no confidential note is included


def test_bandeau_confidentiel_sur_chaque_page_quand_elles_sont_incluses(peuple: Peuple, tmp_path: Path) -> None:
    cible = tmp_path / "p.html"
    exporter(peuple.db, DemandeExport(cible, inclure_confidentiel=True), TODAY)
    regles = re.search(r"@page \{(.*?)\n\}", cible.read_text(encoding="utf-8"), flags=re.S)
    assert regles and '@top-right { content: "CONFIDENTIEL' in regles[1]


def test_un_titre_piege_ne_sort_pas_de_sa_chaine_css() -> None:
    css = chaine_css('Contrat "x" </style><script>alert(1)</script> \\ fin')
    assert css.startswith('"') and css.endswith('"') and css.count('"') == 2
    for dangereux in ("<", ">", "\\ ", "/"):
        assert dangereux not in css[1:-1].replace("\\0000", ""), dangereux
