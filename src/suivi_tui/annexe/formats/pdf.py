"""Lire le texte d'un PDF (exporté par Word ou LibreOffice) avec PDFium (pypdfium2) : caractères placés, polices, pages.

PDFium donne chaque caractère avec sa boîte, sa taille et sa police (nom, graisse) : de quoi
reconnaître en-têtes et pieds de page, colonnes, retraits de puces et titres en gras. Il écarte
lui-même les caractères dessinés deux fois au même endroit (le faux gras de Word,
« CCOONNTTRRAATT »). La mise en page est lue par ``pdf_lignes`` et ``pdf_paragraphes`` ; ce module
ne fait que sortir les mots du fichier et refuser en français ce qui ne se lit pas : PDF sans
texte (numérisé : pas de reconnaissance de caractères ici), protégé par un mot de passe, tronqué
ou endommagé.

Pourquoi PDFium et pas pdfplumber (pdfminer.six), qui donne les mêmes informations : mesuré sur
un PDF de 34 pages exporté par LibreOffice, pdfplumber lit 0,37 s par page, pdfminer seul
0,19 s, PDFium 0,024 s ; une annexe de 60 pages se lit en moins de 2 s au lieu de 20.
"""

from __future__ import annotations

import ctypes
import re
import threading
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information shipped
import pypdfium2.raw as brut  # type: ignore[import-untyped]

from ..modele import AnnexeIllisible, Origine
from .document import DocumentLu, Redaction
from .pdf_lignes import LignePdf, Mot, lignes_de_page
from .pdf_paragraphes import assembler

# Noms de polices grasses : « Arial-BoldMT », « LiberationSerif-Bold », « Calibri,Bold », « …-Black ».
_RE_GRAS = re.compile(r"bold|black|heavy|semibold|demi|[-,]bd\b", re.IGNORECASE)
PAGES_MAX = 500  # une annexe en compte une vingtaine ; au-delà ce n'est pas une annexe
ECART_MOT = 1.5  # points : au-delà, deux caractères voisins sont deux mots
# PDFium n'est pas sûr entre fils : l'aperçu de l'application lit dans un fil, une lecture à la fois.
_VERROU = threading.Lock()


def _refus(message: str, nom: str) -> AnnexeIllisible:
    return AnnexeIllisible(message, None, nom)


def _verifier_fin(donnees: bytes, nom: str) -> None:
    # Tout PDF complet finit par « %%EOF » ; sans lui, la copie ou le téléchargement a été coupé.
    if b"%%EOF" not in donnees[-2048:]:
        raise _refus(
            "PDF tronqué (il ne se termine pas par « %%EOF ») : la copie ou le téléchargement "
            "s'est interrompu ; reprenez le fichier d'origine",
            nom,
        )


@dataclass(frozen=True)
class _Police:
    taille: float
    gras: bool


class _Polices:
    """La police de chaque caractère, en appelant PDFium le moins possible (des milliers de caractères par page).

    La taille se lit à chaque caractère (un exposant change de taille sans blanc) ; la graisse et le
    nom de la police (qui dit « Bold » quand la graisse n'est pas déclarée) en début de mot, ou quand
    la taille change. Un changement de graisse au milieu d'un mot, sans blanc, n'est pas vu.
    """

    def __init__(self, page_texte: Any) -> None:
        self.page_texte = page_texte.raw
        self.tampon = ctypes.create_string_buffer(256)
        self.drapeaux = ctypes.c_int()
        self.taille: float | None = None
        self.police: _Police | None = None

    def de(self, index: int, debut_de_mot: bool) -> _Police:
        taille = brut.FPDFText_GetFontSize(self.page_texte, index)
        if self.police is None or debut_de_mot or taille != self.taille:
            graisse = brut.FPDFText_GetFontWeight(self.page_texte, index)
            longueur = brut.FPDFText_GetFontInfo(self.page_texte, index, self.tampon, 256, ctypes.byref(self.drapeaux))
            nom = self.tampon.value[: max(longueur - 1, 0)].decode("utf-8", "replace")
            self.taille = taille
            self.police = _Police(round(taille, 2), bool(_RE_GRAS.search(nom)) or graisse >= 600)
        return self.police


