"""The XLSX export (XlsxWriter): Synthèse, Engagements, Échéances, Journal, Historique (and Indicateurs) sheets."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]

from suivi_tui.dates import format_date
from suivi_tui.services.export import classeur_formules as formules
from suivi_tui.services.export.avancement import progression_de
from suivi_tui.services.export.cellules import texte_xlsx
from suivi_tui.services.export.donnees import Donnees
from suivi_tui.services.export.mise_en_forme import COULEUR_RETARD, COULEURS_STATUT, au_format_local
from suivi_tui.services.export.rapport import synthese_axes
from suivi_tui.services.export.tables import TABLES, Colonne, colonnes, lignes
from suivi_tui.services.vocabulaire import STATUTS, libelle_statut

# Never a formula or a link from a text, whatever it starts with; built in memory, so no
# temporary file holding the data is left in the system's temp folder.
OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False, "in_memory": True}
FEUILLES = ("Synthèse", "Engagements", "Échéances", "Journal", "Historique", "Indicateurs")


class Styles:
    """The workbook's formats, created once (XlsxWriter wants a bounded number of them)."""

    def __init__(self, wb: Any) -> None:
        self._wb = wb
        self._proprietes: dict[int, dict[str, Any]] = {}
        self._cites: dict[int, Any] = {}
        self._retraits: dict[int, Any] = {}
        base = {"valign": "top", "font_name": "Calibri", "font_size": 10}
        f = self._format
        self.texte = f(base)
        self.long = f({**base, "text_wrap": True})
        self.date = f({**base, "num_format": "dd/mm/yyyy", "align": "left"})
        self.instant = f({**base, "num_format": "dd/mm/yyyy hh:mm", "align": "left"})
        self.mois = f({**base, "num_format": "mm/yyyy", "align": "left"})
        self.nombre = f(base)
        self.numero = f({**base, "align": "center"})
        self.pourcent = f({**base, "num_format": "0 %"})
        self.entete = f(
            {
                **base,
                "bold": True,
                "text_wrap": True,
                "bg_color": "#1F3A5F",
                "font_color": "#FFFFFF",
                "border": 1,
                "valign": "vcenter",
            }
        )
        self.titre = f({"bold": True, "font_size": 14, "font_name": "Calibri"})
        self.total = f({**base, "bold": True, "top": 1})
        self.total_pourcent = f({**base, "bold": True, "top": 1, "num_format": "0 %"})
        fond, encre = COULEUR_RETARD
        self.alerte = f({**base, "bold": True, "bg_color": fond, "font_color": encre})
        self.statuts = {
            code: f({**base, "bg_color": fd, "font_color": e, "border": 1, "border_color": fd})
            for code, (fd, e) in COULEURS_STATUT.items()
        }

    def _format(self, proprietes: dict[str, Any]) -> Any:
        fmt = self._wb.add_format(proprietes)
        self._proprietes[id(fmt)] = proprietes
        return fmt

    def retrait(self, profondeur: int) -> Any:
        """The wrapped text format, indented by the node's depth in the tree (an objective under its enjeu)."""
        if profondeur <= 0:
            return self.long
        if profondeur not in self._retraits:
            self._retraits[profondeur] = self._format({**self._proprietes[id(self.long)], "indent": min(profondeur, 6)})
        return self._retraits[profondeur]

    def cite(self, fmt: Any) -> Any:
        """fmt with the quote prefix: its text is shown as typed and never taken for a formula."""
        if id(fmt) not in self._cites:
            self._cites[id(fmt)] = self._format({**self._proprietes[id(fmt)], "quote_prefix": True})
        return self._cites[id(fmt)]


def ecrire_texte(ws: Any, styles: Styles, ligne: int, col: int, texte: str, fmt: Any) -> None:
    """A user's text in a cell, the quote prefix set when it starts like a formula."""
    propre, risque = texte_xlsx(texte)
    ws.write_string(ligne, col, propre, styles.cite(fmt) if risque else fmt)


