"""The docs: the command-line reference is what the parser prints, and every link between the pages leads somewhere."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from suivi_tui.cli.reference import PYTHON_DE_REFERENCE, reference

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "docs" / "ligne-de-commande.md"
PAGES = sorted([REPO / "README.md", REPO / "CONTRIBUTING.md", *(REPO / "docs").glob("*.md")])

LIEN = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
TITRE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _hors_code(texte: str) -> list[str]:
    """The lines of a Markdown page outside its fenced code blocks."""
    lignes, dans_code = [], False
    for ligne in texte.splitlines():
        if ligne.lstrip().startswith("```"):
            dans_code = not dans_code
        elif not dans_code:
            lignes.append(ligne)
    return lignes


def ancre(titre: str) -> str:
    """The anchor GitHub gives a heading: lowercase, links and punctuation dropped, spaces as hyphens."""
    texte = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", titre).strip().lower()
    return re.sub(r"[^\w\- ]", "", texte).replace(" ", "-")


def ancres(page: Path) -> set[str]:
    """The anchors of a page's headings; a repeated heading gets -1, -2… as on GitHub."""
    vues: dict[str, int] = {}
    toutes = set()
    for ligne in _hors_code(page.read_text(encoding="utf-8")):
        if trouve := TITRE.match(ligne):
            base = ancre(trouve.group(2))
            n = vues.get(base, 0)
            vues[base] = n + 1
            toutes.add(f"{base}-{n}" if n else base)
    return toutes


def liens(page: Path) -> list[str]:
    """Every link of the page outside code (inline code included: `[x](y)` there is an example, not a link).

    Read paragraph by paragraph: a link's text may run over two lines.
    """
    paragraphes = "\n".join(_hors_code(page.read_text(encoding="utf-8"))).split("\n\n")
    sans_code = (re.sub(r"`[^`]*`", "", paragraphe) for paragraphe in paragraphes)
    return [cible for paragraphe in sans_code for cible in LIEN.findall(paragraphe)]


def test_les_pages_existent() -> None:
    noms = {p.name for p in PAGES}
    for attendu in ("README.md", "CONTRIBUTING.md", "touches.md", "ligne-de-commande.md"):
        assert attendu in noms, attendu


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_chaque_lien_relatif_mene_a_un_fichier_et_a_son_titre(page: Path) -> None:
    casses = []
    for cible in liens(page):
        if re.match(r"^[a-z]+:", cible):  # https:, mailto: — not ours to check offline
            continue
        chemin, _, fragment = cible.partition("#")
        fichier = (page.parent / chemin).resolve() if chemin else page
        if not fichier.exists():
            casses.append(f"{cible} : {fichier.relative_to(REPO) if fichier.is_relative_to(REPO) else fichier} absent")
        elif fragment and fichier.suffix == ".md" and fragment not in ancres(fichier):
            casses.append(f"{cible} : pas de titre « #{fragment} » dans {fichier.name}")
    assert not casses, f"{page.name} : liens cassés :\n" + "\n".join(casses)


def test_un_lien_sur_deux_lignes_est_lu(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("Voir [les dates en\nfrançais](annexes.md#dates), `[pas](un-lien.md)`.\n", encoding="utf-8")
    assert liens(page) == ["annexes.md#dates"]


def test_ancre_comme_github() -> None:
    assert ancre("Base SQLite (`.sqlite`, `.db`)") == "base-sqlite-sqlite-db"
    assert ancre("Ce qui est rattaché à la séance") == "ce-qui-est-rattaché-à-la-séance"
    assert ancre("Fiches de suivi : envoyer, recevoir") == "fiches-de-suivi--envoyer-recevoir"
    assert ancre("suivi seance list") == "suivi-seance-list"


@pytest.mark.skipif(
    sys.version_info[:2] != PYTHON_DE_REFERENCE,
    reason="argparse met l'aide en forme autrement selon la version de Python ; le fichier suit celle de référence",
)
def test_la_reference_de_la_ligne_de_commande_est_a_jour() -> None:
    attendu = reference()
    assert REFERENCE.read_text(encoding="utf-8") == attendu, (
        "docs/ligne-de-commande.md n'est pas à jour : lancez « make docs »"
    )


def _commandes_de_l_aide(*commande: str) -> list[str]:
    """The subcommands `suivi … --help` lists, read from its output as a user would."""
    sortie = subprocess.run(
        [sys.executable, "-m", "suivi_tui", *commande, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "100"},
        check=True,
    ).stdout
    # argparse lists each subcommand indented by four spaces, its help starting on the same line.
    return re.findall(r"^    ([a-z]+)(?:\s{2,}|$)", sortie, flags=re.MULTILINE)


def test_chaque_commande_de_suivi_help_a_sa_section() -> None:
    texte = REFERENCE.read_text(encoding="utf-8")
    commandes = _commandes_de_l_aide()
    assert {"seed", "status", "export", "import", "seance", "bilan", "restore"} <= set(commandes)
    manquantes = [c for c in commandes if f"\n## suivi {c}\n" not in texte]
    actions = _commandes_de_l_aide("seance")
    assert actions == ["list", "show"]
    manquantes += [f"seance {a}" for a in actions if f"\n### suivi seance {a}\n" not in texte]
    assert not manquantes, f"docs/ligne-de-commande.md n'a pas de section pour : {manquantes} (lancez « make docs »)"


def test_les_touches_du_readme_disent_ce_que_dit_le_registre() -> None:
    """The README's short table of keys: each line is the registry's own sentence, so it cannot drift."""
    from suivi_tui.ui.touches import TOUCHES, affichage

    aides: dict[str, str] = {}
    for touche in TOUCHES:
        if touche.porteur in ("app", "ecran"):
            for nom in touche.touches.split(","):
                aides.setdefault(affichage(nom), touche.aide)
                aides.setdefault(nom, touche.aide)  # « ctrl+z » as well as « ^z »
    lignes = re.findall(r"^\| `([^`]+)` \| (.+) \|$", (REPO / "README.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert len(lignes) >= 15
    differentes = [(touche, texte, aides.get(touche)) for touche, texte in lignes if aides.get(touche) != texte]
    assert not differentes, f"README.md : touches qui ne disent pas ce que dit ui/touches.py : {differentes}"
