"""Lire un document OpenDocument texte (.odt) : ``content.xml`` avec la bibliothèque standard (zipfile, ElementTree).

Titres ``text:h`` (leur niveau, leur numéro ``text:number`` quand LibreOffice l'écrit), listes
``text:list`` (puce ou numéro d'après le style de liste, niveau par imbrication), tableaux,
sections ; modifications suivies acceptées (le texte supprimé n'est que dans
``text:tracked-changes``, écarté) ; annotations, notes et table des matières ignorées.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ..modele import Origine
from .archive import lire_xml
from .document import DocumentLu, Redaction
from .numerotation import Compteurs, NiveauDeListe
from .paragraphes import Bloc, Paragraphe, Tableau, rediger

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_FORMATS = {"1": "decimal", "I": "upperRoman", "i": "lowerRoman", "A": "upperLetter", "a": "lowerLetter", "": "none"}
# Hors du texte lu : annotations, notes, modifications supprimées, index, cadres (images, zones de texte).
_SAUTES = {
    f"{OFFICE}annotation",
    f"{TEXT}note",
    f"{TEXT}tracked-changes",
    f"{TEXT}table-of-content",
    f"{TEXT}alphabetical-index",
    f"{TEXT}illustration-index",
    f"{TEXT}bibliography",
    f"{TEXT}sequence-decls",
    f"{TEXT}variable-decls",
    f"{TEXT}user-field-decls",
    f"{OFFICE}forms",
}
_CADRE = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame"


class _Styles:
    """Styles de paragraphe et de texte (graisse, parent, liste), styles de liste : du document et automatiques."""

    def __init__(self, racines: list[Element | None]) -> None:
        self.gras: dict[str, bool | None] = {}
        self.parents: dict[str, str | None] = {}
        self.listes_de_paragraphe: dict[str, str] = {}
        self.titres: dict[str, int] = {}
        self.listes: dict[str, dict[int, NiveauDeListe]] = {}
        for racine in racines:
            if racine is not None:
                self._lire(racine)

    def _lire(self, racine: Element) -> None:
        for style in racine.iter(f"{STYLE}style"):
            nom = style.get(f"{STYLE}name") or ""
            proprietes = style.find(f"{STYLE}text-properties")
            poids = proprietes.get(f"{FO}font-weight") if proprietes is not None else None
            self.gras[nom] = None if poids is None else poids in ("bold", "600", "700", "800", "900")
            self.parents[nom] = style.get(f"{STYLE}parent-style-name")
            if style.get(f"{STYLE}list-style-name"):
                self.listes_de_paragraphe[nom] = style.get(f"{STYLE}list-style-name") or ""
            affiche = (style.get(f"{STYLE}display-name") or nom).lower()
            if affiche in ("title", "titre"):
                self.titres[nom] = 1
        for liste in racine.iter(f"{TEXT}list-style"):
            niveaux = {}
            for definition in liste:
                niveau = int(definition.get(f"{TEXT}level") or 1) - 1
                if definition.tag == f"{TEXT}list-level-style-bullet":
                    niveaux[niveau] = NiveauDeListe("bullet", "")
                elif definition.tag == f"{TEXT}list-level-style-number":
                    fmt = _FORMATS.get(definition.get(f"{STYLE}num-format") or "", "decimal")
                    modele = (
                        (definition.get(f"{STYLE}num-prefix") or "")
                        + f"%{niveau + 1}"
                        + (definition.get(f"{STYLE}num-suffix") or "")
                    )
                    depart = definition.get(f"{TEXT}start-value") or "1"
                    niveaux[niveau] = NiveauDeListe(fmt, modele, int(depart) if depart.isdigit() else 1)
            self.listes[liste.get(f"{STYLE}name") or ""] = niveaux

    def est_gras(self, nom: str | None) -> bool | None:
        for _ in range(20):
            if nom is None:
                return None
            if self.gras.get(nom) is not None:
                return self.gras[nom]
            nom = self.parents.get(nom)
        return None

    def titre(self, nom: str | None) -> int:
        for _ in range(20):
            if nom is None:
                return 0
            if nom in self.titres:
                return self.titres[nom]
            nom = self.parents.get(nom)
        return 0

    def liste_du_paragraphe(self, nom: str | None) -> str | None:
        for _ in range(20):
            if nom is None:
                return None
            if nom in self.listes_de_paragraphe:
                return self.listes_de_paragraphe[nom]
            nom = self.parents.get(nom)
        return None


class _LecteurOdt:
    """Parcourt le corps du document dans l'ordre : titres, paragraphes, listes, tableaux, sections."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.compteurs = Compteurs()
        self.numero_paragraphe = 0
        self.tableaux = 0
        self.listes_lues = 0
        self.ecartes: list[Origine] = []

    def blocs(self, conteneur: Element, detail: str = "", liste: tuple[str, str, int] | None = None) -> list[Bloc]:
        blocs: list[Bloc] = []
        for enfant in conteneur:
            tag = enfant.tag
            if tag in _SAUTES:
                continue
            if tag in (f"{TEXT}p", f"{TEXT}h"):
                blocs.append(self.paragraphe(enfant, detail, liste))
            elif tag == f"{TEXT}list":
                blocs += self.liste(enfant, detail, liste)
            elif tag == f"{TABLE}table":
                blocs.append(self.tableau(enfant))
            elif tag in (f"{TEXT}section", f"{TABLE}table-header-rows", f"{TEXT}list-header"):
                blocs += self.blocs(enfant, detail, liste)
        return blocs

    def liste(self, element: Element, detail: str, parent: tuple[str, str, int] | None) -> list[Bloc]:
        """``(style, identifiant, niveau)`` : le style vient de la liste, à défaut de la liste englobante."""
        self.listes_lues += 1
        style = element.get(f"{TEXT}style-name") or (parent[0] if parent else "")
        suite = element.get(f"{TEXT}continue-numbering") == "true" or element.get(f"{TEXT}continue-list")
        identifiant = style if (suite or parent) else f"{style}#{self.listes_lues}"
        if parent:
            identifiant = parent[1]
        niveau = parent[2] + 1 if parent else 0
        blocs: list[Bloc] = []
        for element_de_liste in element:
            if element_de_liste.tag == f"{TEXT}list-item":
                contenu = self.blocs(element_de_liste, detail, (style, identifiant, niveau))
                # Seul le premier paragraphe d'un élément porte la puce ; les suivants le prolongent.
                premier = next((b for b in contenu if isinstance(b, Paragraphe) and b.puce is not None), None)
                for bloc in contenu:
                    if isinstance(bloc, Paragraphe) and bloc is not premier and bloc.niveau == niveau and bloc.puce:
                        bloc.puce, bloc.suite = None, True
                blocs += contenu
            elif element_de_liste.tag == f"{TEXT}list-header":
                blocs += self.blocs(element_de_liste, detail, None)
        return blocs

    def tableau(self, element: Element) -> Tableau:
        self.tableaux += 1
        tableau = Tableau(self.tableaux)
        for r, rangee in enumerate(element.iter(f"{TABLE}table-row"), start=1):
            ligne: list[list[Paragraphe]] = []
            cellules = [c for c in rangee if c.tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell")]
            for c, cellule in enumerate(cellules, start=1):
                detail = f"tableau {tableau.numero}, ligne {r}, colonne {c}"
                ligne.append([b for b in self.blocs(cellule, detail) if isinstance(b, Paragraphe)])
            tableau.lignes.append(ligne)
        return tableau

    def paragraphe(self, element: Element, detail: str, liste: tuple[str, str, int] | None) -> Paragraphe:
        self.numero_paragraphe += 1
        origine = Origine(self.numero_paragraphe, unite="paragraphe", detail=detail)
        style = element.get(f"{TEXT}style-name")
        morceaux: list[tuple[str, bool]] = []
        numero = element.find(f"{TEXT}number")
        _textes(element, morceaux, bool(self.styles.est_gras(style)), self.styles)
        if any(True for _ in element.iter(_CADRE)):
            self.ecartes.append(origine)
        texte = "".join(t for t, _ in morceaux)
        visibles = [g for t, g in morceaux if t.strip()]
        paragraphe = Paragraphe(texte, origine, gras=bool(visibles) and all(visibles))
        if element.tag == f"{TEXT}h":
            niveau = element.get(f"{TEXT}outline-level") or "1"
            paragraphe.titre = int(niveau) if niveau.isdigit() else 1
            if numero is not None and (numero.text or "").strip():
                paragraphe.puce = (numero.text or "").strip()
        else:
            paragraphe.titre = self.styles.titre(style)
        if liste is not None and element.tag == f"{TEXT}p" and texte.strip():
            self._numeroter(paragraphe, liste, style)
        return paragraphe

    def _numeroter(self, paragraphe: Paragraphe, liste: tuple[str, str, int], style: str | None) -> None:
        nom_style, identifiant, niveau = liste
        niveaux = self.styles.listes.get(nom_style or self.styles.liste_du_paragraphe(style) or "", {})
        definition = niveaux.get(niveau, NiveauDeListe("bullet", ""))
        if definition.format == "none":
            return
        paragraphe.puce = self.compteurs.suivant(identifiant, niveau, definition, niveaux)
        paragraphe.niveau = niveau


def _textes(element: Element, morceaux: list[tuple[str, bool]], gras: bool, styles: _Styles) -> None:
    if element.text:
        morceaux.append((element.text, gras))
    for enfant in element:
        tag = enfant.tag
        if tag in _SAUTES or tag in (_CADRE, f"{TEXT}number"):
            pass
        elif tag == f"{TEXT}s":
            compte = enfant.get(f"{TEXT}c") or "1"
            morceaux.append((" " * (int(compte) if compte.isdigit() else 1), gras))
        elif tag == f"{TEXT}tab":
            morceaux.append(("\t", gras))
        elif tag == f"{TEXT}line-break":
            morceaux.append(("\n", gras))
        else:
            propre = styles.est_gras(enfant.get(f"{TEXT}style-name")) if tag == f"{TEXT}span" else None
            _textes(enfant, morceaux, gras if propre is None else propre, styles)
        if enfant.tail:
            morceaux.append((enfant.tail, gras))


def lire_odt(donnees: bytes, nom: str) -> DocumentLu:
    """Le texte d'un .odt, prêt pour ``lire_annexe``."""
    contenu = lire_xml(donnees, "content.xml", nom)
    assert contenu is not None  # obligatoire : lire_xml a refusé sinon
    styles = _Styles([lire_xml(donnees, "styles.xml", nom, obligatoire=False), contenu])
    lecteur = _LecteurOdt(styles)
    corps = contenu.find(f"{OFFICE}body/{OFFICE}text")
    redaction = Redaction()
    rediger(lecteur.blocs(corps if corps is not None else contenu), redaction)
    for origine in lecteur.ecartes:
        redaction.ecarter("(cadre)", "image ou zone de texte dans le paragraphe : son texte n'est pas lu", origine)
    return redaction.document("OpenDocument (.odt)")
