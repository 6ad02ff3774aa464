"""Lire un XML dans l'archive ZIP d'un .docx ou d'un .odt, sans se laisser piéger par une archive hostile."""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree

from ..modele import AnnexeIllisible

# Le document.xml d'une annexe de vingt pages pèse quelques centaines de Ko : au-delà de 50 Mo
# décompressés, c'est une bombe de décompression, pas une annexe.
TAILLE_XML_MAX = 50 * 1024 * 1024


def lire_xml(donnees: bytes, membre: str, nom: str, *, obligatoire: bool = True) -> ElementTree.Element | None:
    """L'arbre XML d'un membre de l'archive ; None s'il manque et n'est pas obligatoire."""
    try:
        with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
            if membre not in archive.namelist():
                if obligatoire:
                    raise AnnexeIllisible(f"document incomplet : « {membre} » manque dans l'archive", None, nom)
                return None
            with archive.open(membre) as flux:
                contenu = flux.read(TAILLE_XML_MAX + 1)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError, NotImplementedError) as erreur:
        raise AnnexeIllisible(f"archive endommagée : « {membre} » illisible ({erreur})", None, nom) from None
    if len(contenu) > TAILLE_XML_MAX:
        raise AnnexeIllisible(f"« {membre} » dépasse {TAILLE_XML_MAX // 1024 // 1024} Mo décompressé", None, nom)
    # Aucun document Word ou OpenDocument n'a de DTD : en refuser une écarte les entités en cascade.
    if b"<!DOCTYPE" in contenu[:4096] or b"<!ENTITY" in contenu:
        raise AnnexeIllisible(f"« {membre} » déclare une DTD ou des entités : refusé", None, nom)
    try:
        return ElementTree.fromstring(contenu)
    except ElementTree.ParseError as erreur:
        raise AnnexeIllisible(f"XML illisible dans « {membre} » ({erreur})", None, nom) from None
