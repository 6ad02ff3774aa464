"""Lire un document Word (.docx) : ``word/document.xml`` avec la bibliothèque standard (zipfile, ElementTree).

Titres par leur style (« Titre 1 », « Heading 1 », identifiants ``Titre1``/``Heading1``, niveau
hiérarchique) ; puces et numéros d'après la numérotation de Word (``w:numPr`` : le texte n'a
aucun caractère de puce), leur profondeur d'après le niveau dans la liste (``w:ilvl``) ou le style
de liste de Word qui la porte (« List Bullet 2 », « List Number 3 » : une liste à part, plus en
retrait, dont le niveau reste 0) ; tableaux ; sauts de ligne manuels ; modifications suivies acceptées
(``w:ins`` gardé, ``w:del`` écarté) ; commentaires, notes, codes de champ et table des matières
ignorés. Le résultat de chaque champ (numéro de page…) est gardé, son code non.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from ..modele import Origine
from .archive import lire_xml
from .document import DocumentLu, Redaction
from .numerotation import Compteurs, NiveauDeListe
from .paragraphes import Bloc, Paragraphe, Tableau, rediger

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RE_TITRE = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)
_RE_TABLE_DES_MATIERES = re.compile(r"^(?:toc|tm)\s*\d", re.IGNORECASE)
# Les styles de liste de Word d'un niveau donné (« List Bullet 2 », « List Number 3 », « List 2 ») : chacun a
# sa propre liste à un seul niveau, plus en retrait ; son chiffre est la profondeur (``ilvl`` y reste 0).
_RE_LISTE_DE_NIVEAU = re.compile(
    r"^(?:list|liste)\s*(?:bullet|number|continue|[àa]\s*puces|puces|num[ée]ro(?:s|t[ée]e)?|numros|suite)?\s*([2-9])$",
    re.IGNORECASE,
)
# Ce qui n'est pas du texte du document : supprimé, déplacé ailleurs, code de champ, commentaire, note, dessin.
_SAUTES = {
    f"{W}{nom}"
    for nom in (
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "rPr",
        "pPr",
        "commentReference",
        "footnoteReference",
        "endnoteReference",
        "drawing",
        "pict",
        "object",
        "fldData",
    )
} | {f"{MC}AlternateContent"}
_VRAI = {None, "1", "true", "on"}


@dataclass
class _Style:
    nom: str
    parent: str | None
    titre: int
    gras: bool | None
    numerotation: tuple[str, int] | None  # (numId, ilvl)
    sommaire: bool
    niveau_liste: int = 0  # « List Bullet 2 » : 1 ; 0 pour les autres


def _val(element: Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _gras(rpr: Element | None) -> bool | None:
    if rpr is None:
        return None
    b = rpr.find(f"{W}b")
    return None if b is None else _val(b) in _VRAI


def _niveau_titre(identifiant: str, nom: str, ppr: Element | None) -> int:
    for candidat in (nom, identifiant):
        trouve = _RE_TITRE.match(candidat) or re.match(r"^(?:Heading|Titre)(\d)$", candidat)
        if trouve:
            return int(trouve[1])
    if nom.lower() in ("title", "titre"):
        return 1
    niveau = _val(ppr.find(f"{W}outlineLvl")) if ppr is not None else None
    return int(niveau) + 1 if niveau is not None and niveau.isdigit() and int(niveau) < 9 else 0


def _numerotation(ppr: Element | None) -> tuple[str, int] | None:
    numpr = ppr.find(f"{W}numPr") if ppr is not None else None
    if numpr is None:
        return None
    num_id = _val(numpr.find(f"{W}numId"))
    ilvl = _val(numpr.find(f"{W}ilvl"))
    return (num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0) if num_id is not None else None


def _styles(racine: Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    for style in racine.iter(f"{W}style") if racine is not None else ():
        if style.get(f"{W}type") != "paragraph":
            continue
        identifiant = style.get(f"{W}styleId") or ""
        nom = _val(style.find(f"{W}name")) or identifiant
        ppr = style.find(f"{W}pPr")
        styles[identifiant] = _Style(
            nom,
            _val(style.find(f"{W}basedOn")),
            _niveau_titre(identifiant, nom, ppr),
            _gras(style.find(f"{W}rPr")),
            _numerotation(ppr),
            bool(_RE_TABLE_DES_MATIERES.match(nom) or _RE_TABLE_DES_MATIERES.match(identifiant)),
            _niveau_de_liste(identifiant, nom),
        )
    return styles


def _niveau_de_liste(identifiant: str, nom: str) -> int:
    """La profondeur d'un style de liste de Word numéroté (« List Bullet 2 » : 1), 0 pour un autre style."""
    trouve = _RE_LISTE_DE_NIVEAU.match(nom) or _RE_LISTE_DE_NIVEAU.match(identifiant)
    return int(trouve[1]) - 1 if trouve else 0


