"""Reading a returned fiche saved by Excel or LibreOffice Calc (openpyxl, read from memory, never saved).

The origin and the values at export come from the hidden sheet (veryHidden as written, hidden
after LibreOffice), else from the document's custom properties (then the « Statut actuel »
column is the value at export). The answers come from the sheet that has an « Identifiant »
column, whatever its name now.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from typing import Any

from suivi_tui.services.fiche import ENTETE_VALEURS, FEUILLE_FICHE, FEUILLE_META, MARQUEUR, PROPRIETE, uuid_de
from suivi_tui.services.retour.lecture import FicheIllisible, FicheLue, Grille, entete, lire_grille, meta_depuis, texte
from suivi_tui.services.vocabulaire import STATUTS

LIGNES_MAX = 20_000  # a fiche holds one contrat's engagements of one partie: far fewer


def lire(donnees: bytes, nom: str) -> FicheLue:
    wb = _classeur(donnees, nom)
    meta_feuille = _feuille_meta(wb)
    if meta_feuille is not None:
        valeurs, a_l_export = _meta(meta_feuille)
    else:
        proprietes = wb.custom_doc_props.props
        valeurs = {p.name[len(PROPRIETE) :]: str(p.value) for p in proprietes if p.name.startswith(PROPRIETE)}
        a_l_export = None
        if not valeurs:
            raise FicheIllisible(
                f"{nom} n'est pas une fiche de suivi exportée par suivi (ni sa feuille d'origine, ni ses propriétés) : "
                "exportez une fiche avec « suivi export fiche.xlsx --pour PARTIE|PILOTE »."
            )
    meta = meta_depuis(valeurs, nom)
    repondue_le = wb.properties.modified.replace(tzinfo=dt.UTC) if wb.properties.modified else None
    grille = _grille_des_reponses(wb, meta_feuille, nom)
    lecture = lire_grille(grille, meta, repondue_le)
    exportes = frozenset(a_l_export) if a_l_export is not None else None
    if a_l_export is None:  # no hidden sheet left: the locked « Statut actuel » column says what was exported
        a_l_export = {r.uuid: r.statut_affiche for r in lecture.reponses if r.statut_affiche}
    return FicheLue(
        nom,
        "",
        meta,
        a_l_export,
        exportes,
        lecture.identifiants,
        lecture.reponses,
        lecture.problemes,
        repondue_le,
        lecture.lignes,
        grille.nom,
    )


def _classeur(donnees: bytes, nom: str) -> Any:
    import openpyxl  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # « Data Validation extension is not supported »: we only read
            return openpyxl.load_workbook(io.BytesIO(donnees), data_only=True)
    except Exception as exc:  # a damaged or foreign zip fails in many ways inside openpyxl: all mean the same
        raise FicheIllisible(
            f"{nom} n'est pas un classeur Excel lisible (fichier abîmé, ou d'un autre format) : {type(exc).__name__}."
        ) from None


def _feuille_meta(wb: Any) -> Any:
    if FEUILLE_META in wb.sheetnames:
        return wb[FEUILLE_META]
    return next((ws for ws in wb.worksheets if texte(ws.cell(1, 1).value) == MARQUEUR), None)


def _meta(ws: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The key/value rows, then the values at export (below the « identifiant | statut » row)."""
    valeurs: dict[str, str] = {}
    a_l_export: dict[str, str] = {}
    dans_les_valeurs = False
    for ligne in ws.iter_rows(min_row=2, max_col=2, max_row=LIGNES_MAX, values_only=True):
        cle, valeur = (texte(v) for v in (*ligne, None, None)[:2])
        if cle is None:
            continue
        if (cle, valeur) == ENTETE_VALEURS:
            dans_les_valeurs = True
        elif dans_les_valeurs:
            uuid = uuid_de(cle)
            if uuid is not None and valeur in STATUTS:
                a_l_export[uuid] = valeur
        else:
            valeurs[cle] = valeur or ""
    return valeurs, a_l_export


def _grille_des_reponses(wb: Any, meta: Any, nom: str) -> Grille:
    """The sheet holding the answers: « Fiche » if it is still there, else the first with an Identifiant column."""
    feuilles = [ws for ws in wb.worksheets if ws is not meta]
    feuilles.sort(key=lambda ws: (ws.title != FEUILLE_FICHE, ws.sheet_state != "visible"))
    for ws in feuilles:
        grille = Grille(ws.title, list(ws.iter_rows(max_row=min(ws.max_row, LIGNES_MAX), values_only=True)))
        if entete(grille) is not None:
            return grille
    raise FicheIllisible(f"{nom} : aucune feuille n'a de colonne « Identifiant » : la fiche ne peut pas être relue.")
