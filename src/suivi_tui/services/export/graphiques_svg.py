"""Progress charts as inline SVG for the HTML pages: stacked monthly bars with their axes, no external resource.

Written by hand rather than with a charting library: these are plain bars (a rectangle per month and
statut, a few lines and labels), the page must carry no script nor link (pygal's default output loads
its JavaScript from the web), and matplotlib alone would cost a second of import for the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from suivi_tui.services.progression import Progression, Serie

REALISES, EN_COURS, TRAIT, DOUX = "#2E8B57", "#3B74C4", "#D0D6DE", "#5B6673"
MOIS_COURTS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def _n(valeur: float) -> str:
    return f"{valeur:.1f}".rstrip("0").rstrip(".")


def barres(
    mois: Sequence[dt.date], serie: Serie, titre: str, *, largeur: int = 640, hauteur: int = 220, legende: bool = True
) -> str:
    """One chart: réalisés (below) and en cours (above) at each month's end, out of serie.total engagements."""
    gauche, droite, haut, bas = 36, 8, 24 if legende else 10, 28
    w, h = largeur - gauche - droite, hauteur - haut - bas
    total = max(serie.total, 1)
    pas = w / max(len(mois), 1)
    barre = max(pas * 0.8, 1)

    def y(v: float) -> float:  # the chart's one scale
        return haut + h - v * h / total

    morceaux = [
        f'<svg class="graphique" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {largeur} {hauteur}" '
        f'role="img" aria-label="{escape(_resume(mois, serie, titre))}">',
        f"<title>{escape(titre)}</title>",
    ]
    for part in (0, 0.5, 1):
        ligne = y(total * part)
        morceaux.append(
            f'<line x1="{gauche}" x2="{largeur - droite}" y1="{_n(ligne)}" y2="{_n(ligne)}" stroke="{TRAIT}"/>'
            f'<text x="{gauche - 4}" y="{_n(ligne + 3.5)}" text-anchor="end" font-size="10" fill="{DOUX}">'
            f"{round(serie.total * part)}</text>"
        )
    for i, (r, c) in enumerate(zip(serie.realises, serie.en_cours, strict=True)):
        x = gauche + i * pas + (pas - barre) / 2
        if r:
            morceaux.append(_rect(x, y(r), barre, r * h / total, REALISES))
        if c:
            morceaux.append(_rect(x, y(r + c), barre, c * h / total, EN_COURS))
    morceaux += _etiquettes_mois(mois, gauche, pas, haut + h)
    if legende:
        morceaux.append(_legende(gauche, serie))
    morceaux.append("</svg>")
    return "".join(morceaux)


def _rect(x: float, y: float, w: float, h: float, couleur: str) -> str:
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{couleur}"/>'


def _etiquettes_mois(mois: Sequence[dt.date], gauche: float, pas: float, base: float) -> list[str]:
    """January of each year (and the first month) under its bar: « janv. 2021 »."""
    morceaux = []
    dernier = -1e9
    for i, jour in enumerate(mois):
        x = gauche + (i + 0.5) * pas
        if (i == 0 or jour.month == 1) and x - dernier >= 60:
            dernier = x
            morceaux.append(
                f'<text x="{_n(x)}" y="{_n(base + 14)}" text-anchor="middle" font-size="10" fill="{DOUX}">'
                f"{MOIS_COURTS[jour.month - 1]} {jour.year}</text>"
            )
    return morceaux


def _legende(gauche: float, serie: Serie) -> str:
    r = serie.realises[-1] if serie.realises else 0
    c = serie.en_cours[-1] if serie.en_cours else 0
    return (
        f'<rect x="{gauche}" y="6" width="10" height="10" fill="{REALISES}"/>'
        f'<text x="{gauche + 14}" y="15" font-size="11">réalisés ({r})</text>'
        f'<rect x="{gauche + 110}" y="6" width="10" height="10" fill="{EN_COURS}"/>'
        f'<text x="{gauche + 124}" y="15" font-size="11">en cours ({c})</text>'
        f'<text x="{gauche + 220}" y="15" font-size="11" fill="{DOUX}">sur {serie.total} engagements</text>'
    )


def _resume(mois: Sequence[dt.date], serie: Serie, titre: str) -> str:
    """What the chart says, for a screen reader and for a text search in the page."""
    if not mois:
        return titre
    fin = mois[-1]
    return (
        f"{titre} : au {fin:%d/%m/%Y}, {serie.realises[-1]} réalisés et {serie.en_cours[-1]} en cours "
        f"sur {serie.total} engagements"
    )


def graphiques(progression: Progression) -> str:
    """The whole contrat's chart, then one small chart per axe (a figure each), as one HTML block."""
    if not progression.mois:
        return ""
    mois = progression.mois
    blocs = [
        '<figure class="graphique-principal">',
        barres(mois, progression.ensemble, "Réalisés et en cours, mois par mois"),
        "</figure>",
        '<div class="petits-graphiques">',
    ]
    for s in progression.par_axe:
        titre = f"Axe {s.numero} — {s.titre}"
        blocs += [
            f"<figure><figcaption>{escape(titre)}</figcaption>",
            barres(mois, s.serie, titre, largeur=300, hauteur=140, legende=False),
            "</figure>",
        ]
    blocs.append("</div>")
    return "\n".join(blocs)


CSS = """
figure { margin: .5rem 0; }
svg.graphique { width: 100%; height: auto; font-family: inherit; }
.graphique-principal svg { max-width: 44rem; }
.petits-graphiques { display: grid; grid-template-columns: repeat(2, 1fr); gap: .5rem 1.5rem; }
.petits-graphiques figcaption { font-size: .85em; color: #5b6673; }
@media print { figure, .petits-graphiques figure { break-inside: avoid; page-break-inside: avoid; } }
"""
