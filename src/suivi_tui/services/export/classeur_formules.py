"""The workbook's live parts: totals as COUNTIFS over the Engagements sheet, the statut drop-down, progress charts.

A partner who changes a statut in the Engagements sheet sees the totals follow: each count is a
formula of the sheet, written with the value computed here as its cached result (what a reader shows
before any recalculation). The formulas are ours: user text only ever reaches them as a quoted,
escaped criterion, never as formula text.

A tree (enjeu → orientation → objectif) rolls up in the formulas themselves: a node's cell counts
its own engagements (COUNTIFS on its number) plus the cells of its children's rows, so that a
statut changed under an objective moves the objective, its orientation and its enjeu; the total
adds up the roots only (adding every row would count an objective three times). A 2020-2022
protocole has only roots: its cells are plain COUNTIFS and its total a SUM of the column, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]

from suivi_tui.services.arbre import Branche, enfants_directs
from suivi_tui.services.export.mise_en_forme import COULEURS_STATUT
from suivi_tui.services.progression import Progression
from suivi_tui.services.vocabulaire import STATUTS

FEUILLE = "Engagements"
# Columns of the Engagements sheet (tables._COLONNES_ENGAGEMENTS): axe, partie, statut, en retard.
AXE, PARTIE, STATUT, RETARD = "$A:$A", "$B:$B", "$E:$E", "$I:$I"


def critere(valeur: str) -> str:
    """valeur as an exact-match COUNTIFS criterion: a quoted formula string, wildcards and quotes escaped."""
    echappe = valeur.replace("~", "~~").replace("*", "~*").replace("?", "~?").replace('"', '""')
    return f'"={echappe}"'


def nb_si(*conditions: tuple[str, str]) -> str:
    """=COUNTIFS over the Engagements sheet: (column, criterion already quoted) pairs."""
    return "=COUNTIFS(" + ",".join(f"{FEUILLE}!{colonne},{valeur}" for colonne, valeur in conditions) + ")"


@dataclass(frozen=True)
class Rangs:
    """Where the nodes are in a sheet: the rows of each node's children, and the rows of the roots."""

    enfants: dict[int, list[int]]  # node id -> rows of its direct children
    racines: list[int]


def rangs_des_noeuds(noeuds: Sequence[Branche], premiere: int) -> Rangs:
    """Rows of the nodes written one per row from `premiere`, in the order given (depth first)."""
    rang = {n.id: premiere + i for i, n in enumerate(noeuds)}
    enfants = {nid: [rang[e] for e in ids] for nid, ids in enfants_directs(noeuds).items()}
    racines = [rang[n.id] for n in noeuds if n.parent_id is None or n.parent_id not in rang]
    return Rangs(enfants, racines)


def nb_si_cumule(enfants: Sequence[int], colonne: int, *conditions: tuple[str, str]) -> str:
    """=COUNTIFS(...) for the node's own engagements, plus its children's cells of the same column."""
    return nb_si(*conditions) + "".join(f"+{xl_rowcol_to_cell(r, colonne)}" for r in enfants)


def somme_des_racines(racines: Sequence[int], colonne: int, premiere: int, derniere: int) -> str:
    """The total of a column: SUM of every row when all are roots, else of the roots' cells only."""
    if len(racines) == derniere - premiere + 1:
        return somme(colonne, premiere, derniere)
    return "=SUM(" + ",".join(xl_rowcol_to_cell(r, colonne) for r in racines) + ")"


def part(realises: str, total: str) -> str:
    return f"=IF({total}=0,0,{realises}/{total})"


def somme(colonne: int, premiere: int, derniere: int) -> str:
    return f"=SUM({xl_rowcol_to_cell(premiere, colonne)}:{xl_rowcol_to_cell(derniere, colonne)})"


def liste_des_statuts(ws: Any, lignes: int) -> None:
    """The statut column of the Engagements sheet offers the six statuts: a typed one is counted."""
    if lignes:
        ws.data_validation(
            1,
            4,
            lignes,
            4,
            {
                "validate": "list",
                "source": list(STATUTS.values()),
                "error_title": "Statut inconnu",
                "error_message": "Choisissez un des six statuts de la liste.",
            },
        )


def progression(wb: Any, ws: Any, styles: Any, progression: Progression, ligne: int, titre_feuille: str) -> int:
    """The monthly series at `ligne` (month, réalisés, en cours, then réalisés per axe) and two native charts
    beside them; returns the first free row after the block."""
    mois = progression.mois
    if not mois:
        return ligne
    ws.write_string(ligne, 0, "Avancement mois par mois (reconstitué d'après l'historique)", styles.titre)
    entetes = ["Mois", "Réalisés", "En cours", *(f"Réalisés axe {s.numero}" for s in progression.par_axe)]
    for c, titre in enumerate(entetes):
        ws.write_string(ligne + 1, c, titre, styles.entete)
    ws.set_row(ligne + 1, 27)  # two lines: « Réalisés axe » / « IV »
    premiere = ligne + 2
    for i, jour in enumerate(mois):
        r = premiere + i
        ws.write_datetime(r, 0, jour, styles.mois)
        ws.write_number(r, 1, progression.ensemble.realises[i], styles.nombre)
        ws.write_number(r, 2, progression.ensemble.en_cours[i], styles.nombre)
        for c, s in enumerate(progression.par_axe, start=3):
            ws.write_number(r, c, s.serie.realises[i], styles.nombre)
    derniere = premiere + len(mois) - 1
    place = (ligne, len(entetes) + 1)  # right of the series
    _graphique_empile(wb, ws, titre_feuille, premiere, derniere, progression.ensemble.total, place)
    numeros = [s.numero for s in progression.par_axe]
    _graphique_axes(wb, ws, titre_feuille, premiere, derniere, numeros, (ligne + 20, place[1]))
    return max(derniere + 2, ligne + 40)


def _graphique_empile(
    wb: Any, ws: Any, feuille: str, premiere: int, derniere: int, total: int, place: tuple[int, int]
) -> None:
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    for colonne, code in ((1, "realise"), (2, "en_cours")):
        chart.add_series(
            {
                "name": [feuille, premiere - 1, colonne],
                "categories": [feuille, premiere, 0, derniere, 0],
                "values": [feuille, premiere, colonne, derniere, colonne],
                "fill": {"color": COULEURS_STATUT[code][1]},
                "gap": 30,
            }
        )
    chart.set_title({"name": f"Réalisés et en cours, mois par mois (sur {total} engagements)"})
    chart.set_y_axis({"min": 0, "max": max(total, 1), "major_gridlines": {"visible": True}})
    chart.set_x_axis({"num_format": "mm/yyyy"})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(*place, chart, {"x_scale": 1.6, "y_scale": 1.3})


def _graphique_axes(
    wb: Any, ws: Any, feuille: str, premiere: int, derniere: int, numeros: Sequence[str], place: tuple[int, int]
) -> None:
    chart = wb.add_chart({"type": "line"})
    for c, numero in enumerate(numeros, start=3):
        chart.add_series(
            {
                "name": f"Axe {numero}",
                "categories": [feuille, premiere, 0, derniere, 0],
                "values": [feuille, premiere, c, derniere, c],
            }
        )
    chart.set_title({"name": "Réalisés par axe, mois par mois"})
    chart.set_y_axis({"min": 0, "major_gridlines": {"visible": True}})
    chart.set_x_axis({"num_format": "mm/yyyy"})
    chart.set_legend({"position": "bottom"})
    ws.insert_chart(*place, chart, {"x_scale": 1.6, "y_scale": 1.3})
