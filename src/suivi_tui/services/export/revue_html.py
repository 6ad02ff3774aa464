"""The yearly review as one self-contained HTML page, printable on A4 (no external resource, valid HTML5)."""

from __future__ import annotations

import datetime as dt
from html import escape

from suivi_tui.dates import format_date
from suivi_tui.services.export.releve_html import _CSS
from suivi_tui.services.export.revue_md import decision_en_clair, ligne_indicateur, masquees, statuts_en_clair
from suivi_tui.services.programmation import Programmation, euros
from suivi_tui.services.revue import NoeudRevue, Revue
from suivi_tui.texte import pluriel

_CSS_REVUE = """
.niveau { color: #57606a; font-weight: 400; }
h3 { font-size: 1.05em; margin: 16px 0 6px; }
h4 { font-size: 1em; margin: 12px 0 4px; }
.statuts { margin: 0 0 6px; }
td.montant, th.montant { text-align: right; white-space: nowrap; }
"""


def _e(texte: str | None) -> str:
    return escape(texte or "", quote=True)


def rendre(revue: Revue, exporte_le: dt.datetime) -> str:
    corps = [
        "<header>",
        f'<p class="contrat">{_e(revue.titre)}</p>',
        f"<h1>Revue annuelle {revue.annee}</h1>",
        f'<p class="seance">Situation au {format_date(revue.au)} — engagements : '
        f"{_e(statuts_en_clair(revue.par_statut))}</p>",
        "</header>",
    ]
    for noeud in revue.noeuds:
        corps += _noeud(noeud)
    if revue.decisions_generales:
        corps += ["<h2>Décisions générales de l'année</h2>", "<ol>"]
        corps += [f'<li><p class="texte">{_e(decision_en_clair(d))}</p></li>' for d in revue.decisions_generales]
        corps.append("</ol>")
    corps += _programmation(revue.programmation, revue)
    if revue.decisions_masquees:
        corps.append(f'<p class="vide">{_e(masquees(revue.decisions_masquees))}.</p>')
    corps.append(f'<p class="ref">Exporté par suivi le {exporte_le:%d/%m/%Y à %H:%M}</p>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Revue annuelle {revue.annee} — {_e(revue.titre)}</title>\n"
        f"<style>{_CSS}{_CSS_REVUE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(corps)
        + "\n</main>\n</body>\n</html>\n"
    )


def _noeud(n: NoeudRevue) -> list[str]:
    balise = f"h{min(n.profondeur + 2, 4)}"
    lignes = [
        f'<{balise}><span class="niveau">{_e(n.niveau)} {_e(n.numero)}</span> — {_e(n.titre)}</{balise}>',
        f'<p class="statuts">Engagements : {_e(statuts_en_clair(n.par_statut))}'
        + (f' ; <span class="retard">{n.en_retard} en retard</span>' if n.en_retard else "")
        + "</p>",
    ]
    if n.indicateurs:
        lignes.append("<ul>")
        for i in n.indicateurs:
            libelle = i.info.libelle + (f" ({i.engagement})" if i.engagement else "")
            lignes.append(f"<li>{_e(ligne_indicateur(libelle, i.info))}</li>")
        lignes.append("</ul>")
    if n.decisions:
        lignes.append("<ol>")
        lignes += [f'<li><p class="texte">Décision : {_e(decision_en_clair(d))}</p></li>' for d in n.decisions]
        lignes.append("</ol>")
    return lignes


def _programmation(p: Programmation, revue: Revue) -> list[str]:
    lignes = [f"<h2>Programmation {p.annee}</h2>"]
    if not p.actions:
        return [*lignes, f'<p class="vide">Aucune action programmée en {p.annee}.</p>']
    lignes += [
        f"<p>{_e(pluriel(len(p.actions), 'action'))} : {_e(euros(p.demande))} demandés, "
        f"{_e(euros(p.accorde))} accordés.</p>",
        "<table>",
        "<thead><tr><th>Porteur</th><th>Action</th><th>N° Dauphin</th><th>CPO</th><th>Objectifs</th>"
        '<th>Financeurs</th><th class="montant">Demandé</th><th class="montant">Accordé</th></tr></thead>',
        "<tbody>",
    ]
    for a in p.actions:
        financeurs = "<br>".join(
            f"{_e(f.financeur)} : {_e(euros(f.accorde if f.accorde is not None else f.demande))}"
            for f in a.financements
        )
        lignes.append(
            f"<tr><td>{_e(a.porteur)}</td><td>{_e(a.intitule)}</td><td>{_e(a.dauphin)}</td><td>{_e(a.cpo)}</td>"
            f"<td>{_e(', '.join(a.objectifs))}</td><td>{financeurs}</td>"
            f'<td class="montant">{_e(euros(a.demande))}</td><td class="montant">{_e(euros(a.accorde))}</td></tr>'
        )
    lignes += ["</tbody>", "</table>", "<h3>Par financeur</h3>", "<ul>"]
    lignes += [f"<li>{_e(f)} : {_e(euros(d))} demandés, {_e(euros(a))} accordés</li>" for f, d, a in p.par_financeur]
    lignes.append("</ul>")
    if p.par_objectif:
        noms = {n.numero: f"{n.niveau} {n.numero}" for n in revue.noeuds}
        lignes += ["<h3>Par objectif</h3>", "<ul>"]
        lignes += [
            f"<li>{_e(noms.get(numero, numero))} : {_e(euros(a))} accordés ({_e(euros(d))} demandés)</li>"
            for numero, (d, a) in p.par_objectif.items()
        ]
        lignes.append("</ul>")
    return lignes
