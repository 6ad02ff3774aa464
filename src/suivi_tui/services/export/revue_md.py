"""The yearly review in Markdown: per node, engagements by statut, indicators, decisions; then the programmation."""

from __future__ import annotations

from suivi_tui.dates import format_date
from suivi_tui.services.export.markdown import echapper_md, echapper_md_lignes
from suivi_tui.services.indicateurs import IndicateurInfo, avec_unite
from suivi_tui.services.programmation import Programmation, euros
from suivi_tui.services.revue import DecisionRevue, NoeudRevue, Revue
from suivi_tui.services.vocabulaire import STATUTS
from suivi_tui.texte import pluriel


def statuts_en_clair(par_statut: dict[str, int]) -> str:
    """« 3 réalisés, 5 en cours, 7 à venir » in the order of the statuts; « aucun engagement »."""
    morceaux = [f"{par_statut[c]} {STATUTS[c].lower()}" for c in STATUTS if par_statut.get(c)]
    return ", ".join(morceaux) or "aucun engagement"


def ligne_indicateur(libelle: str, info: IndicateurInfo) -> str:
    """« Libellé : 62 enfants au 31/12/2024 · référence 48 en 2023 · cible 90 en 2028 · 33 % du chemin »."""
    derniere = info.derniere
    valeur = (
        f"{avec_unite(derniere.valeur, info.unite)} au {format_date(derniere.date)}" if derniere else "aucune mesure"
    )
    cible = f"cible {avec_unite(info.cible, info.unite)}{_en(info.cible_annee)}"
    reference = f"référence {avec_unite(info.reference, info.unite)}{_en(info.reference_annee)}"
    suite = [valeur, reference if info.reference is not None else "", cible if info.cible is not None else ""]
    if info.avancement is not None:
        suite.append(f"{round(info.avancement * 100)} % du chemin")
    if info.tendance:
        suite.append(info.tendance)
    return f"{libelle} : " + " · ".join(s for s in suite if s)


def _en(annee: int | None) -> str:
    return f" en {annee}" if annee else ""


def decision_en_clair(d: DecisionRevue) -> str:
    texte = d.texte if d.texte else "(décision confidentielle, masquée)"
    lien = f" — {d.engagement}" if d.engagement else ""
    return f"{format_date(d.date)}, {d.comite} : {texte}{lien}"


def rendre(revue: Revue) -> str:
    lignes = [
        f"# Revue annuelle {revue.annee} — {echapper_md(revue.titre)}",
        "",
        f"Situation au {format_date(revue.au)}. Engagements : {statuts_en_clair(revue.par_statut)}.",
        "",
    ]
    for noeud in revue.noeuds:
        lignes += _noeud(noeud)
    if revue.decisions_generales:
        lignes += ["## Décisions générales de l'année", ""]
        lignes += [f"- {echapper_md_lignes(decision_en_clair(d))}" for d in revue.decisions_generales] + [""]
    lignes += _programmation(revue.programmation, revue)
    if revue.decisions_masquees:
        lignes += [
            f"_{masquees(revue.decisions_masquees)}._",
            "",
        ]
    return "\n".join(lignes).rstrip() + "\n"


def _noeud(n: NoeudRevue) -> list[str]:
    titre = "#" * min(n.profondeur + 2, 6)
    lignes = [f"{titre} {echapper_md(n.niveau)} {echapper_md(n.numero)} — {echapper_md(n.titre)}", ""]
    retard = f" ; {pluriel(n.en_retard, 'en retard', 'en retard')}" if n.en_retard else ""
    lignes += [f"Engagements : {statuts_en_clair(n.par_statut)}{retard}.", ""]
    if n.indicateurs:
        lignes += ["Indicateurs :", ""]
        for i in n.indicateurs:
            libelle = i.info.libelle + (f" ({i.engagement})" if i.engagement else "")
            lignes.append(f"- {echapper_md_lignes(ligne_indicateur(libelle, i.info))}")
        lignes.append("")
    if n.decisions:
        lignes += ["Décisions de l'année :", ""]
        lignes += [f"- {echapper_md_lignes(decision_en_clair(d))}" for d in n.decisions] + [""]
    return lignes


def _programmation(p: Programmation, revue: Revue) -> list[str]:
    lignes = [f"## Programmation {p.annee}", ""]
    if not p.actions:
        return [*lignes, f"Aucune action programmée en {p.annee}.", ""]
    lignes += [
        f"{pluriel(len(p.actions), 'action')} : {euros(p.demande)} demandés, {euros(p.accorde)} accordés.",
        "",
        "| Porteur | Action | N° Dauphin | CPO | Objectifs | Financeurs | Demandé | Accordé |",
        "|:--|:--|:--|:--|:--|:--|--:|--:|",
    ]
    for a in p.actions:
        financeurs = "; ".join(f"{f.financeur} {euros(_montant(f.accorde, f.demande))}" for f in a.financements)
        cellules = [a.porteur, a.intitule, a.dauphin, a.cpo, ", ".join(a.objectifs), financeurs]
        montants = f" | {euros(a.demande)} | {euros(a.accorde)} |"
        lignes.append("| " + " | ".join(echapper_md(c) for c in cellules) + montants)
    lignes += ["", "Par financeur :", ""]
    lignes += [f"- {echapper_md(f)} : {euros(d)} demandés, {euros(a)} accordés" for f, d, a in p.par_financeur]
    if p.par_objectif:
        noms = {n.numero: f"{n.niveau} {n.numero}" for n in revue.noeuds}
        lignes += ["", "Par objectif (une action compte dans chaque objectif qu'elle sert, et au-dessus) :", ""]
        lignes += [
            f"- {echapper_md(noms.get(numero, numero))} : {euros(a)} accordés ({euros(d)} demandés)"
            for numero, (d, a) in p.par_objectif.items()
        ]
    return [*lignes, ""]


def _montant(accorde: int | None, demande: int | None) -> int | None:
    return accorde if accorde is not None else demande


def masquees(n: int) -> str:
    return pluriel(n, "décision confidentielle masquée", "décisions confidentielles masquées")
