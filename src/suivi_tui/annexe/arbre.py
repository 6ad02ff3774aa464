"""Reconnaître les nœuds de l'arbre d'un contrat « Quartiers 2030 » : enjeux, orientations, objectifs.

Un nœud s'écrit avec le nom de son niveau et son numéro (« Enjeu 1 – Titre », « Orientation
stratégique 1.2 : Titre », « Objectif opérationnel 1.2.3 – Titre »), en titre Markdown, en gras
ou en ligne simple ; ou, en titre Markdown ou en gras seulement, par sa seule numérotation
(« ### 1.2.3 Titre » : sa profondeur est le nombre de ses numéros). Le nom du niveau est gardé
tel que le document le donne.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .balisage import majuscule, plier

# Depth of each level's name; the name itself is kept as written.
PROFONDEURS = (
    ("enjeu", 1),
    ("axe strategique", 1),
    ("orientation", 2),
    ("sous-objectif", 4),
    ("objectif", 3),
)
NIVEAUX_PAR_DEFAUT = {1: "Enjeu", 2: "Orientation", 3: "Objectif opérationnel", 4: "Sous-objectif"}

_RE_MOT = re.compile(
    r"(?P<mot>enjeu|axe\s+strat[ée]gique|orientation(?:\s+strat[ée]gique)?|sous-objectif"
    r"|objectif(?:\s+op[ée]rationnel|\s+strat[ée]gique)?)"
    r"(?:\s+n°)?(?:\s+(?P<num>\d{1,2}(?:\.\d{1,2}){0,3}))?\.?\s*(?:[:.–—-]\s*)?(?P<titre>.*)",
    re.IGNORECASE,
)
_RE_NUMEROS = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s*(?:[:.–—-]\s*)?(?P<titre>[^\W\d_].*|[«\"“].*)")
_RE_PREMIER_NIVEAU = re.compile(r"(?P<num>\d{1,2})[.)]\s*(?:[–—-]\s*)?(?P<titre>[^\W\d_].*)")


@dataclass(frozen=True)
class Noeud:
    """Un titre de nœud lu : son niveau tel qu'écrit (vide : d'après la numérotation), sa profondeur."""

    niveau: str
    profondeur: int
    numero: str  # « 1.2.3 », « 2 », ou vide quand le document n'en donne pas
    titre: str


def _profondeur(mot: str) -> int:
    plie = plier(mot)
    return next(p for debut, p in PROFONDEURS if plie.startswith(debut))


def lire_noeud(texte: str, *, titre: bool, arbre: bool = False) -> Noeud | None:
    """Le nœud que ``texte`` ouvre, s'il en ouvre un.

    ``titre`` : la ligne est un titre Markdown ou en gras (seule une telle ligne peut n'avoir que
    des numéros) ; ``arbre`` : le document est déjà reconnu comme un arbre, où « ## 1. Titre » est
    un nœud de premier niveau.
    """
    mot = _RE_MOT.fullmatch(texte)
    if mot and mot["titre"].strip() and (titre or mot["num"]) and texte[:1].isupper():
        niveau = majuscule(" ".join(mot["mot"].split()).lower())
        return Noeud(niveau, _profondeur(mot["mot"]), mot["num"] or "", mot["titre"].strip())
    if not titre:
        return None
    numeros = _RE_NUMEROS.fullmatch(texte)
    if numeros:
        return Noeud("", numeros["num"].count(".") + 1, numeros["num"], numeros["titre"].strip())
    premier = _RE_PREMIER_NIVEAU.fullmatch(texte) if arbre else None
    if premier:
        return Noeud("", 1, premier["num"], premier["titre"].strip())
    return None


_RE_ENGAGEMENTS = re.compile(
    r"(?:les\s+)?engagements?\s+(?:des|de\s+chaque|par)\s+(?:signataires?|partenaires?|parties?)\s*:?", re.IGNORECASE
)


def ouvre_les_engagements(texte: str) -> bool:
    """« Engagements des signataires : » : la suite est une liste par signataire."""
    return bool(_RE_ENGAGEMENTS.fullmatch(texte))