def _chaine(styles: dict[str, _Style], identifiant: str | None) -> list[_Style]:
    """Le style et ceux dont il hérite (``basedOn``), du plus proche au plus lointain."""
    chaine: list[_Style] = []
    while identifiant and identifiant in styles and len(chaine) < 20:
        chaine.append(styles[identifiant])
        identifiant = styles[identifiant].parent
    return chaine


def _niveaux(racine: Element | None) -> dict[str, dict[int, NiveauDeListe]]:
    """Les niveaux de chaque liste (numId) : format (puce, décimal, romain…), modèle « %1. », départ."""
    if racine is None:
        return {}
    abstraits: dict[str, dict[int, NiveauDeListe]] = {}
    for abstrait in racine.iter(f"{W}abstractNum"):
        niveaux = {}
        for lvl in abstrait.iter(f"{W}lvl"):
            ilvl = int(lvl.get(f"{W}ilvl") or 0)
            depart = _val(lvl.find(f"{W}start"))
            niveaux[ilvl] = NiveauDeListe(
                _val(lvl.find(f"{W}numFmt")) or "decimal",
                _val(lvl.find(f"{W}lvlText")) or "",
                int(depart) if depart and depart.lstrip("-").isdigit() else 1,
            )
        abstraits[abstrait.get(f"{W}abstractNumId") or ""] = niveaux
    listes: dict[str, dict[int, NiveauDeListe]] = {}
    for num in racine.iter(f"{W}num"):
        niveaux = dict(abstraits.get(_val(num.find(f"{W}abstractNumId")) or "", {}))
        for surcharge in num.iter(f"{W}lvlOverride"):
            ilvl = int(surcharge.get(f"{W}ilvl") or 0)
            depart = _val(surcharge.find(f"{W}startOverride"))
            if depart and depart.isdigit() and ilvl in niveaux:
                niveaux[ilvl] = NiveauDeListe(niveaux[ilvl].format, niveaux[ilvl].modele, int(depart))
        listes[num.get(f"{W}numId") or ""] = niveaux
    return listes


class _LecteurDocx:
    """Parcourt le corps du document : paragraphes, tableaux, contrôles de contenu."""

    def __init__(self, styles: dict[str, _Style], listes: dict[str, dict[int, NiveauDeListe]]) -> None:
        self.styles = styles
        self.listes = listes
        self.compteurs = Compteurs()
        self.numero_paragraphe = 0
        self.tableaux = 0
        self.ecartes: list[tuple[str, Origine]] = []
        self.precedent: Paragraphe | None = None

    def blocs(self, conteneur: Element, detail: str = "") -> list[Bloc]:
        blocs: list[Bloc] = []
        for enfant in conteneur:
            if enfant.tag == f"{W}p":
                paragraphe = self.paragraphe(enfant, detail)
                if paragraphe is not None:
                    blocs.append(paragraphe)
            elif enfant.tag == f"{W}tbl":
                blocs.append(self.tableau(enfant))
            elif enfant.tag == f"{W}sdt":
                galerie = enfant.find(f".//{W}docPartGallery")
                if _val(galerie) == "Table of Contents":
                    continue  # la table des matières répète les titres d'axes
                contenu = enfant.find(f"{W}sdtContent")
                if contenu is not None:
                    blocs += self.blocs(contenu, detail)
            elif enfant.tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo"):
                blocs += self.blocs(enfant, detail)
        return blocs

    def tableau(self, element: Element) -> Tableau:
        self.tableaux += 1
        tableau = Tableau(self.tableaux)
        for r, tr in enumerate(element.iter(f"{W}tr"), start=1):
            ligne: list[list[Paragraphe]] = []
            for c, tc in enumerate(tr.findall(f"{W}tc"), start=1):
                detail = f"tableau {tableau.numero}, ligne {r}, colonne {c}"
                cellule = [b for b in self.blocs(tc, detail) if isinstance(b, Paragraphe)]
                ligne.append(cellule)
            tableau.lignes.append(ligne)
        return tableau

    def paragraphe(self, p: Element, detail: str) -> Paragraphe | None:
        self.numero_paragraphe += 1
        origine = Origine(self.numero_paragraphe, unite="paragraphe", detail=detail)
        ppr = p.find(f"{W}pPr")
        chaine = _chaine(self.styles, _val(ppr.find(f"{W}pStyle")) if ppr is not None else None)
        if any(s.sommaire for s in chaine[:1]):
            return None
        morceaux: list[tuple[str, bool]] = []
        _textes(p, morceaux, self._gras_du_style(chaine), [0])
        texte = "".join(t for t, _ in morceaux)
        if _dessins(p):
            self.ecartes.append(("zone de texte ou image dans le paragraphe", origine))
        titre = next((s.titre for s in chaine if s.titre), 0)
        propre = _niveau_titre("", "", ppr) if ppr is not None else 0
        paragraphe = Paragraphe(texte, origine, titre=propre or titre)
        visibles = [(t, g) for t, g in morceaux if t.strip()]
        paragraphe.gras = bool(visibles) and all(g for _, g in visibles)
        numerotation = _numerotation(ppr) or next((s.numerotation for s in chaine if s.numerotation), None)
        if numerotation is not None and numerotation[0] != "0" and texte.strip():
            niveau = self.listes.get(numerotation[0], {}).get(numerotation[1])
            if niveau is not None and niveau.format != "none":
                marque = self.compteurs.suivant(numerotation[0], numerotation[1], niveau, self.listes[numerotation[0]])
                # La profondeur : le niveau dans la liste (ilvl), ou celle du style (« List Bullet 2 »).
                profondeur = max(numerotation[1], next((s.niveau_liste for s in chaine if s.niveau_liste), 0))
                paragraphe.puce, paragraphe.niveau = marque, profondeur
        elif self.precedent is not None and self.precedent.puce is not None and not titre and _retrait(ppr) > 0:
            # Un paragraphe en retrait, sans numéro, juste après un élément de liste : la suite de cet élément.
            paragraphe.suite, paragraphe.niveau = True, self.precedent.niveau
        if texte.strip():
            self.precedent = paragraphe
        return paragraphe

    def _gras_du_style(self, chaine: list[_Style]) -> bool:
        return next((s.gras for s in chaine if s.gras is not None), False)


