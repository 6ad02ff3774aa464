"""`suivi bilan [FICHIER]`: the contrat's bilan — Markdown on the standard output, or a .md, .html or .xlsx file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from suivi_tui.cli.commands.common import add_command, add_contrat_option, choose_contrat
from suivi_tui.cli.options import chemin_option
from suivi_tui.cli.ouverture import open_db
from suivi_tui.cli.sortie import EXIT_BAD_INPUT, EXIT_FAILURE, Sortie
from suivi_tui.texte import pluriel, taille

FORMATS = ("md", "html", "xlsx")


def register(commands: Any) -> None:
    parser = add_command(
        commands,
        "bilan",
        "le bilan du contrat : axes × parties, avancement mois par mois, engagements à reporter",
        "suivi bilan ~/Documents/bilan-antony.html",
        run_bilan,
    )
    parser.add_argument(
        "sortie",
        metavar="FICHIER",
        nargs="?",
        type=chemin_option,
        help="le fichier à écrire (.md, .html ou .xlsx) ; sans fichier, le Markdown va sur la sortie standard",
    )
    parser.add_argument(
        "--format", choices=FORMATS, metavar="FORMAT", help="md, html ou xlsx, si l'extension ne le dit pas"
    )
    parser.add_argument("--force", action="store_true", help="remplace le fichier s'il existe déjà")
    parser.add_argument(
        "--include-confidential",
        action="store_true",
        help="montre le texte des décisions confidentielles (elles peuvent nommer des habitants)",
    )
    add_contrat_option(parser)


def run_bilan(args: argparse.Namespace) -> int:
    from suivi_tui.atomic import CibleSpeciale, FichierExistant
    from suivi_tui.services.export.bilan_fichier import format_bilan
    from suivi_tui.services.export.demande import ExportImpossible, ExportInvalide

    chemin = Path(args.sortie) if args.sortie is not None else None
    try:
        # A bad name or format is refused before the base is even opened.
        fmt = format_bilan(chemin, args.format)
        if chemin is None and fmt != "md":
            raise Sortie(f"Le bilan en {fmt} s'écrit dans un fichier : donnez son nom (par exemple bilan.{fmt}).")
        db = open_db(args)
        try:
            contrat_id = choose_contrat(db, args.contrat)
            bilan = _ecrire(db, contrat_id, chemin, fmt, args)
        finally:
            db.close()
    except (ExportInvalide, FichierExistant, CibleSpeciale) as exc:
        raise Sortie(getattr(exc, "message", None) or str(exc), EXIT_BAD_INPUT) from None
    except ExportImpossible as exc:
        raise Sortie(exc.message, EXIT_FAILURE) from None
    masquees = bilan.decisions_masquees
    if masquees:  # a reminder, not part of the document: on stderr
        print(
            f"({pluriel(masquees, 'décision confidentielle masquée', 'décisions confidentielles masquées')} ; "
            "--include-confidential pour les montrer)",
            file=sys.stderr,
        )
    return 0


def _ecrire(db: Any, contrat_id: int, chemin: Path | None, fmt: str, args: argparse.Namespace) -> Any:
    from suivi_tui.atomic import CibleSpeciale, FichierExistant
    from suivi_tui.services.bilan import lire_bilan
    from suivi_tui.services.export import decrire_echec
    from suivi_tui.services.export.bilan_fichier import ecrire_bilan, rendre_texte
    from suivi_tui.services.export.demande import ExportImpossible
    from suivi_tui.today import today

    if chemin is None:
        bilan = lire_bilan(db, contrat_id, today(), inclure_confidentiel=args.include_confidential)
        sys.stdout.write(rendre_texte(bilan, "md"))
        return bilan
    try:
        ecrit = ecrire_bilan(
            db, contrat_id, chemin, fmt, today(), force=args.force, inclure_confidentiel=args.include_confidential
        )
    except (FichierExistant, CibleSpeciale):
        raise  # a refusal of the request (exit 2), not a failed write
    except OSError as exc:
        raise ExportImpossible(decrire_echec(exc, chemin)) from exc
    print(f"Bilan écrit : {ecrit.chemin}")
    print(f"Contrat : {ecrit.bilan.titre} · {fmt} · {taille(ecrit.octets)}")
    return ecrit.bilan
