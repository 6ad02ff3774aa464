"""The « Point d'étape » report as one self-contained HTML5 page, printable on A4 (one axis per page)."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from suivi_tui.dates import format_date
from suivi_tui.services.export.avancement import progression_de
from suivi_tui.services.export.donnees import Donnees, EcheanceExport, NoteExport
from suivi_tui.services.export.graphiques_svg import CSS as CSS_GRAPHIQUES
from suivi_tui.services.export.graphiques_svg import graphiques as graphiques_avancement
from suivi_tui.services.export.mise_en_forme import (
    COULEUR_RETARD,
    COULEURS_STATUT,
    etat_echeance,
    exporte_le,
    pourcent,
    quand,
)
from suivi_tui.services.export.rapport import Fiche, LigneAxe, Rapport, SectionAxe, construire, raison_du_retard
from suivi_tui.services.export.rapport_indicateurs import CSS as CSS_INDICATEURS
from suivi_tui.services.export.rapport_indicateurs import section_html as indicateurs_html
from suivi_tui.services.vocabulaire import STATUTS, TYPES_NOTE, accord_statut, libelle_statut
from suivi_tui.texte import accord, nombre, pluriel
from suivi_tui.today import iso_utc

_CSS = """
:root { --encre: #1d2733; --doux: #5b6673; --trait: #d0d6de; --retard: %(retard)s; --fond-retard: %(fond_retard)s; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; color: var(--encre);
       max-width: 62rem; margin: 2rem auto; padding: 0 1rem; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 1.7rem; margin: 0; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--encre); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; color: var(--doux); text-transform: uppercase; letter-spacing: .04em; margin: 1.2rem 0 .4rem; }
