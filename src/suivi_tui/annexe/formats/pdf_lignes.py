"""Les lignes d'une page PDF à partir de ses mots placés : colonnes, ordre de lecture, numéros de ligne.

Géométrie pure (aucune bibliothèque PDF) : ``pdf.py`` fournit les mots, ce module les range.
Une page en deux colonnes se lit colonne de gauche puis colonne de droite, bloc par bloc ; une
ligne qui enjambe la gouttière (titre sur toute la largeur) sépare deux blocs.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Mot:
    """Des caractères contigus de même police et taille, placés sur la page (points, origine en haut à gauche)."""

    texte: str
    x0: float
    x1: float
    top: float
    bottom: float
    taille: float
    gras: bool


@dataclass
class LignePdf:
    """Une ligne de texte d'une page, dans l'ordre de lecture ; ``numero`` compte depuis le haut de la page."""

    page: int
    mots: list[Mot]
    colonne: tuple[int, int] = (0, 0)  # (bloc, colonne) dans la page : deux lignes voisines d'une même colonne
    numero: int = 0
    gauche: float = 0.0  # bord gauche du texte de la colonne
    droite: float = 0.0  # bord droit du texte de la colonne

    @cached_property
    def taille(self) -> float:
        """La taille de caractère dominante (les exposants ne comptent pas)."""
        compte: Counter[float] = Counter()
        for mot in self.mots:
            compte[round(mot.taille * 2) / 2] += len(mot.texte)
        return compte.most_common(1)[0][0]

    @cached_property
    def corps(self) -> list[Mot]:
        """Les mots à la taille de la ligne : sa hauteur vraie, sans les exposants."""
        taille = self.taille
        return [m for m in self.mots if m.taille >= taille * 0.85] or self.mots

    @property
    def top(self) -> float:
        return min(m.top for m in self.corps)

    @property
    def bottom(self) -> float:
        return max(m.bottom for m in self.corps)

    @property
    def x0(self) -> float:
        return self.mots[0].x0

    @property
    def x1(self) -> float:
        return self.mots[-1].x1

    @property
    def texte(self) -> str:
        return texte_des_mots(self.mots)


def texte_des_mots(mots: list[Mot]) -> str:
    """Les mots joints : une espace là où il y a un blanc, rien entre « 3 » et son exposant « ème »."""
    morceaux: list[str] = []
    precedent: Mot | None = None
    for mot in mots:
        if precedent is not None and mot.x0 - precedent.x1 > 1.0:
            morceaux.append(" ")
        morceaux.append(mot.texte)
        precedent = mot
    return "".join(morceaux)


def _en_lignes(mots: list[Mot]) -> list[list[Mot]]:
    """Les mots groupés en lignes : un mot rejoint la ligne dont la bande verticale contient son milieu."""
    lignes: list[tuple[float, float, list[Mot]]] = []
    for mot in sorted(mots, key=lambda m: (m.bottom, m.x0)):
        milieu = (mot.top + mot.bottom) / 2
        # Les mots viennent par bas croissant : leur ligne est l'une des dernières ouvertes (deux colonnes,
        # exposants), pas une ligne du haut de la page.
        for i in range(len(lignes) - 1, max(-1, len(lignes) - 9), -1):
            haut, bas, contenu = lignes[i]
            if haut - 0.5 <= milieu <= bas + 0.5:
                if mot.taille >= max(m.taille for m in contenu) * 0.85:
                    haut, bas = min(haut, mot.top), max(bas, mot.bottom)
                lignes[i] = (haut, bas, [*contenu, mot])
                break
        else:
            lignes.append((mot.top, mot.bottom, [mot]))
    lignes.sort(key=lambda ligne: ligne[0])
    return [sorted(contenu, key=lambda m: m.x0) for _, _, contenu in lignes]


def _etendues(ligne: list[Mot]) -> list[tuple[float, float]]:
    """Les étendues de texte d'une ligne : mots séparés de moins de 10 points (une espace) fondus ensemble."""
    etendues: list[tuple[float, float]] = []
    for mot in ligne:
        if etendues and mot.x0 - etendues[-1][1] < 10:
            etendues[-1] = (etendues[-1][0], max(etendues[-1][1], mot.x1))
        else:
            etendues.append((mot.x0, mot.x1))
    return etendues


def _traverse(etendues: list[tuple[float, float]], x: float) -> bool:
    """La ligne passe-t-elle sur l'abscisse x (un mot, ou le blanc entre deux mots d'une même phrase) ?"""
    return any(a - 1 <= x <= b + 1 for a, b in etendues)


