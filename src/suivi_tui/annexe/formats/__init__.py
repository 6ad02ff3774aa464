"""Lire une annexe dans le format où elle est signée : PDF, Word (.docx), OpenDocument (.odt), Markdown ou texte.

Le format se reconnaît au contenu (``detection``), pas au nom du fichier. Chaque lecteur rend le
texte ligne à ligne que lit ``lire_annexe`` (titres ``## ``, gras ``**``, puces ``- `` en
retrait) et l'origine de chaque ligne ; le même lecteur de structure sert donc tous les formats,
et refus comme lignes mises de côté nomment la page et la ligne (ou le paragraphe) du document.

Les lecteurs ne sont importés qu'au moment de lire un fichier de leur format : ``suivi status``
et l'ouverture de l'application ne chargent ni pdfplumber ni les autres.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from .. import decoder_annexe, lire_annexe
from ..modele import AnnexeIllisible, AnnexeLue
from .detection import Format, detecter
from .document import DocumentLu

__all__ = ["AnnexeDocument", "Format", "detecter", "lire_document", "texte_du_document"]


@dataclass(frozen=True)
class AnnexeDocument:
    """Une annexe lue et ce qu'on sait du document : son format, ses pages."""

    annexe: AnnexeLue
    nature: str
    pages: int | None = None


def texte_du_document(donnees: bytes, nom: str, format_: Format) -> DocumentLu:
    """Le texte d'un PDF, d'un .docx ou d'un .odt (le lecteur n'est importé qu'ici)."""
    if format_ is Format.PDF:
        from .pdf import lire_pdf

        return lire_pdf(donnees, nom)
    if format_ is Format.DOCX:
        from .docx import lire_docx

        return lire_docx(donnees, nom)
    from .odt import lire_odt

    return lire_odt(donnees, nom)


def lire_document(donnees: bytes, chemin: str | os.PathLike[str]) -> AnnexeDocument:
    """Lit une annexe quel que soit son format ; ``AnnexeIllisible`` (en français, situé) sinon."""
    nom = Path(chemin).name or str(chemin)
    format_ = detecter(donnees, nom)
    if format_ is Format.TEXTE:
        return AnnexeDocument(decoder_annexe(donnees, chemin), "texte")
    try:
        document = texte_du_document(donnees, nom, format_)
    except AnnexeIllisible:
        raise
    # The readers face documents made anywhere, by any tool: a shape they did not foresee must give
    # a French refusal (the base untouched), not a traceback in the middle of a seed or of the app.
    except Exception as erreur:
        raise AnnexeIllisible(
            f"ce document {format_.value} n'a pas pu être lu (erreur inattendue du lecteur : "
            f"{type(erreur).__name__}) ; donnez l'annexe dans un autre format (.docx, .odt, .md) "
            "et signalez le fichier à l'équipe de suivi",
            None,
            nom,
        ) from None
    annexe = lire_annexe(document.texte, nom, document.origines)
    # Les lignes écartées par le lecteur et par le lecteur d'annexe, dans l'ordre du document.
    ecartees = sorted(
        (*document.ecartees, *annexe.lignes_ignorees),
        key=lambda x: (x.origine.page or 0, x.origine.ligne) if x.origine else (0, x.ligne),
    )
    return AnnexeDocument(replace(annexe, lignes_ignorees=tuple(ecartees)), document.nature, document.pages)
