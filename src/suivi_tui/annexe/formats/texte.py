"""Le texte tiré d'un document, rendu comparable au Markdown : caractères normalisés, puces, césures, codes de champ.

Partagé par les lecteurs PDF, Word et OpenDocument : une correction ici vaut pour tous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# NFKC, sauf ce qui changerait le sens d'un texte administratif français : « m² » deviendrait
# « m2 », « 3ᵉ » « 3e », « ½ » « 1⁄2 ». Guillemets « », apostrophe ’ et tirets n'ont pas de forme de
# compatibilité : NFKC les laisse (un test le vérifie).
_GARDES = ("<super>", "<sub>", "<fraction>")
# Invisibles qu'un traitement de texte laisse dans le texte : césure conditionnelle, espaces de largeur nulle.
_INVISIBLES = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Tirets insécables ou typographiques qui valent un trait d'union dans un mot.
_TRAITS = {ord("\u2010"): "-", ord("\u2011"): "-"}

# Puces dessinées par Word, LibreOffice ou une police de symboles (Symbol, Wingdings : zone privée U+F0xx).
PUCES = frozenset("•◦●▪▫■□○◆◇❖➢➤►▶✓✔→·∙‣⁃-–—*o")


def est_glyphe_de_puce(texte: str) -> bool:
    """Un « mot » qui n'est qu'un glyphe de puce : « • », « – », « o » de Word, glyphe U+F0B7 de Symbol."""
    if len(texte) != 1:
        return texte.startswith("(cid:") and texte.endswith(")")  # glyphe sans correspondance Unicode
    # U+FFFD : un glyphe de police de symboles sans correspondance Unicode, seul en tête de ligne.
    return texte in PUCES or 0xF000 <= ord(texte) <= 0xF0FF or texte == "\ufffd"


def normaliser(texte: str) -> str:
    """NFKC prudent : ligatures (ﬁ), espaces insécables et fines, formes de compatibilité ; pas les exposants."""
    texte = unicodedata.normalize("NFC", texte).translate(_INVISIBLES).translate(_TRAITS)
    if texte.isascii():
        return texte
    return "".join(_normaliser_caractere(c) for c in texte)


def _normaliser_caractere(caractere: str) -> str:
    decomposition = unicodedata.decomposition(caractere)
    if not decomposition.startswith("<") or decomposition.startswith(_GARDES):
        return caractere
    return unicodedata.normalize("NFKC", caractere)


# Un champ Word dont le code a fui dans le texte à la place (ou à côté) de son résultat :
# « PAGE \* MERGEFORMAT », « NUMPAGES \* Arabic », « DATE \@ "dd/MM/yyyy" ».
_RE_CODE_DE_CHAMP = re.compile(
    r"\b(?:PAGE|NUMPAGES|SECTIONPAGES|SECTION|DATE|TIME|FILENAME|AUTHOR|TITLE|STYLEREF|PAGEREF|REF|SEQ)\b"
    r"(?:\s+(?:\"[^\"]*\"|[^\s\\]+))??"
    r"(?:\s*\\[*@#!a-z](?:\s*(?:\"[^\"]*\"|MERGEFORMAT|CHARFORMAT|Arabic|roman|ROMAN|alphabetic|ALPHABETIC))?)+",
)


def retirer_codes_de_champ(texte: str) -> str:
    """Le texte sans les codes de champ Word qui y ont fui (« Page PAGE \\* MERGEFORMAT 2 » → « Page 2 »)."""
    if "\\" not in texte:
        return texte
    return " ".join(_RE_CODE_DE_CHAMP.sub(" ", texte).split())


# Expressions toujours écrites avec un trait d'union, que le lexique du document ne connaîtrait pas.
_TOUJOURS_LIEES = frozenset(
    {
        "au-delà",
        "au-dessus",
        "au-dessous",
        "au-devant",
        "ci-dessus",
        "ci-dessous",
        "ci-après",
        "ci-joint",
        "ci-jointe",
        "ci-contre",
        "c'est-à-dire",
        "peut-être",
        "vis-à-vis",
        "là-bas",
        "rendez-vous",
        "après-midi",
        "week-end",
    }
)
_VOYELLES = frozenset("aeiouyàâäéèêëîïôöûùüÿœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÙÜŸŒÆ")
_RE_MOT = re.compile(r"[\w'’-]+")


def lexique(lignes: Iterable[str]) -> set[str]:
    """Les mots (minuscules) écrits en entier sur une ligne : ce qui départage une césure d'un trait d'union."""
    mots: set[str] = set()
    for ligne in lignes:
        mots.update(m.lower().strip("-") for m in _RE_MOT.findall(ligne))
    return mots


def coupure_de_ligne(avant: str, apres: str, mots: set[str]) -> str:
    """Ce qui relie deux lignes quand ``avant`` finit par « - » : "" (césure, retirée) ou "-" (vrai trait d'union).

    « accompa- / gner » est une césure ; « Saint-Aubin- / sur-Lise », « auto- / entrepreneuriat »
    et « 2020- / 2022 » gardent leur trait d'union.
    """
    gauche = _RE_MOT.findall(avant)
    droite = _RE_MOT.findall(apres)
    fin = gauche[-1].rstrip("-") if gauche else ""
    debut = droite[0] if droite else ""
    if not fin or not debut or not fin[-1].isalpha() or not debut[0].isalpha():
        return "-"  # « 2020- / 2022 », « R+6- » : pas une césure de mot
    lie, colle = f"{fin}-{debut}".lower(), f"{fin}{debut}".lower()
    # Le document lui-même d'abord : le mot écrit ailleurs en entier sur une ligne.
    if colle in mots and lie not in mots:
        return ""
    if lie in _TOUJOURS_LIEES or lie in mots:
        return "-"
    # « Saint-Aubin- / sur-Lise », « Hauts- / de-Seine », « Val-de- / Marne » : noms composés.
    if debut[0].isupper() or fin.split("-")[-1][:1].isupper() or "-" in debut.strip("-"):
        return "-"
    # Les motifs de césure français ne coupent jamais entre deux voyelles : « primo- / accédants ».
    if fin[-1] in _VOYELLES and debut[0] in _VOYELLES:
        return "-"
    return ""


def joindre(avant: str, apres: str, mots: set[str]) -> str:
    """Deux lignes d'un même paragraphe en une : espace, ou rien après une césure."""
    if not avant:
        return apres
    if not apres:
        return avant
    if avant.endswith("-") and not avant.endswith(" -"):
        lien = coupure_de_ligne(avant, apres, mots)
        return avant[:-1] + lien + apres
    return f"{avant} {apres}"
