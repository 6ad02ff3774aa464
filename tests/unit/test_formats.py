"""L'annexe d'Antony en PDF, Word, OpenDocument et texte : la même lecture que le Markdown, mot pour mot.

Les documents sont ceux de ``tests/unit/fixtures/formats/`` (faits par LibreOffice et python-docx,
voir ``fabriquer.py``) : ces tests n'ont besoin ni de LibreOffice ni de python-docx.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from suivi_tui.annexe import AnnexeLue, lire_fichier_annexe
from suivi_tui.annexe.formats import AnnexeDocument, Format, detecter, lire_document

FORMATS = Path(__file__).parent / "fixtures" / "formats"
ANTONY = Path(__file__).resolve().parents[2] / "seed" / "annexe-contrat-de-ville-antony-2020-2022.md"
ANTONY_FORMATS = [
    ("antony-libreoffice.pdf", "PDF"),
    ("antony-word.pdf", "PDF"),
    ("antony-libreoffice.docx", "Word (.docx)"),
    ("antony-word.docx", "Word (.docx)"),
    ("antony-libreoffice.odt", "OpenDocument (.odt)"),
    ("antony-libreoffice.txt", "texte"),
]


def lire(nom: str) -> AnnexeDocument:
    chemin = FORMATS / nom
    return lire_document(chemin.read_bytes(), chemin)


def _libelles(annexe: AnnexeLue) -> list[tuple[str, str, int, str]]:
    courts = {p.ordre: p.nom_court for p in annexe.parties}
    return [(axe.numero, courts[e.partie_ordre], e.ordre, e.libelle) for axe in annexe.axes for e in axe.engagements]


@pytest.fixture(scope="module")
def markdown() -> AnnexeLue:
    return lire_fichier_annexe(ANTONY)


@pytest.mark.parametrize(("nom", "nature"), ANTONY_FORMATS)
def test_antony_dans_chaque_format_se_lit_comme_le_markdown(nom: str, nature: str, markdown: AnnexeLue) -> None:
    lu = lire(nom)
    annexe = lu.annexe
    assert lu.nature == nature
    assert (annexe.titre, annexe.territoire, annexe.debut, annexe.fin) == (
        markdown.titre,
        markdown.territoire,
        markdown.debut,
        markdown.fin,
    )
    assert annexe.parties == markdown.parties
    assert [(a.numero, a.ordre, a.titre) for a in annexe.axes] == [(a.numero, a.ordre, a.titre) for a in markdown.axes]
    assert [len(a.engagements) for a in annexe.axes] == [13, 5, 3, 12, 12, 7]
    # Mot pour mot : chaque libellé, dans l'ordre, sous la même partie.
    assert _libelles(annexe) == _libelles(markdown)
    assert sum(1 for _, partie, _, _ in _libelles(annexe) if partie == "Ville") == 37
    assert sum(1 for _, partie, _, _ in _libelles(annexe) if partie == "État") == 15
    assert annexe.comites == markdown.comites


def test_le_pdf_libreoffice_ecarte_en_tetes_et_pieds_de_page_avec_page_et_ligne() -> None:
    lu = lire("antony-libreoffice.pdf")
    assert lu.pages == 3
    ecartees = [(x.lieu, x.raison, x.texte) for x in lu.annexe.lignes_ignorees]
    titre = "Contrat de ville d'Antony – Protocole d'engagements renforcés et réciproques"
    for page in (1, 2, 3):
        assert (f"page {page}, ligne 1", "en-tête ou pied de page répété", titre) in ecartees
        assert any(lieu.startswith(f"page {page}, ") and texte == f"Page {page}/3" for lieu, _, texte in ecartees)
    assert len(ecartees) == 6


def test_le_pdf_recolle_cesures_et_garde_les_vrais_traits_d_union(markdown: AnnexeLue) -> None:
    # LibreOffice a coupé des mots en fin de ligne (césure française) : aucun « -␣ » ni mot tronqué ne reste.
    libelles = [e.libelle for axe in lire("antony-libreoffice.pdf").annexe.axes for e in axe.engagements]
    texte = " ".join(libelles)
    for mot in ("adultes-relais", "auto-entrepreneuriat", "primo-accédants", "Hauts-de-Seine", "au-delà"):
        assert texte.count(mot) == " ".join(e.libelle for a in markdown.axes for e in a.engagements).count(mot)


def test_l_origine_de_chaque_engagement_est_dans_le_document() -> None:
    lu = lire("antony-libreoffice.pdf")
    premier = lu.annexe.axes[0].engagements[0]
    assert premier.libelle.startswith("Accroître son action en direction des jeunes")


def test_pdf_en_deux_colonnes() -> None:
    annexe = lire("deux-colonnes.pdf").annexe
    assert [(a.numero, a.titre) for a in annexe.axes] == [
        ("I", "Emploi et insertion"),
        ("II", "Habitat et cadre de vie"),
    ]
    assert _libelles(annexe) == [
        ("I", "Ville", 1, "Ouvrir un forum de l'emploi"),
        ("I", "Ville", 2, "Accompagner les demandeurs d'emploi du Clos Saint-Lazare"),
        ("I", "État", 3, "Mobiliser le service public de l'emploi"),
        ("II", "Ville", 1, "Réhabiliter les logements du Clos Saint-Lazare"),
        ("II", "Ville", 2, "Créer une maison du projet"),
        ("II", "État", 3, "Financer la démolition de la tour Maroc"),
    ]


def test_pdf_aux_bizarreries_de_word() -> None:
    lu = lire("bizarreries-word.pdf")
    annexe = lu.annexe
    # Faux gras dédoublé, ligatures ﬁ ﬂ, espaces insécables et fines, puces Symbol U+F0B7,
    # césure « accompa-gner » recollée, « Saint-Aubin-sur-Lise » gardé, guillemets et apostrophes courbes gardés.
    assert _libelles(annexe) == [
        (
            "I",
            "Ville",
            1,
            "Financer le forum « Un emploi pour tous » et les ateliers de rédaction de CV, afin d’accompagner "
            "les jeunes de Saint-Aubin-sur-Lise vers l’emploi",
        ),
        ("I", "Ville", 2, "Développer les flux de stages"),
        ("I", "État", 3, "Mobiliser le service public de l’emploi"),
        ("II", "Ville", 1, "Réhabiliter les logements du Clos Saint-Lazare"),
    ]
    assert annexe.titre == "Contrat de ville de Stains 2020-2022"
    # Le code de champ qui a fui (« PAGE \\* MERGEFORMAT ») est retiré : il reste un numéro de page.
    assert [(x.lieu, x.raison, x.texte) for x in annexe.lignes_ignorees] == [
        ("page 1, ligne 1", "en-tête ou pied de page répété", "Contrat de ville de Stains – Annexe"),
        ("page 1, ligne 12", "numéro de page", "Page 1"),
        ("page 2, ligne 1", "en-tête ou pied de page répété", "Contrat de ville de Stains – Annexe"),
        ("page 2, ligne 7", "numéro de page", "Page 2"),
    ]


@pytest.mark.parametrize("nom", ["tableau-colonnes.docx", "tableau-lignes.docx"])
def test_docx_engagements_en_tableau(nom: str) -> None:
    annexe = lire(nom).annexe
    assert [p.nom_court for p in annexe.parties] == ["Ville", "État"]
    assert _libelles(annexe) == [
        ("I", "Ville", 1, "Ouvrir un forum de l'emploi"),
        ("I", "Ville", 2, "Accompagner les demandeurs d'emploi du Clos Saint-Lazare"),
        ("I", "État", 3, "Mobiliser le service public de l'emploi"),
        ("II", "Ville", 1, "Réhabiliter les logements du Clos Saint-Lazare"),
        ("II", "Ville", 2, "Créer une maison du projet"),
        ("II", "État", 3, "Financer la démolition de la tour Maroc"),
    ]


def test_docx_modifications_suivies_commentaires_saut_de_ligne_style_francais() -> None:
    annexe = lire("modifications-suivies.docx").annexe
    assert [(a.numero, a.titre) for a in annexe.axes] == [("I", "Emploi et insertion")]  # style « Titre2 »
    assert _libelles(annexe) == [
        ("I", "Ville", 1, "Ouvrir un forum de l'emploi chaque année"),  # insertion gardée, suppression écartée
        ("I", "Ville", 2, "Accompagner les demandeurs d'emploi du Clos Saint-Lazare"),  # saut de ligne manuel
        ("I", "État", 3, "Mobiliser le service public de l'emploi"),
    ]
    assert "Pôle emploi" not in " ".join(e.libelle for e in annexe.axes[0].engagements)  # le commentaire


@pytest.mark.parametrize(
    ("nom", "attendu"),
    [
        ("antony-libreoffice.pdf", Format.PDF),
        ("antony-libreoffice.docx", Format.DOCX),
        ("antony-word.docx", Format.DOCX),
        ("antony-libreoffice.odt", Format.ODT),
        ("antony-libreoffice.txt", Format.TEXTE),
    ],
)
def test_le_format_se_reconnait_au_contenu_pas_au_nom(nom: str, attendu: Format, tmp_path: Path) -> None:
    mal_nomme = tmp_path / "annexe.md"
    mal_nomme.write_bytes((FORMATS / nom).read_bytes())
    assert detecter(mal_nomme.read_bytes(), mal_nomme.name) is attendu
    assert len(lire_document(mal_nomme.read_bytes(), mal_nomme).annexe.axes) == 6
