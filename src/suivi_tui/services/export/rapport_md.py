"""The « Point d'étape » report in Markdown: readable as plain text, every user text escaped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from suivi_tui.dates import format_date
from suivi_tui.services.export.donnees import Donnees
from suivi_tui.services.export.markdown import echapper_md, echapper_md_lignes
from suivi_tui.services.export.mise_en_forme import etat_echeance, exporte_le, pourcent, quand
from suivi_tui.services.export.rapport import Fiche, LigneAxe, Rapport, SectionAxe, construire, raison_du_retard
from suivi_tui.services.export.rapport_indicateurs import section_md as indicateurs_md
from suivi_tui.services.vocabulaire import STATUTS, TYPES_NOTE, accord_statut, libelle_statut
from suivi_tui.texte import nombre, pluriel


# Characters that Markdown (CommonMark, GFM tables) would read as markup or raw HTML.
def ecrire(donnees: Donnees, tmp: Path, *, table: str = "engagements") -> int:
    """Write the report to tmp; returns the number of engagements."""
    tmp.write_text(rendre(construire(donnees)), encoding="utf-8", newline="\n")
    return len(donnees.engagements)


def rendre(rapport: Rapport) -> str:
    d = rapport.donnees
    parties = [
        f"# Point d'étape — {echapper_md(d.contrat.titre)}",
        "",
        f"Situation au {format_date(d.today)}. {_mention_confidentiel(d)}",
        "",
        "## Totaux",
        "",
        _totaux(rapport.total),
        "",
        "## Par axe",
        "",
        _tableau(rapport),
        "",
        *_cumul(rapport),
        *indicateurs_md(d),
    ]
    if rapport.en_retard:
        parties += [f"## En retard ({len(rapport.en_retard)})", ""]
        parties += [_retard(d, f) for f in rapport.en_retard]
        parties.append("")
    for section in rapport.sections:
        parties += _section(d, section)
    parties += ["", f"Exporté par suivi {exporte_le(d.exporte_le)}."]
    return "\n".join(parties).rstrip() + "\n"


def _retard(d: Donnees, f: Fiche) -> str:
    e = f.engagement
    return (
        f"- **Axe {echapper_md(d.axe(e.axe_id).numero)} · {echapper_md(d.partie(e.partie_id).nom_court)}** — "
        f"{echapper_md(e.libelle)} — {echapper_md(raison_du_retard(f, d.today))} — "
        f"pilote : {echapper_md(e.pilote) if e.pilote else '—'}"
    )


def _mention_confidentiel(d: Donnees) -> str:
    if d.confidentiel_inclus:
        return "**Contient des notes confidentielles : ne pas diffuser.**"
    return f"Notes confidentielles exclues : {d.notes_exclues}."


def _totaux(total: LigneAxe) -> str:
    details = " · ".join(f"{nombre(n)} {accord_statut(n, code)}" for code, n in total.par_statut.items() if n)
    return (
        f"**{pluriel(total.total, 'engagement')}** — {details} — **{nombre(total.en_retard)} en retard** — "
        f"{pourcent(total.part_realisee)} réalisés"
    )


def _tableau(rapport: Rapport) -> str:
    entetes = ["Axe", "Intitulé", "Total", *STATUTS.values(), "En retard", "% réalisé"]
    lignes = ["| " + " | ".join(entetes) + " |", "|" + "|".join([":--", ":--", *["--:"] * (len(entetes) - 2)]) + "|"]
    for ligne in [*rapport.lignes, rapport.total]:
        gras = "**" if ligne is rapport.total else ""
        cellules = [
            f"{gras}{echapper_md(ligne.numero)}{gras}",
            echapper_md(ligne.titre),
            str(ligne.total),
            *(str(ligne.par_statut[c]) for c in STATUTS),
            str(ligne.en_retard),
            pourcent(ligne.part_realisee),
        ]
        lignes.append("| " + " | ".join(cellules) + " |")
    return "\n".join(lignes)


def _cumul(rapport: Rapport) -> list[str]:
    """Said under the table of a tree: an enjeu's row already holds its objectives' engagements."""
    if not any(ligne.sous_niveaux for ligne in rapport.lignes):
        return []
    return ["Un enjeu ou une orientation compte aussi les engagements des niveaux en dessous.", ""]


def _section(d: Donnees, section: SectionAxe) -> list[str]:
    ligne = section.ligne
    axe = section.axe
    dessous = " (avec les niveaux en dessous)" if ligne.sous_niveaux else ""
    lignes = [
        f"## {echapper_md(axe.niveau)} {echapper_md(axe.numero)} — {echapper_md(axe.titre)}",
        "",
        f"{pluriel(ligne.total, 'engagement')}{dessous}, {pluriel(ligne.realises, 'réalisé')}, "
        f"{nombre(ligne.en_retard)} en retard.",
        "",
    ]
    for groupe in section.parties:
        lignes += [f"### {echapper_md(groupe.partie.nom)}", ""]
        for fiche in groupe.fiches:
            lignes += _fiche(fiche, d.today)
    return lignes


def _fiche(fiche: Fiche, today: dt.date) -> list[str]:
    e = fiche.engagement
    retard = " — **⚠ EN RETARD**" if e.en_retard else ""
    lignes = [
        f"#### {e.ordre}. {echapper_md(e.libelle)}",
        "",
        f"- Statut : **{libelle_statut(e.statut)}**{retard}",
        f"- Pilote : {echapper_md(e.pilote) if e.pilote else '—'}",
    ]
    if e.a_discuter:
        lignes.append("- À discuter à la prochaine séance")
    for x in fiche.echeances:
        etat = "**en retard**" if x.en_retard else etat_echeance(x, today)
        libelle = f" — {echapper_md(x.libelle)}" if x.libelle else ""
        lignes.append(f"- Échéance {quand(x)}{libelle} ({etat})")
    for n in fiche.notes:
        lignes.append(
            f"- Note ({TYPES_NOTE.get(n.type, n.type).lower()}, {echapper_md(n.comite)}, "
            f"{format_date(n.seance_date)}) :  \n  " + echapper_md_lignes(n.texte).replace("  \n", "  \n  ")
        )
    return [*lignes, ""]