def _gouttiere(lignes: list[list[Mot]], largeur: float) -> float | None:
    """L'abscisse de la gouttière d'une page en deux colonnes, ou None pour une page d'une colonne."""
    if len(lignes) < 6:
        return None
    etendues = [_etendues(ligne) for ligne in lignes]
    # Combien de lignes passent sur chaque abscisse entière du tiers central : un tableau de différences.
    debut, fin = int(largeur * 0.3), int(largeur * 0.7)
    passages = [0] * (fin - debut + 2)
    for etendue in etendues:
        for gauche, droite in etendue:
            de, a = max(debut, math.ceil(gauche - 1)), min(fin, math.floor(droite + 1))
            if de <= a:
                passages[de - debut] += 1
                passages[a - debut + 1] -= 1
    meilleure: tuple[int, float] | None = None
    cumul = 0
    for rang in range(fin - debut):
        cumul += passages[rang]
        if meilleure is None or cumul < meilleure[0]:
            meilleure = (cumul, float(debut + rang))
    # Titres, en-têtes et paragraphes sur toute la largeur peuvent occuper la moitié de la page.
    if meilleure is None or meilleure[0] > len(lignes) * 0.5:
        return None
    x = meilleure[1]
    libres = [ligne for ligne, e in zip(lignes, etendues, strict=True) if not _traverse(e, x)]
    gauches = [ligne for ligne in libres if any(m.x1 < x for m in ligne)]
    droites = [ligne for ligne in libres if any(m.x0 > x for m in ligne)]
    if len(gauches) < 3 or len(droites) < 3:
        return None
    # La colonne de droite a un bord gauche (ses lignes commencent à ce bord, ou en retrait de puce),
    # et elle côtoie celle de gauche.
    departs = [min(m.x0 for m in ligne if m.x0 > x) for ligne in droites]
    bord = min(departs)
    proches = sum(1 for d in departs if d - bord <= 40)
    # Côte à côte : chaque ligne de droite a une ligne de gauche à moins de trois interlignes.
    hauts_g = [min(m.top for m in ligne if m.x1 < x) for ligne in gauches]
    voisines = 0
    for ligne in droites:
        mot = next(m for m in ligne if m.x0 > x)
        voisines += any(abs(h - mot.top) <= 3 * (mot.bottom - mot.top) for h in hauts_g)
    if proches < len(droites) * 0.6 or voisines < len(droites) * 0.6:
        return None
    return x


def lignes_de_page(numero: int, mots: list[Mot], largeur: float) -> list[LignePdf]:
    """Les lignes d'une page dans l'ordre de lecture, numérotées depuis le haut."""
    brutes = _en_lignes(mots)
    x = _gouttiere(brutes, largeur)
    lignes = [LignePdf(numero, contenu) for contenu in brutes] if x is None else _par_colonnes(numero, mots, x)
    for rang, ligne in enumerate(lignes, start=1):
        ligne.numero = rang
    _bords(lignes)
    return lignes


def _par_colonnes(numero: int, mots: list[Mot], x: float) -> list[LignePdf]:
    """Bloc par bloc (séparés par les lignes qui enjambent la gouttière) : la colonne de gauche, puis la droite.

    Les lignes sur toute la largeur ont la colonne -1 de leur bloc.
    """
    lignes: list[LignePdf] = []
    bloc = 0
    gauche: list[Mot] = []
    droite: list[Mot] = []

    def vider() -> None:
        lignes.extend(LignePdf(numero, c, (bloc, 0)) for c in _en_lignes(gauche))
        lignes.extend(LignePdf(numero, c, (bloc, 1)) for c in _en_lignes(droite))
        gauche.clear()
        droite.clear()

    for contenu in _en_lignes(mots):
        if _traverse(_etendues(contenu), x):
            if gauche or droite:
                vider()
                bloc += 1
            lignes.append(LignePdf(numero, contenu, (bloc, -1)))
            continue
        if lignes and lignes[-1].colonne[1] == -1 and not (gauche or droite):
            bloc += 1
        gauche.extend(m for m in contenu if m.x1 <= x)
        droite.extend(m for m in contenu if m.x0 > x)
    vider()
    return lignes


def _bords(lignes: list[LignePdf]) -> None:
    """Le bord gauche et le bord droit du texte de chaque colonne : ce qui dit qu'une ligne est pleine.

    Les lignes sur toute la largeur d'une page en colonnes partagent les bords de la page.
    """
    groupes: dict[tuple[int, int], list[LignePdf]] = {}
    for ligne in lignes:
        cle = (-1, -1) if ligne.colonne[1] == -1 else ligne.colonne
        groupes.setdefault(cle, []).append(ligne)
    for groupe in groupes.values():
        gauche, droite = min(ligne.x0 for ligne in groupe), max(ligne.x1 for ligne in groupe)
        for ligne in groupe:
            ligne.gauche, ligne.droite = gauche, droite
