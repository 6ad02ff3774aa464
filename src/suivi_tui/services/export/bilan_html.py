"""The bilan as one self-contained HTML5 page (A4): scorecards, axes × parties, inline SVG charts, what is left."""

from __future__ import annotations

import datetime as dt
from html import escape

from suivi_tui.dates import format_date
from suivi_tui.services.bilan import AReporter, Bilan, Compte, tableau_de_bord
from suivi_tui.services.export.graphiques_svg import CSS as CSS_GRAPHIQUES
from suivi_tui.services.export.graphiques_svg import graphiques
from suivi_tui.services.export.mise_en_forme import exporte_le, pourcent
from suivi_tui.services.export.rapport_html import chaine_css
from suivi_tui.services.vocabulaire import libelle_statut
from suivi_tui.texte import pluriel
from suivi_tui.today import iso_utc

_CSS = """
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; color: #1d2733;
       max-width: 62rem; margin: 2rem auto; padding: 0 1rem; font-size: 11pt; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0; } h2 { font-size: 1.25rem; border-bottom: 2px solid #1d2733; margin-top: 1.6rem; }
.meta, footer, .doux { color: #5b6673; }
.score { font-size: 1.1rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border-bottom: 1px solid #d0d6de; padding: .2rem .35rem; text-align: right; vertical-align: top; }
th { background: #eef1f5; } td.axe, th.axe { text-align: left; }
tfoot td { font-weight: 700; border-top: 2px solid #1d2733; }
.retard { color: #b3261e; font-weight: 700; }
ul.reste { padding-left: 1.1rem; } ul.reste li { margin: .35rem 0; break-inside: avoid; page-break-inside: avoid; }
.decision { display: block; color: #1e6b2f; } .masquee { display: block; font-style: italic; color: #5b6673; }
@page { size: A4; margin: 16mm 12mm;
  @top-left { content: @TITRE@; font-size: 8pt; color: #5b6673; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font-size: 8pt; color: #5b6673; } }
@media print { body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.reste { break-before: page; page-break-before: always; } tr { break-inside: avoid; } }
"""
MESURES = ("Réal.", "En cours", "Retard", "%")


def rendre(bilan: Bilan, exporte: dt.datetime) -> str:
    titre = escape(bilan.titre)
    t = bilan.total
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="fr">',
                '<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>Bilan — {titre}</title>",
                f"<style>{_CSS.replace('@TITRE@', chaine_css(f'Bilan — {bilan.titre}'))}{CSS_GRAPHIQUES}</style>",
                "</head>",
                "<body>",
                f"<header><h1>Bilan</h1><p>{titre}</p>",
                f'<p class="meta">Situation au {format_date(bilan.today)}</p></header>',
                f'<p class="score">{escape(tableau_de_bord(bilan))}</p>',
                f"<p>Ensemble : {t.realises}/{t.engagements} réalisés ({pourcent(t.part_realisee)}), "
                f"{t.en_cours} en cours, "
                f'<span class="{"retard" if t.en_retard else ""}">{t.en_retard} en retard</span>.</p>',
                _matrice(bilan),
                '<section class="avancement">\n<h2>Avancement mois par mois</h2>',
                graphiques(bilan.progression),
                "</section>",
                _reste(bilan),
                f'<footer>Exporté par suivi <time datetime="{iso_utc(exporte)}">{exporte_le(exporte)}</time>.</footer>',
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )


def _matrice(bilan: Bilan) -> str:
    noms = [escape(p.nom_court) for p in bilan.parties] + ["Ensemble"]
    haut = "".join(f'<th scope="colgroup" colspan="{len(MESURES)}">{n}</th>' for n in noms)
    bas = "".join(f'<th scope="col">{m}</th>' for _ in noms for m in MESURES)
    corps = "\n".join(
        f'<tr><td class="axe"{_retrait(ligne.profondeur)}>{escape(ligne.numero)} — {escape(ligne.titre)}</td>'
        + "".join(_cellules(c) for c in (*ligne.par_partie, ligne.total))
        + "</tr>"
        for ligne in bilan.lignes
    )
    total = '<tr><td class="axe">Total</td>' + "".join(_cellules(c) for c in (*bilan.par_partie, bilan.total)) + "</tr>"
    return (
        '<section class="matrice">\n<h2>Par axe et par partie</h2>\n<table>\n'
        f'<thead><tr><th scope="col" class="axe" rowspan="2">Axe</th>{haut}</tr><tr>{bas}</tr></thead>\n'
        f"<tbody>\n{corps}\n</tbody>\n<tfoot>{total}</tfoot>\n</table>\n</section>"
    )


def _retrait(profondeur: int) -> str:
    """A node under another is indented: its counts are already in the row above (the tree rolls up)."""
    return f' style="padding-left: {0.35 + 1.2 * profondeur:.2f}rem"' if profondeur else ""


def _cellules(c: Compte) -> str:
    retard = f'<td class="retard">{c.en_retard}</td>' if c.en_retard else "<td>0</td>"
    return f"<td>{c.realises}/{c.engagements}</td><td>{c.en_cours}</td>{retard}<td>{pourcent(c.part_realisee)}</td>"


def _reste(bilan: Bilan) -> str:
    reste = bilan.a_reporter
    titre = f"À reporter — {pluriel(len(reste), 'engagement')} non réalisé{'s' if len(reste) > 1 else ''}"
    if not reste:
        return f'<section class="reste"><h2>{titre}</h2><p>Tous les engagements sont réalisés.</p></section>'
    return (
        f'<section class="reste">\n<h2>{titre}</h2>\n<ul class="reste">\n'
        + "\n".join(map(_item, reste))
        + "\n</ul>\n</section>"
    )


def _item(r: AReporter) -> str:
    retard = ' <span class="retard">en retard</span>' if r.en_retard else ""
    d = r.decision
    if d is None:
        decision = '<span class="masquee">Aucune décision notée.</span>'
    else:
        quand = f"Dernière décision ({escape(d.comite)}, {format_date(d.date)}) : "
        if d.texte is None:
            decision = f'<span class="masquee">{quand}confidentielle, masquée.</span>'
        else:
            decision = f'<span class="decision">{quand}{escape(d.texte)}</span>'
    return (
        f"<li><strong>Axe {escape(r.axe_numero)} · {escape(r.partie)}</strong> — {escape(r.libelle)} — "
        f"{escape(libelle_statut(r.statut))}{retard} — pilote : {escape(r.pilote) if r.pilote else '—'}{decision}</li>"
    )
