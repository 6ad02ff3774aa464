"""Reading a returned fiche in CSV: the origin on its first line, the « Statut actuel » column as the value at export.

What a tool may have changed when saving is forgiven: the encoding (UTF-8 with or without BOM,
or Windows-1252 from Excel's « CSV (séparateur : point-virgule) »), the separator (`;`, `,` or
tab), the line endings.
"""

from __future__ import annotations

import csv
import io

from suivi_tui.services.fiche import MARQUEUR
from suivi_tui.services.retour.lecture import FicheIllisible, FicheLue, Grille, lire_grille, meta_depuis


def lire(donnees: bytes, nom: str) -> FicheLue:
    contenu = _texte(donnees, nom)
    premiere = contenu.split("\n", 1)[0]
    if not premiere.startswith(MARQUEUR):
        raise FicheIllisible(
            f"{nom} n'est pas une fiche de suivi exportée par suivi (sa première ligne n'est pas « {MARQUEUR}… ») : "
            "exportez une fiche avec « suivi export fiche.csv --pour PARTIE|PILOTE »."
        )
    separateur = premiere[len(MARQUEUR) : len(MARQUEUR) + 1]
    if separateur not in (";", ",", "\t"):
        raise FicheIllisible(f"{nom} : séparateur de colonnes inconnu (« ; », « , » ou tabulation attendus).")
    lignes = list(csv.reader(io.StringIO(contenu, newline=""), delimiter=separateur))
    valeurs = dict(cellule.partition("=")[::2] for cellule in lignes[0][1:] if "=" in cellule)
    meta = meta_depuis(valeurs, nom)
    grille = Grille(nom, lignes)
    lecture = lire_grille(grille, meta, None)
    a_l_export = {r.uuid: r.statut_affiche for r in lecture.reponses if r.statut_affiche}
    return FicheLue(
        nom,
        "",
        meta,
        a_l_export,
        None,
        lecture.identifiants,
        lecture.reponses,
        lecture.problemes,
        None,
        lecture.lignes,
        nom,
    )


def _texte(donnees: bytes, nom: str) -> str:
    if b"\x00" in donnees[:4096]:
        raise FicheIllisible(f"{nom} n'est ni un classeur Excel ni un fichier CSV : ce n'est pas une fiche de suivi.")
    try:
        return donnees.decode("utf-8-sig")
    except UnicodeDecodeError:
        return donnees.decode("cp1252", errors="replace")