def _mots(page: Any, hauteur: float) -> list[Mot]:
    """Les mots d'une page : caractères voisins, de même police et taille, sur la même ligne."""
    page_texte = page.get_textpage()
    mots: list[Mot] = []
    courant: list[str] = []
    boite = [0.0, 0.0, 0.0, 0.0]
    police_courante: _Police | None = None
    polices = _Polices(page_texte)
    rect = brut.FS_RECTF()
    pointeur = page_texte.raw

    def finir() -> None:
        if courant and police_courante is not None:
            x0, top, x1, bottom = boite
            mots.append(Mot("".join(courant), x0, x1, top, bottom, police_courante.taille, police_courante.gras))
        courant.clear()

    try:
        nombre = page_texte.count_chars()
        texte = page_texte.get_text_range(0, nombre) if nombre else ""
        for index, caractere in enumerate(texte[:nombre]):
            if caractere.isspace():
                finir()
                continue
            if caractere in "\x02\ufffe":
                caractere = "-"  # PDFium rend le trait d'union de fin de ligne ainsi : ``joindre`` départagera
            elif caractere > "~" and brut.FPDFText_HasUnicodeMapError(pointeur, index):
                caractere = "\ufffd"  # un glyphe sans correspondance Unicode (police mal incorporée)
            brut.FPDFText_GetLooseCharBox(pointeur, index, rect)
            gauche, droite, top, bottom = rect.left, rect.right, hauteur - rect.top, hauteur - rect.bottom
            police = polices.de(index, not courant)
            if courant and (
                police != police_courante
                or gauche - boite[2] > ECART_MOT
                or gauche < boite[0] - 0.5
                or abs(bottom - boite[3]) > 0.3 * police.taille
            ):
                finir()
            if not courant:
                police_courante, boite = police, [gauche, top, droite, bottom]
            else:
                boite = [boite[0], min(boite[1], top), max(boite[2], droite), max(boite[3], bottom)]
            courant.append(caractere)
        finir()
    finally:
        page_texte.close()
    return mots


def _images(page: Any) -> int:
    return sum(1 for _ in page.get_objects(filter=[brut.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _lire_pages(donnees: bytes, nom: str) -> tuple[list[list[LignePdf]], list[float], list[int], int]:
    """(lignes de chaque page, hauteurs, pages sans texte, nombre d'images des pages sans texte)."""
    pages: list[list[LignePdf]] = []
    hauteurs: list[float] = []
    sans_texte: list[int] = []
    images = 0
    document = pdfium.PdfDocument(donnees)
    try:
        if len(document) > PAGES_MAX:
            raise _refus(f"PDF de {len(document)} pages : une annexe en compte bien moins", nom)
        for numero in range(1, len(document) + 1):
            page = document[numero - 1]
            try:
                largeur, hauteur = page.get_size()
                mots = _mots(page, hauteur)
                if not mots:
                    sans_texte.append(numero)
                    images += _images(page)
                pages.append(lignes_de_page(numero, mots, largeur))
                hauteurs.append(hauteur)
            finally:
                page.close()
    finally:
        document.close()
    return pages, hauteurs, sans_texte, images


def lire_pdf(donnees: bytes, nom: str) -> DocumentLu:
    """Le texte d'un PDF, prêt pour ``lire_annexe`` ; ``AnnexeIllisible`` s'il ne se lit pas."""
    _verifier_fin(donnees, nom)
    try:
        with _VERROU:
            pages, hauteurs, sans_texte, images = _lire_pages(donnees, nom)
    except AnnexeIllisible:
        raise
    except pdfium.PdfiumError as erreur:
        if "password" in str(erreur).lower():
            raise _refus(
                "PDF protégé par un mot de passe : suivi ne peut pas en lire le texte ; "
                "enregistrez-en une copie sans mot de passe (ou donnez le .docx / .odt)",
                nom,
            ) from None
        raise _refus("PDF endommagé ou illisible : reprenez le fichier d'origine", nom) from None
    # PDFium lit des fichiers venus d'ailleurs : toute autre erreur de sa part dit un PDF qu'il ne sait
    # pas lire, jamais un défaut de suivi ; elle devient un refus en français, sans trace de pile.
    except Exception as erreur:
        raise _refus(
            f"PDF endommagé ou illisible ({type(erreur).__name__}) : reprenez le fichier d'origine", nom
        ) from None
    if len(sans_texte) == len(pages):
        if images:
            raise _refus(
                "ce PDF ne contient aucun texte, seulement des images : c'est sans doute un document numérisé "
                "(scanné). suivi ne fait pas de reconnaissance de caractères (OCR) ; demandez le document "
                "d'origine (Word, LibreOffice) ou un PDF exporté avec son texte",
                nom,
            )
        raise _refus("ce PDF ne contient aucun texte (pages vides)", nom)
    redaction = Redaction()
    for numero in sans_texte:
        redaction.ecarter(
            "(image)", "page sans texte (numérisée ?) : son contenu n'est pas lu", Origine(1, page=numero)
        )
    assembler(pages, hauteurs, redaction)
    return redaction.document("PDF", len(pages))
