"""The relevé de décisions as one self-contained HTML page, printable on A4 (no external resource)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from suivi_tui.atomic import write_atomically
from suivi_tui.dates import format_date
from suivi_tui.services.seances.releve import (
    AUCUN_CHANGEMENT,
    AUCUNE_ECHEANCE,
    ChangementReleve,
    EcheanceReleve,
    PointReleve,
    Releve,
)

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: #1f2328; font: 15px/1.5 "Segoe UI", Roboto, "Helvetica Neue",
       Arial, sans-serif; }
main { max-width: 820px; margin: 24px auto; padding: 32px 40px; background: #fff;
       box-shadow: 0 1px 4px rgba(0, 0, 0, .12); }
header { border-bottom: 2px solid #0b4f9c; padding-bottom: 12px; margin-bottom: 8px; }
.contrat { margin: 0; color: #57606a; font-size: .9em; }
h1 { margin: 4px 0; font-size: 1.6em; color: #0b4f9c; }
.seance { margin: 0 0 8px; font-size: 1.1em; font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
dt { color: #57606a; }
dd { margin: 0; }
h2 { font-size: 1.15em; margin: 22px 0 8px; padding-bottom: 2px; border-bottom: 1px solid #d0d7de; }
ol { padding-left: 1.6em; margin: 0; }
li { margin: 0 0 8px; }
.texte { margin: 0; white-space: pre-line; }
.ref { margin: 2px 0 0; color: #57606a; font-size: .9em; }
.confidentielle { color: #a1221a; font-size: .85em; font-weight: 600; }
.vide { color: #57606a; font-style: italic; margin: 0; }
table { width: 100%; border-collapse: collapse; font-size: .92em; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #d0d7de; }
th { background: #eef2f7; font-weight: 600; }
td.date { white-space: nowrap; }
.retard { color: #b3261e; font-weight: 600; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  li, tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(texte: str | None) -> str:
    return escape(texte or "", quote=True)


def _engagement(reference: str | None, engagement: str | None) -> str:
    return f'{_e(engagement)} <span class="ref">({_e(reference)})</span>'


def _points(titre: str, points: tuple[PointReleve, ...], vide: str | None) -> list[str]:
    if not points and vide is None:
        return []
    html = ["<section>", f"<h2>{titre}</h2>"]
    if not points:
        return [*html, f'<p class="vide">{vide}</p>', "</section>"]
    html.append("<ol>")
    for point in points:
        marque = ' <span class="confidentielle">(confidentielle)</span>' if point.confidentielle else ""
        html.append(f'<li><p class="texte">{_e(point.texte.strip())}{marque}</p>')
        if point.engagement_id is not None:
            pilote = _e(point.pilote) if point.pilote else "non désigné"
            html.append(
                f'<p class="ref">Engagement : {_e(point.engagement)} ({_e(point.reference)}) · Pilote : {pilote}</p>'
            )
        html.append("</li>")
    return [*html, "</ol>", "</section>"]


def _tableau(titre: str, entetes: tuple[str, ...], lignes: list[str], vide: str) -> list[str]:
    html = ["<section>", f"<h2>{titre}</h2>"]
    if not lignes:
        return [*html, f'<p class="vide">{vide}</p>', "</section>"]
    tete = "".join(f'<th scope="col">{t}</th>' for t in entetes)
    return [
        *html,
        "<table>",
        f"<thead><tr>{tete}</tr></thead>",
        "<tbody>",
        *lignes,
        "</tbody>",
        "</table>",
        "</section>",
    ]


def _changement(c: ChangementReleve) -> str:
    return (
        f"<tr><td>{_engagement(c.reference, c.engagement)}</td><td>{_e(c.texte)}</td>"
        f"<td>{_e(c.pilote) or '—'}</td></tr>"
    )


def _echeance(e: EcheanceReleve) -> str:
    retard = ' <span class="retard">en retard</span>' if e.en_retard else ""
    return (
        f'<tr><td class="date">{_e(e.quand)}{retard}</td><td>{_e(e.libelle) or "—"}</td>'
        f"<td>{_engagement(e.reference, e.engagement)}</td><td>{_e(e.pilote) or '—'}</td></tr>"
    )


def _entete(releve: Releve) -> list[str]:
    seance = releve.seance
    html = [
        "<header>",
        f'<p class="contrat">{_e(releve.contrat)}</p>',
        "<h1>Relevé de décisions</h1>",
        f'<p class="seance">{_e(seance.comite)} · séance du {format_date(seance.date)}</p>',
    ]
    details = [(n, v) for n, v in (("Lieu", seance.lieu), ("Participants", seance.participants)) if v.strip()]
    if details:
        html += ["<dl>", *(f"<dt>{n}</dt><dd>{_e(v)}</dd>" for n, v in details), "</dl>"]
    return [*html, "</header>"]


def releve_html(releve: Releve) -> str:
    """The whole relevé as an HTML5 document with its CSS inline; every user text is escaped."""
    seance = releve.seance
    titre = f"Relevé de décisions — {_e(seance.comite)} — {format_date(seance.date)}"
    corps = [
        *_entete(releve),
        *_points("Décisions", releve.decisions, "Aucune décision."),
        *_points("Actions", releve.actions, "Aucune action."),
        *_points("Informations", releve.informations, None),
        *_tableau(
            "Changements en séance",
            ("Engagement", "Changement", "Pilote"),
            [_changement(c) for c in releve.changements],
            AUCUN_CHANGEMENT,
        ),
        *(
            _tableau(
                "Échéances dépassées",
                ("Date", "Échéance", "Engagement", "Pilote"),
                [_echeance(e) for e in releve.depassees],
                "",
            )
            if releve.depassees
            else []
        ),
        *_tableau(
            "Prochaines échéances",
            ("Date", "Échéance", "Engagement", "Pilote"),
            [_echeance(e) for e in releve.echeances],
            AUCUNE_ECHEANCE,
        ),
    ]
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="fr">',
                "<head>",
                '<meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{titre}</title>",
                f"<style>{_CSS}</style>",
                "</head>",
                "<body>",
                "<main>",
                *corps,
                "</main>",
                "</body>",
                "</html>",
            ]
        )
        + "\n"
    )


def ecrire_releve_html(releve: Releve, cible: Path, *, force: bool = False) -> Path:
    """Write the HTML relevé to cible (0600, never over an existing file unless force)."""
    contenu = releve_html(releve)

    def ecrire(tmp: Path) -> None:
        tmp.write_text(contenu, encoding="utf-8")

    return write_atomically(cible, ecrire, force=force)
