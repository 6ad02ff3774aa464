"""Ce qui ne se lit pas est refusé en français, situé (page et ligne), code 2, sans toucher la base."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from suivi_tui.annexe import AnnexeIllisible
from suivi_tui.annexe.formats import lire_document

FORMATS = Path(__file__).parent / "fixtures" / "formats"


def _fabrique() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fabriquer", FORMATS / "fabriquer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _zip(membres: dict[str, bytes]) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for nom, contenu in membres.items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def _tronque() -> bytes:
    donnees = (FORMATS / "antony-libreoffice.pdf").read_bytes()
    return donnees[: len(donnees) // 2]


DOCUMENT_XML = (
    b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
)

# (nom du fichier, octets, message exact après « nom : »)
REFUS: list[tuple[str, bytes, str]] = [
    ("vide.pdf", b"", "fichier vide (0 octet) : ce n'est pas une annexe"),
    (
        "numerise.pdf",
        (FORMATS / "numerise.pdf").read_bytes(),
        "ce PDF ne contient aucun texte, seulement des images : c'est sans doute un document numérisé (scanné). "
        "suivi ne fait pas de reconnaissance de caractères (OCR) ; demandez le document d'origine (Word, "
        "LibreOffice) ou un PDF exporté avec son texte",
    ),
    (
        "mot-de-passe.pdf",
        (FORMATS / "mot-de-passe.pdf").read_bytes(),
        "PDF protégé par un mot de passe : suivi ne peut pas en lire le texte ; enregistrez-en une copie sans "
        "mot de passe (ou donnez le .docx / .odt)",
    ),
    (
        "tronque.pdf",
        _tronque(),
        "PDF tronqué (il ne se termine pas par « %%EOF ») : la copie ou le téléchargement s'est interrompu ; "
        "reprenez le fichier d'origine",
    ),
    (
        "faux.docx",
        _zip({"photos/vacances.jpg": b"\xff\xd8\xff", "lisez-moi.txt": b"bonjour"}),
        "ce fichier est une archive ZIP qui n'est ni un document Word (pas de word/document.xml) ni un document "
        "OpenDocument texte (mimetype « absent ») : ouvrez-le dans Word ou LibreOffice et enregistrez-le en "
        ".docx, .odt ou PDF, ou donnez le texte en .md ou .txt",
    ),
    (
        "classeur.odt",
        _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
        "ce fichier est un classeur OpenDocument (.ods), pas un document texte : ouvrez-le dans Word ou "
        "LibreOffice et enregistrez-le en .docx, .odt ou PDF, ou donnez le texte en .md ou .txt",
    ),
    (
        "ancien.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        "ce fichier est un document Word ancien (.doc) ou un fichier Office d'avant 2007, pas une annexe "
        "lisible : ouvrez-le dans Word ou LibreOffice et enregistrez-le en .docx, .odt ou PDF, ou donnez le "
        "texte en .md ou .txt",
    ),
    (
        "casse.docx",
        b"PK\x03\x04" + b"\x00" * 64,
        "archive ZIP endommagée ou tronquée (un .docx ou un .odt est une archive ZIP) : la copie ou le "
        "téléchargement s'est-il interrompu ?",
    ),
    (
        "entites.docx",
        _zip({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}),
        "« word/document.xml » déclare une DTD ou des entités : refusé",
    ),
]


@pytest.mark.parametrize(("nom", "octets", "message"), REFUS, ids=[r[0] for r in REFUS])
def test_refus_exacts(nom: str, octets: bytes, message: str) -> None:
    with pytest.raises(AnnexeIllisible) as erreur:
        lire_document(octets, nom)
    assert erreur.value.message == message
    assert str(erreur.value) == f"{nom} : {message}"


def test_xml_illisible_dans_un_docx() -> None:
    with pytest.raises(AnnexeIllisible) as erreur:
        lire_document(_zip({"word/document.xml": DOCUMENT_XML}), "coupe.docx")
    assert erreur.value.message.startswith("XML illisible dans « word/document.xml » (")


def test_pdf_endommage_malgre_sa_fin() -> None:
    with pytest.raises(AnnexeIllisible) as erreur:
        lire_document(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", "abime.pdf")
    assert erreur.value.message == "PDF endommagé ou illisible : reprenez le fichier d'origine"


def test_un_refus_de_structure_nomme_la_page_et_la_ligne_du_pdf() -> None:
    pages = [
        [
            (72, 780, "Contrat de ville de Stains 2020-2022"),
            (72, 740, "I. Emploi"),
            (72, 720, "La ville de Stains s'engage à :"),
            (90, 700, "- Ouvrir un forum"),
        ],
        [(72, 780, "II. Habitat"), (90, 760, "- Réhabiliter le Clos Saint-Lazare")],
    ]
    with pytest.raises(AnnexeIllisible) as erreur:
        lire_document(_fabrique().pdf_simple(pages), "annexe.pdf")
    assert str(erreur.value) == (
        "annexe.pdf, page 2, ligne 2 : puce hors de toute partie signataire : "
        "aucune ligne « … s'engage à : » ne la précède dans cet axe"
    )
    assert (erreur.value.origine.page, erreur.value.origine.ligne) == (2, 2)  # type: ignore[union-attr]


def test_un_refus_de_structure_nomme_le_paragraphe_du_docx() -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphes = "".join(
        f"<w:p><w:r><w:t>{texte}</w:t></w:r></w:p>"
        for texte in (
            "Contrat de ville de Stains 2020-2022",
            "I. Emploi",
            "La ville de Stains s'engage à :",
            "Ouvrir un forum sans puce",
        )
    )
    document = f'<w:document xmlns:w="{w}"><w:body>{paragraphes}</w:body></w:document>'.encode()
    with pytest.raises(AnnexeIllisible) as erreur:
        lire_document(_zip({"word/document.xml": document}), "annexe.docx")
    assert str(erreur.value) == (
        "annexe.docx, paragraphe 4 : texte inattendu après « La ville de Stains s'engage à : » : "
        "une puce d'engagement était attendue"
    )


# --- la ligne de commande : code 2, base intacte, aucun fichier créé ------------------------------------


def suivi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "suivi_tui", *args], capture_output=True, text=True, env=os.environ, timeout=60
    )


@pytest.fixture(scope="module")
def base_seedee(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("base") / "suivi.db"
    assert suivi("--db", str(base), "seed").returncode == 0
    assert suivi("--db", str(base), "check").returncode == 0  # the WAL settled: the file's bytes are stable
    return base


@pytest.mark.parametrize(("nom", "octets", "message"), REFUS, ids=[r[0] for r in REFUS])
def test_la_commande_refuse_sans_toucher_la_base(
    nom: str, octets: bytes, message: str, base_seedee: Path, tmp_path: Path
) -> None:
    fichier = tmp_path / nom
    fichier.write_bytes(octets)
    avant = hashlib.sha256(base_seedee.read_bytes()).hexdigest()
    for args in (["seed", str(fichier)], ["seed", str(fichier), "--dry-run"]):
        resultat = suivi("--db", str(base_seedee), *args)
        assert resultat.returncode == 2, resultat.stderr
        assert resultat.stderr.strip() == f"suivi : annexe refusée, la base n'a pas été modifiée. {nom} : {message}"
        assert "Traceback" not in resultat.stderr and resultat.stdout == ""
    assert hashlib.sha256(base_seedee.read_bytes()).hexdigest() == avant
    neuve = tmp_path / "dossier" / "neuve.db"
    assert suivi("--db", str(neuve), "seed", str(fichier)).returncode == 2
    assert not neuve.parent.exists()


def test_une_page_sans_texte_est_mise_de_cote_un_pdf_sans_texte_refuse() -> None:
    annexe_courte = [
        (72, 780, "Contrat de ville de Stains 2020-2022"),
        (72, 740, "I. Emploi"),
        (72, 720, "La ville de Stains s'engage à :"),
        (90, 700, "- Ouvrir un forum"),
    ]
    fabrique = _fabrique()
    lu = lire_document(fabrique.pdf_simple([annexe_courte, []]), "signee.pdf")
    assert [(x.lieu, x.raison) for x in lu.annexe.lignes_ignorees] == [
        ("page 2, ligne 1", "page sans texte (numérisée ?) : son contenu n'est pas lu")
    ]
    with pytest.raises(AnnexeIllisible) as erreur:
        lire_document(fabrique.pdf_simple([[], []]), "blanc.pdf")
    assert str(erreur.value) == "blanc.pdf : ce PDF ne contient aucun texte (pages vides)"


@pytest.mark.parametrize("entete", [b"%PDF-1.7\n", b"PK\x03\x04"])
def test_des_octets_quelconques_ne_donnent_jamais_qu_un_refus(entete: bytes) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.binary(max_size=2000))
    def lire(milieu: bytes) -> None:
        with contextlib.suppress(AnnexeIllisible):
            lire_document(entete + milieu + b"\n%%EOF\n", "hasard.pdf")

    lire()


def test_un_vrai_pdf_abime_au_hasard_ne_donne_jamais_qu_un_refus_ou_une_lecture() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    vrai = (FORMATS / "antony-word.pdf").read_bytes()

    @settings(max_examples=40, deadline=None)
    @given(st.integers(0, len(vrai) - 64), st.binary(min_size=1, max_size=64))
    def lire(position: int, bruit: bytes) -> None:
        abime = vrai[:position] + bruit + vrai[position + len(bruit) :]
        with contextlib.suppress(AnnexeIllisible):
            lire_document(abime, "abime.pdf")

    lire()


def test_une_archive_word_aux_formes_imprevues_est_refusee_ou_lue() -> None:
    # Un document.xml valide mais étrange (paragraphes vides, tableau sans cellule, numérotation absente).
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    corps = (
        "<w:p/><w:tbl><w:tr/></w:tbl><w:p><w:pPr><w:numPr><w:numId w:val='9'/></w:numPr></w:pPr>"
        "<w:r><w:t>Texte</w:t></w:r></w:p><w:sdt><w:sdtContent/></w:sdt>"
    )
    document = f'<w:document xmlns:w="{w}"><w:body>{corps}</w:body></w:document>'.encode()
    with pytest.raises(AnnexeIllisible) as erreur:
        lire_document(_zip({"word/document.xml": document}), "etrange.docx")
    assert str(erreur.value).startswith("etrange.docx : aucun axe trouvé")
