"""Reconnaître le format d'une annexe à son contenu (octets magiques, intérieur des archives), jamais à son nom."""

from __future__ import annotations

import enum
import io
import zipfile

from ..modele import AnnexeIllisible


class Format(enum.Enum):
    """Les formats lus : chacun a son lecteur, qui rend le texte que lit ``lire_annexe``."""

    PDF = "PDF"
    DOCX = "Word (.docx)"
    ODT = "OpenDocument (.odt)"
    TEXTE = "texte"


MIME_ODT = "application/vnd.oasis.opendocument.text"
# Ce que disent d'autres fichiers qu'on pourrait prendre pour une annexe, pour un refus qui dit quoi faire.
_AUTRES_ODF = {
    "application/vnd.oasis.opendocument.spreadsheet": "un classeur OpenDocument (.ods)",
    "application/vnd.oasis.opendocument.presentation": "une présentation OpenDocument (.odp)",
    "application/vnd.oasis.opendocument.graphics": "un dessin OpenDocument (.odg)",
    "application/vnd.oasis.opendocument.text-template": "un modèle OpenDocument (.ott)",
}
_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "un document Word ancien (.doc) ou un fichier Office d'avant 2007"),
    (b"{\\rtf", "un document RTF"),
    (b"\x89PNG", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF8", "une image GIF"),
    (b"II*\x00", "une image TIFF"),
    (b"MM\x00*", "une image TIFF"),
    (b"SQLite format 3\x00", "une base SQLite"),
    (b"\x1f\x8b", "une archive gzip"),
    (b"Rar!", "une archive RAR"),
    (b"7z\xbc\xaf", "une archive 7-Zip"),
)
_QUOI_FAIRE = (
    "ouvrez-le dans Word ou LibreOffice et enregistrez-le en .docx, .odt ou PDF, ou donnez le texte en .md ou .txt"
)


def detecter(donnees: bytes, nom: str) -> Format:
    """Le format d'après le contenu ; ``AnnexeIllisible`` (en français) pour un fichier qu'aucun lecteur ne lit."""
    if not donnees:
        raise AnnexeIllisible("fichier vide (0 octet) : ce n'est pas une annexe", None, nom)
    # Les octets magiques d'un PDF peuvent être précédés de quelques octets (en-tête d'un courriel…).
    if b"%PDF-" in donnees[:1024]:
        return Format.PDF
    if donnees.startswith(b"PK\x03\x04"):
        return _format_archive(donnees, nom)
    for signature, quoi in _SIGNATURES:
        if donnees.startswith(signature):
            raise AnnexeIllisible(f"ce fichier est {quoi}, pas une annexe lisible : {_QUOI_FAIRE}", None, nom)
    return Format.TEXTE


def _format_archive(donnees: bytes, nom: str) -> Format:
    """Une archive ZIP : .docx si elle contient word/document.xml, .odt si son mimetype le dit."""
    try:
        with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
            noms = set(archive.namelist())
            mimetype = ""
            if "mimetype" in noms and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise AnnexeIllisible(
            "archive ZIP endommagée ou tronquée (un .docx ou un .odt est une archive ZIP) : "
            "la copie ou le téléchargement s'est-il interrompu ?",
            None,
            nom,
        ) from None
    if "word/document.xml" in noms:
        return Format.DOCX
    if mimetype == MIME_ODT:
        return Format.ODT
    if mimetype in _AUTRES_ODF:
        raise AnnexeIllisible(
            f"ce fichier est {_AUTRES_ODF[mimetype]}, pas un document texte : {_QUOI_FAIRE}", None, nom
        )
    if any(n.startswith("xl/") for n in noms):
        raise AnnexeIllisible(
            f"ce fichier est un classeur Excel (.xlsx), pas un document texte : {_QUOI_FAIRE}", None, nom
        )
    if any(n.startswith("ppt/") for n in noms):
        raise AnnexeIllisible(f"ce fichier est une présentation PowerPoint (.pptx) : {_QUOI_FAIRE}", None, nom)
    raise AnnexeIllisible(
        "ce fichier est une archive ZIP qui n'est ni un document Word (pas de word/document.xml) "
        f"ni un document OpenDocument texte (mimetype « {mimetype or 'absent'} ») : {_QUOI_FAIRE}",
        None,
        nom,
    )
