"""Le texte tiré des documents : normalisation prudente, codes de champ, césures, puces ; et qui charge quoi."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from suivi_tui.annexe import formats
from suivi_tui.annexe.formats.texte import (
    coupure_de_ligne,
    est_glyphe_de_puce,
    joindre,
    normaliser,
    retirer_codes_de_champ,
)

FORMATS = Path(__file__).parent / "fixtures" / "formats"


def test_nfkc_garde_guillemets_apostrophes_et_exposants() -> None:
    # Les caractères dont le lecteur d'annexe a besoin (« s’engage à : », « Comité « X » ») ne bougent pas.
    for intact in ("« Insertion »", "l’État", "d'Antony", "‹ › “ ” ‘ ’", "– —", "m² et 3ᵉ", "½", "n° 8", "œuvre"):
        assert normaliser(intact) == intact
    assert normaliser("a\ufb01n, \ufb02ux, \ufb00ort") == "afin, flux, ffort"  # ligatures ﬁ ﬂ ﬀ
    assert normaliser("s’engage\u00a0à\u202f:\u2009x\u2007y") == "s’engage à : x y"  # insécables, fines
    assert normaliser("accom\u00adpagner\u200b") == "accompagner"  # césure conditionnelle, largeur nulle
    assert normaliser("Saint\u2011Aubin\u2010sur") == "Saint-Aubin-sur"
    assert normaliser("De\u0301veloppement") == "Développement"  # accent combinant d'un PDF, recomposé
    assert normaliser("Actions…") == "Actions..."  # ce que Word tape, comme l'annexe l'écrit


def test_codes_de_champ_retires() -> None:
    assert retirer_codes_de_champ("Page PAGE \\* MERGEFORMAT 2") == "Page 2"
    assert retirer_codes_de_champ("Page PAGE \\* MERGEFORMAT 2 sur NUMPAGES \\* Arabic 5") == "Page 2 sur 5"
    assert retirer_codes_de_champ('Fait le DATE \\@ "dd/MM/yyyy" 12/03/2020') == "Fait le 12/03/2020"
    assert retirer_codes_de_champ("Une PAGE de garde") == "Une PAGE de garde"  # pas de commutateur : du texte


@pytest.mark.parametrize(
    ("avant", "apres", "joint"),
    [
        ("afin d'accompa-", "gner les jeunes", "afin d'accompagner les jeunes"),
        ("à Saint-Aubin-", "sur-Lise", "à Saint-Aubin-sur-Lise"),
        ("des Hauts-", "de-Seine", "des Hauts-de-Seine"),
        ("le Val-de-", "Marne", "le Val-de-Marne"),
        ("période 2020-", "2022", "période 2020-2022"),
        ("des primo-", "accédants", "des primo-accédants"),  # jamais de césure entre deux voyelles
        ("auto-", "entrepreneuriat", "auto-entrepreneuriat"),
        ("au-", "delà des opérations", "au-delà des opérations"),
        ("la présence des adultes-re-", "lais", "la présence des adultes-relais"),  # le lexique le connaît
        ("actions -", "suite", "actions - suite"),
        ("Développer", "les actions", "Développer les actions"),
    ],
)
def test_cesures_et_traits_d_union(avant: str, apres: str, joint: str) -> None:
    assert joindre(avant, apres, {"adultes-relais"}) == joint


def test_le_lexique_du_document_departage() -> None:
    assert coupure_de_ligne("socio-", "professionnelle", {"socioprofessionnelle"}) == ""
    assert coupure_de_ligne("socio-", "professionnelle", {"socio-professionnelle"}) == "-"


def test_glyphes_de_puce() -> None:
    for glyphe in ("•", "▪", "◦", "\uf0b7", "\uf0a7", "-", "–", "o", "(cid:3)"):
        assert est_glyphe_de_puce(glyphe), glyphe
    for mot in ("Ville", "12", "oui", "a)"):
        assert not est_glyphe_de_puce(mot), mot


def test_les_lecteurs_sont_des_modules_purs() -> None:
    # Bibliothèque standard seulement, sauf le lecteur PDF (pypdfium2) ; jamais de base ni d'interface.
    permis = set(sys.stdlib_module_names) | {"__future__"}
    for fichier in sorted(Path(formats.__file__).parent.glob("*.py")):
        arbre = ast.parse(fichier.read_text(encoding="utf-8"))
        importes = {
            (n.module if isinstance(n, ast.ImportFrom) else alias.name).split(".")[0]
            for n in ast.walk(arbre)
            if isinstance(n, ast.Import) or (isinstance(n, ast.ImportFrom) and n.level == 0)
            for alias in n.names
        }
        attendus = permis | ({"pypdfium2"} if fichier.name == "pdf.py" else set())
        assert importes <= attendus, (fichier.name, importes - attendus)
        assert ast.get_docstring(arbre), fichier.name


LECTEURS = (
    "pypdfium2",
    "suivi_tui.annexe.formats.pdf",
    "suivi_tui.annexe.formats.docx",
    "suivi_tui.annexe.formats.odt",
)


def _modules_apres(code: str) -> set[str]:
    verification = f"{code}\nimport sys; print('CHARGES:', *(m for m in {LECTEURS!r} if m in sys.modules))"
    resultat = subprocess.run([sys.executable, "-c", verification], capture_output=True, text=True, timeout=120)
    assert resultat.returncode == 0, resultat.stderr
    derniere = resultat.stdout.strip().splitlines()[-1]
    assert derniere.startswith("CHARGES:"), resultat.stdout
    return set(derniere.split()[1:])


def test_status_et_seed_markdown_ne_chargent_aucun_lecteur(tmp_path: Path) -> None:
    base = str(tmp_path / "suivi.db")
    seed = f"from suivi_tui.cli import main; assert main(['--db', {base!r}, 'seed']) == 0"
    assert _modules_apres(seed) == set()
    status = f"from suivi_tui.cli import main; assert main(['--db', {base!r}, 'status']) == 0"
    assert _modules_apres(status) == set()
    pdf = str(FORMATS / "antony-libreoffice.pdf")
    assert "pypdfium2" in _modules_apres(f"from suivi_tui.cli import main; main(['--db', {base!r}, 'seed', {pdf!r}])")


def test_l_ouverture_de_l_application_ne_charge_aucun_lecteur(tmp_path: Path) -> None:
    base = str(tmp_path / "suivi.db")
    code = (
        "import asyncio, datetime as dt\n"
        "from suivi_tui.db.opening import open_database\n"
        "from suivi_tui.services.seed import bundled_annexe, lire_source, seed\n"
        f"db = open_database({base!r})\n"
        "annexe, sha = lire_source(bundled_annexe()); seed(db, annexe, 'antony.md', sha)\n"
        "from suivi_tui.ui.app import SuiviApp\n"
        "async def ouvrir():\n"
        "    app = SuiviApp(db, dt.date(2021, 3, 15))\n"
        "    async with app.run_test(size=(120, 40)) as pilot:\n"
        "        for _ in range(20):\n"
        "            await pilot.pause(0.05)\n"
        "            if app.principal is not None and app.principal.ecran is not None: break\n"
        "        assert app.principal is not None and app.principal.ecran is not None\n"
        "asyncio.run(ouvrir())"
    )
    assert _modules_apres(code) == set()


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) absent : les documents commis suffisent"
)
def test_un_pdf_refait_par_libreoffice_se_lit_comme_celui_qui_est_commis(tmp_path: Path) -> None:
    """Le PDF commis n'est pas un accident : LibreOffice, relancé maintenant, en fait un qui se lit pareil."""
    import importlib.util

    from suivi_tui.annexe.formats import lire_document

    spec = importlib.util.spec_from_file_location("fabriquer", FORMATS / "fabriquer.py")
    assert spec is not None and spec.loader is not None
    fabrique = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fabrique)
    source = tmp_path / "antony.fodt"
    source.write_text(fabrique.odf_plat(fabrique.blocs_markdown(fabrique.ANTONY.read_text("utf-8"))), "utf-8")
    fabrique.soffice(source, "pdf", tmp_path / "antony.pdf")
    neuf = lire_document((tmp_path / "antony.pdf").read_bytes(), "antony.pdf").annexe
    commis = lire_document((FORMATS / "antony-libreoffice.pdf").read_bytes(), "antony.pdf").annexe
    assert neuf.axes == commis.axes
    assert neuf.parties == commis.parties