def ecrire(
    donnees: Donnees, tmp: Path, *, table: str = "engagements", feuilles: Callable[[Any, Styles], None] | None = None
) -> int:
    """Write the workbook to tmp (then `feuilles`' own sheets, the bilan's); returns the number of engagements."""
    import xlsxwriter  # type: ignore[import-untyped]

    memoire = io.BytesIO()
    wb = xlsxwriter.Workbook(memoire, OPTIONS)
    wb.set_properties({"title": texte_xlsx(f"Point d'étape — {donnees.contrat.titre}")[0], "author": "suivi"})
    styles = Styles(wb)
    _synthese(wb, styles, donnees)
    for nom, contenu in zip(FEUILLES[1:], TABLES, strict=True):
        if contenu == "indicateurs" and not donnees.indicateurs:
            continue  # a 2020-2022 protocole has none: no empty sheet
        ws = _feuille(wb, styles, nom, colonnes(contenu, donnees), lignes(contenu, donnees))
        if nom == formules.FEUILLE:
            formules.liste_des_statuts(ws, len(donnees.engagements))
    if feuilles is not None:
        feuilles(wb, styles)
    wb.close()
    # Zipped in memory, written here: a full disk is a plain OSError, with no half-closed zip
    # object complaining on stderr later.
    tmp.write_bytes(memoire.getvalue())
    return len(donnees.engagements)


def _imprimable(ws: Any, lignes_titre: int) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(lignes_titre)
    ws.set_footer("&L&A&RPage &P / &N")


# Points per line of 10 pt text; Excel caps a row at 409 points.
HAUTEUR_LIGNE = 13.0
HAUTEUR_MAX = 409.0


