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


ODT_CONTENU = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">
<office:automatic-styles>
 <text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>
 <text:list-style style:name="N1"><text:list-level-style-number text:level="1" style:num-format="1"
  style:num-suffix="."/></text:list-style>
 <style:style style:name="G" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>
 <text:tracked-changes><text:changed-region text:id="c1"><text:deletion>
  <text:p>Supprimer le forum</text:p></text:deletion></text:changed-region></text:tracked-changes>
 <text:table-of-content><text:index-body><text:p>I. Emploi ........ 2</text:p></text:index-body></text:table-of-content>
 <text:p>Le présent protocole fixe, jusqu'au 31 décembre 2022, les engagements de la ville de Stains.</text:p>
 <text:h text:outline-level="2"><text:number>I.</text:number>Emploi</text:h>
 <text:p><text:span text:style-name="G">La ville de Stains s'engage à :</text:span></text:p>
 <text:list text:style-name="L1">
  <text:list-item><text:p>Ouvrir un forum<text:change text:change-id="c1"/> de l'emploi<office:annotation>
   <text:p>à vérifier</text:p></office:annotation><text:note><text:note-body><text:p>note</text:p></text:note-body>
   </text:note></text:p>
   <text:list><text:list-item><text:p>au printemps</text:p></text:list-item>
    <text:list-item><text:p>à l'automne</text:p></text:list-item></text:list></text:list-item>
  <text:list-item><text:p>Accompagner<text:s/>les<text:line-break/>demandeurs d'emploi</text:p>
   <text:p>Avec Pôle emploi</text:p></text:list-item>
 </text:list>
 <text:h text:outline-level="2">II. Habitat</text:h>
 <table:table><table:table-row><table:table-cell><text:p>Ville de Stains</text:p></table:table-cell>
  <table:table-cell><text:p>État</text:p></table:table-cell></table:table-row>
  <table:table-row><table:table-cell><text:p>Réhabiliter le Clos</text:p></table:table-cell>
  <table:table-cell><text:list text:style-name="N1"><text:list-item><text:p>Financer la démolition</text:p>
  </text:list-item></text:list></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>
"""


def test_odt_fait_main_listes_imbriquees_modifications_notes_tableau() -> None:
    import io
    import zipfile

    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", ODT_CONTENU)
    annexe = lire_document(tampon.getvalue(), "stains.odt").annexe
    assert [(a.numero, a.titre) for a in annexe.axes] == [("I", "Emploi"), ("II", "Habitat")]
    assert _libelles(annexe) == [
        # Sous-puces jointes à leur puce ; la suppression suivie, l'annotation et la note ne sont pas lues.
        ("I", "Ville", 1, "Ouvrir un forum de l'emploi : au printemps ; à l'automne"),
        ("I", "Ville", 2, "Accompagner les demandeurs d'emploi Avec Pôle emploi"),
        ("II", "Ville", 1, "Réhabiliter le Clos"),
        ("II", "État", 2, "Financer la démolition"),
    ]
    assert annexe.titre == "Contrat de ville de Stains 2022"


def test_lignes_illisibles_mises_de_cote_avec_leur_page() -> None:
    from suivi_tui.annexe.formats.document import Redaction
    from suivi_tui.annexe.formats.pdf_lignes import Mot, lignes_de_page
    from suivi_tui.annexe.formats.pdf_paragraphes import assembler

    def mot(texte: str, x: float, y: float) -> Mot:
        return Mot(texte, x, x + 6 * len(texte), y, y + 11, 11.0, False)

    page = lignes_de_page(
        1,
        [
            mot("Texte", 72, 200),
            mot("\ufffd\ufffd\ufffd", 72, 214),
            mot("•", 90, 228),
            mot("Puce", 108, 228),
            mot("I.", 72, 242),
            mot("Emploi", 90, 242),
            mot("........", 140, 242),
            mot("3", 200, 242),
        ],
        595,
    )
    redaction = Redaction()
    assembler([page], [842.0], redaction)
    assert [(str(x.origine), x.raison) for x in redaction.ecartees] == [
        ("page 1, ligne 2", "caractères illisibles (police sans table Unicode)"),
        ("page 1, ligne 4", "table des matières"),
    ]
    assert "- Puce" in redaction.lignes


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMEROTATION = f"""<w:numbering {W_NS}>
 <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
  <w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
 <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
 <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
 <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def _paragraphe(
    texte: str, *, num: tuple[int, int] | None = None, gras: bool = False, style: str = "", retrait: int = 0
) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += f'<w:ind w:left="{retrait}"/>' if retrait else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    rpr = "<w:rPr><w:b/></w:rPr>" if gras else ""
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r>{rpr}<w:t xml:space="preserve">{texte}</w:t></w:r></w:p>'


