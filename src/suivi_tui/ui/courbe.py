"""Progress charts drawn with block characters: stacked monthly bars with their axes, and one-line sparklines.

Textual's Sparkline scales each series from its own minimum to its maximum: a series going from 3
to 4 réalisés would look like a leap, and two series could not share a scale or be stacked. These
bars start at zero and are scaled to the engagements counted, so they read as « how much of it ».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual.content import Content

from suivi_tui.services.progression import Serie

HUITIEMES = " ▁▂▃▄▅▆▇█"  # 0 to 8 eighths of a cell, from the bottom
REALISES, EN_COURS = "$success", "$primary"
MARGE = 5  # the y-axis labels and their tick


def _points(n: int, place: int) -> list[int]:
    """The indexes of the months drawn when there is room for `place` of them: the last one always."""
    if n <= place:
        return list(range(n))
    pas = n / place
    return sorted({min(n - 1, round((i + 1) * pas) - 1) for i in range(place)})


def _cellule(bas: int, realises: int, cumul: int) -> tuple[str, str]:
    """One cell of a stacked bar (heights in eighths from the bottom): its character and style."""
    haut = bas + 8
    if cumul <= bas:
        return " ", ""
    if realises >= haut:
        return "█", REALISES
    if realises <= bas:
        return HUITIEMES[min(cumul, haut) - bas], EN_COURS
    # The réalisés end inside this cell: their part in front, the en cours (if they reach the top) behind.
    fond = f" on {EN_COURS}" if cumul >= haut else ""
    return HUITIEMES[realises - bas], f"{REALISES}{fond}"


def histogramme(mois: Sequence[dt.date], serie: Serie, largeur: int, hauteur: int = 8) -> Content:
    """Stacked monthly bars (réalisés below, en cours above) out of serie.total, with the y and month axes."""
    place = max(largeur - MARGE, 1)
    indexes = _points(len(mois), place)
    par_mois = max(1, min(3, place // max(len(indexes), 1)))
    total = max(serie.total, 1)
    echelle = hauteur * 8
    barres = [
        (round(serie.realises[i] * echelle / total), round((serie.realises[i] + serie.en_cours[i]) * echelle / total))
        for i in indexes
    ]
    lignes: list[Content] = []
    for rang in range(hauteur - 1, -1, -1):
        if rang == hauteur - 1:
            etiquette = f"{serie.total:>3} ┤"
        elif rang == 0:
            etiquette = "  0 ┤"
        elif rang == hauteur // 2:
            etiquette = f"{serie.total // 2:>3} ┤"
        else:
            etiquette = "    │"
        morceaux: list[tuple[str, str] | str] = [(etiquette, "$text-muted")]
        for realises, cumul in barres:
            caractere, style = _cellule(rang * 8, realises, cumul)
            morceaux.append((caractere * par_mois, style) if style else " " * par_mois)
        lignes.append(Content.assemble(*morceaux))
    lignes.append(Content.styled("    └" + "─" * (len(indexes) * par_mois), "$text-muted"))
    lignes.append(Content.styled(" " * MARGE + _annees(mois, indexes, par_mois), "$text-muted"))
    return Content("\n").join(lignes)


def _annees(mois: Sequence[dt.date], indexes: Sequence[int], par_mois: int) -> str:
    """The year written under its first month drawn, when there is room before the next one."""
    texte = [" "] * (len(indexes) * par_mois)
    vue: set[int] = set()
    for position, i in enumerate(indexes):
        annee = mois[i].year
        debut = position * par_mois
        if annee in vue or debut + 4 > len(texte) or any(c != " " for c in texte[max(0, debut - 1) : debut + 4]):
            continue
        vue.add(annee)
        texte[debut : debut + 4] = str(annee)
    return "".join(texte).rstrip()


def legende(serie: Serie) -> Content:
    return Content.assemble(
        ("█", REALISES),
        f" réalisés ({serie.realises[-1] if serie.realises else 0})   ",
        ("█", EN_COURS),
        f" en cours ({serie.en_cours[-1] if serie.en_cours else 0})   sur {serie.total} engagements",
    )


def etincelle(valeurs: Sequence[int], total: int, largeur: int) -> str:
    """One line of bars from zero to total (not from the series' own minimum), « · » for none: the last value shown."""
    if not valeurs:
        return ""
    indexes = _points(len(valeurs), max(largeur, 1))
    return "".join(HUITIEMES[max(1, round(valeurs[i] * 8 / max(total, 1)))] if valeurs[i] else "·" for i in indexes)
