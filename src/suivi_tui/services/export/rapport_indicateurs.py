"""The report's « Indicateurs » section (Markdown and HTML): each indicator, its target, its last value, its trend.

The same rows as the XLSX sheet and the CSV table (tables.py): the node the indicator belongs to
(its own, or its engagement's), the reference and target with their years, the last value and its
date, the share of the way to the target and the trend. Only a contrat with indicators has the section.
"""

from __future__ import annotations

from html import escape

from suivi_tui.dates import format_date
from suivi_tui.services.export.donnees import Donnees
from suivi_tui.services.export.markdown import echapper_md
from suivi_tui.services.export.mise_en_forme import pourcent
from suivi_tui.services.indicateurs import IndicateurContrat, avec_unite

ENTETES = ("Axe", "Indicateur", "Rattaché à", "Référence", "Cible", "Dernière valeur", "Chemin", "Tendance", "Source")
CSS = """
table.indicateurs td:nth-child(2) { width: 28%; }
table.indicateurs td.tendance-atteinte { color: #1e6b2f; font-weight: 600; }
table.indicateurs td.tendance-eloigne { color: #b3261e; font-weight: 600; }
"""


def _borne(valeur: float | None, unite: str, annee: int | None) -> str:
    """« 48 enfants (2023) », « — »."""
    if valeur is None:
        return "—"
    return avec_unite(valeur, unite) + (f" ({annee})" if annee else "")


def cellules(i: IndicateurContrat) -> list[str]:
    """The row's texts, in the order of ENTETES (not escaped)."""
    info = i.info
    derniere = info.derniere
    return [
        i.axe_numero,
        info.libelle,
        f"Engagement : {i.engagement}" if i.engagement is not None else info.porteur,
        _borne(info.reference, info.unite, info.reference_annee),
        _borne(info.cible, info.unite, info.cible_annee),
        f"{avec_unite(derniere.valeur, info.unite)} au {format_date(derniere.date)}" if derniere else "aucune mesure",
        pourcent(info.avancement) if info.avancement is not None else "—",
        info.tendance or "—",
        info.source or "—",
    ]


def section_md(d: Donnees) -> list[str]:
    """The section's lines (none for a contrat without indicators)."""
    if not d.indicateurs:
        return []
    lignes = [
        f"## Indicateurs ({len(d.indicateurs)})",
        "",
        "Chemin : part du chemin parcouru de la référence à la cible, d'après la dernière valeur mesurée.",
        "",
        "| " + " | ".join(ENTETES) + " |",
        "|" + "|".join([":--"] * 3 + ["--:"] * 4 + [":--"] * 2) + "|",
    ]
    lignes += ["| " + " | ".join(echapper_md(c) for c in cellules(i)) + " |" for i in d.indicateurs]
    return [*lignes, ""]


def section_html(d: Donnees) -> str:
    """The section as an HTML table (empty for a contrat without indicators)."""
    if not d.indicateurs:
        return ""
    numeriques = {3, 4, 5, 6}
    classe_n = ' class="n"'
    entetes = "".join(
        f'<th scope="col"{classe_n if c in numeriques else ""}>{escape(t)}</th>' for c, t in enumerate(ENTETES)
    )
    classe_tendance = {"cible atteinte": "tendance-atteinte", "s'éloigne de la cible": "tendance-eloigne"}
    rangees = []
    for i in d.indicateurs:
        tendance = i.info.tendance
        morceaux = []
        for c, texte in enumerate(cellules(i)):
            classes = ["n"] if c in numeriques else []
            if c == 7 and tendance in classe_tendance:
                classes.append(classe_tendance[tendance])
            attribut = f' class="{" ".join(classes)}"' if classes else ""
            morceaux.append(f"<td{attribut}>{escape(texte)}</td>")
        rangees.append("<tr>" + "".join(morceaux) + "</tr>")
    return (
        f'<section class="indicateurs">\n<h2>Indicateurs ({len(d.indicateurs)})</h2>\n'
        '<p class="resume">Chemin : part du chemin parcouru de la référence à la cible, d\'après la dernière '
        "valeur mesurée.</p>\n"
        f'<table class="indicateurs">\n<thead><tr>{entetes}</tr></thead>\n<tbody>\n'
        + "\n".join(rangees)
        + "\n</tbody>\n</table>\n</section>"
    )
