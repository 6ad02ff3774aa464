"""Les numéros des listes d'un traitement de texte (« I. », « 1. », « a) ») : le texte ne les contient pas."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NiveauDeListe:
    """Un niveau de liste : ``format`` à la Word (bullet, decimal, upperRoman…), ``modele`` « %1. », départ."""

    format: str
    modele: str
    depart: int = 1


def _romain(n: int) -> str:
    valeurs: tuple[tuple[int, str], ...] = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"))
    valeurs += ((90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    resultat = ""
    for valeur, lettres in valeurs:
        while n >= valeur:
            resultat, n = resultat + lettres, n - valeur
    return resultat


def _lettre(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def formater(n: int, format_: str) -> str:
    """« 3 » en chiffres, romains ou lettres selon le format du niveau."""
    if n < 1:
        return str(n)
    return {
        "upperRoman": _romain(n),
        "lowerRoman": _romain(n).lower(),
        "upperLetter": _lettre(n).upper(),
        "lowerLetter": _lettre(n),
        "decimalZero": f"{n:02d}",
    }.get(format_, str(n))


@dataclass
class Compteurs:
    """Les compteurs de chaque liste, niveau par niveau ; un niveau repart quand un niveau supérieur avance."""

    valeurs: dict[str, dict[int, int]] = field(default_factory=dict)

    def suivant(self, liste: str, niveau: int, definition: NiveauDeListe, niveaux: dict[int, NiveauDeListe]) -> str:
        """La marque de l'élément suivant : "-" pour une puce, sinon son numéro (« II. », « 2) »)."""
        if definition.format == "bullet":
            return "-"
        compteurs = self.valeurs.setdefault(liste, {})
        compteurs[niveau] = compteurs.get(niveau, definition.depart - 1) + 1
        for plus_profond in [n for n in compteurs if n > niveau]:
            del compteurs[plus_profond]

        def remplacer(trouve: re.Match[str]) -> str:
            rang = int(trouve[1]) - 1
            autre = niveaux.get(rang, definition)
            return formater(compteurs.get(rang, autre.depart), autre.format)

        marque = re.sub(r"%([1-9])", remplacer, definition.modele).strip()
        return marque or formater(compteurs[niveau], definition.format)
