"""`suivi bilan` and the exports' charts, read back with real readers (openpyxl, html5lib)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import html5lib
import openpyxl
import pytest
from sqlalchemy import text

from suivi_tui.cli import main
from suivi_tui.db.database import Database
from suivi_tui.services.edition import ajouter_note, changer_statut
from suivi_tui.services.export import DemandeExport, exporter

TODAY = dt.date(2021, 6, 15)
SECRET = "Mme SENTINELLE-91 au 4e"


@pytest.fixture
def base(seeded: tuple[Database, int], db_path: Path) -> Path:
    db, _ = seeded
    with db.lire() as session:
        coworking = session.execute("SELECT id FROM engagement WHERE libelle LIKE 'Créer un espace%'").scalar()
        comite = session.execute("SELECT id FROM comite WHERE nom LIKE 'Insertion%'").scalar_one()
    changement = changer_statut(db, coworking, "realise")
    assert changement is not None
    with db.write() as session:
        session.execute(
            text("UPDATE historique SET le = '2020-09-01T09:00:00Z' WHERE id = :i"), {"i": changement.historique_id}
        )
    ajouter_note(db, comite, SECRET, type="decision", engagement_id=coworking - 1, confidentielle=True)
    ajouter_note(db, comite, '=HYPERLINK("x")', type="decision", engagement_id=coworking + 1)
    db.close()
    return db_path


def suivi(base: Path, *args: str) -> int:
    return main(["--db", str(base), "--today", TODAY.isoformat(), *args])


def test_markdown_on_stdout_with_the_reminder_on_stderr(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert suivi(base, "bilan") == 0
    sortie = capsys.readouterr()
    assert sortie.out.startswith("# Bilan — Contrat de ville d'Antony")
    assert "Ville : 1/37 réalisé · État : 0/15 réalisé" in sortie.out
    assert "| **Total** |" in sortie.out and "## À reporter — 51 engagements" in sortie.out
    assert SECRET not in sortie.out and "confidentielle, masquée" in sortie.out
    assert "1 décision confidentielle masquée" in sortie.err


def test_html_is_valid_html5_with_inline_svg_and_no_external_resource(base: Path, tmp_path: Path) -> None:
    cible = tmp_path / "bilan.html"
    assert suivi(base, "bilan", str(cible)) == 0
    page = cible.read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    arbre = parser.parse(page)
    svgs = arbre.findall(".//{http://www.w3.org/2000/svg}svg")
    assert len(svgs) == 7  # the contrat, then six axes
    assert "src=" not in page and "href=" not in page and "<script" not in page
    assert SECRET not in page and oct(cible.stat().st_mode & 0o777) == "0o600"


def test_xlsx_bilan_has_formulas_countifs_cached_values_and_charts(base: Path, tmp_path: Path) -> None:
    cible = tmp_path / "bilan.xlsx"
    assert suivi(base, "bilan", str(cible)) == 0
    formules = openpyxl.load_workbook(cible)
    valeurs = openpyxl.load_workbook(cible, data_only=True)
    assert formules.sheetnames[-2:] == ["Bilan", "À reporter"]
    bilan = formules["Bilan"]
    assert str(bilan["C6"].value).startswith('=COUNTIFS(Engagements!$A:$A,"=I",Engagements!$B:$B,"=Ville")')
    assert valeurs["Bilan"]["C6"].value == 10 and valeurs["Bilan"]["D6"].value == 1
    assert len(bilan._charts) == 2 and len(formules["Synthèse"]._charts) == 2
    reste = [r for r in valeurs["À reporter"].iter_rows(min_row=2, values_only=True)]
    assert len(reste) == 51 and SECRET not in str(reste)
    formule = next(r[9] for r in reste if r[9] and "HYPERLINK" in r[9])
    assert formule == '=HYPERLINK("x")'  # a text, never a formula
    assert all(c.data_type != "f" for row in formules["À reporter"].iter_rows() for c in row)


def test_export_xlsx_synthese_totals_are_countifs_that_follow_the_sheet(base: Path, tmp_path: Path) -> None:
    from suivi_tui.db.opening import open_database

    db = open_database(base)
    cible = tmp_path / "export.xlsx"
    exporter(db, DemandeExport(cible), TODAY)
    db.close()
    ws = openpyxl.load_workbook(cible)["Synthèse"]
    assert ws["C5"].value == '=COUNTIFS(Engagements!$A:$A,"=I")'
    assert ws["F5"].value == '=COUNTIFS(Engagements!$A:$A,"=I",Engagements!$E:$E,"=Réalisé")'
    assert ws["C11"].value == "=SUM(C5:C10)" and ws["K11"].value == "=IF(C11=0,0,F11/C11)"
    assert openpyxl.load_workbook(cible, data_only=True)["Synthèse"]["F11"].value == 1
    engagements = openpyxl.load_workbook(cible)["Engagements"]
    assert any("Réalisé" in str(v.formula1) for v in engagements.data_validations.dataValidation)


def test_export_html_report_carries_the_charts(base: Path, tmp_path: Path) -> None:
    cible = tmp_path / "rapport.html"
    assert suivi(base, "export", str(cible)) == 0
    arbre = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(cible.read_text(encoding="utf-8"))
    assert (
        arbre.find(".//section[@class='avancement']") is not None
        and len(arbre.findall(".//{http://www.w3.org/2000/svg}svg")) == 7
    )


@pytest.mark.parametrize(
    "args",
    [["bilan", "x.pdf"], ["bilan", "--format", "html"], ["bilan", "bilan.md", "--contrat", "Lyon"]],
    ids=["extension", "format-sans-fichier", "contrat-inconnu"],
)
def test_bad_input_is_refused_with_exit_2_and_nothing_written(
    base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    avant = base.read_bytes()
    assert suivi(base, *args) == 2
    assert capsys.readouterr().err.startswith("suivi : ")
    assert not list(tmp_path.glob("bilan*")) and not list(tmp_path.glob("x*"))
    assert base.read_bytes() == avant


def test_an_existing_file_is_kept_without_force(base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cible = tmp_path / "bilan.md"
    cible.write_text("à garder")
    assert suivi(base, "bilan", str(cible)) == 2
    assert "existe" in capsys.readouterr().err and cible.read_text() == "à garder"
    assert suivi(base, "bilan", str(cible), "--force") == 0 and cible.read_text().startswith("# Bilan")


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Chromium absent : capture du rapport non vérifiée")
def test_chromium_renders_the_bilan(base: Path, tmp_path: Path) -> None:
    import subprocess

    cible = tmp_path / "bilan.html"
    assert suivi(base, "bilan", str(cible)) == 0
    image = tmp_path / "bilan.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={image}", cible.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert image.exists() and image.stat().st_size > 10_000
