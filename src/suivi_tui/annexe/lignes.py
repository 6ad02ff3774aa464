"""Classer chaque ligne de l'annexe prise seule : titre d'axe, partie, puce, mobilier de page, texte…"""

from __future__ import annotations

import enum
import re
from collections import Counter
from dataclasses import dataclass, replace

from .balisage import nettoyer_balisage


class Genre(enum.Enum):
    """Ce qu'est une ligne prise seule, avant toute lecture de la structure."""

    VIDE = "vide"
    MEUBLE = "mobilier"
    AXE = "axe"
    TITRE = "titre"
    PARTIE = "partie"
    PUCE = "puce"
    CLOTURE = "clôture"
    TEXTE = "texte"


@dataclass(frozen=True)
class Ligne:
    """Une ligne classée : son genre, son texte nettoyé, et ce que le lecteur doit en savoir."""

    numero: int
    genre: Genre
    texte: str = ""
    brut: str = ""
    retrait: int = 0
    niveau: int = 0  # nombre de « # » d'un titre Markdown, 0 pour une ligne simple ou en gras
    numero_axe: str = ""
    valeur_axe: int = 0
    raison: str = ""


def _en_romain(n: int) -> str:
    return "X" * (n // 10) + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[n % 10]


# Seules les formes canoniques comptent : « IIII » ou « VX » ne sont pas des numéros d'axe.
_ROMAINS = {_en_romain(n): n for n in range(1, 40)}

_RE_TITRE_MD = re.compile(r" {0,3}(?P<dieses>#{1,6})(?:[ \t]+(?P<texte>.*?))?(?:[ \t]+#+)?[ \t]*")
_RE_GRAS_ENTIER = re.compile(r"\s*(?:\*\*|__|<(?:b|strong)>).+(?:\*\*|__|</(?:b|strong)>)\s*:?\s*", re.IGNORECASE)
_RE_AXE_MOT = re.compile(r"(?i:axe)\s+(?P<num>[IVXivx]+|\d{1,2})(?!\w)\s*(?P<sep>[.:)°–—-]*)\s*(?P<titre>\S.*)")
_RE_AXE_NUM = re.compile(r"(?P<num>[IVX]+|\d{1,2})(?!\w)\s*(?P<sep>[.:)°–—-]*)\s*(?P<titre>[^\W\d_].*|[«\"“].*)")
_RE_SEPARATEUR = re.compile(r"([-*_])(?:\s*\1){2,}")
_RE_PUCE = re.compile(
    r"(?P<retrait>[ \t]*)"
    r"(?:[•◦●▪▫■□·➢➤►▶✓✔❖→][ \t\u00a0]*"
    # « -Fermer » : tiret collé à une majuscule, puce mal tapée ; jamais le début d'une ligne repliée.
    r"|[-–—](?=[A-ZÀ-ÖØ-Þ])"
    r"|(?:[-*+–—o]|\d{1,2}[.)]|[a-z]\))(?:[ \t\u00a0]+|$))"
    r"(?P<texte>.*)"
)
_ADVERBES = r"notamment|également|egalement|aussi|ainsi|en outre|par ailleurs|conjointement|à ce titre"
_RE_PARTIE = re.compile(
    rf"(?P<sujet>\S.{{0,160}}?)\s+s['’]\s?engagen?t?(?:\s+(?:{_ADVERBES}))?(?:\s+(?:à|a)\s*:?|\s*:)",
    re.IGNORECASE,
)
# « Les signataires » n'est une clôture que seul sur sa ligne : en tête de phrase, c'est de la prose d'introduction.
_RE_CLOTURE = re.compile(
    r"(?:fait\s+(?:à|a|en)\s|lu\s+et\s+approuvé|(?:signatures?|les\s+signataires)\s*:?\s*$)", re.IGNORECASE
)
_MOBILIER = (
    (re.compile(r"[-–—]?\s*\d{1,3}\s*[-–—]?"), "numéro de page"),
    (re.compile(r"(?:page|p\.)\s*\d{1,3}(?:\s*(?:sur|/)\s*\d{1,3})?", re.IGNORECASE), "numéro de page"),
    (re.compile(r"\d{1,3}\s*/\s*\d{1,3}"), "numéro de page"),
    (
        re.compile(r"(?:(?:envoyé|reçu) en préfecture le|affiché le|ID\s*:\s*\d{3}-).{0,100}", re.IGNORECASE),
        "tampon de transmission",
    ),
)


def _retrait(texte: str) -> int:
    developpe = texte.expandtabs(4)
    return len(developpe) - len(developpe.lstrip(" "))


def _raison_mobilier(texte: str) -> str:
    return next((raison for motif, raison in _MOBILIER if motif.fullmatch(texte)), "")


def _lire_axe(texte: str, souple: bool) -> tuple[str, int, str] | None:
    """(numéro écrit, valeur, titre) si ``texte`` est un titre d'axe.

    ``souple`` pour un titre Markdown ou en gras, où « 1. Titre » est bien un titre.
    """
    mot = _RE_AXE_MOT.fullmatch(texte)
    if mot and (souple or mot["sep"]) and texte[:1].isupper():
        num, titre = mot["num"].upper(), mot["titre"]
    else:
        nombre = _RE_AXE_NUM.fullmatch(texte)
        if nombre is None:
            return None
        num, titre = nombre["num"], nombre["titre"]
        romain = num in _ROMAINS
        # Sans « # » ni gras, « 1. Texte » est une puce numérotée : seuls les romains font un titre.
        if not souple and not (romain and nombre["sep"] and titre[:1].isupper()):
            return None
        if not romain and not nombre["sep"]:
            return None
    valeur = _ROMAINS.get(num) if not num.isdigit() else int(num)
    titre = titre.rstrip(" :")
    if not valeur or not titre:
        return None
    return (num if not num.isdigit() else str(valeur)), valeur, titre


def classer(numero: int, brut: str) -> Ligne:
    """Le genre d'une ligne prise seule, avant toute lecture de la structure."""
    sans_saut = brut.replace("\f", "").replace("\v", "")
    base = Ligne(numero, Genre.TEXTE, brut=brut, retrait=_retrait(sans_saut))
    if not sans_saut.strip():
        if sans_saut != brut:
            return replace(base, genre=Genre.MEUBLE, raison="saut de page")
        return replace(base, genre=Genre.VIDE)
    texte = nettoyer_balisage(sans_saut)
    if not texte or _RE_SEPARATEUR.fullmatch(sans_saut.strip()):
        return replace(base, genre=Genre.VIDE)
    raison = _raison_mobilier(texte)
    if raison:
        return replace(base, genre=Genre.MEUBLE, raison=raison)
    titre_md = _RE_TITRE_MD.fullmatch(sans_saut)
    if titre_md:
        return _classer_titre_md(base, titre_md)
    axe = _lire_axe(texte, souple=bool(_RE_GRAS_ENTIER.fullmatch(sans_saut)))
    if axe:
        return replace(base, genre=Genre.AXE, numero_axe=axe[0], valeur_axe=axe[1], texte=axe[2])
    return _classer_contenu(base, sans_saut, texte)


def _classer_titre_md(base: Ligne, titre_md: re.Match[str]) -> Ligne:
    niveau = len(titre_md["dieses"])
    texte = nettoyer_balisage(titre_md["texte"] or "")
    if not texte:
        return replace(base, genre=Genre.VIDE)
    axe = _lire_axe(texte, souple=True)
    if axe:
        return replace(base, genre=Genre.AXE, niveau=niveau, numero_axe=axe[0], valeur_axe=axe[1], texte=axe[2])
    return replace(base, genre=Genre.TITRE, niveau=niveau, texte=texte)


def _classer_contenu(base: Ligne, sans_saut: str, texte: str) -> Ligne:
    puce = _RE_PUCE.fullmatch(sans_saut)
    corps = nettoyer_balisage(puce["texte"]) if puce else texte
    partie = _RE_PARTIE.fullmatch(corps)
    if partie:
        return replace(base, genre=Genre.PARTIE, texte=partie["sujet"].strip())
    if puce:
        if not corps:
            return replace(base, genre=Genre.MEUBLE, raison="puce vide")
        return replace(base, genre=Genre.PUCE, texte=corps)
    if _RE_CLOTURE.match(texte):
        return replace(base, genre=Genre.CLOTURE, texte=texte)
    return replace(base, genre=Genre.TEXTE, texte=texte)


REPETEE = "titre courant répété"


def _est_candidat_titre_courant(ligne: Ligne) -> bool:
    premier = ligne.texte[:1]
    return (
        ligne.genre in (Genre.TEXTE, Genre.TITRE)
        and len(ligne.texte) <= 100
        and (premier.isupper() or premier.isdigit())
    )


def marquer_titres_courants(lignes: list[Ligne]) -> list[Ligne]:
    """Une ligne courte répétée 3 fois ou plus est un en-tête ou un pied de page, pas du contenu."""
    compte = Counter(ligne.texte for ligne in lignes if _est_candidat_titre_courant(ligne))
    return [
        replace(ligne, genre=Genre.MEUBLE, raison=REPETEE)
        if _est_candidat_titre_courant(ligne) and compte[ligne.texte] >= 3
        else ligne
        for ligne in lignes
    ]