def hauteur(textes: Iterable[tuple[str, float]]) -> float | None:
    """The height a row needs for its wrapped texts (text, column width), or None for one line.

    Neither Excel nor LibreOffice reliably fits row heights to wrapped text in a generated file:
    without this, long texts overlap the rows below. A column width unit holds about one
    character of 10 pt text (a little more on average), so the estimate errs on the tall side.
    """
    lignes = 1
    for texte, largeur in textes:
        par_ligne = max(1, int(largeur * 1.15))
        lignes = max(lignes, sum(max(1, -(-len(p) // par_ligne)) for p in texte.split("\n")))
    return min(HAUTEUR_MAX, lignes * HAUTEUR_LIGNE) if lignes > 1 else None


def _feuille(wb: Any, styles: Styles, nom: str, cols: Sequence[Colonne], rangees: Iterable[Sequence[Any]]) -> Any:
    ws = wb.add_worksheet(nom)
    for i, col in enumerate(cols):
        ws.set_column(i, i, col.largeur, styles.long if col.genre == "long" else None)
        ws.write_string(0, i, col.titre, styles.entete)
    ws.set_row(0, hauteur((c.titre, c.largeur) for c in cols))
    n = 0
    for n, rangee in enumerate(rangees, start=1):
        for i, (col, valeur) in enumerate(zip(cols, rangee, strict=True)):
            _cellule(ws, styles, n, i, col.genre, valeur)
        longs = [(str(v), c.largeur) for c, v in zip(cols, rangee, strict=True) if c.genre == "long" and v]
        ws.set_row(n, hauteur(longs))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(n, 1), len(cols) - 1)
    _imprimable(ws, 0)
    return ws


def _cellule(ws: Any, styles: Styles, ligne: int, col: int, genre: str, valeur: Any) -> None:
    if valeur is None or valeur == "" or valeur is False:
        ws.write_blank(ligne, col, None, styles.long if genre == "long" else styles.texte)
    elif genre == "date":
        ws.write_datetime(ligne, col, valeur, styles.date)
    elif genre == "instant":
        ws.write_datetime(ligne, col, au_format_local(valeur), styles.instant)
    elif genre == "nombre":
        ws.write_number(ligne, col, valeur, styles.numero)
    elif genre == "decimal":
        ws.write_number(ligne, col, valeur, styles.nombre)
    elif genre == "part":
        ws.write_number(ligne, col, valeur, styles.pourcent)
    elif genre == "statut":
        ws.write_string(ligne, col, libelle_statut(valeur), styles.statuts.get(valeur, styles.texte))
    elif genre == "alerte":
        ws.write_string(ligne, col, "Oui", styles.alerte)
    else:
        ecrire_texte(ws, styles, ligne, col, str(valeur), styles.long if genre == "long" else styles.texte)


def _synthese(wb: Any, styles: Styles, donnees: Donnees) -> None:
    ws = wb.add_worksheet("Synthèse")
    ecrire_texte(ws, styles, 0, 0, f"Point d'étape — {donnees.contrat.titre}", styles.titre)
    confidentiel = (
        "notes confidentielles incluses (à ne pas diffuser)"
        if donnees.confidentiel_inclus
        else f"notes confidentielles exclues : {donnees.notes_exclues}"
    )
    ws.write_string(1, 0, f"Situation au {format_date(donnees.today)} · {confidentiel}", styles.texte)
    entetes = ["Axe", "Intitulé", "Total", *STATUTS.values(), "En retard", "% réalisé"]
    largeurs = [7, 50, 8, *[10] * len(STATUTS), 10, 10]
    for i, (titre, largeur) in enumerate(zip(entetes, largeurs, strict=True)):
        ws.set_column(i, i, largeur, styles.long if i == 1 else None)
        ws.write_string(3, i, titre, styles.entete)
    ws.set_row(3, hauteur(zip(entetes, largeurs, strict=True)))
    par_axe, total = synthese_axes(donnees)
    premiere, derniere = 4, 3 + len(par_axe)
    rangs = formules.rangs_des_noeuds(donnees.axes, premiere)
    for r, (axe, ligne) in enumerate(zip(donnees.axes, par_axe, strict=True), start=premiere):
        ecrire_texte(ws, styles, r, 0, ligne.numero, styles.texte)
        ecrire_texte(ws, styles, r, 1, ligne.titre, styles.retrait(ligne.profondeur))
        enfants = rangs.enfants[axe.id]
        noeud = (formules.AXE, formules.critere(ligne.numero))
        ws.write_formula(r, 2, formules.nb_si_cumule(enfants, 2, noeud), styles.nombre, ligne.total)
        for c, code in enumerate(STATUTS, start=3):
            statut = (formules.STATUT, formules.critere(libelle_statut(code)))
            ws.write_formula(
                r, c, formules.nb_si_cumule(enfants, c, noeud, statut), styles.nombre, ligne.par_statut[code]
            )
        retard = (formules.RETARD, formules.critere("Oui"))
        ws.write_formula(r, 9, formules.nb_si_cumule(enfants, 9, noeud, retard), styles.nombre, ligne.en_retard)
        _part(ws, r, styles.pourcent, ligne.part_realisee)
        ws.set_row(r, hauteur([(ligne.titre, largeurs[1])]))
    r = derniere + 1
    ecrire_texte(ws, styles, r, 0, total.numero, styles.total)
    ws.write_blank(r, 1, None, styles.total)
    valeurs = [total.total, *(total.par_statut[c] for c in STATUTS), total.en_retard]
    for c, valeur in enumerate(valeurs, start=2):
        ws.write_formula(r, c, formules.somme_des_racines(rangs.racines, c, premiere, derniere), styles.total, valeur)
    _part(ws, r, styles.total_pourcent, total.part_realisee)
    ws.freeze_panes(4, 0)
    ws.autofilter(3, 0, derniere, len(entetes) - 1)
    _imprimable(ws, 3)
    formules.progression(wb, ws, styles, progression_de(donnees), r + 3, "Synthèse")


def _part(ws: Any, r: int, fmt: Any, valeur: float) -> None:
    """% réalisé = the row's réalisés over its total, both cells of the row."""
    realise = 3 + list(STATUTS).index("realise")
    ws.write_formula(r, 10, formules.part(xl_rowcol_to_cell(r, realise), xl_rowcol_to_cell(r, 2)), fmt, valeur)
