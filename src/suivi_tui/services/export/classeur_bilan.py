"""The bilan's own sheets in the workbook: « Bilan » (axes × parties, as COUNTIFS of the sheet) and « À reporter »."""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell  # type: ignore[import-untyped]

from suivi_tui.dates import format_date
from suivi_tui.services.bilan import Bilan, Compte, tableau_de_bord
from suivi_tui.services.export import classeur_formules as formules
from suivi_tui.services.export.classeur import ecrire_texte, hauteur
from suivi_tui.services.vocabulaire import libelle_statut

MESURES = ("Engagements", "Réalisés", "En cours", "En retard", "% réalisé")


def feuilles_du_bilan(wb: Any, styles: Any, bilan: Bilan) -> None:
    _matrice(wb, styles, bilan)
    _a_reporter(wb, styles, bilan)


def _matrice(wb: Any, styles: Any, bilan: Bilan) -> None:
    ws = wb.add_worksheet("Bilan")
    ecrire_texte(ws, styles, 0, 0, f"Bilan — {bilan.titre}", styles.titre)
    ecrire_texte(ws, styles, 1, 0, f"Situation au {format_date(bilan.today)} · {tableau_de_bord(bilan)}", styles.texte)
    groupes = [(p.nom_court, formules.critere(p.nom_court)) for p in bilan.parties] + [("Ensemble", None)]
    ws.set_column(0, 0, 7)
    ws.set_column(1, 1, 40, styles.long)
    ws.set_column(2, 1 + len(groupes) * len(MESURES), 10)
    ws.write_string(3, 0, "Axe", styles.entete)
    ws.write_string(3, 1, "Intitulé", styles.entete)
    ws.write_blank(4, 0, None, styles.entete)
    ws.write_blank(4, 1, None, styles.entete)
    for g, (nom, _) in enumerate(groupes):
        debut = 2 + g * len(MESURES)
        ecrire_texte(ws, styles, 3, debut, nom, styles.entete)
        for m, mesure in enumerate(MESURES):
            if m:
                ws.write_blank(3, debut + m, None, styles.entete)
            ws.write_string(4, debut + m, mesure, styles.entete)
    premiere = 5
    # A node's cells add its children's rows to its own COUNTIFS (see classeur_formules): the tree rolls up.
    rangs = formules.rangs_des_noeuds(bilan.lignes, premiere)
    for r, ligne in enumerate(bilan.lignes, start=premiere):
        ecrire_texte(ws, styles, r, 0, ligne.numero, styles.texte)
        ecrire_texte(ws, styles, r, 1, ligne.titre, styles.retrait(ligne.profondeur))
        axe = (formules.AXE, formules.critere(ligne.numero))
        for g, ((_, partie), compte) in enumerate(zip(groupes, (*ligne.par_partie, ligne.total), strict=True)):
            conditions = [axe] + ([(formules.PARTIE, partie)] if partie else [])
            debut = 2 + g * len(MESURES)
            _cellules(ws, styles, r, debut, conditions, compte, rangs.enfants[ligne.axe_id])
    r = premiere + len(bilan.lignes)
    ecrire_texte(ws, styles, r, 0, "Total", styles.total)
    ws.write_blank(r, 1, None, styles.total)
    for g, compte in enumerate((*bilan.par_partie, bilan.total)):
        debut = 2 + g * len(MESURES)
        valeurs = (compte.engagements, compte.realises, compte.en_cours, compte.en_retard)
        for m, valeur in enumerate(valeurs):
            somme = formules.somme_des_racines(rangs.racines, debut + m, premiere, r - 1)
            ws.write_formula(r, debut + m, somme, styles.total, valeur)
        ws.write_formula(r, debut + 4, _part(r, debut), styles.total_pourcent, compte.part_realisee)
    ws.freeze_panes(5, 2)
    formules.progression(wb, ws, styles, bilan.progression, r + 3, "Bilan")


def _cellules(
    ws: Any, styles: Any, r: int, debut: int, conditions: list[tuple[str, str]], compte: Compte, enfants: list[int]
) -> None:
    """One cell of the matrix: engagements, réalisés, en cours, en retard (COUNTIFS, plus the children's rows)
    and % réalisé."""

    def statut(code: str) -> tuple[str, str]:
        return formules.STATUT, formules.critere(libelle_statut(code))

    criteres: tuple[tuple[tuple[str, str], ...], ...] = (
        (),
        (statut("realise"),),
        (statut("en_cours"),),
        ((formules.RETARD, formules.critere("Oui")),),
    )
    valeurs = (compte.engagements, compte.realises, compte.en_cours, compte.en_retard)
    for m, (ajout, valeur) in enumerate(zip(criteres, valeurs, strict=True)):
        ws.write_formula(
            r, debut + m, formules.nb_si_cumule(enfants, debut + m, *conditions, *ajout), styles.nombre, valeur
        )
    ws.write_formula(r, debut + 4, _part(r, debut), styles.pourcent, compte.part_realisee)


def _part(r: int, debut: int) -> str:
    return formules.part(xl_rowcol_to_cell(r, debut + 1), xl_rowcol_to_cell(r, debut))


def _a_reporter(wb: Any, styles: Any, bilan: Bilan) -> None:
    ws = wb.add_worksheet("À reporter")
    colonnes = (
        ("Axe", 6),
        ("Partie", 12),
        ("N°", 5),
        ("Libellé", 60),
        ("Statut", 12),
        ("En retard", 10),
        ("Pilote", 22),
        ("Dernière décision (date)", 13),
        ("Comité", 24),
        ("Dernière décision", 60),
    )
    for c, (titre, largeur) in enumerate(colonnes):
        ws.set_column(c, c, largeur, styles.long if largeur >= 22 else None)
        ws.write_string(0, c, titre, styles.entete)
    for r, e in enumerate(bilan.a_reporter, start=1):
        d = e.decision
        texte = None if d is None else (d.texte if d.texte is not None else "(confidentielle, non exportée)")
        valeurs = (e.axe_numero, e.partie, e.ordre, e.libelle, e.statut, e.en_retard, e.pilote, d, d, texte)
        for c, valeur in enumerate(valeurs):
            if c == 2:
                ws.write_number(r, c, e.ordre, styles.numero)
            elif c == 4:
                ws.write_string(r, c, libelle_statut(e.statut), styles.statuts.get(e.statut, styles.texte))
            elif c == 5:
                ws.write_string(r, c, "Oui" if e.en_retard else "", styles.alerte if e.en_retard else styles.texte)
            elif c == 7 and d is not None:
                ws.write_datetime(r, c, d.date, styles.date)
            elif c == 7:
                ws.write_blank(r, c, None, styles.texte)
            elif c == 8:
                ecrire_texte(ws, styles, r, c, d.comite if d else "", styles.long)
            else:
                ecrire_texte(ws, styles, r, c, str(valeur or ""), styles.long if c in (3, 6, 9) else styles.texte)
        ws.set_row(r, hauteur([(e.libelle, 60), (texte or "", 60)]))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(bilan.a_reporter), 1), len(colonnes) - 1)
