"""The bilan in Markdown: scorecards, the table axes × parties, progress by month, what is left to carry over."""

from __future__ import annotations

from suivi_tui.dates import format_date
from suivi_tui.services.bilan import Bilan, Compte, tableau_de_bord
from suivi_tui.services.export.markdown import echapper_md, echapper_md_lignes
from suivi_tui.services.export.mise_en_forme import pourcent
from suivi_tui.services.progression import Serie
from suivi_tui.services.vocabulaire import libelle_statut
from suivi_tui.texte import pluriel

BARRES = " ▁▂▃▄▅▆▇█"
# Said under the table of a tree: an enjeu's row is not to be added to its objectives'.
_CUMUL = " Un enjeu ou une orientation compte aussi les engagements des niveaux en dessous."


def etincelle(valeurs: tuple[int, ...], total: int) -> str:
    """Month by month from zero to total, one character each (« · » for none)."""
    return "".join(BARRES[max(1, round(v * 8 / max(total, 1)))] if v else "·" for v in valeurs)


def _cellule(c: Compte) -> str:
    return (
        f"{c.realises}/{c.engagements} · {c.en_cours} en cours · {c.en_retard} en retard · {pourcent(c.part_realisee)}"
    )


def rendre(bilan: Bilan) -> str:
    t = bilan.total
    lignes = [
        f"# Bilan — {echapper_md(bilan.titre)}",
        "",
        f"Situation au {format_date(bilan.today)}.",
        "",
        f"**{echapper_md(tableau_de_bord(bilan))}** — ensemble : {t.realises}/{t.engagements} réalisés, "
        f"{t.en_cours} en cours, {t.en_retard} en retard ({pourcent(t.part_realisee)} réalisés).",
        "",
        "## Par axe et par partie",
        "",
        "Dans chaque case : réalisés/engagements · en cours · en retard · % réalisé."
        + (_CUMUL if any(ligne.parent_id is not None for ligne in bilan.lignes) else ""),
        "",
        "| Axe | " + " | ".join(echapper_md(p.nom_court) for p in bilan.parties) + " | Ensemble |",
        "|:--|" + "--:|" * (len(bilan.parties) + 1),
    ]
    for ligne in bilan.lignes:
        cellules = [_cellule(c) for c in (*ligne.par_partie, ligne.total)]
        lignes.append(f"| {echapper_md(ligne.numero)} — {echapper_md(ligne.titre)} | " + " | ".join(cellules) + " |")
    lignes.append("| **Total** | " + " | ".join(_cellule(c) for c in (*bilan.par_partie, bilan.total)) + " |")
    lignes += ["", *_avancement(bilan), *_a_reporter(bilan)]
    return "\n".join(lignes).rstrip() + "\n"


def _avancement(bilan: Bilan) -> list[str]:
    p = bilan.progression
    if not p.mois:
        return []
    lignes = [
        "## Avancement mois par mois",
        "",
        f"Du {format_date(p.mois[0])} au {format_date(p.mois[-1])}, reconstitué d'après l'historique des statuts.",
        "",
        "| Axe | Réalisés, mois par mois | Réalisés | En cours |",
        "|:--|:--|--:|--:|",
    ]
    series: list[tuple[str, Serie]] = [(f"{s.numero} — {s.titre}", s.serie) for s in p.par_axe]
    for nom, serie in [*series, ("**Ensemble**", p.ensemble)]:
        fin = f"{serie.realises[-1]}/{serie.total}"
        lignes.append(
            f"| {nom if nom.startswith('**') else echapper_md(nom)} | `{etincelle(serie.realises, serie.total)}` "
            f"| {fin} | {serie.en_cours[-1]} |"
        )
    lignes += ["", "| Fin de mois | Réalisés | En cours |", "|:--|--:|--:|"]
    for jour, r, c in zip(p.mois, p.ensemble.realises, p.ensemble.en_cours, strict=True):
        lignes.append(f"| {format_date(jour)} | {r} | {c} |")
    return [*lignes, ""]


def _a_reporter(bilan: Bilan) -> list[str]:
    reste = bilan.a_reporter
    lignes = [f"## À reporter — {pluriel(len(reste), 'engagement')} non réalisé{'s' if len(reste) > 1 else ''}", ""]
    if not reste:
        return [*lignes, "Tous les engagements sont réalisés."]
    for r in reste:
        retard = " — **en retard**" if r.en_retard else ""
        lignes.append(
            f"- **Axe {echapper_md(r.axe_numero)} · {echapper_md(r.partie)}** — {echapper_md(r.libelle)} — "
            f"{libelle_statut(r.statut)}{retard} — pilote : {echapper_md(r.pilote) if r.pilote else '—'}"
        )
        d = r.decision
        if d is None:
            lignes.append("  - Aucune décision notée.")
        elif d.texte is None:
            lignes.append(
                f"  - Dernière décision ({echapper_md(d.comite)}, {format_date(d.date)}) : confidentielle, masquée."
            )
        else:
            texte = echapper_md_lignes(d.texte).replace("  \n", "  \n    ")
            lignes.append(f"  - Dernière décision ({echapper_md(d.comite)}, {format_date(d.date)}) :  \n    {texte}")
    return lignes