def test_docx_numerotation_de_word_recalculee() -> None:
    import io
    import zipfile

    corps = "".join(
        [
            _paragraphe("Le présent protocole fixe les engagements 2020-2022 de la ville de Stains."),
            _paragraphe("Emploi", num=(1, 0), gras=True),  # « I. » vient de la numérotation : un titre d'axe
            _paragraphe("La ville de Stains s'engage à :"),
            _paragraphe("Ouvrir un forum", num=(2, 0)),
            _paragraphe("au printemps", num=(2, 1)),
            _paragraphe("Accompagner les demandeurs d'emploi", num=(2, 0)),
            # Un second paragraphe de l'élément de liste, en retrait et sans numéro : il le prolonge.
            _paragraphe("Avec Pôle emploi et la Mission locale", retrait=720),
            _paragraphe("Habitat", num=(1, 0), gras=True),
            _paragraphe("La ville de Stains s'engage à :"),
            _paragraphe("Réhabiliter le Clos", num=(2, 0)),
            _paragraphe("I. Emploi ........ 2", style="TOC1"),
        ]
    )
    styles = (
        f'<w:styles {W_NS}><w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style></w:styles>'
    )
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {W_NS}><w:body>{corps}</w:body></w:document>")
        archive.writestr("word/numbering.xml", NUMEROTATION)
        archive.writestr("word/styles.xml", styles)
    annexe = lire_document(tampon.getvalue(), "stains.docx").annexe
    assert [(a.numero, a.titre) for a in annexe.axes] == [("I", "Emploi"), ("II", "Habitat")]
    assert _libelles(annexe) == [
        ("I", "Ville", 1, "Ouvrir un forum : au printemps"),
        ("I", "Ville", 2, "Accompagner les demandeurs d'emploi Avec Pôle emploi et la Mission locale"),
        ("II", "Ville", 1, "Réhabiliter le Clos"),
    ]


@pytest.mark.parametrize("nom", [nom for nom, _ in ANTONY_FORMATS])
def test_chaque_format_seede_la_meme_base_que_le_markdown(nom: str, tmp_path: Path) -> None:

    from suivi_tui.db.opening import open_database
    from suivi_tui.services.seed import lire_annexe_source, seed

    def contenu(chemin: Path, base: Path) -> list[list[tuple[object, ...]]]:
        db = open_database(base)
        try:
            source = lire_annexe_source(chemin)
            seed(db, source.annexe, source.nom, source.sha256)
            with db.lire() as session:
                return [
                    [tuple(r) for r in session.execute(sql).all()]
                    for sql in (
                        "SELECT titre, territoire, debut, fin FROM contrat",
                        "SELECT nom, nom_court, ordre FROM partie ORDER BY ordre",
                        "SELECT numero, ordre, titre FROM axe ORDER BY ordre",
                        "SELECT a.numero, p.nom_court, e.ordre, e.libelle FROM engagement e "
                        "JOIN axe a ON a.id = e.axe_id JOIN partie p ON p.id = e.partie_id ORDER BY a.ordre, e.ordre",
                        "SELECT nom, description FROM comite ORDER BY nom",
                    )
                ]
        finally:
            db.close()

    attendu = contenu(ANTONY, tmp_path / "markdown.db")
    obtenu = contenu(FORMATS / nom, tmp_path / "document.db")
    assert obtenu == attendu
    assert len(obtenu[3]) == 52