h4 { font-size: 1rem; margin: 0 0 .25rem; font-weight: 600; }
.contrat { font-size: 1.15rem; margin: .2rem 0; }
.meta, .resume, .note-meta, footer { color: var(--doux); }
.alerte-confidentiel { color: var(--retard); font-weight: 700; }
.chiffres { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; padding: 0; }
.chiffres strong { font-size: 1.3rem; }
table { border-collapse: collapse; width: 100%%; font-size: .95em; }
th, td { border-bottom: 1px solid var(--trait); padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.axes td:nth-child(2) { width: 36%%; }
tfoot td { font-weight: 700; border-top: 2px solid var(--encre); }
td.retard { color: var(--retard); font-weight: 700; }
.statut { display: inline-block; padding: 0 .45em; border-radius: 3px; font-weight: 600; font-size: .9em; }
%(statuts)s
.badge-retard { display: inline-block; padding: 0 .45em; border-radius: 3px; font-weight: 700; font-size: .9em;
                color: #fff; background: var(--retard); }
article.engagement { border-left: 4px solid var(--trait); padding: .35rem .8rem; margin: .5rem 0; }
article.en-retard { border-left-color: var(--retard); background: var(--fond-retard); }
.etat { margin: .1rem 0 .3rem; }
ul.echeances { margin: .2rem 0; padding-left: 1.2rem; }
li.en-retard { color: var(--retard); font-weight: 600; }
.note { margin: .3rem 0 0; padding-left: .6rem; border-left: 2px solid var(--trait); }
.note-meta { font-size: .85em; display: block; }
footer { margin-top: 2rem; font-size: .85em; }
table.retards td:nth-child(2) { width: 40%%; }
@page {
  size: A4; margin: 16mm 12mm;
  @top-left { content: %(contrat)s; font-size: 8pt; color: #5b6673; }
  @bottom-left { content: %(situation)s; font-size: 8pt; color: #5b6673; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font-size: 8pt; color: #5b6673; }
  %(confidentiel)s
}
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.axe { break-before: page; page-break-before: always; }
  article.engagement, tr, .note { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
}
"""


# Printed on every page, in the page's margin (CSS paged media; Chromium and Edge since 131): which
# contrat, which page, and, when confidential notes are included, that the sheet must not circulate.
_BANDEAU_CONFIDENTIEL = (
    '@top-right { content: "CONFIDENTIEL — notes confidentielles incluses, ne pas diffuser"; '
    "font-size: 8pt; font-weight: 700; color: %s; }"
)


def _css(d: Donnees) -> str:
    statuts = "\n".join(
        f".statut-{code} {{ background: {fond}; color: {encre}; }}" for code, (fond, encre) in COULEURS_STATUT.items()
    )
    return _CSS % {
        "statuts": statuts,
        "retard": COULEUR_RETARD[1],
        "fond_retard": COULEUR_RETARD[0],
        "contrat": chaine_css(f"Point d'étape — {d.contrat.titre}"),
        "situation": chaine_css(f"Situation au {format_date(d.today)}"),
        "confidentiel": _BANDEAU_CONFIDENTIEL % COULEUR_RETARD[1] if d.confidentiel_inclus else "",
    }


def chaine_css(texte: str) -> str:
    """texte as a CSS string literal: every character that could end it, or the <style>, escaped as hex."""
    return '"' + "".join(c if c.isalnum() or c in " -—'.,·:()" else f"\\{ord(c):06x}" for c in texte) + '"'


def _t(texte: str) -> str:
    """User text as HTML: escaped, line breaks kept."""
    return "<br>".join(escape(ligne) for ligne in texte.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def ecrire(donnees: Donnees, tmp: Path, *, table: str = "engagements") -> int:
    """Write the report to tmp; returns the number of engagements."""
    tmp.write_text(rendre(construire(donnees)), encoding="utf-8", newline="\n")
    return len(donnees.engagements)


def rendre(rapport: Rapport) -> str:
    d = rapport.donnees
    titre = escape(d.contrat.titre)
    corps = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Point d'étape — {titre}</title>",
        f"<style>{_css(d)}{CSS_GRAPHIQUES}{CSS_INDICATEURS}</style>",
        "</head>",
        "<body>",
        '<header class="entete">',
        "<h1>Point d'étape</h1>",
        f'<p class="contrat">{titre}</p>',
        f'<p class="meta">Situation au {format_date(d.today)} · {_mention_confidentiel(d)}</p>',
        "</header>",
        _synthese(rapport),
        _avancement(d),
        indicateurs_html(d),
        _retards(rapport),
        *(_section(d, s) for s in rapport.sections),
        f'<footer>Exporté par suivi <time datetime="{iso_utc(d.exporte_le)}">{exporte_le(d.exporte_le)}</time>.'
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(c for c in corps if c) + "\n"


def _avancement(d: Donnees) -> str:
    """The progress charts (inline SVG), after the totals: réalisés and en cours month by month."""
    graphiques = graphiques_avancement(progression_de(d))
    if not graphiques:
        return ""
    return f'<section class="avancement">\n<h2>Avancement mois par mois</h2>\n{graphiques}\n</section>'


def _mention_confidentiel(d: Donnees) -> str:
    if d.confidentiel_inclus:
        return '<span class="alerte-confidentiel">contient des notes confidentielles : ne pas diffuser</span>'
    return f"notes confidentielles exclues : {d.notes_exclues}"


def _synthese(rapport: Rapport) -> str:
    total = rapport.total
    chiffres = [
        f"<li><strong>{nombre(total.total)}</strong> {accord(total.total, 'engagement')}</li>",
        *(
            f"<li><strong>{nombre(n)}</strong> {escape(accord_statut(n, c))}</li>"
            for c, n in total.par_statut.items()
            if n
        ),
        f'<li class="{"retard" if total.en_retard else ""}"><strong>{total.en_retard}</strong> en retard</li>',
        f"<li><strong>{pourcent(total.part_realisee)}</strong> réalisés</li>",
    ]
    titres = [*STATUTS.values(), "En retard", "% réalisé"]
    entetes = "".join(f'<th scope="col" class="n">{escape(s)}</th>' for s in titres)
    corps = "\n".join(_ligne_axe(ligne) for ligne in rapport.lignes)
    return (
        f'<section class="synthese">\n<h2>Totaux</h2>\n<ul class="chiffres">{"".join(chiffres)}</ul>\n'
        f'<table class="axes">\n<thead><tr><th scope="col">Axe</th><th scope="col">Intitulé</th>'
        f'<th scope="col" class="n">Total</th>{entetes}</tr></thead>\n<tbody>\n{corps}\n</tbody>\n'
        f"<tfoot>{_ligne_axe(total)}</tfoot>\n</table>\n</section>"
    )


def _ligne_axe(ligne: LigneAxe) -> str:
    nombres = "".join(f'<td class="n">{ligne.par_statut[c]}</td>' for c in STATUTS)
    retard = f'<td class="n{" retard" if ligne.en_retard else ""}">{ligne.en_retard}</td>'
    # A node under another is indented: its counts are already in the row above (the tree rolls up).
    retrait = f' style="padding-left: {0.4 + 1.2 * ligne.profondeur:.2f}rem"' if ligne.profondeur else ""
    return (
        f'<tr><td>{escape(ligne.numero)}</td><td{retrait}>{escape(ligne.titre)}</td><td class="n">{ligne.total}</td>'
        f'{nombres}{retard}<td class="n">{pourcent(ligne.part_realisee)}</td></tr>'
    )


def _retards(rapport: Rapport) -> str:
    """The late engagements: where, what, which échéance and by how long, who pilots it."""
    if not rapport.en_retard:
        return ""
    lignes = "\n".join(_ligne_retard(rapport.donnees, f) for f in rapport.en_retard)
    return (
        f'<section class="retards">\n<h2>En retard ({len(rapport.en_retard)})</h2>\n<table class="retards">\n'
        '<thead><tr><th scope="col">Axe</th><th scope="col">Engagement</th><th scope="col">Échéance dépassée</th>'
        f'<th scope="col">Pilote</th></tr></thead>\n<tbody>\n{lignes}\n</tbody>\n</table>\n</section>'
    )


def _ligne_retard(d: Donnees, f: Fiche) -> str:
    e = f.engagement
    return (
        f"<tr><td>Axe {escape(d.axe(e.axe_id).numero)} · {escape(d.partie(e.partie_id).nom_court)}</td>"
        f"<td>{escape(e.libelle)}</td><td>{escape(raison_du_retard(f, d.today))}</td>"
        f"<td>{escape(e.pilote) if e.pilote else '—'}</td></tr>"
    )


def _section(d: Donnees, section: SectionAxe) -> str:
    ligne = section.ligne
    axe = section.axe
    dessous = " (avec les niveaux en dessous)" if ligne.sous_niveaux else ""
    morceaux = [
        '<section class="axe">',
        f"<h2>{escape(axe.niveau)} {escape(axe.numero)} — {escape(axe.titre)}</h2>",
        f'<p class="resume">{pluriel(ligne.total, "engagement")}{dessous} · {pluriel(ligne.realises, "réalisé")} · '
        f"{nombre(ligne.en_retard)} en retard</p>",
    ]
    for groupe in section.parties:
        morceaux.append(f"<h3>{escape(groupe.partie.nom)}</h3>")
        morceaux += [_fiche(f, d.today) for f in groupe.fiches]
    morceaux.append("</section>")
    return "\n".join(morceaux)


def _fiche(fiche: Fiche, today: dt.date) -> str:
    e = fiche.engagement
    classes = "engagement en-retard" if e.en_retard else "engagement"
    etat = [f'<span class="statut statut-{escape(e.statut)}">{escape(libelle_statut(e.statut))}</span>']
    if e.en_retard:
        etat.append('<span class="badge-retard">En retard</span>')
    etat.append(f"Pilote : {escape(e.pilote) if e.pilote else '—'}")
    if e.a_discuter:
        etat.append("à discuter à la prochaine séance")
    morceaux = [
        f'<article class="{classes}">',
        f"<h4>{e.ordre}. {escape(e.libelle)}</h4>",
        f'<p class="etat">{" · ".join(etat)}</p>',
    ]
    if fiche.echeances:
        morceaux.append('<ul class="echeances">' + "".join(_echeance(x, today) for x in fiche.echeances) + "</ul>")
    morceaux += [_note(n) for n in fiche.notes]
    morceaux.append("</article>")
    return "\n".join(morceaux)


def _echeance(x: EcheanceExport, today: dt.date) -> str:
    etat = etat_echeance(x, today)
    classe = "faite" if x.faite_le else ("en-retard" if x.en_retard else "ouverte")
    libelle = f" — {escape(x.libelle)}" if x.libelle else ""
    return (
        f'<li class="{classe}">Échéance <time datetime="{x.date.isoformat()}">{escape(quand(x))}</time>'
        f"{libelle} ({etat})</li>"
    )


def _note(n: NoteExport) -> str:
    genre = escape(TYPES_NOTE.get(n.type, n.type))
    return (
        f'<p class="note"><span class="note-meta">{genre} · {escape(n.comite)} · '
        f'<time datetime="{n.seance_date.isoformat()}">{format_date(n.seance_date)}</time></span>'
        f"{_t(n.texte)}</p>"
    )