def _retrait(ppr: Element | None) -> int:
    """Le retrait gauche d'un paragraphe, en vingtièmes de point (0 sans retrait)."""
    retrait = ppr.find(f"{W}ind") if ppr is not None else None
    if retrait is None:
        return 0
    valeur = retrait.get(f"{W}left") or retrait.get(f"{W}start") or "0"
    return int(valeur) if valeur.lstrip("-").isdigit() else 0


def _dessins(p: Element) -> bool:
    return any(True for _ in p.iter(f"{W}txbxContent"))


def _textes(element: Element, morceaux: list[tuple[str, bool]], gras: bool, champ: list[int]) -> None:
    """Le texte visible d'un paragraphe, morceau par morceau, avec sa graisse.

    ``champ[0]`` : profondeur de code de champ en cours (entre ``begin`` et ``separate``), où
    le texte est le code (« PAGE \\* MERGEFORMAT ») et non son résultat.
    """
    for enfant in element:
        tag = enfant.tag
        if tag in _SAUTES:
            continue
        if tag == f"{W}r":
            _course(enfant, morceaux, gras, champ)
        elif tag == f"{W}fldSimple" or len(enfant):
            _textes(enfant, morceaux, gras, champ)


def _course(r: Element, morceaux: list[tuple[str, bool]], gras: bool, champ: list[int]) -> None:
    propre = _gras(r.find(f"{W}rPr"))
    gras = gras if propre is None else propre
    for enfant in r:
        tag = enfant.tag
        if tag == f"{W}fldChar":
            genre = enfant.get(f"{W}fldCharType")
            if genre == "begin":
                champ[0] += 1
            elif genre == "separate" and champ[0]:
                champ[0] -= 1
            continue
        if champ[0]:
            continue
        if tag == f"{W}t":
            morceaux.append((enfant.text or "", gras))
        elif tag == f"{W}tab":
            morceaux.append(("\t", gras))
        elif tag in (f"{W}br", f"{W}cr"):
            saut = enfant.get(f"{W}type")
            morceaux.append((" " if saut in ("page", "column") else "\n", gras))
        elif tag == f"{W}noBreakHyphen":
            morceaux.append(("-", gras))
        elif tag == f"{W}sym":
            code = enfant.get(f"{W}char") or ""
            if re.fullmatch(r"[0-9A-Fa-f]{2,4}", code):
                morceaux.append((chr(int(code, 16)), gras))


def lire_docx(donnees: bytes, nom: str) -> DocumentLu:
    """Le texte d'un .docx, prêt pour ``lire_annexe``."""
    document = lire_xml(donnees, "word/document.xml", nom)
    assert document is not None  # obligatoire : lire_xml a refusé sinon
    lecteur = _LecteurDocx(
        _styles(lire_xml(donnees, "word/styles.xml", nom, obligatoire=False)),
        _niveaux(lire_xml(donnees, "word/numbering.xml", nom, obligatoire=False)),
    )
    corps = document.find(f"{W}body")
    redaction = Redaction()
    rediger(lecteur.blocs(corps if corps is not None else document), redaction)
    for raison, origine in lecteur.ecartes:
        redaction.ecarter("(contenu graphique)", f"{raison} : son texte n'est pas lu", origine)
    return redaction.document("Word (.docx)")
