"""The preview of an annexe before anything is written: the tree that would be imported, in French lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from suivi_tui.annexe import AnnexeLue
from suivi_tui.db.database import Database
from suivi_tui.services.seed import RapportSeed, SourceLue, lire_annexe_source, seed
from suivi_tui.texte import court, nombre, pluriel

LIBELLE_MIN = 30  # a libellé is cut to the width, but never below its first words


def _periode(annexe: AnnexeLue) -> str:
    if annexe.debut and annexe.fin:
        return f"du {annexe.debut:%d/%m/%Y} au {annexe.fin:%d/%m/%Y}"
    if annexe.fin:
        return f"jusqu'au {annexe.fin:%d/%m/%Y}"
    return "période non lue"


def _document(source: SourceLue) -> str:
    pages = f", {pluriel(source.pages, 'page')}" if source.pages else ""
    return f"{source.nature}{pages}"


def arbre(source: SourceLue, largeur: int = 100) -> list[str]:
    """The contrat, its parties, each axe with its engagements (numbered) per partie, comités, lines set aside.

    Libellés are cut to ``largeur`` columns with « … », never below their first LIBELLE_MIN characters.
    """
    annexe = source.annexe
    engagements = sum(len(axe.engagements) for axe in annexe.axes)
    lignes = [
        f"{annexe.titre} — {annexe.territoire}, {_periode(annexe)}",
        f"Lu dans {source.nom} ({_document(source)}) : {pluriel(len(annexe.axes), 'axe')}, "
        f"{pluriel(len(annexe.parties), 'partie')}, {pluriel(engagements, 'engagement')}, "
        f"{pluriel(len(annexe.comites), 'comité technique', 'comités techniques')}",
        "",
        "Parties",
    ]
    lignes += [f"  {p.ordre}. {p.nom} ({p.nom_court})" for p in annexe.parties]
    noms = {p.ordre: p.nom for p in annexe.parties}
    for axe in annexe.axes:
        lignes += ["", f"{axe.numero}. {axe.titre} — {pluriel(len(axe.engagements), 'engagement')}"]
        partie = None
        for engagement in axe.engagements:
            if engagement.partie_ordre != partie:
                partie = engagement.partie_ordre
                nombre = sum(1 for e in axe.engagements if e.partie_ordre == partie)
                lignes.append(f"  {noms.get(partie, '?')} ({nombre})")
            debut = f"    {engagement.ordre:>2}. "
            lignes.append(debut + court(engagement.libelle, max(LIBELLE_MIN, largeur - len(debut))))
    lignes += ["", f"Comités techniques ({len(annexe.comites)})" if annexe.comites else "Aucun comité technique nommé"]
    numeros = {axe.ordre: axe.numero for axe in annexe.axes}
    for comite in annexe.comites:
        renvois = ", ".join(f"axe {numeros.get(a, a)} n° {e}" for a, e in comite.engagements)
        lignes.append(f"  {comite.nom} — {renvois}")
    ignorees = annexe.lignes_ignorees
    lignes += ["", f"Lignes mises de côté ({len(ignorees)})" if ignorees else "Aucune ligne mise de côté"]
    for ligne in ignorees:
        debut = f"  {ligne.lieu} ({ligne.raison}) : "
        lignes.append(debut + court(ligne.texte, max(LIBELLE_MIN, largeur - len(debut))))
    return lignes


def _niveau(nom: str, n: int) -> str:
    """« 12 objectifs opérationnels » : the level's name in the plural, first word and adjective alike."""
    return pluriel(n, nom.lower(), " ".join(_au_pluriel(m) for m in nom.lower().split(" ")))


def _au_pluriel(mot: str) -> str:
    if mot.endswith(("s", "x")):
        return mot
    return mot + ("x" if mot.endswith(("eu", "au")) else "s")


def lignes_du_rapport(rapport: RapportSeed, *, dry_run: bool, source_nom: str, ignorees: bool = True) -> list[str]:
    """What a seed did, or would do: created, or each change (texts updated, engagements added, kept)."""
    verbe = "changerait" if dry_run else "a changé"
    lignes = [f"{rapport.contrat_titre} — {rapport.engagements} engagements lus dans {source_nom}"]
    if rapport.vide:
        lignes.append("Aucun changement : la base est déjà à jour.")
    elif rapport.contrat_cree:
        cree = "serait créé" if dry_run else "créé"
        # A Quartiers 2030 tree says its levels (« 3 enjeux, 6 orientations, 12 objectifs opérationnels »).
        axes = ", ".join(_niveau(nom, n) for nom, n in rapport.niveaux.items()) or pluriel(rapport.axes, "axe")
        indicateurs = f", {pluriel(rapport.indicateurs, 'indicateur')}" if rapport.indicateurs else ""
        lignes.append(
            f"Contrat {cree} : {axes}, {pluriel(rapport.parties, 'partie')}, "
            f"{pluriel(rapport.engagements, 'engagement')}{indicateurs}, "
            f"{pluriel(rapport.comites, 'comité technique', 'comités techniques')}."
        )
    else:
        lignes.append(f"L'import {verbe} {pluriel(len(rapport.changements), 'élément')} :")
        lignes += [f"  + {ligne}" for ligne in rapport.changements[:200]]
    lignes += [f"  = {ligne}" for ligne in rapport.conserves]
    if rapport.lignes_ignorees and ignorees:
        lignes.append(f"Lignes ignorées ({nombre(len(rapport.lignes_ignorees))}) :")
        lignes += [f"  - {ligne}" for ligne in rapport.lignes_ignorees]
    return lignes


@dataclass(frozen=True)
class Apercu:
    """What the import dialog shows before anything is written: the tree, then what would change in the base."""

    source: SourceLue
    arbre: tuple[str, ...]
    changements: tuple[str, ...]

    @property
    def lignes(self) -> list[str]:
        return [*self.arbre, "", "Dans la base :", *self.changements]


def apercevoir(db: Database, chemin: Path, largeur: int = 100) -> Apercu:
    """Read the file (any format) and simulate its import (rolled back); AnnexeIllisible if it cannot be read."""
    source = lire_annexe_source(chemin)
    rapport = seed(db, source.annexe, source.nom, source.sha256, dry_run=True)
    changements = lignes_du_rapport(rapport, dry_run=True, source_nom=source.nom, ignorees=False)
    return Apercu(source, tuple(arbre(source, largeur)), tuple(changements))


def importer(db: Database, source: SourceLue) -> RapportSeed:
    """Import an annexe already read and previewed: one transaction, nothing lost of what was entered."""
    return seed(db, source.annexe, source.nom, source.sha256)
