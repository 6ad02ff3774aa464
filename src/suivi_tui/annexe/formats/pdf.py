"""Lire le texte d'un PDF (exporté par Word ou LibreOffice) avec pdfplumber : mots placés, polices, pages.

pdfplumber (sur pdfminer.six) donne chaque caractère avec sa position, sa taille et le nom de sa
police : de quoi reconnaître en-têtes et pieds de page, colonnes, retraits de puces et titres
en gras. La mise en page est lue par ``pdf_lignes`` et ``pdf_paragraphes`` ; ce module ne fait
que sortir les mots du fichier et refuser en français ce qui ne se lit pas : PDF sans texte
(numérisé : pas de reconnaissance de caractères ici), protégé par un mot de passe, tronqué ou
endommagé.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from ..modele import AnnexeIllisible, Origine
from .document import DocumentLu, Redaction
from .pdf_lignes import LignePdf, Mot, lignes_de_page
from .pdf_paragraphes import assembler

# Noms de polices grasses : « Arial-BoldMT », « LiberationSerif-Bold », « Calibri,Bold », « …-Black ».
_RE_GRAS = re.compile(r"bold|black|heavy|semibold|demi|[-,]bd\b", re.IGNORECASE)
PAGES_MAX = 500  # une annexe en compte une vingtaine ; au-delà ce n'est pas une annexe


# pdfminer signale en anglais, sur la sortie d'erreur, chaque détail d'un PDF imparfait ; ce qui compte
# pour l'utilisateur est dit par le refus ou par les lignes mises de côté.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


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


def _mot_de_passe(erreur: BaseException) -> bool:
    while erreur is not None:
        if isinstance(erreur, PDFPasswordIncorrect) or any(isinstance(a, PDFPasswordIncorrect) for a in erreur.args):
            return True
        erreur = erreur.__cause__ or erreur.__context__  # type: ignore[assignment]
    return False


def _doublons(caracteres: list[dict[str, Any]]) -> tuple[set[int], list[tuple[float, float]]]:
    """Les caractères dessinés deux fois au même endroit (faux gras de Word : « CCOONNTTRRAATT »).

    Rend les identifiants des copies à écarter et la position des caractères gardés, qui sont gras.
    """
    vus: dict[tuple[str, int], list[dict[str, Any]]] = {}
    copies: set[int] = set()
    gras: list[tuple[float, float]] = []
    for c in caracteres:
        cle = (c["text"], round(c["top"]))
        for garde in vus.get(cle, ()):
            if abs(garde["x0"] - c["x0"]) < max(1.2, 0.3 * (c["x1"] - c["x0"])) and abs(garde["top"] - c["top"]) < 1.5:
                copies.add(id(c))
                gras.append(((garde["x0"] + garde["x1"]) / 2, (garde["top"] + garde["bottom"]) / 2))
                break
        else:
            vus.setdefault(cle, []).append(c)
    return copies, gras


def _mots(page: Any) -> list[Mot]:
    """Les mots d'une page (caractères droits seulement, doublons de faux gras retirés)."""
    copies, faux_gras = _doublons([c for c in page.chars if c.get("upright", True)])
    propre = page.filter(lambda o: o.get("object_type") != "char" or (o.get("upright", True) and id(o) not in copies))
    mots = []
    for w in propre.extract_words(
        x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname", "size"]
    ):
        gras = bool(_RE_GRAS.search(w["fontname"])) or any(
            w["x0"] <= x <= w["x1"] and w["top"] <= y <= w["bottom"] for x, y in faux_gras
        )
        mots.append(Mot(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]), gras))
    return mots


def lire_pdf(donnees: bytes, nom: str) -> DocumentLu:
    """Le texte d'un PDF, prêt pour ``lire_annexe`` ; ``AnnexeIllisible`` s'il ne se lit pas."""
    _verifier_fin(donnees, nom)
    redaction = Redaction()
    pages: list[list[LignePdf]] = []
    hauteurs: list[float] = []
    sans_texte: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(donnees)) as pdf:
            if len(pdf.pages) > PAGES_MAX:
                raise _refus(f"PDF de {len(pdf.pages)} pages : une annexe en compte bien moins", nom)
            for numero, page in enumerate(pdf.pages, start=1):
                mots = _mots(page)
                if not mots:
                    sans_texte.append(numero)
                pages.append(lignes_de_page(numero, mots, float(page.width)))
                hauteurs.append(float(page.height))
    except AnnexeIllisible:
        raise
    # pdfminer lit des fichiers venus d'ailleurs : toute erreur de sa part dit un PDF qu'il ne sait pas
    # lire, jamais un défaut de suivi ; elle devient un refus en français, sans trace de pile.
    except Exception as erreur:
        if _mot_de_passe(erreur):
            raise _refus(
                "PDF protégé par un mot de passe : suivi ne peut pas en lire le texte ; "
                "enregistrez-en une copie sans mot de passe (ou donnez le .docx / .odt)",
                nom,
            ) from None
        raise _refus(
            f"PDF endommagé ou illisible ({type(erreur).__name__}) : reprenez le fichier d'origine", nom
        ) from None
    if len(sans_texte) == len(pages):
        raise _refus(
            "ce PDF ne contient aucun texte, seulement des images : c'est sans doute un document numérisé "
            "(scanné). suivi ne fait pas de reconnaissance de caractères (OCR) ; demandez le document "
            "d'origine (Word, LibreOffice) ou un PDF exporté avec son texte",
            nom,
        )
    for numero in sans_texte:
        redaction.ecarter(
            "(image)", "page sans texte (numérisée ?) : son contenu n'est pas lu", Origine(1, page=numero)
        )
    assembler(pages, hauteurs, redaction)
    return redaction.document("PDF", len(pages))
