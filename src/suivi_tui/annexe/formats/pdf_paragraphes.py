"""Les lignes d'un PDF rendues en paragraphes : mobilier de page écarté, lignes repliées et césures recollées.

Géométrie pure, sur les ``LignePdf`` de ``pdf_lignes`` :

* mobilier : une ligne du haut ou du bas de page qui revient sur plusieurs pages (titre courant,
  « Page 2/5 » : les chiffres ne comptent pas), ou un numéro de page seul en marge ; une ligne de
  table des matières (points de conduite) ; une ligne aux caractères illisibles ;
* paragraphes : une ligne continue la précédente si rien ne la sépare (interligne normal, même
  style, pas de puce, la ligne d'avant était pleine : son premier mot n'y tenait pas) ; d'une
  page ou d'une colonne à la suivante aussi ;
* titres à leur taille (``#`` le plus grand), lignes entièrement en gras ``**…**``, puces
  ``- `` en retrait d'après la position du glyphe (deux espaces par niveau).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from ..balisage import plier
from ..modele import Origine
from .document import Redaction
from .pdf_lignes import LignePdf, Mot, texte_des_mots
from .texte import est_glyphe_de_puce, joindre, lexique, normaliser, retirer_codes_de_champ

MARGE = 0.12  # haut et bas de page où vivent en-têtes et pieds de page (part de la hauteur)
BLANC_DE_MARGE = 12.0  # points entre un en-tête (ou un pied de page) et le corps du texte, au moins
_RE_NUMERO_DE_PAGE = re.compile(
    r"(?:[-–—]?\s*\d{1,3}\s*[-–—]?|(?:page|p\.)\s*\d{1,3}(?:\s*(?:sur|/)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})",
    re.IGNORECASE,
)
_RE_SOMMAIRE = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$")
_RE_NUMERO_DE_LISTE = re.compile(r"\d{1,2}[.)]|[a-z]\)")


@dataclass
class _Ligne:
    """Une ligne du corps du texte, prête à être assemblée."""

    source: LignePdf
    texte: str  # sans la marque de liste
    marque: str | None  # "-" pour un glyphe de puce, « 1. », « a) » pour un numéro, None sinon
    x_marque: float
    x_texte: float
    taille: float
    gras: bool


@dataclass
class _Paragraphe:
    premiere: _Ligne
    texte: str
    derniere: _Ligne
    x_suite: float | None = None  # où commencent ses lignes repliées


@dataclass
class Mobilier:
    """Ce qui a été reconnu comme mobilier de page, par (page, numéro de ligne) : la raison."""

    raisons: dict[tuple[int, int], str] = field(default_factory=dict)


def _motif(texte: str) -> str:
    return re.sub(r"\d+", "#", plier(texte))


def _bandeaux(page: list[LignePdf], hauteur: float) -> list[LignePdf]:
    """Les lignes d'en-tête et de pied de page : en marge, et séparées du corps du texte par un grand blanc.

    Une ligne de contenu qui tombe en haut de page suit la précédente d'un interligne ; l'en-tête,
    lui, est à l'écart (la marge d'en-tête de Word ou de LibreOffice fait plus d'un centimètre).
    """
    lignes = sorted(page, key=lambda ligne: ligne.top)
    bandeaux: list[LignePdf] = []
    if not lignes:
        return bandeaux
    for ordre in (lignes, lignes[::-1]):
        bloc: list[LignePdf] = []
        for ligne, suivante in zip(ordre, [*ordre[1:], None], strict=True):
            en_marge = ligne.top < hauteur * MARGE if ordre is lignes else ligne.bottom > hauteur * (1 - MARGE)
            if not en_marge:
                break
            bloc.append(ligne)
            ecart = (
                (abs(suivante.top - ligne.bottom) if ordre is lignes else abs(ligne.top - suivante.bottom))
                if suivante is not None
                else 1e9
            )
            if ecart >= max(BLANC_DE_MARGE, 1.2 * ligne.taille):
                bandeaux += bloc
                break
    return bandeaux


def reperer_mobilier(pages: list[list[LignePdf]], hauteurs: list[float]) -> Mobilier:
    """En-têtes et pieds de page répétés, numéros de page, tables des matières, lignes illisibles."""
    mobilier = Mobilier()
    en_marge: dict[tuple[int, int], str] = {}
    pages_du_motif: dict[str, set[int]] = {}
    for page, hauteur in zip(pages, hauteurs, strict=True):
        for ligne in _bandeaux(page, hauteur):
            texte = retirer_codes_de_champ(ligne.texte)
            motif = _motif(texte)
            en_marge[(ligne.page, ligne.numero)] = motif
            pages_du_motif.setdefault(motif, set()).add(ligne.page)
            if _RE_NUMERO_DE_PAGE.fullmatch(texte.strip()):
                mobilier.raisons[(ligne.page, ligne.numero)] = "numéro de page"
        for ligne in page:
            # Un glyphe sans correspondance en tête de ligne est une puce (police Symbol) ; ailleurs, du texte perdu.
            suite = ligne.mots[1:] if len(ligne.mots) > 1 else ligne.mots
            if any("(cid:" in m.texte or "\ufffd" in m.texte for m in suite):
                mobilier.raisons[(ligne.page, ligne.numero)] = "caractères illisibles (police sans table Unicode)"
            elif _RE_SOMMAIRE.search(ligne.texte):
                mobilier.raisons[(ligne.page, ligne.numero)] = "table des matières"
    # Sur au moins deux pages, et sur la plupart quand il y en a beaucoup : un titre courant.
    seuil = max(2, len(pages) * 0.4) if len(pages) > 4 else 2
    for lieu, motif in en_marge.items():
        if len(pages_du_motif[motif]) >= seuil and lieu not in mobilier.raisons:
            mobilier.raisons[lieu] = "en-tête ou pied de page répété"
    return mobilier


def _preparer(ligne: LignePdf) -> _Ligne:
    mots = ligne.mots
    marque: str | None = None
    premier = mots[0]
    if len(mots) > 1 and est_glyphe_de_puce(premier.texte):
        marque = "-"
    elif len(mots) > 1 and _RE_NUMERO_DE_LISTE.fullmatch(premier.texte) and mots[1].x0 - premier.x1 > 2.5:
        marque = premier.texte
    reste = mots[1:] if marque else mots
    gras = all(m.gras for m in reste if m.texte.strip())
    texte = normaliser(retirer_codes_de_champ(texte_des_mots(reste)))
    return _Ligne(ligne, " ".join(texte.split()), marque, premier.x0, reste[0].x0, ligne.taille, gras)


def _ecart_normal(lignes: list[_Ligne], taille_corps: float) -> float:
    """L'écart habituel entre deux lignes d'un même paragraphe (le mode), au-delà duquel un paragraphe commence."""
    ecarts: Counter[float] = Counter()
    for a, b in pairwise(lignes):
        if a.source.page == b.source.page and a.source.colonne == b.source.colonne and a.taille == b.taille:
            ecart = b.source.top - a.source.bottom
            if 0 <= ecart < 3 * taille_corps:
                ecarts[round(ecart * 2) / 2] += 1
    normal = ecarts.most_common(1)[0][0] if ecarts else 0.2 * taille_corps
    return normal + max(2.0, 0.2 * taille_corps)


def _centree(ligne: _Ligne) -> bool:
    gauche = ligne.source.x0 - ligne.source.gauche
    droite = ligne.source.droite - ligne.source.x1
    return gauche > 20 and abs(gauche - droite) < 6


def _continue(paragraphe: _Paragraphe, ligne: _Ligne, seuil: float, corps: float) -> bool:
    """La ligne prolonge-t-elle le paragraphe (ligne repliée) ?"""
    avant = paragraphe.derniere
    if ligne.marque is not None or ligne.taille != avant.taille or ligne.gras != avant.gras:
        return False
    meme_colonne = avant.source.page == ligne.source.page and avant.source.colonne == ligne.source.colonne
    if meme_colonne and ligne.source.top - avant.source.bottom > seuil:
        return False
    if not meme_colonne and paragraphe.premiere.taille > corps * 1.15:
        return False  # un titre ne passe pas d'une page à l'autre
    attendu = paragraphe.x_suite if paragraphe.x_suite is not None else paragraphe.premiere.x_texte
    if paragraphe.premiere.marque is not None and ligne.source.x0 < attendu - 3:
        return False  # revenue avant le texte de la puce : un autre paragraphe
    if avant.taille > corps * 1.15 or _centree(avant):
        return True  # titre sur plusieurs lignes, texte centré : la longueur de ligne ne dit rien
    if avant.texte.endswith("-"):
        return True
    place = avant.source.droite - avant.source.x1
    return place <= _largeur_insecable(ligne.source.mots) + 0.3 * ligne.taille + 1


# Une ponctuation que la coupure de ligne ne sépare pas du mot d'avant, même après une espace (règle
# LB13 d'Unicode, suivie par LibreOffice et Word) : « 2023 ; cible » ne se coupe qu'après « ; ».
_RE_PONCTUATION_LIEE = re.compile(r"[;:!?,.)\]…]+")


def _largeur_insecable(mots: list[Mot]) -> float:
    """La largeur du début d'une ligne qui ne pouvait pas finir la ligne d'avant : son premier mot et la
    ponctuation qui lui reste attachée (« 2023 ; »)."""
    fin = mots[0].x1
    for mot in mots[1:]:
        if not _RE_PONCTUATION_LIEE.fullmatch(mot.texte):
            break
        fin = mot.x1
    return fin - mots[0].x0


def assembler(pages: list[list[LignePdf]], hauteurs: list[float], redaction: Redaction) -> None:
    """Écrit les paragraphes du PDF dans ``redaction`` ; le mobilier y est mis de côté, avec sa page et sa ligne."""
    mobilier = reperer_mobilier(pages, hauteurs)
    lignes: list[_Ligne] = []
    for page in pages:
        for physique in page:
            raison = mobilier.raisons.get((physique.page, physique.numero))
            if raison:
                origine = Origine(physique.numero, page=physique.page)
                redaction.ecarter(retirer_codes_de_champ(physique.texte).strip(), raison, origine)
            elif physique.texte.strip():
                lignes.append(_preparer(physique))
    if not lignes:
        return
    _bord_droit_commun(lignes)
    tailles: Counter[float] = Counter()
    for ligne in lignes:
        tailles[ligne.taille] += len(ligne.texte)
    corps = tailles.most_common(1)[0][0]
    seuil = _ecart_normal(lignes, corps)
    mots = lexique(ligne.texte for ligne in lignes)
    paragraphes: list[_Paragraphe] = []
    for ligne in lignes:
        courant = paragraphes[-1] if paragraphes else None
        if courant is not None and _continue(courant, ligne, seuil, corps):
            courant.texte = joindre(courant.texte, ligne.texte, mots)
            courant.derniere = ligne
            if courant.x_suite is None:
                courant.x_suite = ligne.source.x0
        else:
            paragraphes.append(_Paragraphe(ligne, ligne.texte, ligne))
    _rediger(paragraphes, corps, redaction)


def _bord_droit_commun(lignes: list[_Ligne]) -> None:
    """Sur les pages d'une colonne, le bord droit est celui du document : une dernière page courte n'a pas le sien."""
    simples = [ligne for ligne in lignes if ligne.source.colonne == (0, 0)]
    if not simples:
        return
    droite = max(ligne.source.x1 for ligne in simples)
    for ligne in simples:
        ligne.source.droite = droite


def _rangs(valeurs: list[float]) -> list[float]:
    """Les positions distinctes (à 3 points près), de gauche à droite : les niveaux de retrait."""
    rangs: list[float] = []
    for valeur in sorted(valeurs):
        if not rangs or valeur - rangs[-1] > 3:
            rangs.append(valeur)
    return rangs


def _rang(rangs: list[float], valeur: float) -> int:
    return min(range(len(rangs)), key=lambda i: abs(rangs[i] - valeur)) if rangs else 0


def _rediger(paragraphes: list[_Paragraphe], corps: float, redaction: Redaction) -> None:
    tailles_titres = sorted({p.premiere.taille for p in paragraphes if p.premiere.taille > corps * 1.15}, reverse=True)
    retraits = _rangs([p.premiere.x_marque - p.premiere.source.gauche for p in paragraphes if p.premiere.marque])
    puce_avant: _Paragraphe | None = None
    for paragraphe in paragraphes:
        premiere = paragraphe.premiere
        origine = Origine(premiere.source.numero, page=premiere.source.page)
        texte = paragraphe.texte
        if not texte:
            continue
        if premiere.taille in tailles_titres:
            niveau = tailles_titres.index(premiere.taille) + 1
            redaction.ligne(f"{'#' * min(niveau, 6)} {texte}", origine)
            puce_avant = None
        elif premiere.marque is not None:
            rang = _rang(retraits, premiere.x_marque - premiere.source.gauche)
            redaction.ligne(f"{'  ' * rang}{premiere.marque} {texte}", origine)
            puce_avant = paragraphe
        elif puce_avant is not None and abs(premiere.source.x0 - puce_avant.premiere.x_texte) <= 3:
            # Un paragraphe aligné sur le texte de la puce d'avant : la suite de cette puce.
            rang = _rang(retraits, puce_avant.premiere.x_marque - puce_avant.premiere.source.gauche)
            redaction.ligne(f"{'  ' * (rang + 1)}{texte}", origine)
        else:
            redaction.ligne(f"**{texte}**" if premiere.gras and "**" not in texte else texte, origine)
            puce_avant = None
