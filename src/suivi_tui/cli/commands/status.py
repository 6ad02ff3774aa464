"""`suivi status`: the quick status check, printed as a table per axis and the next échéances."""

from __future__ import annotations

import argparse
import shutil
from typing import Any

from suivi_tui.cli.commands.common import add_command, add_contrat_option, choose_contrat
from suivi_tui.cli.ouverture import open_db
from suivi_tui.services.vocabulaire import STATUTS
from suivi_tui.texte import court, pluriel


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "status",
        "l'état du contrat : chiffres par axe, retards, prochaines échéances",
        "suivi --today 2021-03-15 status",
        run_status,
    )
    add_contrat_option(parser)


def run_status(args: argparse.Namespace) -> int:
    from suivi_tui.dates import format_date, format_echeance
    from suivi_tui.today import today

    db = open_db(args)  # first: SQLAlchemy loads while SQLite checks the file
    from suivi_tui.services.contrats import synthese
    from suivi_tui.services.situation import etat_par_axe, prochaines_echeances

    try:
        contrat_id = choose_contrat(db, getattr(args, "contrat", None))
        jour = today()
        resume = synthese(db, contrat_id, jour)
        axes = etat_par_axe(db, contrat_id, jour)
        prochaines = prochaines_echeances(db, contrat_id, jour)
    finally:
        db.close()
    print(f"{resume.contrat.titre} — au {format_date(jour)}")
    print(
        f"{pluriel(resume.total, 'engagement')} · {pluriel(resume.par_statut.get('realise', 0), 'réalisé')} · "
        f"{resume.par_statut.get('en_cours', 0)} en cours · {resume.en_retard} en retard\n"
    )
    print(_axes_table(axes, format_date))
    print("\nProchaines échéances :")
    if not prochaines:
        print("  aucune échéance à venir")
    for e in prochaines:
        quand = format_echeance(e.date, e.precision)
        print(f"  {quand:<12} Axe {e.axe_numero:<4} {e.partie:<12} {court(e.libelle or e.engagement_libelle, 60)}")
    return 0


def _axes_table(axes: list[Any], format_date: Any) -> str:
    # Only the statuts in use get a column, and titles shrink, so the table fits 80 columns.
    codes = [c for c in STATUTS if c in ("a_venir", "en_cours", "realise") or any(a.par_statut.get(c) for a in axes)]
    heads = ["Axe", "Total", *(STATUTS[c] for c in codes), "En retard", "Prochaine"]
    rows = [
        [
            f"{'  ' * a.profondeur}{a.numero} {a.titre}",
            str(a.total),
            *(str(a.par_statut.get(c, 0)) for c in codes),
            str(a.en_retard),
            format_date(a.prochaine) if a.prochaine else "—",
        ]
        for a in axes
    ]
    racines = [a for a in axes if a.profondeur == 0]  # the nodes below are in their root's counts
    totals = [
        "Total",
        str(sum(a.total for a in racines)),
        *(str(sum(a.par_statut.get(c, 0) for a in racines)) for c in codes),
        str(sum(a.en_retard for a in racines)),
        "",
    ]
    others = sum(max(len(r[i]) for r in [heads, *rows]) + 2 for i in range(1, len(heads)))
    room = max(12, min(40, shutil.get_terminal_size((100, 24)).columns - others - 1))
    for row in rows:
        row[0] = court(row[0], room)
    widths = [max(len(r[i]) for r in [heads, *rows, totals]) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        padded = (c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
        return "  ".join(padded).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(heads), rule, *(line(r) for r in rows), rule, line(totals)])
