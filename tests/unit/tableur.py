"""A spreadsheet's recalculation, for the tests: the few formulas suivi writes (COUNTIFS, SUM, IF, +), evaluated.

A partner who edits a statut in the Engagements sheet sees the totals follow in Excel or Calc; the
tests check it twice: with LibreOffice when it is installed (partenaire.par_libreoffice), and always
with this evaluator, which reads the workbook openpyxl saved (formulas, no cached values) and
computes each formula from the sheet's cells, as a spreadsheet would.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string, range_boundaries


def _decouper(texte: str, separateur: str) -> list[str]:
    """texte split on separateur outside parentheses and quotes."""
    morceaux, profondeur, guillemets, courant = [], 0, False, ""
    for c in texte:
        if c == '"':
            guillemets = not guillemets
        elif not guillemets and c == "(":
            profondeur += 1
        elif not guillemets and c == ")":
            profondeur -= 1
        if c == separateur and profondeur == 0 and not guillemets:
            morceaux.append(courant)
            courant = ""
        else:
            courant += c
    return [*morceaux, courant]


class Recalcul:
    """The values of a workbook's formulas, computed from its cells (openpyxl, formulas kept)."""

    def __init__(self, chemin: Path) -> None:
        self.classeur = openpyxl.load_workbook(chemin)
        self._faits: dict[tuple[str, str], Any] = {}

    def valeur(self, feuille: str, reference: str) -> Any:
        cle = (feuille, reference.replace("$", ""))
        if cle not in self._faits:
            brute = self.classeur[feuille][cle[1]].value
            self._faits[cle] = (
                self._evaluer(feuille, brute[1:]) if isinstance(brute, str) and brute[:1] == "=" else brute
            )
        return self._faits[cle]

    def _evaluer(self, feuille: str, expression: str) -> Any:
        termes = _decouper(expression, "+")
        if len(termes) > 1:
            return sum(self._evaluer(feuille, t) for t in termes)
        terme = expression.strip()
        appel = re.fullmatch(r"([A-Z]+)\((.*)\)", terme, re.DOTALL)
        if appel:
            return getattr(self, f"_{appel.group(1).lower()}")(feuille, _decouper(appel.group(2), ","))
        if re.fullmatch(r"-?\d+(\.\d+)?", terme):
            return float(terme) if "." in terme else int(terme)
        division = _decouper(terme, "/")
        if len(division) == 2:
            return self._evaluer(feuille, division[0]) / self._evaluer(feuille, division[1])
        autre, _, reference = terme.rpartition("!")
        return self.valeur(autre or feuille, reference) or 0

    def _countifs(self, feuille: str, arguments: list[str]) -> int:
        conditions = []
        for plage, critere in zip(arguments[::2], arguments[1::2], strict=True):
            autre, _, colonnes = plage.rpartition("!")
            colonne = column_index_from_string(colonnes.split(":")[0].replace("$", ""))
            attendu = critere.strip()[1:-1].replace('""', '"')
            assert attendu.startswith("="), critere
            attendu = re.sub(r"~(.)", r"\1", attendu[1:])
            conditions.append((autre or feuille, colonne, attendu))
        nom = conditions[0][0]
        ws = self.classeur[nom]
        return sum(
            1
            for r in range(1, ws.max_row + 1)
            if all(str(ws.cell(r, c).value if ws.cell(r, c).value is not None else "") == v for _, c, v in conditions)
        )

    def _sum(self, feuille: str, arguments: list[str]) -> Any:
        total: Any = 0
        for argument in arguments:
            if ":" in argument:
                gauche, haut, droite, bas = range_boundaries(argument.replace("$", ""))
                ws = self.classeur[feuille]
                total += sum(
                    self.valeur(feuille, ws.cell(r, c).coordinate) or 0
                    for r in range(haut, bas + 1)
                    for c in range(gauche, droite + 1)
                )
            else:
                total += self._evaluer(feuille, argument)
        return total

    def _if(self, feuille: str, arguments: list[str]) -> Any:
        condition, oui, non = arguments
        gauche, droite = condition.split("=")
        return self._evaluer(feuille, oui if self._evaluer(feuille, gauche) == self._evaluer(feuille, droite) else non)
